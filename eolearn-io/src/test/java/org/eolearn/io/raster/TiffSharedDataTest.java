package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** eo-learn's example GeoTIFFs and the io parity case. */
class TiffSharedDataTest {

    @Test
    void parityImportTiffWindow() throws IOException {
        ParityCase c = ParityCase.open("io_import_tiff_window");
        ObjectNode params = c.params().deepCopy();
        ObjectNode init = (ObjectNode) params.get("init");
        init.put("path", c.folder().resolve(init.get("path").asText()).toString());
        Object result = new TaskRunner(TaskRegistry.standard()).run(c.spec().get("task").asText(), params,
                List.of(c.input()));
        c.assertMatches((EOPatch) result);
    }

    @Test
    void readsExampleTiffs() throws IOException {
        GeoRaster one = GeoTiff.read(SharedData.resolve("data/eolearn/import-tiff-test1.tiff"));
        assertThat(one.type()).isEqualTo(DType.UINT16);
        assertThat(new int[] {one.bands(), one.height(), one.width()}).containsExactly(1, 72, 84);
        assertThat(one.epsg()).isEqualTo(32633);
        // PixelIsPoint: GDAL's corner origin (gdalinfo: Origin = (464565, 5080845), 30 m)
        assertThat(one.geoTransform()).containsExactly(464565, 30, 0, 5080845, 0, -30);
        GeoRaster two = GeoTiff.read(SharedData.resolve("data/eolearn/import-tiff-test2.tiff"));
        assertThat(two.type()).isEqualTo(DType.FLOAT32);
        assertThat(new int[] {two.bands(), two.height(), two.width()}).containsExactly(5, 17, 11);
        assertThat(two.epsg()).isEqualTo(4326);
        assertThat(two.geoTransform()[0]).isEqualTo(14.5615);
        assertThat(two.geoTransform()[3]).isEqualTo(45.8813);
    }

    /** eo-learn's test_import_tiff_subset with rasterio >= 1.3: rows 20..52 with row 37 twice, columns 21..53. */
    @Test
    void importTiffSubset() throws IOException {
        Path path = SharedData.resolve("data/eolearn/import-tiff-test1.tiff");
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        ImportFromTiffTask.builder(Feature.of(FeatureType.MASK_TIMELESS, "TEST_TIF"), path).build()
                .execute(patch, "");
        INDArray actual = patch.getArray(FeatureType.MASK_TIMELESS, "TEST_TIF");
        assertThat(actual.shape()).containsExactly(34, 33, 1);
        GeoRaster whole = GeoTiff.read(path);
        double[] got = NdArrays.toDoubles(actual);
        for (int i = 0; i < 34; i++) {
            int row = 20 + (i <= 17 ? i : i - 1);
            for (int j = 0; j < 33; j++) {
                int col = 21 + j;
                int expected = whole.data().getShort((row * 84 + col) * 2) & 0xFFFF;
                assertThat(got[i * 33 + j]).as("pixel " + i + "," + j).isEqualTo(expected);
            }
        }
    }

    /** eo-learn's test_import_tiff_intersecting: WGS84 tiff over part of the UTM patch, float64, no data 1. */
    @Test
    void importTiffIntersecting() throws IOException {
        Path path = SharedData.resolve("data/eolearn/import-tiff-test2.tiff");
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "TEST_TIF");
        ImportFromTiffTask.builder(feature, path).imageDtype(DType.FLOAT64).noDataValue(1.0).build()
                .execute(patch, "");
        INDArray actual = patch.getArray(FeatureType.DATA_TIMELESS, "TEST_TIF");
        assertThat(DType.of(actual)).isEqualTo(DType.FLOAT64);
        long[] s = actual.shape();
        int h = (int) s[0];
        int w = (int) s[1];
        assertThat(s[2]).isEqualTo(5);
        GeoRaster tiff = GeoTiff.read(path);
        double[] got = NdArrays.toDoubles(actual);
        // tiff_img[-6:, :3, :] == feature[:6, -3:, :]
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                for (int b = 0; b < 5; b++) {
                    float expected = tiff.data().getFloat(((b * 17 + (17 - 6 + i)) * 11 + j) * 4);
                    assertThat(got[(i * w + (w - 3 + j)) * 5 + b]).as(i + "," + j + "," + b)
                            .isEqualTo((double) expected);
                }
            }
        }
        // GDAL (so rasterio) snaps the part of the output the image covers to whole pixels: the window reaches
        // 0.6 of a pixel into the image's first column, which fills two output columns (checked against
        // rasterio_window_oracle.py); everything else is the no-data value
        for (int i = 0; i < 6; i++) {
            for (int b = 0; b < 5; b++) {
                assertThat(got[(i * w + (w - 4)) * 5 + b]).isEqualTo(got[(i * w + (w - 3)) * 5 + b]);
            }
        }
        long others = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (i < 6 && j >= w - 4) {
                    continue;
                }
                for (int b = 0; b < 5; b++) {
                    assertThat(got[(i * w + j) * 5 + b]).isEqualTo(1.0);
                    others++;
                }
            }
        }
        assertThat(others).isPositive();
    }

    @Test
    void importWithoutPatchSetsTheImageBbox() {
        Path path = SharedData.resolve("data/eolearn/import-tiff-test1.tiff");
        EOPatch patch = ImportFromTiffTask.builder(Feature.of(FeatureType.DATA_TIMELESS, "T"), path).build()
                .execute(null, "");
        assertThat(patch.bbox().minX()).isEqualTo(464565);
        assertThat(patch.bbox().maxY()).isEqualTo(5080845);
        assertThat(patch.bbox().maxX()).isEqualTo(464565 + 84 * 30);
        assertThat(patch.bbox().minY()).isEqualTo(5080845 - 72 * 30);
        assertThat(patch.bbox().crs().epsg()).isEqualTo(32633);
        assertThat(patch.getArray(FeatureType.DATA_TIMELESS, "T").shape()).containsExactly(72, 84, 1);
    }

    /** eo-learn's test_timeless_feature and test_time_dependent_feature(_with_timestamps) on the TestEOPatch. */
    @Test
    void testEOPatchFeaturesRoundTrip(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        Feature dem = Feature.of(FeatureType.DATA_TIMELESS, "DEM");
        ExportToTiffTask.builder(dem, tmp).build().execute(patch, "relative-path/my-filename.tiff");
        EOPatch back = ImportFromTiffTask.builder(dem, tmp).build().execute(patch.copy(),
                "relative-path/my-filename.tiff");
        assertThat(NdArrays.nanEquals(back.getArray(FeatureType.DATA_TIMELESS, "DEM"),
                patch.getArray(FeatureType.DATA_TIMELESS, "DEM"))).isTrue();

        Feature ndvi = Feature.of(FeatureType.DATA, "NDVI");
        ExportToTiffTask.builder(ndvi, tmp).build().execute(patch, "relative-path/*.tiff");
        List<String> names = new java.util.ArrayList<>();
        for (java.time.LocalDateTime t : patch.timestamps()) {
            names.add("relative-path/" + TiffPaths.strftime(t, "%Y%m%dT%H%M%S") + ".tiff");
        }
        assertThat(names).hasSize(68);
        EOPatch fromList = ImportFromTiffTask.builder(ndvi, tmp).timestampSize(68).build().execute(null, names);
        assertThat(NdArrays.nanEquals(fromList.getArray(FeatureType.DATA, "NDVI"),
                patch.getArray(FeatureType.DATA, "NDVI"))).isTrue();
        assertThat(fromList.bbox()).isEqualTo(patch.bbox());

        ExportToTiffTask.builder(ndvi, tmp).build().execute(patch, "other/%Y%m%dT%H%M%S.tiff");
        EOPatch withTimestamps = ImportFromTiffTask.builder(ndvi, tmp).build().execute(patch.copy(),
                "other/%Y%m%dT%H%M%S.tiff");
        assertThat(NdArrays.nanEquals(withTimestamps.getArray(FeatureType.DATA, "NDVI"),
                patch.getArray(FeatureType.DATA, "NDVI"))).isTrue();
    }
}
