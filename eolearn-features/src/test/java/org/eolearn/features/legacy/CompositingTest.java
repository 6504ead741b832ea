package org.eolearn.features.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.features.compositing.BlueCompositingTask;
import org.eolearn.features.compositing.HistogramMatchingTask;
import org.eolearn.features.compositing.ReferenceScenesTask;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of the 2018 compositing tasks. */
class CompositingTest {

    private static final Feature BANDS = Feature.of(FeatureType.DATA, "BANDS");
    private static final Feature OUT = Feature.of(FeatureType.DATA_TIMELESS, "COMP");

    private static EOPatch series(DType type, long[] shape, double... v) {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < shape[0]; i++) {
            ts.add(LocalDateTime.of(2020, 1, 1, 0, 0).plusDays(i));
        }
        EOPatch p = new EOPatch(null, ts);
        p.put(BANDS, arr(type, shape, v));
        return p;
    }

    private static org.nd4j.linalg.api.ndarray.INDArray arr(DType type, long[] shape, double... v) {
        return NdArrays.fromDoubles(type, shape, v);
    }

    private static double[] composite(EOPatch p) {
        return NdArrays.toDoubles(p.getArray(FeatureType.DATA_TIMELESS, "COMP"));
    }

    @Test
    void numpyPercentileMethods() {
        // one pixel, blue values over 5 frames 4, 1, NaN, 3, 2: valid sorted 1, 2, 3, 4; 25th percentile at 0.75
        double[] blue = {4, 1, Double.NaN, 3, 2};
        // lower -> 1 (frame 1), higher -> 2 (frame 4), nearest -> round(0.75) = 1 -> 2 (frame 4),
        // linear -> 1.75, nearest frame value 2 (frame 4); midpoint -> 1.5: tie of 1 and 2, first frame (1)
        String[] methods = {"lower", "higher", "nearest", "linear", "midpoint", "geoville"};
        // geoville: position floor(3 * 0.25 + 0.5) = 1 of the stable sort (1, 2, 3, 4, NaN) -> value 2, frame 4
        double[] expected = {1, 2, 2, 2, 1, 2};
        for (int m = 0; m < methods.length; m++) {
            EOPatch p = series(DType.FLOAT32, new long[] {5, 1, 1, 1}, blue);
            new BlueCompositingTask(BANDS, OUT, 0, methods[m]).execute(p);
            assertThat(composite(p)).as(methods[m]).containsExactly(expected[m]);
        }
    }

    @Test
    void allNanPixelGetsNoDataAndCompositeDtype() {
        EOPatch p = series(DType.UINT16, new long[] {2, 1, 2, 1}, 5, 0, 7, 0);
        new BlueCompositingTask(BANDS, OUT, 0, "geoville").execute(p);
        assertThat(DType.of(p.getArray(FeatureType.DATA_TIMELESS, "COMP"))).isEqualTo(DType.FLOAT32);
        EOPatch q = series(DType.FLOAT32, new long[] {2, 1, 1, 1}, Double.NaN, Double.NaN);
        new BlueCompositingTask(BANDS, OUT, 0).execute(q);
        assertThat(composite(q)[0]).isNaN();
    }

    @Test
    void otherPercentileMethodsAreRefused() {
        assertThatThrownBy(() -> new BlueCompositingTask(BANDS, OUT, 0, "hazen"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D144");
    }

    @Test
    void referenceScenesOrderAndFirstFramesOnly() {
        EOPatch p = series(DType.FLOAT32, new long[] {4, 1, 1, 1}, 10, 11, 12, 13);
        p.put(FeatureType.SCALAR, "VF", arr(DType.FLOAT32, new long[] {4, 1}, 0.5, 0.9, 0.5,
                1.0));
        // all frames: by fraction descending, ties later frame first: 3, 1, 2, 0
        new ReferenceScenesTask(Feature.of(FeatureType.DATA, "BANDS", "REF"), Feature.of(FeatureType.SCALAR, "VF"))
                .execute(p);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.DATA, "REF"))).containsExactly(13, 11, 12, 10);
        // max_scene_number 3 keeps frames 0..2 (not the best three): 1, 2, 0
        new ReferenceScenesTask(Feature.of(FeatureType.DATA, "BANDS", "REF"), Feature.of(FeatureType.SCALAR, "VF"),
                3).execute(p);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.DATA, "REF"))).containsExactly(11, 12, 10);
    }

    @Test
    void referenceScenesRefusesManyNanFractions() {
        double[] v = new double[64];
        double[] vf = new double[64];
        vf[3] = Double.NaN;
        EOPatch p = series(DType.FLOAT32, new long[] {64, 1, 1, 1}, v);
        p.put(FeatureType.SCALAR, "VF", arr(DType.FLOAT32, new long[] {64, 1}, vf));
        assertThatThrownBy(() -> new ReferenceScenesTask(BANDS, Feature.of(FeatureType.SCALAR, "VF")).execute(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D145");
    }

    @Test
    void histogramMatchingToReferenceStatistics() {
        // frame values 1, 3 (mean 2, std 1), reference 10, 14 (mean 12, std 2): x * 2 + 8
        EOPatch p = series(DType.FLOAT32, new long[] {1, 1, 2, 1}, 1, 3);
        p.put(FeatureType.DATA_TIMELESS, "REF", arr(DType.FLOAT32, new long[] {1, 2, 1}, 10, 14));
        new HistogramMatchingTask(Feature.of(FeatureType.DATA, "BANDS", "M"), Feature.of(FeatureType.DATA_TIMELESS,
                "REF")).execute(p);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.DATA, "M"))).containsExactly(10, 14);
    }

    @Test
    void histogramMatchingRefusesIntegerData() {
        EOPatch p = series(DType.UINT16, new long[] {1, 1, 2, 1}, 1, 3);
        p.put(FeatureType.DATA_TIMELESS, "REF", arr(DType.FLOAT32, new long[] {1, 2, 1}, 10, 14));
        assertThatThrownBy(() -> new HistogramMatchingTask(Feature.of(FeatureType.DATA, "BANDS", "M"),
                Feature.of(FeatureType.DATA_TIMELESS, "REF")).execute(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D146");
    }
}
