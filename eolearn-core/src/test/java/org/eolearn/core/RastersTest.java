package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** fast_nanpercentile and constant_pad against numpy's results (numpy.nanpercentile, numpy.pad). */
class RastersTest {

    private static final double NAN = Double.NaN;

    private static INDArray series() {
        return NdArrays.fromDoubles(DType.FLOAT32, new long[] {4, 4}, new double[] {1, NAN, 3, NAN, 2, NAN, NAN, 5,
            7, NAN, 4, 6, 4, NAN, 1.5, NAN});
    }

    @Test
    void percentilesEqualNumpysForEveryMethod() {
        float[][] expected = {{1.9f, Float.NaN, 2.4f, 5.3f}, {1, Float.NaN, 1.5f, 5}, {2, Float.NaN, 3, 6},
            {2, Float.NaN, 3, 5}, {1.5f, Float.NaN, 2.25f, 5.5f}};
        Rasters.PercentileMethod[] methods = Rasters.PercentileMethod.values();
        for (int m = 0; m < methods.length; m++) {
            INDArray p = Rasters.fastNanPercentile(series(), 30, methods[m]);
            assertThat(DType.of(p)).isEqualTo(DType.FLOAT32);
            assertThat(p.shape()).containsExactly(4);
            double[] v = NdArrays.toDoubles(p);
            for (int c = 0; c < 4; c++) {
                if (Float.isNaN(expected[m][c])) {
                    assertThat(v[c]).as("%s column %d", methods[m], c).isNaN();
                } else {
                    assertThat((float) v[c]).as("%s column %d", methods[m], c).isEqualTo(expected[m][c]);
                }
            }
        }
        INDArray empty = NdArrays.zeros(DType.FLOAT64, 0, 3);
        assertThat(NdArrays.toDoubles(Rasters.fastNanPercentile(empty, 50, Rasters.PercentileMethod.LINEAR)))
                .containsOnly(NAN);
        assertThatThrownBy(() -> Rasters.fastNanPercentile(series(), 101, Rasters.PercentileMethod.LINEAR))
                .hasMessageContaining("percentile");
        assertThatThrownBy(() -> Rasters.PercentileMethod.parse("weibull")).hasMessageContaining("weibull");
    }

    @Test
    void constantPadFollowsEoLearnsRules() {
        // eo-learn's test: arange(2).reshape(1, 2), multiple_of (3, 3), even rows, right columns, pad 5
        INDArray a = NdArrays.fromDoubles(DType.INT64, new long[] {1, 2}, new double[] {0, 1});
        INDArray p = Rasters.constantPad(a, new int[] {3, 3}, Rasters.padRule("even"), Rasters.padRule("right"), 5);
        assertThat(p.shape()).containsExactly(3, 3);
        assertThat(NdArrays.toDoubles(p)).containsExactly(5, 5, 5, 0, 1, 5, 5, 5, 5);
        assertThat(DType.of(p)).isEqualTo(DType.INT64);
        INDArray up = Rasters.constantPad(a, new int[] {3, 3}, Rasters.padRule("up"), Rasters.padRule("left"), 0);
        assertThat(NdArrays.toDoubles(up)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1);
        // extra axes are kept: (1, 2, 2) -> (2, 2, 2), the band values move together
        INDArray bands = NdArrays.fromDoubles(DType.FLOAT32, new long[] {1, 2, 2}, new double[] {1, 2, 3, 4});
        INDArray padded = Rasters.constantPad(bands, new int[] {2, 2}, Rasters.PadRule.AFTER, Rasters.PadRule.EVEN,
                -1);
        assertThat(padded.shape()).containsExactly(2, 2, 2);
        assertThat(NdArrays.toDoubles(padded)).containsExactly(1, 2, 3, 4, -1, -1, -1, -1);
        assertThat(Rasters.constantPad(bands, new int[] {1, 1}, Rasters.PadRule.EVEN, Rasters.PadRule.EVEN, 0)
                .shape()).containsExactly(1, 2, 2);
        assertThatThrownBy(() -> Rasters.constantPad(a, new int[] {0, 3}, Rasters.PadRule.EVEN, Rasters.PadRule.EVEN,
                0)).hasMessageContaining("multiple_of");
        assertThatThrownBy(() -> Rasters.padRule("middle")).hasMessageContaining("middle");
    }
}
