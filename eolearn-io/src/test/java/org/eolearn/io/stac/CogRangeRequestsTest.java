package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.RecordedRequest;
import org.eolearn.core.testing.SharedData;
import org.eolearn.io.raster.CogReader;
import org.eolearn.io.raster.GdalTools;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a window of a full Sentinel-2 sized COG (10980 x 10980 pixels, 512-pixel tiles, two overviews, written by
 * {@code gdal_translate -of COG}) costs over HTTP: range requests and bytes of the COG reader, next to GDAL's
 * {@code /vsicurl/} reading the same windows from the same server.
 */
class CogRangeRequestsTest {

    @TempDir
    static Path tmp;

    static StacTestServer server;
    static byte[] cog;

    @BeforeAll
    static void serve() throws Exception {
        Path src = SharedData.resolve("data/fixtures/sentinelhub-py-tests/img-8bit.jp2");
        Path file = tmp.resolve("T33TWL_B04.tif");
        GdalTools.run(Map.of(), "gdal_translate", "-q", "-of", "COG", "-b", "1", "-ot", "UInt16", "-outsize",
                "10980", "10980", "-r", "nearest", "-a_srs", "EPSG:32633", "-a_ullr", "399960", "5000040", "509760",
                "4890240", "-a_nodata", "0", "-co", "BLOCKSIZE=512", "-co", "COMPRESS=DEFLATE", "-co",
                "OVERVIEW_RESAMPLING=NEAREST", src.toString(), file.toString());
        cog = Files.readAllBytes(file);
        server = new StacTestServer();
        server.file("/data/B04.tif", cog);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long bytes(List<RecordedRequest> rs) {
        long n = 0;
        for (RecordedRequest r : rs) {
            String range = r.getHeaders().get("Range");
            if (range == null) {
                continue; // GDAL's first GET without a range only learns the size (it closes the connection)
            }
            String[] ab = range.substring("bytes=".length()).split("-");
            long a = Long.parseLong(ab[0]);
            long b = ab.length < 2 || ab[1].isEmpty() ? cog.length - 1 : Math.min(cog.length - 1, Long.parseLong(ab[1]));
            n += b - a + 1;
        }
        return n;
    }

    @Test
    void aWindowCostsAtMostFourRangeRequestsAndEqualsGdal() throws Exception {
        Random rnd = new Random(20261203L);
        long javaRequests = 0;
        long javaBytes = 0;
        long gdalRequests = 0;
        long gdalBytes = 0;
        long gdalProbes = 0;
        int windows = 20;
        try (DownloadClient http = server.client()) {
            for (int k = 0; k < windows; k++) {
                int x0 = rnd.nextInt(10980 - 64);
                int y0 = rnd.nextInt(10980 - 64);
                server.clearRequests();
                GeoRaster java;
                long counted;
                try (CogReader reader = CogReader.open(new HttpRangeReader(http,
                        SignedAsset.of(server.url("/data/B04.tif"))))) {
                    assertThat(reader.levels()).hasSize(3); // gdalinfo: overviews 5506x5506, 2753x2753
                    java = reader.read(0, x0, y0, 64, 64);
                    counted = reader.requests();
                }
                List<RecordedRequest> ours = server.requests("/data/B04.tif");
                assertThat(ours).as("window at " + x0 + ", " + y0).hasSizeLessThanOrEqualTo(4);
                assertThat(counted).isEqualTo(ours.size());
                assertThat(ours).allSatisfy(r -> assertThat(r.getHeaders().get("Range")).startsWith("bytes="));
                javaRequests += ours.size();
                javaBytes += bytes(ours);

                server.clearRequests();
                Path out = tmp.resolve("gdal" + k + ".tif");
                GdalTools.run(Map.of("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", "CPL_VSIL_CURL_USE_HEAD", "NO",
                        "NO_PROXY", "*", "no_proxy", "*"), "gdal_translate", "-q", "-srcwin", Integer.toString(x0),
                        Integer.toString(y0), "64", "64", "/vsicurl/" + server.url("/data/B04.tif"), out.toString());
                List<RecordedRequest> theirs = server.requests("/data/B04.tif");
                gdalRequests += theirs.size();
                gdalProbes += theirs.stream().filter(r -> r.getHeaders().get("Range") == null).count();
                gdalBytes += bytes(theirs);
                GeoRaster gdal = GeoTiff.read(out);
                assertThat(java.data()).isEqualTo(gdal.data());
                assertThat(java.geoTransform()).containsExactly(gdal.geoTransform());
            }
        }
        System.out.printf(java.util.Locale.ROOT, "COG window 64x64 of 10980x10980, %d windows: eolearn %.2f requests "
                + "%.0f bytes per window; GDAL /vsicurl/ %.2f requests (%.2f of them without a range, "
                + "for the size) %.0f bytes of ranges per window%n", windows, javaRequests / (double) windows,
                javaBytes / (double) windows, gdalRequests / (double) windows, gdalProbes / (double) windows,
                gdalBytes / (double) windows);
    }
}
