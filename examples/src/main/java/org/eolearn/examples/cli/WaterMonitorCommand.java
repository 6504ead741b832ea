package org.eolearn.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.CRS;
import org.eolearn.examples.water.DemoReservoir;
import org.eolearn.examples.water.DemoSentinelHub;
import org.eolearn.examples.water.DemoStac;
import org.eolearn.examples.water.Reservoir;
import org.eolearn.examples.water.WaterMonitor;
import org.eolearn.examples.water.WaterMonitorRunner;
import org.eolearn.io.geo.GeoUtils;
import org.eolearn.io.sentinelhub.SentinelHubContext;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.SHConfig;
import org.eolearn.io.stac.Catalogue;
import org.eolearn.io.stac.StacClient;
import org.eolearn.io.stac.StacTasks;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eolearn water-monitor}: water levels of reservoirs from Sentinel-2 (through Sentinel Hub, or with
 * {@code --source stac} from a STAC catalogue), or of the built-in demo area.
 */
@Command(name = "water-monitor", mixinStandardHelpOptions = true, description = {
    "Water-level monitoring of reservoirs (eo-learn's water-monitor example): Sentinel-2 L1C bands, NDWI, the "
        + "nominal outline, valid data (IS_DATA and not CLM), frames over the invalid limit dropped, Otsu water "
        + "detection, and per reservoir a patch, a CSV, a chart and shoreline images, linked from index.html.",
    "With no Sentinel Hub credentials configured (or with --demo) it runs on the built-in demo area: a synthetic "
        + "reservoir served by a local server that speaks the Sentinel Hub protocol.",
    "With --source stac it reads open Sentinel-2 L2A data from a STAC catalogue instead (Earth Search by default; "
        + "no account needed, CLM from the scene classification); --demo --source stac serves the synthetic demo "
        + "through a local STAC stand-in."})
final class WaterMonitorCommand implements Callable<Integer> {

    @Option(names = "--demo", description = "Run on the built-in synthetic demo area.")
    boolean demo;

    @Option(names = "--source", paramLabel = "sentinel-hub|stac",
            description = "Where the images come from: sentinel-hub (the default: Sentinel-2 L1C, needs Sentinel Hub "
                    + "credentials) or stac (open Sentinel-2 L2A from a STAC catalogue, no account).")
    String source;

    @Option(names = "--catalogue", paramLabel = "NAME|URL",
            description = "With --source stac: earth-search (the default), planetary-computer, cdse (needs CDSE "
                    + "credentials) or the URL of a STAC API.")
    String catalogue;

    @Option(names = "--outline", paramLabel = "WKT|FILE",
            description = "The nominal outline of one reservoir: WGS84 WKT, or a .wkt or .geojson file.")
    String outline;

    @Option(names = "--name", defaultValue = "reservoir", description = "The reservoir's name (default: "
            + "${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--reservoirs", paramLabel = "GEOJSON",
            description = "Many reservoirs: a GeoJSON FeatureCollection of WGS84 outlines, named by a 'name' property.")
    Path reservoirs;

    @Option(names = "--from", description = "First date (default: 2017-01-01; the demo: 2019-01-01).")
    LocalDate from;

    @Option(names = "--to", description = "End date, excluded (default: 2020-06-01; the demo: 2021-01-01).")
    LocalDate to;

    @Option(names = "--resolution", defaultValue = "20", description = "Pixel size in metres (default: "
            + "${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--max-invalid", defaultValue = "0.05",
            description = "Drop frames whose invalid (no data or cloud) fraction is this or more (default: "
                    + "${DEFAULT-VALUE}, eo-learn's).")
    double maxInvalid;

    @Option(names = "--cloud-model", paramLabel = "FILE",
            description = "Detect clouds with this library's s2cloudless detector and this model file instead of "
                    + "Sentinel Hub's CLM (downloads all 13 bands).")
    Path cloudModel;

    @Option(names = "--workers", defaultValue = "2", description = "Reservoirs processed at a time (default: "
            + "${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--out", defaultValue = "water-monitor-output", description = "Output folder (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (stacSource()) {
            return callStac();
        }
        if (catalogue != null) {
            throw new IllegalArgumentException("--catalogue chooses a STAC catalogue: give it with --source stac");
        }
        SHConfig config = SHConfig.load();
        boolean useDemo = demo || !config.hasCredentials();
        if (useDemo && (outline != null || reservoirs != null)) {
            throw new IllegalArgumentException(demo ? "--demo runs its own reservoir: leave out --outline and "
                    + "--reservoirs" : "--outline and --reservoirs download from Sentinel Hub, and no credentials "
                    + "are configured (set SH_CLIENT_ID and SH_CLIENT_SECRET, or sentinelhub's config.toml); "
                    + "--demo runs the built-in demo reservoir");
        }
        if (useDemo && !demo) {
            System.out.println("No Sentinel Hub credentials are configured (SH_CLIENT_ID/SH_CLIENT_SECRET or "
                    + "sentinelhub's config.toml): running the built-in demo area.");
        }
        LightGbmModel model = cloudModel == null ? null : LightGbmModel.read(cloudModel);
        long start = System.nanoTime();
        WaterMonitorRunner.Summary summary;
        if (useDemo) {
            summary = runDemo(model, false);
        } else {
            List<Reservoir> list = reservoirs != null ? readCollection(reservoirs) : List.of(readOutline(outline, name));
            try (DownloadClient client = DownloadClient.create(config)) {
                WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.sentinelHubInput(
                        SentinelHubContext.of(client), resolution, model != null), maxInvalid, model, "Water level");
                summary = WaterMonitorRunner.run(built, list, from != null ? from : LocalDate.of(2017, 1, 1),
                        to != null ? to : LocalDate.of(2020, 6, 1), resolution, workers, out, Map.of());
            }
        }
        print(summary, (System.nanoTime() - start) / 1e9, useDemo);
        return summary.outcomes().stream().anyMatch(WaterMonitorRunner.Outcome::failed) ? 3 : 0;
    }

    /** Whether {@code --source} is {@code stac}; checks its value. */
    private boolean stacSource() {
        if (source == null || source.equals("sentinel-hub")) {
            return false;
        }
        if (source.equals("stac")) {
            return true;
        }
        throw new IllegalArgumentException("--source must be sentinel-hub or stac, got '" + source + "'");
    }

    /** {@code --source stac}: a STAC catalogue (or, with {@code --demo}, the local STAC stand-in). */
    private Integer callStac() throws IOException, ParseException {
        if (cloudModel != null) {
            throw new IllegalArgumentException("--cloud-model needs all 13 Sentinel-2 L1C bands, and Level-2A from "
                    + "STAC has no B10: use it with --source sentinel-hub");
        }
        Catalogue cat = null;
        if (demo) {
            if (outline != null || reservoirs != null) {
                throw new IllegalArgumentException("--demo runs its own reservoir: leave out --outline and "
                        + "--reservoirs");
            }
            if (catalogue != null) {
                throw new IllegalArgumentException("--demo serves its own local STAC catalogue: leave out "
                        + "--catalogue");
            }
        } else {
            if (outline == null && reservoirs == null) {
                throw new IllegalArgumentException("--source stac needs the reservoirs: give --outline (WKT or a "
                        + "file) or --reservoirs (GeoJSON), or --demo for the synthetic demo");
            }
            cat = stacCatalogue(catalogue == null ? "earth-search" : catalogue);
        }
        long start = System.nanoTime();
        WaterMonitorRunner.Summary summary;
        if (demo) {
            summary = runDemo(null, true);
        } else {
            List<Reservoir> list = reservoirs != null ? readCollection(reservoirs) : List.of(readOutline(outline, name));
            try (DownloadClient http = DownloadClient.create(SHConfig.load())) {
                WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.stacInput(StacClient.of(cat, http),
                        resolution), maxInvalid, null, "Water level");
                summary = WaterMonitorRunner.run(built, list, from != null ? from : LocalDate.of(2017, 1, 1),
                        to != null ? to : LocalDate.of(2020, 6, 1), resolution, workers, out, Map.of());
            }
        }
        print(summary, (System.nanoTime() - start) / 1e9, demo);
        return summary.outcomes().stream().anyMatch(WaterMonitorRunner.Outcome::failed) ? 3 : 0;
    }

    /** A preset by name, or a catalogue by URL (a preset's own URL is that preset, with its asset keys). */
    static Catalogue stacCatalogue(String nameOrUrl) {
        Catalogue c;
        try {
            c = StacTasks.catalogue(nameOrUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--catalogue: " + e.getMessage(), e);
        }
        for (Catalogue preset : List.of(Catalogue.EARTH_SEARCH, Catalogue.PLANETARY_COMPUTER, Catalogue.CDSE)) {
            if (preset.root().equals(c.root())) {
                return preset;
            }
        }
        return c;
    }

    private WaterMonitorRunner.Summary runDemo(LightGbmModel model, boolean stac) throws IOException {
        System.out.println("*** SYNTHETIC DEMO DATA: a generated reservoir, not a real place; the scenes are served by "
                + (stac ? "a local STAC stand-in (Sentinel-2 L2A-like GeoTIFFs read by HTTP range requests)"
                : "a local Sentinel Hub stand-in") + " ***");
        DemoReservoir area = DemoReservoir.standard();
        LocalDate first = from != null ? from : LocalDate.of(2019, 1, 1);
        LocalDate end = to != null ? to : LocalDate.of(2021, 1, 1);
        Reservoir reservoir = new Reservoir("demo-reservoir", area.nominalOutline(), area.crs());
        org.eolearn.core.BBox bbox = reservoir.bbox(resolution);
        int w = (int) Math.round(bbox.width() / resolution);
        int h = (int) Math.round(bbox.height() / resolution);
        Map<LocalDateTime, Double> truth = new HashMap<>();
        double[] levels = area.trueWaterLevels(bbox, w, h);
        for (int i = 0; i < levels.length; i++) {
            truth.put(area.timestamps().get(i), levels[i]);
        }
        if (stac) {
            try (DemoStac stand = DemoStac.start(List.of(area));
                 DownloadClient http = DownloadClient.create(SHConfig.builder().build())) {
                // the demo's items are laid out as Earth Search's: its preset, moved to the local server
                StacClient client = StacClient.of(Catalogue.EARTH_SEARCH.at(stand.root()), http);
                WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.stacInput(client, resolution),
                        maxInvalid, null, "Synthetic demo reservoir");
                WaterMonitorRunner.Summary summary = WaterMonitorRunner.run(built, List.of(reservoir), first, end,
                        resolution, workers, out, Map.of(reservoir.name(), truth));
                DemoStac.Traffic t = stand.traffic();
                System.out.printf(Locale.ROOT, "The local STAC stand-in answered %d searches and %d range requests "
                        + "(%d whole-file downloads) for %d GeoTIFFs: %.1f of their %.1f MB read.%n", t.searches(),
                        t.rangeRequests(), t.wholeFileRequests(), t.filesRead(), t.bytesServed() / 1e6,
                        t.bytesOfFilesRead() / 1e6);
                return summary;
            }
        }
        try (DemoSentinelHub hub = DemoSentinelHub.start(List.of(area));
             DownloadClient client = DownloadClient.create(SHConfig.builder().clientId(DemoSentinelHub.CLIENT_ID)
                     .clientSecret(DemoSentinelHub.CLIENT_SECRET).shBaseUrl(hub.baseUrl()).shTokenUrl(hub.tokenUrl())
                     .build())) {
            WaterMonitor.Built built = WaterMonitor.workflow(WaterMonitor.sentinelHubInput(
                    SentinelHubContext.of(client), resolution, model != null), maxInvalid, model,
                    "Synthetic demo reservoir");
            return WaterMonitorRunner.run(built, List.of(reservoir), first, end, resolution, workers, out,
                    Map.of(reservoir.name(), truth));
        }
    }

    /** One outline: WKT text, a .wkt file or a GeoJSON file, in WGS84, moved to its UTM zone. */
    static Reservoir readOutline(String text, String name) throws IOException, ParseException {
        if (text == null) {
            throw new IllegalArgumentException("give --outline (WKT or a file), --reservoirs or --demo");
        }
        Path file = Path.of(text);
        Geometry g;
        if (Files.isRegularFile(file)) {
            String content = Files.readString(file);
            g = content.trim().startsWith("{") ? geoJsonGeometry(content) : new WKTReader().read(content);
        } else {
            g = new WKTReader().read(text);
        }
        return toUtm(name, g);
    }

    private static Geometry geoJsonGeometry(String content) throws IOException, ParseException {
        JsonNode n = new ObjectMapper().readTree(content);
        if ("FeatureCollection".equals(n.path("type").asText())) {
            n = n.path("features").path(0);
        }
        if ("Feature".equals(n.path("type").asText())) {
            n = n.path("geometry");
        }
        return new GeoJsonReader().read(n.toString());
    }

    /** A GeoJSON FeatureCollection of outlines. */
    static List<Reservoir> readCollection(Path file) throws IOException {
        JsonNode fc = new ObjectMapper().readTree(file.toFile());
        if (!"FeatureCollection".equals(fc.path("type").asText())) {
            throw new IllegalArgumentException(file + " is not a GeoJSON FeatureCollection");
        }
        List<Reservoir> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : fc.path("features")) {
            i++;
            String n = f.path("properties").path("name").asText("reservoir-" + i).replaceAll("[^\\p{L}\\p{N}_. -]",
                    "_");
            Geometry g;
            try {
                g = new GeoJsonReader().read(f.path("geometry").toString());
            } catch (ParseException e) {
                throw new IllegalArgumentException("feature " + i + " (" + n + ") of " + file + " has no valid "
                        + "geometry: " + e.getMessage(), e);
            }
            out.add(toUtm(n, g));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no reservoir");
        }
        return out;
    }

    private static Reservoir toUtm(String name, Geometry wgs84) {
        Point c = wgs84.getEnvelope().getCentroid();
        CRS utm = GeoUtils.utmCrs(c.getX(), c.getY());
        return new Reservoir(name, GeoUtils.transform(wgs84, CRS.WGS84, utm), utm);
    }

    private void print(WaterMonitorRunner.Summary s, double seconds, boolean useDemo) {
        System.out.printf(Locale.ROOT, "%-20s %-8s %7s %17s %s%n", "reservoir", "status", "frames", "water level",
                useDemo ? "vs synthetic truth" : "");
        for (WaterMonitorRunner.Outcome o : s.outcomes()) {
            if (o.failed()) {
                System.out.printf(Locale.ROOT, "%-20s %-8s %s%n", o.reservoir().name(), "FAILED", o.error());
            } else {
                System.out.printf(Locale.ROOT, "%-20s %-8s %7d %8.3f - %6.3f %s%n", o.reservoir().name(), "ok",
                        o.framesKept(), o.minLevel(), o.maxLevel(), Double.isNaN(o.meanAbsoluteError()) ? ""
                                : String.format(Locale.ROOT, "MAE %.4f, correlation %.4f", o.meanAbsoluteError(),
                                o.correlation()));
            }
        }
        System.out.printf(Locale.ROOT, "%.1f s. Outputs: %s (report: %s)%n", seconds, s.index().toAbsolutePath(),
                s.report().toAbsolutePath());
    }
}
