package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed imports against an oracle that reads windows as rasterio 1.3 does (a VRT at the fractional window
 * origin read with GDAL's nearest-neighbour RasterIO; {@code rasterio_window_oracle.py}), for many random
 * misaligned, partly outside and fully outside boxes. Runs where Python with GDAL's bindings and numpy is present
 * (Debian: python3-gdal); skipped otherwise.
 */
class RasterioWindowOracleTest {

    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    Path tmp;

    private static String python() {
        return GdalPython.find();
    }

    private JsonNode oracle(String python, Path image, List<double[]> boxes) throws Exception {
        Path script = tmp.resolve("oracle.py");
        try (var in = getClass().getResourceAsStream("/rasterio_window_oracle.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path boxFile = tmp.resolve("boxes.json");
        Files.writeString(boxFile, JSON.writeValueAsString(boxes));
        Process p = new ProcessBuilder(python, "-c", "import sys, runpy; sys.argv = [sys.argv[1], sys.argv[2], "
                + "open(sys.argv[3]).read(), '0']; runpy.run_path(sys.argv[0], run_name='__main__')",
                script.toString(), image.toString(), boxFile.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return JSON.readTree(out);
    }

    private void compare(Path image, CRS crs, Random rnd, int n) throws Exception {
        String python = python();
        Assumptions.assumeTrue(python != null, "no Python with GDAL bindings (python3-gdal) and numpy: oracle "
                + "comparison skipped");
        GeoRaster info = GeoTiff.read(image);
        double[] gt = info.geoTransform();
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = (1 + rnd.nextDouble() * 60) * gt[1];
            double h = (1 + rnd.nextDouble() * 60) * -gt[5];
            double left = gt[0] + (rnd.nextDouble() * (info.width() + 30) - 20) * gt[1];
            double top = gt[3] + (rnd.nextDouble() * (info.height() + 30) - 20) * gt[5];
            if (i % 7 == 0) { // pixel-aligned boxes too
                left = gt[0] + Math.floor((left - gt[0]) / gt[1]) * gt[1];
                top = gt[3] + Math.floor((top - gt[3]) / gt[5]) * gt[5];
                w = Math.max(1, Math.round(w / gt[1])) * gt[1];
                h = Math.max(1, Math.round(h / -gt[5])) * -gt[5];
            }
            boxes.add(new double[] {left, top - h, left + w, top});
        }
        JsonNode expected = oracle(python, image, boxes);
        Feature f = Feature.of(FeatureType.DATA_TIMELESS, "W");
        ImportFromTiffTask task = ImportFromTiffTask.builder(f, image).noDataValue(0.0).build();
        for (int i = 0; i < n; i++) {
            double[] b = boxes.get(i);
            EOPatch patch = task.execute(new EOPatch(new BBox(b[0], b[1], b[2], b[3], crs), null), "");
            double[] got = NdArrays.toDoubles(patch.getArray(FeatureType.DATA_TIMELESS, "W"));
            long[] shape = patch.getArray(FeatureType.DATA_TIMELESS, "W").shape();
            JsonNode e = expected.get(i);
            int bands = e.get("shape").get(0).asInt();
            int hh = e.get("shape").get(1).asInt();
            int ww = e.get("shape").get(2).asInt();
            String what = String.format(Locale.ROOT, "box %d %s", i, java.util.Arrays.toString(b));
            assertThat(shape).as(what).containsExactly(hh, ww, bands);
            for (int band = 0; band < bands; band++) {
                for (int y = 0; y < hh; y++) {
                    for (int x = 0; x < ww; x++) {
                        assertThat(got[(y * ww + x) * bands + band]).as(what + " pixel " + y + "," + x)
                                .isEqualTo(e.get("data").get((band * hh + y) * ww + x).asDouble());
                    }
                }
            }
        }
    }

    @Test
    void exampleTiff() throws Exception {
        compare(SharedData.resolve("data/eolearn/import-tiff-test1.tiff"), CRS.utm(33, true), new Random(21), 150);
    }

    @Test
    void ownTiffWithOddResolution() throws Exception {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(2 * 57 * 43 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Random rnd = new Random(8);
        while (data.hasRemaining()) {
            data.putFloat(1 + rnd.nextInt(1000));
        }
        data.flip();
        Path image = tmp.resolve("odd.tif");
        GeoTiff.write(new GeoRaster(org.eolearn.core.DType.FLOAT32, 2, 57, 43, data,
                new double[] {500123.37, 7.3, 0, 5100777.11, 0, -9.1}, 32633, null), image, GeoTiff.Compression.LZW);
        compare(image, CRS.utm(33, true), new Random(22), 150);
    }
}
