package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.testing.SharedData;
import org.eolearn.io.stac.HttpRangeReader;
import org.eolearn.io.stac.SignedAsset;
import org.eolearn.io.stac.StacTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COG reader and the grid warp against {@code gdalwarp} on the same file: a Sentinel-2 tile of the shared
 * fixtures written as a tiled COG with overviews by {@code gdal_translate -of COG}, warped onto random grids.
 */
class CogReaderGdalTest {

    @TempDir
    static Path tmp;

    static Path cog;

    @BeforeAll
    static void makeCog() throws Exception {
        Path jp2 = SharedData.resolve("data/fixtures/sentinelhub-py-tests/img-16bit.jp2");
        cog = tmp.resolve("B04.tif");
        GdalTools.run(Map.of(), "gdal_translate", "-q", "-of", "COG", "-a_srs", "EPSG:32633", "-a_ullr", "399960",
                "5000040", "418260", "4981740", "-a_nodata", "0", "-co", "BLOCKSIZE=256", "-co", "COMPRESS=DEFLATE",
                "-co", "PREDICTOR=2", "-co", "OVERVIEW_RESAMPLING=AVERAGE", jp2.toString(), cog.toString());
    }

    /** One random target grid. */
    record Case(CRS crs, BBox box, int width, int height, GridWarp.Resampling resampling) {
    }

    static List<Case> cases(long seed, int n) {
        Random rnd = new Random(seed);
        CRS[] crss = {CRS.utm(33, true), CRS.utm(33, true), CRS.utm(34, true), CRS.POP_WEB, CRS.WGS84};
        double[] res = {10, 20, 30, 60, 7.5, 15, 45, 120, 250};
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CRS crs = crss[rnd.nextInt(crss.length)];
            double r = res[rnd.nextInt(res.length)];
            int w = 8 + rnd.nextInt(90);
            int h = 8 + rnd.nextInt(90);
            // a centre in or near the tile (some windows cross its edge)
            double cx = 399960 - 500 + rnd.nextDouble() * 19300;
            double cy = 4981740 - 500 + rnd.nextDouble() * 19300;
            double[] c = {cx, cy};
            Crs.apply(Crs.transform(Crs.toSis(CRS.utm(33, true)), Crs.toSis(crs)), c);
            double rx = r;
            double ry = r;
            if (crs.equals(CRS.WGS84)) {
                rx = r / 111320.0 / Math.cos(Math.toRadians(45));
                ry = r / 111320.0;
            } else if (crs.equals(CRS.POP_WEB)) {
                rx = r * 1.41;
                ry = r * 1.41;
            }
            if (i % 5 == 0 && crs.equals(CRS.utm(33, true))) {
                // aligned with the source pixels
                c[0] = Math.round(c[0] / 10) * 10.0;
                c[1] = Math.round(c[1] / 10) * 10.0;
            }
            BBox box = new BBox(c[0] - w * rx / 2, c[1] - h * ry / 2, c[0] + w * rx / 2, c[1] + h * ry / 2, crs);
            out.add(new Case(crs, box, w, h, i % 3 == 2 ? GridWarp.Resampling.BILINEAR : GridWarp.Resampling.NEAREST));
        }
        return out;
    }

    static GeoRaster javaWarp(CogReader reader, Case c) throws Exception {
        return GridWarp.read(reader, reader.epsg(), GridWarp.Grid.of(c.box(), c.width(), c.height()), c.resampling())
                .raster();
    }

    static GeoRaster gdalWarp(String source, Case c, Path out, Map<String, String> env) throws Exception {
        BBox b = c.box();
        GdalTools.run(env, "gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:" + c.crs().epsg(), "-te",
                Double.toString(b.minX()), Double.toString(b.minY()), Double.toString(b.maxX()),
                Double.toString(b.maxY()), "-ts", Integer.toString(c.width()), Integer.toString(c.height()), "-r",
                c.resampling() == GridWarp.Resampling.NEAREST ? "near" : "bilinear", source, out.toString());
        return GeoTiff.read(out);
    }

    /**
     * Nearest: every pixel of every window equals gdalwarp's. Bilinear: equal where GDAL uses its four-sample
     * formula; where a target pixel spans more than 1.05 source pixels GDAL widens the kernel by a scale it takes
     * from its warp chunk, ours from the grids, so a few pixels differ (D48 in docs/differences.md).
     */
    @Test
    void warpedWindowsEqualGdalwarp() throws Exception {
        try (CogReader reader = CogReader.open(RangeReader.of(cog))) {
            compare(reader, cog.toString(), Map.of(), "local");
        }
    }

    /** The same over HTTP: the reader by range requests, GDAL through /vsicurl/, from one in-process server. */
    @Test
    void warpedWindowsOverHttpEqualGdalwarpOverVsicurl() throws Exception {
        try (StacTestServer server = new StacTestServer()) {
            server.file("/data/B04.tif", java.nio.file.Files.readAllBytes(cog));
            try (org.eolearn.io.sentinelhub.client.DownloadClient http = server.client();
                 CogReader reader = CogReader.open(new HttpRangeReader(http,
                         SignedAsset.of(server.url("/data/B04.tif"))))) {
                compare(reader, "/vsicurl/" + server.url("/data/B04.tif"), Map.of("GDAL_DISABLE_READDIR_ON_OPEN",
                        "EMPTY_DIR", "CPL_VSIL_CURL_USE_HEAD", "NO", "NO_PROXY", "*", "no_proxy", "*"), "http");
            }
        }
    }

    private static void compare(CogReader reader, String source, Map<String, String> env, String tag)
            throws Exception {
        int exactCases = 0;
        int nearestCases = 0;
        StringBuilder report = new StringBuilder();
        {
            assertThat(reader.levels()).hasSizeGreaterThan(2);
            int k = 0;
            for (Case c : cases(20261203L, 30)) {
                GeoRaster gdal = gdalWarp(source, c, tmp.resolve(tag + k++ + ".tif"), env);
                GeoRaster java = javaWarp(reader, c);
                int n = gdal.width() * gdal.height();
                int same = 0;
                int close = 0;
                for (int i = 0; i < n; i++) {
                    int g = gdal.data().getShort(2 * i) & 0xFFFF;
                    int j = java == null ? 0 : java.data().getShort(2 * i) & 0xFFFF;
                    same += g == j ? 1 : 0;
                    close += Math.abs(g - j) <= 1 ? 1 : 0;
                }
                report.append(c).append(": ").append(same).append('/').append(n).append(" equal, ").append(close)
                        .append(" within 1\n");
                if (c.resampling() == GridWarp.Resampling.NEAREST) {
                    nearestCases++;
                    assertThat(same).as("nearest: " + c).isEqualTo(n);
                } else {
                    assertThat(same / (double) n).as("bilinear: " + c).isGreaterThan(0.95);
                }
                if (same == n) {
                    exactCases++;
                }
            }
        }
        assertThat(nearestCases).isGreaterThanOrEqualTo(20);
        assertThat(exactCases).as(report.toString()).isGreaterThanOrEqualTo(28);
    }
}
