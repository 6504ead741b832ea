package org.eolearn.examples.water;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.examples.cli.EOLearnCommand;
import org.eolearn.geometry.transformations.Reprojection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eolearn water-monitor --source stac}: the synthetic demo through the local STAC stand-in (against the
 * Sentinel Hub demo and the generator's truth), a STAC API given by URL, and the command line's errors.
 */
class WaterMonitorStacTest {

    private static final Pattern TRAFFIC = Pattern.compile("answered (\\d+) searches and (\\d+) range requests \\((\\d+) "
            + "whole-file downloads\\) for (\\d+) GeoTIFFs: ([0-9.]+) of their ([0-9.]+) MB read");

    @TempDir
    Path dir;

    /** The command's exit code, standard output and standard error. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = EOLearnCommand.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** One row of water_level.csv: the level and, for the demo, the true level (NaN otherwise). */
    private record Level(double level, double truth) {
    }

    private static Map<LocalDateTime, Level> levels(Path csv) throws IOException {
        Map<LocalDateTime, Level> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(LocalDateTime.parse(f[0]), new Level(Double.parseDouble(f[1]), f.length > 3
                    ? Double.parseDouble(f[3]) : Double.NaN));
        }
        return out;
    }

    @Test
    void demoThroughTheLocalStacStandInMatchesTheSentinelHubDemo() throws IOException {
        Run stac = run("water-monitor", "--demo", "--source", "stac", "--out", dir.resolve("stac").toString());
        assertThat(stac.exit()).as(stac.out() + stac.err()).isZero();
        assertThat(stac.out()).contains("SYNTHETIC DEMO DATA", "local STAC stand-in", "demo-reservoir", "ok", "MAE");
        Run sh = run("water-monitor", "--demo", "--out", dir.resolve("sh").toString());
        assertThat(sh.exit()).as(sh.out() + sh.err()).isZero();
        assertThat(sh.out()).contains("local Sentinel Hub stand-in").doesNotContain("STAC");

        Map<LocalDateTime, Level> fromStac = levels(dir.resolve("stac/demo-reservoir/water_level.csv"));
        Map<LocalDateTime, Level> fromHub = levels(dir.resolve("sh/demo-reservoir/water_level.csv"));
        // as the Sentinel Hub demo's test asserts: clear frames kept, the truth recovered
        assertThat(fromStac.size()).as("clear frames kept").isBetween(40, 120);
        double[] level = new double[fromStac.size()];
        double[] truth = new double[fromStac.size()];
        double mae = 0;
        int i = 0;
        for (Level l : fromStac.values()) {
            level[i] = l.level();
            truth[i] = l.truth();
            mae += Math.abs(l.level() - l.truth()) / fromStac.size();
            i++;
        }
        double corr = WaterMonitorRunner.correlation(level, truth);
        // and close to what the same workflow measures on the Sentinel Hub demo
        List<LocalDateTime> common = new ArrayList<>(fromStac.keySet());
        common.retainAll(fromHub.keySet());
        double maxDifference = 0;
        for (LocalDateTime t : common) {
            maxDifference = Math.max(maxDifference, Math.abs(fromStac.get(t).level() - fromHub.get(t).level()));
        }
        System.out.printf("STAC demo: %d frames kept (Sentinel Hub demo: %d, %d in common), MAE %.4f, correlation "
                + "%.4f, largest difference from the Sentinel Hub demo %.4f%n", fromStac.size(), fromHub.size(),
                common.size(), mae, corr, maxDifference);
        assertThat(mae).isLessThanOrEqualTo(0.05);
        assertThat(corr).isGreaterThanOrEqualTo(0.95);
        assertThat(common.size()).as("the same frames are kept").isGreaterThanOrEqualTo(
                (int) Math.ceil(0.95 * Math.max(fromStac.size(), fromHub.size())));
        assertThat(maxDifference).as("levels of the STAC and the Sentinel Hub demo").isLessThanOrEqualTo(0.01);

        // the GeoTIFFs were read by range requests, only in part, never downloaded whole
        Matcher m = TRAFFIC.matcher(stac.out());
        assertThat(m.find()).as(stac.out()).isTrue();
        long searches = Long.parseLong(m.group(1));
        long ranges = Long.parseLong(m.group(2));
        long whole = Long.parseLong(m.group(3));
        long files = Long.parseLong(m.group(4));
        double read = Double.parseDouble(m.group(5));
        double total = Double.parseDouble(m.group(6));
        assertThat(searches).isPositive();
        assertThat(files % 5).as("the 5 assets of every item read").isZero();
        assertThat(files / 5).as("items read: every kept frame, and those dropped for clouds").isBetween(
                (long) fromStac.size(), (long) DemoReservoir.standard().timestamps().size());
        assertThat(whole).as("whole-file downloads").isZero();
        assertThat(ranges).as("range requests: the header, the directory and the strips").isGreaterThanOrEqualTo(
                2 * files);
        assertThat(read).as("MB read of the files' MB").isLessThan(total);
        assertThat(dir.resolve("stac/index.html")).exists();
        assertThat(Files.readString(dir.resolve("stac/index.html"))).contains("Synthetic demo data");
    }

    @Test
    void aStacApiGivenByUrlIsReadThroughTheCatalogueCodePath() throws Exception {
        DemoReservoir demo = DemoReservoir.standard();
        String wkt = Reprojection.between(demo.crs(), CRS.WGS84).apply(demo.nominalOutline()).toText();
        Run r;
        DemoStac.Traffic traffic;
        try (DemoStac catalogue = DemoStac.start(List.of(demo))) {
            r = run("water-monitor", "--source", "stac", "--outline", wkt, "--catalogue", catalogue.root().toString(),
                    "--name", "from-url", "--from", "2019-01-01", "--to", "2019-03-01", "--resolution", "60", "--out",
                    dir.resolve("url").toString());
            traffic = catalogue.traffic();
        }
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("from-url", "ok").doesNotContain("SYNTHETIC DEMO DATA");
        assertThat(traffic.searches()).isPositive();
        assertThat(traffic.wholeFileRequests()).isZero();
        assertThat(traffic.rangeRequests()).isGreaterThanOrEqualTo(2L * traffic.filesRead());
        Map<LocalDateTime, Level> got = levels(dir.resolve("url/from-url/water_level.csv"));
        assertThat(got.size()).as("clear frames of January and February 2019").isBetween(4, 12);
        BBox bbox = new Reservoir("truth", demo.nominalOutline(), demo.crs()).bbox(60);
        int w = (int) Math.round(bbox.width() / 60);
        int h = (int) Math.round(bbox.height() / 60);
        for (Map.Entry<LocalDateTime, Level> e : got.entrySet()) {
            double truth = demo.trueWaterLevel(demo.timestamps().indexOf(e.getKey()), bbox, w, h);
            assertThat(e.getValue().level()).as("level on %s", e.getKey()).isCloseTo(truth,
                    org.assertj.core.api.Assertions.within(0.02));
        }
    }

    private static String oneLineError(Run r) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("null");
        assertThat(r.out()).as("nothing announced before the error").isEmpty();
        return r.err().strip();
    }

    @Test
    void badSourceAndStacWithoutAnOutlineAreOneLineErrors() {
        assertThat(oneLineError(run("water-monitor", "--source", "landsat")))
                .isEqualTo("error: --source must be sentinel-hub or stac, got 'landsat'");
        assertThat(oneLineError(run("water-monitor", "--source", "stac")))
                .isEqualTo("error: --source stac needs the reservoirs: give --outline (WKT or a file) or --reservoirs "
                        + "(GeoJSON), or --demo for the synthetic demo");
        assertThat(oneLineError(run("water-monitor", "--source", "stac", "--outline", "POLYGON ((0 0, 1 0, 1 1, 0 0))",
                "--catalogue", "nowhere"))).isEqualTo("error: --catalogue: catalogue must be earth-search, "
                + "planetary-computer, cdse or a URL, got 'nowhere'");
        assertThat(oneLineError(run("water-monitor", "--catalogue", "earth-search", "--demo")))
                .isEqualTo("error: --catalogue chooses a STAC catalogue: give it with --source stac");
        assertThat(oneLineError(run("water-monitor", "--source", "stac", "--demo", "--outline",
                "POLYGON ((0 0, 1 0, 1 1, 0 0))"))).contains("--demo runs its own reservoir");
        assertThat(oneLineError(run("water-monitor", "--source", "stac", "--demo", "--cloud-model", "model.txt")))
                .contains("--cloud-model", "--source sentinel-hub");
    }
}
