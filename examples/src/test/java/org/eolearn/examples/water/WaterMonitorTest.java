package org.eolearn.examples.water;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eolearn.core.BBox;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.WorkflowResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The water monitor on the synthetic demo reservoir recovers the known water-level curve. */
class WaterMonitorTest {

    @Test
    void recoversTheKnownWaterLevelCurve(@TempDir Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DemoReservoir demo = DemoReservoir.standard();
        BBox bbox = demo.bbox();
        // the io code path: Sentinel Hub configuration, OAuth2, download client, Catalog, Process API, TIFF/tar
        DemoSentinelHub hub = DemoSentinelHub.start(List.of(demo));
        org.eolearn.io.sentinelhub.client.DownloadClient client = org.eolearn.io.sentinelhub.client.DownloadClient
                .create(org.eolearn.io.sentinelhub.client.SHConfig.builder().clientId(DemoSentinelHub.CLIENT_ID)
                        .clientSecret(DemoSentinelHub.CLIENT_SECRET).shBaseUrl(hub.baseUrl())
                        .shTokenUrl(hub.tokenUrl()).build());
        WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.sentinelHubInput(
                org.eolearn.io.sentinelhub.SentinelHubContext.of(client), 20, false), 0.05, null,
                "Synthetic demo reservoir");
        Map<EONode, Map<String, Object>> args = new HashMap<>();
        args.put(built.nodes().input(), Map.of("bbox", bbox, "time_interval", List.of("2019-01-01", "2021-01-01")));
        args.put(built.nodes().outline(), Map.of("outline", demo.nominalOutline(), "crs", demo.crs()));
        int w = (int) Math.round(bbox.width() / 20);
        int h = (int) Math.round(bbox.height() / 20);
        double[] truthAll = demo.trueWaterLevels(bbox, w, h);
        Map<LocalDateTime, Double> truth = new HashMap<>();
        for (int i = 0; i < truthAll.length; i++) {
            truth.put(demo.timestamps().get(i), truthAll[i]);
        }
        args.put(built.nodes().outputs(), Map.of("folder", out.resolve("demo"), "truth", truth, "name", "demo"));
        WorkflowResults r;
        try (hub; client) {
            r = built.workflow().execute(args);
        }
        assertThat(r.workflowFailed()).as("%s", r.errorStats()).isFalse();
        EOPatch result = (EOPatch) r.outputs().get("final_eopatch");
        List<LocalDateTime> kept = result.timestamps();
        double[] level = NdArrays.toDoubles(result.getArray(FeatureType.SCALAR, "WATER_LEVEL"));
        double[] invalid = NdArrays.toDoubles(result.getArray(FeatureType.SCALAR, "COVERAGE"));
        assertThat(kept.size()).as("clear frames kept").isBetween(40, 120);
        for (double x : invalid) {
            assertThat(x).as("kept frames are under the 5 % invalid limit").isLessThan(0.05);
        }
        double mae = 0;
        double[] t = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            t[i] = truth.get(kept.get(i));
            mae += Math.abs(level[i] - t[i]);
        }
        mae /= kept.size();
        double corr = WaterMonitorRunner.correlation(level, t);
        for (int i = 0; i < kept.size(); i++) {
            if (Math.abs(level[i] - t[i]) > 0.02) {
                System.out.printf("  %s detected %.4f truth %.4f invalid %.4f threshold %.4f%n", kept.get(i),
                        level[i], t[i], invalid[i], NdArrays.toDoubles(result.getArray(FeatureType.SCALAR,
                        "OTSU_THRESHOLD"))[i]);
            }
        }
        System.out.printf("demo: %d of %d frames kept, MAE %.4f, correlation %.4f%n", kept.size(), truthAll.length,
                mae, corr);
        assertThat(mae).isLessThanOrEqualTo(0.05);
        assertThat(corr).isGreaterThanOrEqualTo(0.95);
        // outputs
        Path folder = out.resolve("demo");
        List<String> csv = Files.readAllLines(folder.resolve("water_level.csv"));
        assertThat(csv.get(0)).isEqualTo("date,water_level,valid_coverage,true_water_level");
        assertThat(csv).hasSize(kept.size() + 1);
        BufferedImage chart = ImageIO.read(folder.resolve("water_level.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(1000);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rgb_"))).hasSizeBetween(2,
                    3);
        }
        assertThat(EOPatch.load(folder.resolve("patch")).timestamps()).isEqualTo(kept);
    }

    @Test
    void sixteenReservoirsWithTwoWorkersOneBrokenOutlineFailsAlone(@TempDir Path out) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<DemoReservoir> demos = new java.util.ArrayList<>();
        List<Reservoir> reservoirs = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            DemoReservoir d = new DemoReservoir(100 + i, org.eolearn.core.CRS.utm(34, false), 300_000 + (i % 4) * 8_000,
                    6_200_000 + (i / 4) * 8_000, 700 + 40 * i, java.time.LocalDate.of(2019, 1, 1), 30, 20);
            demos.add(d);
            reservoirs.add(new Reservoir(String.format("reservoir-%02d", i + 1), d.nominalOutline(), d.crs()));
        }
        // reservoir 7's outline is a self-intersecting bow tie
        org.locationtech.jts.geom.Envelope e = reservoirs.get(6).outline().getEnvelopeInternal();
        org.locationtech.jts.geom.Geometry bowTie = new org.locationtech.jts.io.WKTReader().read(String.format(
                java.util.Locale.ROOT, "POLYGON ((%f %f, %f %f, %f %f, %f %f, %f %f))", e.getMinX(), e.getMinY(),
                e.getMaxX(), e.getMaxY(), e.getMaxX(), e.getMinY(), e.getMinX(), e.getMaxY(), e.getMinX(), e.getMinY()));
        reservoirs.set(6, new Reservoir("reservoir-07", bowTie, reservoirs.get(6).crs()));
        WaterMonitorRunner.Summary s;
        try (DemoSentinelHub hub = DemoSentinelHub.start(demos);
             org.eolearn.io.sentinelhub.client.DownloadClient client = org.eolearn.io.sentinelhub.client.DownloadClient
                     .create(org.eolearn.io.sentinelhub.client.SHConfig.builder().clientId(DemoSentinelHub.CLIENT_ID)
                             .clientSecret(DemoSentinelHub.CLIENT_SECRET).shBaseUrl(hub.baseUrl())
                             .shTokenUrl(hub.tokenUrl()).build())) {
            WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.sentinelHubInput(
                    org.eolearn.io.sentinelhub.SentinelHubContext.of(client), 60, false), 0.05, null,
                    "Synthetic demo reservoir");
            s = WaterMonitorRunner.run(built, reservoirs, java.time.LocalDate.of(2019, 1, 1),
                    java.time.LocalDate.of(2020, 8, 1), 60, 2, out, Map.of());
        }
        assertThat(s.outcomes()).hasSize(16);
        assertThat(s.outcomes().stream().filter(WaterMonitorRunner.Outcome::failed).map(o -> o.reservoir().name()))
                .containsExactly("reservoir-07");
        assertThat(s.outcomes().get(6).error()).contains("not a valid polygon");
        for (WaterMonitorRunner.Outcome o : s.outcomes()) {
            if (!o.failed()) {
                assertThat(out.resolve(o.reservoir().name()).resolve("water_level.csv")).exists();
                assertThat(out.resolve(o.reservoir().name()).resolve("patch")).isDirectory();
            }
        }
        assertThat(s.report()).exists();
        String index = Files.readString(s.index());
        assertThat(index).contains("reservoir-16", "failed: ", "not a valid polygon", "Executor report");
        assertThat(Files.readString(s.report())).contains("reservoir-07");
    }

    /** A one-split s2cloudless-shaped model (10 features): cloud where B02 > 0.3, as the demo's clouds are. */
    private static final String CLOUD_MODEL = String.join("\n", "tree", "version=v3", "num_class=1",
            "num_tree_per_iteration=1", "label_index=0", "max_feature_idx=9", "objective=binary sigmoid:1",
            "feature_names=B01 B02 B04 B05 B08 B8A B09 B10 B11 B12", "", "Tree=0", "num_leaves=2", "num_cat=0",
            "split_feature=1", "split_gain=1", "threshold=0.30000000000000004", "decision_type=2", "left_child=-1",
            "right_child=-2", "leaf_value=-2 2", "leaf_weight=1 1", "leaf_count=1 1", "internal_value=0",
            "internal_weight=0", "internal_count=2", "shrinkage=1", "", "", "end of trees", "");

    @Test
    void ownCloudDetectionOverThirteenBands(@TempDir Path out) throws Exception {
        System.setProperty("java.awt.headless", "true");
        DemoReservoir demo = DemoReservoir.standard();
        Reservoir reservoir = new Reservoir("own-clouds", demo.nominalOutline(), demo.crs());
        BBox bbox = reservoir.bbox(60);
        int w = (int) Math.round(bbox.width() / 60);
        int h = (int) Math.round(bbox.height() / 60);
        double[] levels = demo.trueWaterLevels(bbox, w, h);
        Map<LocalDateTime, Double> truth = new HashMap<>();
        for (int i = 0; i < levels.length; i++) {
            truth.put(demo.timestamps().get(i), levels[i]);
        }
        WaterMonitorRunner.Summary s;
        try (DemoSentinelHub hub = DemoSentinelHub.start(List.of(demo));
             org.eolearn.io.sentinelhub.client.DownloadClient client = org.eolearn.io.sentinelhub.client.DownloadClient
                     .create(org.eolearn.io.sentinelhub.client.SHConfig.builder().clientId(DemoSentinelHub.CLIENT_ID)
                             .clientSecret(DemoSentinelHub.CLIENT_SECRET).shBaseUrl(hub.baseUrl())
                             .shTokenUrl(hub.tokenUrl()).build())) {
            WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.sentinelHubInput(
                    org.eolearn.io.sentinelhub.SentinelHubContext.of(client), 60, true), 0.05,
                    org.eolearn.cloudless.lightgbm.LightGbmModel.parse(CLOUD_MODEL), "Synthetic demo reservoir");
            s = WaterMonitorRunner.run(built, List.of(reservoir), java.time.LocalDate.of(2019, 1, 1),
                    java.time.LocalDate.of(2020, 1, 1), 60, 1, out, Map.of(reservoir.name(), truth));
        }
        WaterMonitorRunner.Outcome o = s.outcomes().get(0);
        assertThat(o.failed()).as("%s", o.error()).isFalse();
        EOPatch p = EOPatch.load(out.resolve("own-clouds/patch"));
        assertThat(p.getArray(FeatureType.DATA, "BANDS").size(3)).as("all 13 bands").isEqualTo(13);
        assertThat(o.framesKept()).as("cloudy 2019 frames dropped").isBetween(20, 65);
        assertThat(o.meanAbsoluteError()).isLessThan(0.05);
        assertThat(o.correlation()).isGreaterThan(0.95);
    }
}
