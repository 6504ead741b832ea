package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.SharedData;
import org.eolearn.io.raster.Crs;
import org.eolearn.io.raster.GdalTools;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link StacInputTask} end to end against an in-process STAC API serving COGs made from the shared Sentinel-2
 * fixtures (by {@code gdal_translate -of COG}), compared pixel for pixel with {@code gdalwarp} reading the same
 * server through {@code /vsicurl/}; faults (429, 503, truncated parts, missing assets) on demand.
 */
class StacInputTaskTest {

    @TempDir
    static Path tmp;

    static StacTestServer server;
    static final Map<String, byte[]> FILES = new LinkedHashMap<>();
    static final Map<String, AtomicInteger> TRUNCATE = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> SLOW = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> UNAVAILABLE = new java.util.concurrent.ConcurrentHashMap<>();

    static final BBox BOX = new BBox(416000, 4990000, 420000, 4992000, CRS.utm(33, true));
    static final LocalDateTime[] JUNE = {LocalDateTime.parse("2024-06-01T00:00:00"),
        LocalDateTime.parse("2024-06-30T23:59:59")};

    @BeforeAll
    static void serve() throws Exception {
        Path fixtures = SharedData.resolve("data/fixtures/sentinelhub-py-tests");
        String b04 = fixtures.resolve("img-16bit.jp2").toString();
        String b08 = fixtures.resolve("img-15bit.jp2").toString();
        String scl = fixtures.resolve("img-8bit.jp2").toString();
        // tiles a and b: two neighbours of one pass in UTM 33N; tile c: another date in UTM 34N over the box
        double[] c = {418000, 4991000};
        Crs.apply(Crs.transform(Crs.toSis(CRS.utm(33, true)), Crs.toSis(CRS.utm(34, true))), c);
        double cx = Math.floor(c[0] / 10) * 10 - 9150;
        double cy = Math.floor(c[1] / 10) * 10 + 9150;
        Object[][] tiles = {{"a", 32633, 399960.0, 5000040.0}, {"b", 32633, 418260.0, 5000040.0},
            {"c", 32634, cx, cy}};
        for (Object[] t : tiles) {
            String id = (String) t[0];
            String srs = "EPSG:" + t[1];
            double x = (double) t[2];
            double y = (double) t[3];
            String[] ullr = {Double.toString(x), Double.toString(y), Double.toString(x + 18300),
                Double.toString(y - 18300)};
            cog(b04, id + "_B04.tif", srs, ullr, "-a_nodata", "0");
            cog(b08, id + "_B08.tif", srs, ullr, "-a_nodata", "0", "-ot", "UInt16");
            cog(scl, id + "_SCL.tif", srs, ullr, "-a_nodata", "0", "-b", "1", "-outsize", "915", "915", "-r",
                    "nearest", "-scale", "0", "255", "0", "11", "-ot", "Byte");
        }
        // a plain stripped GeoTIFF (not a COG) written by the project's writer
        GeoRaster stripped = GeoTiff.read(tmp.resolve("a_B08.tif"));
        GeoTiff.write(stripped, tmp.resolve("a_B08_strips.tif"), GeoTiff.Compression.DEFLATE);
        for (String name : List.of("a_B04.tif", "a_B08.tif", "a_SCL.tif", "b_B04.tif", "b_B08.tif", "b_SCL.tif",
                "c_B04.tif", "c_B08.tif", "c_SCL.tif", "a_B08_strips.tif")) {
            FILES.put(name, Files.readAllBytes(tmp.resolve(name)));
        }
        server = new StacTestServer();
        server.landing(List.of("GET", "POST"), StacTestServer.CORE, StacTestServer.QUERY)
                .conformance(StacTestServer.CORE, StacTestServer.QUERY);
        for (String name : FILES.keySet()) {
            String path = "/data/" + name;
            server.handle(path, r -> {
                String range = r.getHeaders().get("Range");
                AtomicInteger u = UNAVAILABLE.get(name);
                if (u != null && u.getAndDecrement() > 0) {
                    return StacTestServer.json(503, "{\"code\":\"Unavailable\",\"description\":\"try later\"}");
                }
                AtomicInteger slow = SLOW.get(name);
                if (slow != null && slow.getAndDecrement() > 0) {
                    return new MockResponse.Builder(StacTestServer.range(FILES.get(name), range, r.getMethod()))
                            .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).build();
                }
                AtomicInteger t = TRUNCATE.get(name);
                if (range != null && t != null && t.getAndDecrement() > 0) {
                    return StacTestServer.truncated(FILES.get(name), range);
                }
                return StacTestServer.range(FILES.get(name), range, r.getMethod());
            });
        }
        server.handle("/v1/search", r -> StacTestServer.geoJson(search(StacTestServer.body(r))));
    }

    static void cog(String src, String name, String srs, String[] ullr, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q", "-of", "COG", "-a_srs", srs, "-a_ullr",
                ullr[0], ullr[1], ullr[2], ullr[3], "-co", "BLOCKSIZE=256", "-co", "COMPRESS=DEFLATE", "-co",
                "OVERVIEW_RESAMPLING=NEAREST"));
        cmd.addAll(List.of(extra));
        cmd.add(src);
        cmd.add(tmp.resolve(name).toString());
        GdalTools.run(Map.of(), cmd.toArray(new String[0]));
    }

    /** The catalogue's items; {@code nir} of item {@code c} missing when {@link #dropNir} is set. */
    static volatile boolean dropNir;
    static volatile String nirFile = "a_B08.tif";

    static List<String[]> items() {
        // id, tile, datetime, cloud cover, epsg
        return List.of(new String[] {"S2A_a_20240601", "a", "2024-06-01T10:00:00Z", "10", "32633"},
                new String[] {"S2A_b_20240601", "b", "2024-06-01T10:00:05Z", "20", "32633"},
                new String[] {"S2B_c_20240606", "c", "2024-06-06T10:10:00.250Z", "30", "32634"},
                new String[] {"S2B_a_20240611", "a", "2024-06-11T10:00:00Z", "90", "32633"});
    }

    static String itemJson(String[] i) {
        String base = server.url("/data/").toString();
        String nir = i[1].equals("a") ? nirFile : i[1] + "_B08.tif";
        String bands = ",\"raster:bands\":[{\"nodata\":0,\"data_type\":\"uint16\",\"scale\":0.0001,\"offset\":-0.1}]";
        return "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"" + i[0] + "\",\"collection\":"
                + "\"sentinel-2-l2a\",\"bbox\":[13.0,44.8,15.0,45.3],\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[13,44.8],[15,44.8],[15,45.3],[13,45.3],[13,44.8]]]},\"properties\":{"
                + "\"datetime\":\"" + i[2] + "\",\"eo:cloud_cover\":" + i[3] + ",\"proj:epsg\":" + i[4]
                + ",\"s2:processing_baseline\":\"05.10\"},\"assets\":{"
                + "\"red\":{\"href\":\"" + base + i[1] + "_B04.tif\",\"type\":\"image/tiff; application=geotiff; "
                + "profile=cloud-optimized\",\"roles\":[\"data\"],\"eo:bands\":[{\"name\":\"B04\",\"common_name\":"
                + "\"red\"}]" + bands + "},"
                + (dropNir && i[1].equals("c") ? "" : "\"nir\":{\"href\":\"" + base + nir + "\",\"type\":"
                + "\"image/tiff\",\"roles\":[\"data\"]" + bands + "},")
                + "\"scl\":{\"href\":\"" + base + i[1] + "_SCL.tif\",\"type\":\"image/tiff\",\"roles\":[\"data\"]}"
                + "},\"links\":[]}";
    }

    /** The search: by datetime and the query extension's cloud cover. */
    static String search(JsonNode body) {
        String[] dt = body.path("datetime").asText("../..").split("/");
        Instant from = dt[0].equals("..") ? Instant.MIN : Instant.parse(dt[0]);
        Instant to = dt[1].equals("..") ? Instant.MAX : Instant.parse(dt[1]);
        double lte = body.path("query").path("eo:cloud_cover").path("lte").asDouble(100);
        List<String> out = new ArrayList<>();
        for (String[] i : items()) {
            Instant t = Instant.parse(i[2]);
            if (!t.isBefore(from) && !t.isAfter(to) && Double.parseDouble(i[3]) <= lte) {
                out.add(itemJson(i));
            }
        }
        return StacTestServer.page(out, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StacInputTask.Builder task(DownloadClient http) {
        return StacInputTask.builder(StacClient.of(Catalogue.EARTH_SEARCH.at(server.root()), http))
                .bands(List.of("B04", "nir")).resolution(20).maxcc(0.5);
    }

    static Map<String, String> vsicurl() {
        return Map.of("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", "CPL_VSIL_CURL_USE_HEAD", "NO", "NO_PROXY", "*",
                "no_proxy", "*", "GDAL_HTTP_MAX_RETRY", "0");
    }

    /** Requests and range bytes gdalwarp made for the files, summed over {@link #gdal} calls. */
    static final long[] gdalCost = new long[2];

    /** Range requests to /data/ since the last clear, and their bytes. */
    static long[] dataRequests() {
        long n = 0;
        long bytes = 0;
        for (mockwebserver3.RecordedRequest r : server.requests()) {
            String path = r.getUrl().encodedPath();
            if (!path.startsWith("/data/")) {
                continue;
            }
            n++;
            String range = r.getHeaders().get("Range");
            byte[] file = FILES.get(path.substring("/data/".length()));
            if (range != null && file != null) {
                String[] ab = range.substring("bytes=".length()).split("-");
                long a = Long.parseLong(ab[0]);
                long b = ab.length < 2 || ab[1].isEmpty() ? file.length - 1 : Math.min(file.length - 1,
                        Long.parseLong(ab[1]));
                bytes += Math.max(0, b - a + 1);
            }
        }
        return new long[] {n, bytes};
    }

    /** gdalwarp of the given files (the last one on top) over /vsicurl/ onto the patch grid. */
    static GeoRaster gdal(String out, String resampling, int w, int h, String... files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:32633", "-te",
                Double.toString(BOX.minX()), Double.toString(BOX.minY()), Double.toString(BOX.maxX()),
                Double.toString(BOX.maxY()), "-ts", Integer.toString(w), Integer.toString(h), "-r", resampling));
        for (String f : files) {
            cmd.add("/vsicurl/" + server.url("/data/" + f));
        }
        cmd.add(tmp.resolve(out).toString());
        server.clearRequests();
        GdalTools.run(vsicurl(), cmd.toArray(new String[0]));
        long[] cost = dataRequests();
        gdalCost[0] += cost[0];
        gdalCost[1] += cost[1];
        return GeoTiff.read(tmp.resolve(out));
    }

    static double[] plane(INDArray a, int t, int band) {
        long[] s = a.shape();
        double[] all = NdArrays.toDoubles(a);
        int h = (int) s[1];
        int w = (int) s[2];
        int n = (int) s[3];
        double[] out = new double[h * w];
        for (int p = 0; p < h * w; p++) {
            out[p] = all[(t * h * w + p) * n + band];
        }
        return out;
    }

    static double[] plane(GeoRaster r) {
        double[] out = new double[r.height() * r.width()];
        for (int p = 0; p < out.length; p++) {
            out[p] = r.sample(p);
        }
        return out;
    }

    @Test
    void patchEqualsGdalwarpOverVsicurl() throws Exception {
        try (DownloadClient http = server.client()) {
            StacInputTask input = task(http).bandsDtype(DType.UINT16).additionalData(List.of(
                    Feature.of(FeatureType.MASK, "dataMask"), Feature.of(FeatureType.MASK, "SCL"),
                    Feature.of(FeatureType.MASK, "CLM"))).build();
            server.clearRequests();
            EOPatch patch = input.execute(null, BOX, JUNE);
            long[] ours = dataRequests();
            gdalCost[0] = 0;
            gdalCost[1] = 0;
            // the pass of a and b is one timestamp (the first item's); the 90 % cloudy item is left out
            assertThat(patch.timestamps()).containsExactly(LocalDateTime.parse("2024-06-01T10:00:00"),
                    LocalDateTime.parse("2024-06-06T10:10:00"));
            INDArray bands = (INDArray) patch.get(Feature.of(FeatureType.DATA, "BANDS"));
            assertThat(bands.shape()).containsExactly(2, 100, 200, 2);
            assertThat(DType.of(bands)).isEqualTo(DType.UINT16);
            String[][] files = {{"b_B04.tif", "a_B04.tif"}, {"b_B08.tif", "a_B08.tif"}};
            for (int b = 0; b < 2; b++) {
                assertThat(plane(bands, 0, b)).as("band " + b + ", the mosaic of a and b")
                        .containsExactly(plane(gdal("t0b" + b + ".tif", "near", 200, 100, files[b])));
            }
            assertThat(plane(bands, 1, 0)).as("B04 of the UTM 34N item")
                    .containsExactly(plane(gdal("t1.tif", "near", 200, 100, "c_B04.tif")));
            INDArray scl = (INDArray) patch.get(Feature.of(FeatureType.MASK, "SCL"));
            double[] gdalScl = plane(gdal("scl.tif", "near", 200, 100, "b_SCL.tif", "a_SCL.tif"));
            assertThat(plane(scl, 0, 0)).containsExactly(gdalScl);
            double[] clm = plane((INDArray) patch.get(Feature.of(FeatureType.MASK, "CLM")), 0, 0);
            double[] mask = plane((INDArray) patch.get(Feature.of(FeatureType.MASK, "dataMask")), 0, 0);
            double[] b04 = plane(bands, 0, 0);
            double[] b08 = plane(bands, 0, 1);
            int clouds = 0;
            int invalid = 0;
            for (int p = 0; p < clm.length; p++) {
                int cls = (int) gdalScl[p];
                assertThat(clm[p]).isEqualTo(cls == 8 || cls == 9 || cls == 10 ? 1.0 : 0.0);
                assertThat(mask[p]).isEqualTo(b04[p] != 0 && b08[p] != 0 && cls != 0 ? 1.0 : 0.0);
                clouds += (int) clm[p];
                invalid += mask[p] == 0 ? 1 : 0;
            }
            // the same assets through gdalwarp: the bands and SCL of both dates
            gdal("cost2.tif", "near", 200, 100, "c_B08.tif");
            gdal("cost3.tif", "near", 200, 100, "c_SCL.tif");
            long[] theirs = gdalCost.clone();
            System.out.printf(java.util.Locale.ROOT, "STAC patch 200x100 px at 20 m, 3 items x 3 assets: eolearn %d "
                    + "range requests %d bytes; gdalwarp /vsicurl/ %d requests %d bytes%n", ours[0], ours[1],
                    theirs[0], theirs[1]);
            assertThat(ours[0]).isLessThanOrEqualTo(theirs[0]);
            assertThat(clouds).as("cloudy pixels").isPositive();
            assertThat(invalid).as("pixels without data (SCL 0)").isPositive();
        }
    }

    @Test
    void reflectancesApplyScaleAndOffsetAndBilinearMatchesGdal() throws Exception {
        try (DownloadClient http = server.client()) {
            EOPatch raw = task(http).bandsDtype(DType.UINT16).resampling(org.eolearn.io.raster.GridWarp.Resampling
                    .BILINEAR).resolution(10).build().execute(null, BOX, JUNE);
            EOPatch refl = task(http).resampling(org.eolearn.io.raster.GridWarp.Resampling.BILINEAR).resolution(10)
                    .build().execute(null, BOX, JUNE);
            INDArray r = (INDArray) raw.get(Feature.of(FeatureType.DATA, "BANDS"));
            INDArray f = (INDArray) refl.get(Feature.of(FeatureType.DATA, "BANDS"));
            assertThat(DType.of(f)).isEqualTo(DType.FLOAT32);
            double[] rv = NdArrays.toDoubles(r);
            double[] fv = NdArrays.toDoubles(f);
            for (int i = 0; i < rv.length; i++) {
                double expected = rv[i] == 0 ? 0 : (float) (rv[i] * 1e-4 - 0.1);
                assertThat(fv[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            // at the native 10 m GDAL's bilinear uses four samples: every pixel agrees
            assertThat(plane(r, 1, 0)).containsExactly(plane(gdal("bil.tif", "bilinear", 400, 200, "c_B04.tif")));
        }
    }

    @Test
    void retriesRateLimitsUnavailableServersAndTruncatedParts() throws Exception {
        EOPatch clean;
        try (DownloadClient http = server.client()) {
            clean = task(http).build().execute(null, BOX, JUNE);
        }
        server.enqueue("/v1/search", new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
                .body("{}").build());
        UNAVAILABLE.put("a_B04.tif", new AtomicInteger(1));
        TRUNCATE.put("b_B08.tif", new AtomicInteger(1));
        try (DownloadClient http = server.client()) {
            server.waits.clear();
            EOPatch again = task(http).build().execute(null, BOX, JUNE);
            assertThat(again.get(Feature.of(FeatureType.DATA, "BANDS")))
                    .isEqualTo(clean.get(Feature.of(FeatureType.DATA, "BANDS")));
            assertThat(server.waits).as("waits asked by the retry policy (none slept)")
                    .contains(java.time.Duration.ofSeconds(3)).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            UNAVAILABLE.clear();
            TRUNCATE.clear();
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws Exception {
        EOPatch clean;
        try (DownloadClient http = server.client()) {
            clean = task(http).bands(List.of("B04")).build().execute(null, BOX, JUNE);
        }
        SLOW.put("c_B04.tif", new AtomicInteger(1));
        try (DownloadClient http = server.client(java.time.Duration.ofSeconds(1))) {
            EOPatch again = task(http).bands(List.of("B04")).build().execute(null, BOX, JUNE);
            assertThat(again.get(Feature.of(FeatureType.DATA, "BANDS")))
                    .isEqualTo(clean.get(Feature.of(FeatureType.DATA, "BANDS")));
            assertThat(SLOW.get("c_B04.tif").get()).as("the slow answer was asked for").isNegative();
        } finally {
            SLOW.clear();
        }
    }

    @Test
    void persistentFaultsNameTheItemAndAssetAndLeaveThePatchAlone() throws Exception {
        EOPatch patch = new EOPatch(BOX, null);
        TRUNCATE.put("c_B08.tif", new AtomicInteger(100));
        try (DownloadClient http = server.client()) {
            assertThatThrownBy(() -> task(http).build().execute(patch, null, JUNE))
                    .hasMessageContaining("S2B_c_20240606").hasMessageContaining("'nir'")
                    .hasMessageContaining("truncated");
        } finally {
            TRUNCATE.clear();
        }
        assertThat(patch.timestamps()).isNullOrEmpty();
        assertThat(patch.contains(Feature.of(FeatureType.DATA, "BANDS"))).isFalse();
        dropNir = true;
        try (DownloadClient http = server.client()) {
            assertThatThrownBy(() -> task(http).build().execute(patch, null, JUNE))
                    .hasMessageContaining("S2B_c_20240606").hasMessageContaining("nir");
        } finally {
            dropNir = false;
        }
        assertThat(patch.contains(Feature.of(FeatureType.DATA, "BANDS"))).isFalse();
    }

    @Test
    void aStrippedGeoTiffAssetReadsLikeACog() throws Exception {
        try (DownloadClient http = server.client()) {
            EOPatch cog = task(http).bandsDtype(DType.UINT16).build().execute(null, BOX, JUNE);
            nirFile = "a_B08_strips.tif";
            EOPatch strips;
            try {
                strips = task(http).bandsDtype(DType.UINT16).build().execute(null, BOX, JUNE);
            } finally {
                nirFile = "a_B08.tif";
            }
            // no overviews in the stripped file: at 20 m GDAL and the reader take its full resolution
            assertThat(plane((INDArray) strips.get(Feature.of(FeatureType.DATA, "BANDS")), 0, 1)).containsExactly(
                    plane(gdal("strips.tif", "near", 200, 100, "b_B08.tif", "a_B08_strips.tif")));
            assertThat(cog.timestamps()).isEqualTo(strips.timestamps());
        }
    }

    @Test
    void argumentsAreChecked() {
        try (DownloadClient http = server.client()) {
            assertThatThrownBy(() -> task(http).size(10, 10).build()).hasMessageContaining("size");
            assertThatThrownBy(() -> task(http).additionalData(List.of(Feature.of(FeatureType.MASK, "CLOUDS")))
                    .build()).hasMessageContaining("dataMask, SCL");
            assertThatThrownBy(() -> task(http).maxcc(1.5)).hasMessageContaining("maxcc");
            assertThatThrownBy(() -> task(http).build().execute(null, null, JUNE))
                    .hasMessageContaining("bbox");
            assertThatThrownBy(() -> task(http).bands(List.of("B10")).build().execute(null, BOX, JUNE))
                    .hasMessageContaining("B10");
        }
    }
}
