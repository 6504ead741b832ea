package org.eolearn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The file tasks built from eo-learn's JSON parameters through the registry. */
class FileIoTasksTest {

    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    Path tmp;

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static EOPatch patch() {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ts.add(LocalDateTime.of(2020, 1, 1 + i, 10, 0));
        }
        EOPatch p = new EOPatch(new BBox(0, 0, 20, 30, CRS.utm(33, true)), ts);
        double[] v = new double[10 * 3 * 2 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        p.put(FeatureType.DATA, "D", NdArrays.fromDoubles(DType.FLOAT32, new long[] {10, 3, 2, 6}, v));
        return p;
    }

    @Test
    void registered() {
        assertThat(TaskRegistry.standard().names()).contains("ExportToTiffTask", "ImportFromTiffTask",
                "VectorImportTask");
    }

    @Test
    void exportAndImportFromJson() {
        TaskRunner runner = new TaskRunner(TaskRegistry.standard());
        String dir = tmp.toString();
        runner.run("ExportToTiffTask", json("{'init': {'feature': ['data', 'D'], 'path': '" + dir + "', "
                + "'band_indices': {'tuple': [1, 4]}, 'date_indices': ['2020-01-03', '2020-01-05'], "
                + "'compress': 'deflate', 'image_dtype': 'float64', 'no_data_value': 'NaN'}, "
                + "'execute': {'filename': 'x'}}"), List.of(patch()));
        GeoRaster r = readUnchecked(tmp.resolve("x.tif"));
        assertThat(r.bands()).isEqualTo(3 * 4);
        assertThat(r.type()).isEqualTo(DType.FLOAT64);
        assertThat(r.noData()).isNaN();
        Object back = runner.run("ImportFromTiffTask", json("{'init': {'feature': ['data', 'D2'], 'folder': '"
                + dir + "', 'timestamp_size': 3, 'image_dtype': 'float32'}, 'execute': {'filename': 'x.tif'}}"),
                List.of(patch()));
        INDArray d2 = ((EOPatch) back).getArray(FeatureType.DATA, "D2");
        assertThat(d2.shape()).containsExactly(3, 3, 2, 4);
        INDArray expected = NdArrays.take(NdArrays.take(patch().getArray(FeatureType.DATA, "D"), 0,
                new int[] {2, 3, 4}), 3, new int[] {1, 2, 3, 4});
        assertThat(NdArrays.nanEquals(d2, expected)).isTrue();
    }

    @Test
    void badParametersAreNamed() {
        TaskRegistry r = TaskRegistry.standard();
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'band_indices': [1, 'a']}"))).hasMessageContaining("band_indices");
        // indices that would wrap around to small numbers are refused, naming the parameter and item
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'date_indices': [0, 12345678901234567890123]}")))
                .hasMessageContaining("parameter 'date_indices' item 1 (12345678901234567890123) is outside");
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'date_indices': {'tuple': [0, 4294967296]}}")))
                .hasMessageContaining("parameter 'date_indices' tuple item 1 (4294967296) is outside");
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'crs': 4294971622}"))).hasMessageContaining("parameter 'crs' the EPSG code (4294971622) is outside");
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'compress': 'jpeg2000'}"))).hasMessageContaining("compress");
        assertThatThrownBy(() -> r.create("ExportToTiffTask", json("{'feature': ['data', 'D']}")))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> r.create("ImportFromTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'filesystem': 's3'}"))).hasMessageContaining("filesystem");
        assertThatThrownBy(() -> r.create("ImportFromTiffTask", json("{'feature': ['data', 'D'], 'path': 'x', "
                + "'backend': 'rasterio'}"))).hasMessageContaining("backend");
        assertThatThrownBy(() -> r.create("VectorImportTask", json("{'feature': ['data', 'D'], 'path': 'x.gpkg'}")))
                .hasMessageContaining("vector");
        assertThatThrownBy(() -> r.create("VectorImportTask", json("{'feature': ['vector', 'V'], 'path': 'x.gpkg', "
                + "'driver': 'GPKG'}"))).hasMessageContaining("driver");
    }

    @Test
    void gdalBackendFailsClearlyWhenMissing() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.eolearn.io.raster.GdalBackend.status().bindings(),
                "GDAL bindings on the class path: the missing-library message is checked by GdalBackendTest");
        EOTask task = TaskRegistry.standard().create("ExportToTiffTask", json("{'feature': ['data', 'D'], "
                + "'path': '" + tmp + "', 'backend': 'gdal'}"));
        String saved = System.getProperty("eolearn.gdal.jni");
        System.setProperty("eolearn.gdal.jni", tmp.resolve("nowhere").toString());
        try {
            if (!org.eolearn.io.raster.GdalBackend.status().available()) {
                assertThatThrownBy(() -> task.execute(List.of(patch()), Map.of("filename", "g.tif")))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("GDAL backend not available")
                        .hasMessageContaining("scripts/build-gdal-jni.sh");
                assertThat(tmp.resolve("g.tif")).doesNotExist();
            }
        } finally {
            if (saved == null) {
                System.clearProperty("eolearn.gdal.jni");
            } else {
                System.setProperty("eolearn.gdal.jni", saved);
            }
        }
    }

    private static GeoRaster readUnchecked(Path p) {
        try {
            return GeoTiff.read(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
