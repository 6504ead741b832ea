package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GDAL backend against the Java codec. Runs when {@code -Deolearn.gdal.jni=<folder of
 * scripts/build-gdal-jni.sh>} is given (the pom puts its gdal.jar on the test class path); skipped otherwise, unless
 * {@code -Deolearn.requireGdal=true}.
 */
class GdalCodecTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsGdal() {
        GdalBackend.Status s = GdalBackend.status();
        if (!s.available()) {
            if (Boolean.getBoolean("eolearn.requireGdal")) {
                fail("eolearn.requireGdal=true but " + s.message());
            }
            Assumptions.abort(s.message());
        }
    }

    @Test
    void crossBackendRoundTrips() throws IOException {
        Random rnd = new Random(11);
        DType[] types = {DType.UINT8, DType.INT8, DType.UINT16, DType.INT16, DType.UINT32, DType.INT32,
            DType.FLOAT32, DType.FLOAT64};
        int n = 0;
        for (DType type : types) {
            for (String compress : new String[] {null, "lzw", "deflate"}) {
                CRS crs = n % 2 == 0 ? CRS.utm(33, true) : CRS.WGS84;
                BBox bbox = crs.equals(CRS.WGS84) ? new BBox(14, 45, 15, 46, crs)
                        : new BBox(465000, 5079000, 466200, 5080020, crs);
                EOPatch patch = new EOPatch(bbox, null);
                Feature f = Feature.of(FeatureType.DATA_TIMELESS, "X");
                long[] shape = {9 + n % 5, 13, 1 + n % 3};
                double[] v = new double[(int) NdArrays.length(shape)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = type.isFloatingPoint() ? rnd.nextGaussian() : rnd.nextInt(100) - (type.isUnsigned()
                            || type == DType.UINT8 ? 0 : 50);
                }
                INDArray arr = NdArrays.fromDoubles(type, shape, v);
                patch.put(f, arr);
                Double noData = type.isFloatingPoint() ? Double.NaN : 3.0;
                for (String[] pair : new String[][] {{"gdal", "java"}, {"java", "gdal"}, {"gdal", "gdal"}}) {
                    String name = "x" + n + pair[0] + pair[1] + ".tif";
                    ExportToTiffTask.builder(f, tmp).backend(pair[0]).compress(compress).noDataValue(noData).build()
                            .execute(patch, name);
                    GeoRaster java = GeoTiff.read(tmp.resolve(name));
                    GeoRaster gdal = GdalCodec.read(tmp.resolve(name));
                    assertThat(gdal).as(type + " " + compress + " " + pair[0]).isEqualTo(java);
                    EOPatch back = ImportFromTiffTask.builder(f, tmp).backend(pair[1]).build()
                            .execute((EOPatch) null, name);
                    assertThat(NdArrays.nanEquals(back.getArray(FeatureType.DATA_TIMELESS, "X"), arr))
                            .as(type + " " + compress + " " + pair[0] + "->" + pair[1]).isTrue();
                    assertThat(back.bbox()).isEqualTo(bbox);
                }
                n++;
            }
        }
    }

    @Test
    void parityWindowThroughGdal() throws IOException {
        ParityCase c = ParityCase.open("io_import_tiff_window");
        ObjectNode params = c.params().deepCopy();
        ObjectNode init = (ObjectNode) params.get("init");
        init.put("path", c.folder().resolve(init.get("path").asText()).toString());
        init.put("backend", "gdal");
        Object result = new TaskRunner(TaskRegistry.standard()).run(c.spec().get("task").asText(), params,
                List.of(c.input()));
        c.assertMatches((EOPatch) result);
    }

    @Test
    void corruptFileNamesItself() throws IOException {
        Path bad = tmp.resolve("bad.tif");
        Files.writeString(bad, "not a tiff");
        assertThatThrownBy(() -> ImportFromTiffTask.builder(Feature.of(FeatureType.DATA_TIMELESS, "X"), bad)
                .backend("gdal").build().execute((EOPatch) null, "")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(bad.toString());
    }
}
