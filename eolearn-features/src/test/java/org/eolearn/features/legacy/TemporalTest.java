package org.eolearn.features.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.features.temporal.AddMaxMinNDVISlopeIndicesTask;
import org.eolearn.features.temporal.AddMaxMinTemporalIndicesTask;
import org.eolearn.features.temporal.AddSpatioTemporalFeaturesTask;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of the 2018 temporal tasks. */
class TemporalTest {

    private static EOPatch patch(int t, int... days) {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            ts.add(LocalDateTime.of(2020, 1, 1, 0, 0).plusDays(days.length > 0 ? days[i] : 10L * i));
        }
        return new EOPatch(null, ts);
    }

    private static void put(EOPatch p, FeatureType type, String name, DType dtype, long[] shape, double... v) {
        p.put(type, name, NdArrays.fromDoubles(dtype, shape, v));
    }

    @Test
    void maxMinIndicesMaskNanAndTies() {
        // one pixel, 4 frames: 0.5, NaN, 0.5 (masked), 0.2 -> argmax 0 (first of the tie), argmin 3
        EOPatch p = patch(4);
        put(p, FeatureType.DATA, "NDVI", DType.FLOAT32, new long[] {4, 1, 2, 1}, 0.5, 1, Double.NaN, 1, 0.5, 1, 0.2,
                1);
        put(p, FeatureType.MASK, "VALID_DATA", DType.UINT8, new long[] {4, 1, 2, 1}, 1, 0, 1, 0, 0, 0, 1, 0);
        new AddMaxMinTemporalIndicesTask().execute(p);
        assertThat(NdArrays.toLongs(p.getArray(FeatureType.DATA_TIMELESS, "ARGMAX_NDVI"))).containsExactly(0, 0);
        assertThat(NdArrays.toLongs(p.getArray(FeatureType.DATA_TIMELESS, "ARGMIN_NDVI"))).containsExactly(3, 0);
        assertThat(DType.of(p.getArray(FeatureType.DATA_TIMELESS, "ARGMAX_NDVI"))).isEqualTo(DType.INT64);
    }

    @Test
    void slopeByCentralDifferences() {
        // days 0, 10, 20, 30; NDVI 0, 1, 1, 0: slopes at frames 1 and 2 are (1-0)/20 and (0-1)/20
        EOPatch p = patch(4);
        put(p, FeatureType.DATA, "NDVI", DType.FLOAT32, new long[] {4, 1, 1, 1}, 0, 1, 1, 0);
        put(p, FeatureType.MASK, "VALID_DATA", DType.BOOL, new long[] {4, 1, 1, 1}, 1, 1, 1, 1);
        new AddMaxMinNDVISlopeIndicesTask().execute(p);
        assertThat(NdArrays.toLongs(p.getArray(FeatureType.DATA_TIMELESS, "ARGMAX_NDVI_SLOPE"))).containsExactly(1);
        assertThat(NdArrays.toLongs(p.getArray(FeatureType.DATA_TIMELESS, "ARGMIN_NDVI_SLOPE"))).containsExactly(2);
        assertThat(DType.of(p.getArray(FeatureType.DATA_TIMELESS, "ARGMAX_NDVI_SLOPE"))).isEqualTo(DType.UINT8);
    }

    @Test
    void slopeRefusesTooFewObservations() {
        EOPatch p = patch(3);
        put(p, FeatureType.DATA, "NDVI", DType.FLOAT32, new long[] {3, 1, 1, 1}, 0, 1, 2);
        put(p, FeatureType.MASK, "VALID_DATA", DType.BOOL, new long[] {3, 1, 1, 1}, 1, 0, 0);
        assertThatThrownBy(() -> new AddMaxMinNDVISlopeIndicesTask().execute(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D141");
    }

    @Test
    void slopeRefusesSeveralBands() {
        EOPatch p = patch(3);
        put(p, FeatureType.DATA, "NDVI", DType.FLOAT32, new long[] {3, 1, 1, 2}, 0, 1, 2, 3, 4, 5);
        put(p, FeatureType.MASK, "VALID_DATA", DType.BOOL, new long[] {3, 1, 1, 1}, 1, 1, 1);
        assertThatThrownBy(() -> new AddMaxMinNDVISlopeIndicesTask().execute(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D142");
    }

    @Test
    void spatioTemporalFeaturesInLegacyOrder() {
        // 2 frames, 1x2 pixels, 2 bands; frame f, pixel j, band b holds 100f + 10j + b
        EOPatch p = patch(2);
        double[] v = new double[8];
        for (int f = 0; f < 2; f++) {
            for (int j = 0; j < 2; j++) {
                for (int b = 0; b < 2; b++) {
                    v[(f * 2 + j) * 2 + b] = 100 * f + 10 * j + b;
                }
            }
        }
        put(p, FeatureType.DATA, "BANDS", DType.FLOAT32, new long[] {2, 1, 2, 2}, v);
        String[] names = {"ARGMAX_NDVI", "ARGMIN_NDVI", "ARGMAX_B4", "ARGMAX_NDVI_SLOPE", "ARGMIN_NDVI_SLOPE"};
        double[][] idx = {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {-1, 0}};
        for (int i = 0; i < 5; i++) {
            put(p, FeatureType.DATA_TIMELESS, names[i], DType.INT64, new long[] {1, 2, 1}, idx[i]);
        }
        AddSpatioTemporalFeaturesTask.builder().dataFeature("BANDS").indices(1).build().execute(p);
        // order: max NDVI, min NDVI, max slope, min slope, max red; band 1
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.DATA_TIMELESS, "STF"))).containsExactly(
                101, 1, 1, 101, 101, 11, 111, 11, 11, 111);
    }

    @Test
    void spatioTemporalRefusesBooleanIndices() {
        EOPatch p = patch(1);
        put(p, FeatureType.DATA, "BANDS", DType.FLOAT32, new long[] {1, 1, 1, 1}, 1);
        for (String n : new String[] {"ARGMAX_NDVI", "ARGMIN_NDVI", "ARGMAX_B4", "ARGMAX_NDVI_SLOPE",
            "ARGMIN_NDVI_SLOPE"}) {
            put(p, FeatureType.DATA_TIMELESS, n, DType.BOOL, new long[] {1, 1, 1}, 0);
        }
        assertThatThrownBy(() -> AddSpatioTemporalFeaturesTask.builder().dataFeature("BANDS").indices(0).build()
                .execute(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D143");
    }
}
