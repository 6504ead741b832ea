package org.eolearn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link SpatialResizeTask}: parity cases through the registry, eo-learn's shape expectations and bad parameters. */
class SpatialResizeTaskTest {

    private static JsonNode json(String text) throws IOException {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"features_spatial_resize_newsize_linear", "features_spatial_resize_scale_nearest_int"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }

    @Test
    void theResizeCasesOfTheCorpusAreTestedHere() throws IOException {
        assertThat(ParityCase.idsOfModule("features")).filteredOn(id -> id.contains("spatial_resize"))
                .containsExactlyInAnyOrder("features_spatial_resize_newsize_linear",
                        "features_spatial_resize_scale_nearest_int");
    }

    private static EOPatch clp() throws IOException {
        return EOPatch.load(SharedData.testEOPatch(), LoadOptions.defaults().withFeatures(FeatureSpec.of(
                Feature.of(FeatureType.DATA, "CLP"))));
    }

    /** eo-learn's tests/features/test_feature_manipulation.py::test_spatial_resize_task on CLP (68, 101, 100, 1). */
    @ParameterizedTest
    @CsvSource({
        "new_size, 50, 70, 50, 70",
        "scale_factors, 2, 2, 202, 200",
        "scale_factors, 0.5, 2, 50, 200",
        "scale_factors, 0.1, 0.1, 10, 10",
        "resolution, 5, 5, 202, 200",
        "resolution, 20, 20, 50, 50",
        "resolution, 5, 20, 202, 50",
    })
    void shapesOnTheTestPatch(String type, double hp, double wp, int h, int w) throws IOException {
        EOPatch patch = clp();
        new SpatialResizeTask(SpatialResizeTask.ResizeType.parse(type), hp, wp, FeatureSpec.of(
                Feature.of(FeatureType.DATA, "CLP")), Resize.Method.LINEAR).execute(patch);
        INDArray out = patch.getArray(FeatureType.DATA, "CLP");
        assertThat(out.shape()).containsExactly(68, h, w, 1);
        assertThat(DType.of(out)).isEqualTo(DType.FLOAT32);
    }

    @Test
    void linearTwoByTwoToFourByFourGivesOpenCvsValues() {
        double[] out = Resize.resizeFloat(new double[] {0, 1, 2, 3}, 2, 2, 4, 4, Resize.Method.LINEAR, true);
        assertThat(out).containsExactly(0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75,
                3);
    }

    @Test
    void linearExactUint8TwoByTwoToFourByFour() {
        // coefficients 64/256 and 192/256; edge rows are the horizontally resized first/last row rounded from
        // 8 fractional bits, inner rows rounded from 16 (half up)
        long[] out = Resize.resizeInteger(new long[] {0, 100, 200, 255}, Resize.IntType.UINT8, 2, 2, 4, 4,
                Resize.Method.LINEAR);
        assertThat(out).containsExactly(0, 25, 75, 100, 50, 72, 117, 139, 150, 167, 200, 216, 200, 214, 241, 255);
    }

    @Test
    void linearExactHalvingIsTheRoundedBoxAverage() {
        long[] src = {1, 2, 10, 20, 3, 4, 30, 41};
        long[] out = Resize.resizeInteger(src, Resize.IntType.UINT8, 2, 4, 1, 2, Resize.Method.LINEAR);
        // (1+2+3+4+2)>>2 = 3 (2.5 rounds up), (10+20+30+41+2)>>2 = 25
        assertThat(out).containsExactly(3, 25);
        long[] neg = Resize.resizeInteger(new long[] {-1, -2, -3, -4}, Resize.IntType.INT16, 2, 2, 1, 1,
                Resize.Method.LINEAR);
        assertThat(neg).containsExactly(-2); // (-10 + 2) >> 2 = -2: -2.5 rounds up
    }

    @Test
    void nearestAndNearestExactIndices() {
        assertThat(Resize.nearestIndices(4, 2)).containsExactly(0, 2);
        assertThat(Resize.nearestExactIndices(4, 2)).containsExactly(1, 3);
        assertThat(Resize.nearestExactIndices(3, 6)).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(Resize.nearestIndices(3, 6)).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(Resize.nearestExactIndices(29, 14)).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23,
                25, 27);
    }

    @Test
    void cubicCoefficientsAndValues() {
        assertThat(Resize.cubicCoefficients(0.5f)).containsExactly(-0.09375f, 0.59375f, 0.59375f, -0.09375f);
        assertThat(Resize.cubicCoefficients(0.25f)).containsExactly(-0.10546875f, 0.87890625f, 0.26171875f,
                -0.03515625f);
        double[] out = Resize.resizeFloat(new double[] {0, 1, 2, 3}, 1, 4, 1, 8, Resize.Method.CUBIC, true);
        assertThat(out[0]).isEqualTo(-0.10546875); // edge: indices -2..1 replicated to 0, 0, 0, 1
        assertThat(out[3]).isEqualTo(1.296875); // 1 * 0.87890625 + 2 * 0.26171875 + 3 * -0.03515625
    }

    @Test
    void floatHalvingIsTheBoxAverageAndSameSizeIsACopy() {
        double[] src = {1, 2, Double.NaN, 4, 3, 4, 5, 6};
        double[] out = Resize.resizeFloat(src, 2, 4, 1, 2, Resize.Method.LINEAR, true);
        assertThat(out[0]).isEqualTo(2.5);
        assertThat(out[1]).isNaN();
        assertThat(Resize.resizeFloat(src, 2, 4, 2, 4, Resize.Method.LINEAR, true)).containsExactly(src);
    }

    @Test
    void boolIsResizedAsUint8AndUnsignedIsClipped() {
        byte[] bits = {1, 0, 0, 1};
        INDArray mask = NdArrays.fromBytes(DType.BOOL, new long[] {2, 2, 1}, ByteBuffer.wrap(bits));
        INDArray out = SpatialResizeTask.resize(mask, 4, 4, Resize.Method.LINEAR);
        assertThat(DType.of(out)).isEqualTo(DType.BOOL);
        // the uint8 interpolation of 0/1 rounds to 0 or 1: true only where the 1s dominate
        assertThat(NdArrays.toDoubles(out)).containsExactly(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1);
        INDArray big = NdArrays.fromDoubles(DType.UINT32, new long[] {1, 2, 1}, new double[] {3_000_000_000.0, 7});
        INDArray r = SpatialResizeTask.resize(big, 1, 4, Resize.Method.NEAREST);
        // uint32 is processed as int32: 3e9 wraps negative and is clipped to 0 before the cast back
        assertThat(NdArrays.toDoubles(r)).containsExactly(0, 0, 7, 7);
    }

    @Test
    void framesAndBandsAreResizedSeparately() {
        double[] v = new double[2 * 2 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        INDArray data = NdArrays.fromDoubles(DType.FLOAT64, new long[] {2, 2, 2, 3}, v);
        INDArray out = SpatialResizeTask.resize(data, 1, 1, Resize.Method.LINEAR);
        assertThat(out.shape()).containsExactly(2, 1, 1, 3);
        // each (frame, band) image halves to the mean of its 4 pixels: band b of frame f = 12 f + b + 4.5
        assertThat(NdArrays.toDoubles(out)).containsExactly(4.5, 5.5, 6.5, 16.5, 17.5, 18.5);
        INDArray f16 = NdArrays.fromDoubles(DType.FLOAT16, new long[] {1, 2, 1}, new double[] {1, 2});
        assertThat(DType.of(SpatialResizeTask.resize(f16, 1, 4, Resize.Method.LINEAR))).isEqualTo(DType.FLOAT16);
    }

    @Test
    void badParametersNameTheParameter() throws IOException {
        EOPatch patch = new EOPatch(new BBox(0, 0, 30, 30, CRS.utm(33, true)), null);
        patch.put(FeatureType.DATA_TIMELESS, "DEM", NdArrays.zeros(DType.FLOAT32, 3, 3, 1));
        patch.put(FeatureType.MASK_TIMELESS, "LULC", NdArrays.zeros(DType.UINT16, 3, 3, 1));
        TaskRegistry reg = TaskRegistry.standard();
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'scale_factors', "
                + "'height_param': 0.1, 'width_param': 1}")).execute(List.of(patch), Map.of()))
                .hasMessageContaining("height_param");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'new_size', "
                + "'height_param': 0, 'width_param': 1}"))).hasMessageContaining("height_param");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'new_size', "
                + "'height_param': 2, 'width_param': 1.5}"))).hasMessageContaining("width_param");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'blabla', "
                + "'height_param': 20, 'width_param': 20}"))).hasMessageContaining("resize_type");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'new_size', "
                + "'height_param': 20, 'width_param': 20, 'resize_method': 'lanczos'}")))
                .hasMessageContaining("resize_method");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'new_size', "
                + "'height_param': 20, 'width_param': 20, 'resize_library': 'PIL'}")))
                .hasMessageContaining("resize_library");
        assertThatThrownBy(() -> reg.create("SpatialResizeTask", json("{'resize_type': 'new_size', "
                + "'width_param': 20}"))).hasMessageContaining("height_param");
        assertThatThrownBy(() -> new SpatialResizeTask(SpatialResizeTask.ResizeType.NEW_SIZE, 6, 6,
                FeatureSpec.of(Feature.of(FeatureType.MASK_TIMELESS, "LULC")), Resize.Method.CUBIC).execute(patch))
                .hasMessageContaining("cubic");
        EOPatch noBbox = new EOPatch();
        noBbox.put(FeatureType.DATA_TIMELESS, "DEM", NdArrays.zeros(DType.FLOAT32, 3, 3, 1));
        assertThatThrownBy(() -> new SpatialResizeTask(SpatialResizeTask.ResizeType.RESOLUTION, 5, 5,
                FeatureSpec.all(), Resize.Method.LINEAR).execute(noBbox)).hasMessageContaining("bbox");
        // everything else, with renames: DEM kept, DEM_BIG written
        reg.create("SpatialResizeTask", json("{'resize_type': 'resolution', 'height_param': 5, 'width_param': 5, "
                + "'features': [['data_timeless', 'DEM', 'DEM_BIG']], 'resize_method': 'cubic'}"))
                .execute(List.of(patch), Map.of());
        assertThat(patch.getArray(FeatureType.DATA_TIMELESS, "DEM_BIG").shape()).containsExactly(6, 6, 1);
        assertThat(patch.getArray(FeatureType.DATA_TIMELESS, "DEM").shape()).containsExactly(3, 3, 1);
        assertThat(patch.getArray(FeatureType.MASK_TIMELESS, "LULC").shape()).containsExactly(3, 3, 1);
    }
}
