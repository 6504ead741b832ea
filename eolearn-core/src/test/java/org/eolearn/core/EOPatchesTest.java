package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tests {@link EOPatches#merge}, including eo-learn's {@code test_time_dependent_merge}. */
class EOPatchesTest {

    private static List<LocalDateTime> months(int... months) {
        List<LocalDateTime> out = new ArrayList<>();
        for (int m : months) {
            out.add(LocalDateTime.of(2020, m, 1, 0, 0));
        }
        return out;
    }

    private static INDArray filled(double value, long... shape) {
        return Nd4j.valueArrayOf(shape, value, DType.FLOAT32.dataType());
    }

    /** eo-learn: eop1 t=[Jan,Jun,May] + eop2 t=[Apr,Feb,Mar,May,Apr] gives Jan..Jun, 8 frames with concatenate. */
    @Test
    void timeDependentMerge() {
        EOPatch a = new EOPatch(null, months(1, 6, 5));
        a.put(FeatureType.DATA, "X", filled(1, 3, 4, 5, 2));
        EOPatch b = new EOPatch(null, months(4, 2, 3, 5, 4));
        b.put(FeatureType.DATA, "X", filled(1, 5, 4, 5, 2));
        EOPatch merged = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.equal());
        assertThat(merged.timestamps()).isEqualTo(months(1, 2, 3, 4, 5, 6));
        assertThat(merged.getArray(FeatureType.DATA, "X").shape()).containsExactly(6, 4, 5, 2);
        EOPatch concat = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.concatenate(),
                MergeOperation.equal());
        assertThat(concat.timestamps()).isEqualTo(months(1, 2, 3, 4, 4, 5, 5, 6));
        assertThat(concat.getArray(FeatureType.DATA, "X").shape()).containsExactly(8, 4, 5, 2);

        b.put(FeatureType.DATA, "X", filled(3, 5, 4, 5, 2));
        assertThatThrownBy(() -> EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.equal())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(data, X)");
        EOPatch mean = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.mean(),
                MergeOperation.equal());
        double[] frames = NdArrays.toDoubles(mean.getArray(FeatureType.DATA, "X"));
        int frame = 4 * 5 * 2;
        assertThat(frames[0]).isEqualTo(1); // Jan only in a
        assertThat(frames[4 * frame]).isEqualTo(2); // May in both: (1 + 3) / 2
        assertThat(frames[5 * frame]).isEqualTo(1); // Jun only in a
    }

    @Test
    void concatenateKeepsTimeOrderEvenWhereEoLearnWouldNot() {
        EOPatch a = new EOPatch(null, months(3, 1));
        a.put(FeatureType.SCALAR, "S", Nd4j.createFromArray(new float[][] {{3}, {1}}));
        EOPatch b = new EOPatch(null, months(2));
        b.put(FeatureType.SCALAR, "S", Nd4j.createFromArray(new float[][] {{2}}));
        EOPatch merged = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.concatenate(),
                MergeOperation.equal());
        assertThat(NdArrays.toDoubles(merged.getArray(FeatureType.SCALAR, "S"))).containsExactly(1, 2, 3);
    }

    @Test
    void nanAwareOperationsAndDtypes() {
        EOPatch a = new EOPatch(null, null);
        a.put(FeatureType.DATA_TIMELESS, "F", Nd4j.createFromArray(new float[][][] {{{Float.NaN, 1, 5}}}));
        a.put(FeatureType.SCALAR_TIMELESS, "I", Nd4j.createFromArray(new int[] {1, 2, 3}));
        EOPatch b = new EOPatch(null, null);
        b.put(FeatureType.DATA_TIMELESS, "F", Nd4j.createFromArray(new float[][][] {{{2, Float.NaN, 1}}}));
        b.put(FeatureType.SCALAR_TIMELESS, "I", Nd4j.createFromArray(new int[] {2, 2, 6}));
        EOPatch max = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.equal(), MergeOperation.max());
        assertThat(NdArrays.toDoubles(max.getArray(FeatureType.DATA_TIMELESS, "F"))).containsExactly(2, 1, 5);
        assertThat(DType.of(max.getArray(FeatureType.SCALAR_TIMELESS, "I"))).isEqualTo(DType.INT32);
        EOPatch mean = EOPatches.merge(List.of(a, b), FeatureSpec.of(FeatureType.SCALAR_TIMELESS),
                MergeOperation.equal(), MergeOperation.mean());
        assertThat(DType.of(mean.getArray(FeatureType.SCALAR_TIMELESS, "I"))).isEqualTo(DType.FLOAT64);
        assertThat(NdArrays.toDoubles(mean.getArray(FeatureType.SCALAR_TIMELESS, "I"))).containsExactly(1.5, 2, 4.5);
        assertThat(mean.contains(FeatureType.DATA_TIMELESS)).isFalse();
        EOPatch concat = EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.concatenate());
        assertThat(concat.getArray(FeatureType.SCALAR_TIMELESS, "I").shape()).containsExactly(6);
        assertThat(concat.getArray(FeatureType.DATA_TIMELESS, "F").shape()).containsExactly(1, 1, 6);
        EOPatch median = EOPatches.merge(List.of(a, b, a), FeatureSpec.of(FeatureType.SCALAR_TIMELESS),
                MergeOperation.equal(), MergeOperation.median());
        assertThat(NdArrays.toDoubles(median.getArray(FeatureType.SCALAR_TIMELESS, "I"))).containsExactly(1, 2, 3);
        EOPatch m1 = new EOPatch(null, null);
        m1.put(FeatureType.MASK_TIMELESS, "M", Nd4j.createFromArray(new int[][][] {{{1}}}));
        EOPatch m2 = new EOPatch(null, null);
        m2.put(FeatureType.MASK_TIMELESS, "M", Nd4j.createFromArray(new int[][][] {{{2}}}));
        // as in eo-learn: the float64 mean of integer masks is not a valid mask
        assertThatThrownBy(() -> EOPatches.merge(List.of(m1, m2), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.mean())).hasMessageContaining("integer or bool");
    }

    @Test
    void bboxVectorsAndMetaInfo() {
        EOPatch a = PatchGenerator.everyKind(1);
        EOPatch b = PatchGenerator.everyKind(1);
        b.put(FeatureType.META_INFO, "maxcc", 0.5);
        EOPatch merged = EOPatches.merge(List.of(a, b), FeatureSpec.of(FeatureType.VECTOR, FeatureType.META_INFO),
                MergeOperation.equal(), MergeOperation.equal());
        assertThat(merged.getMetaInfo("maxcc")).as("first value wins").isEqualTo(0.8);
        assertThat(merged.getVector(FeatureType.VECTOR, "CLOUDS")).as("duplicates dropped")
                .isEqualTo(a.getVector(FeatureType.VECTOR, "CLOUDS"));
        EOPatch elsewhere = new EOPatch(new BBox(1, 1, 2, 2, CRS.WGS84), null);
        assertThatThrownBy(() -> EOPatches.merge(List.of(a, elsewhere), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.equal())).hasMessageContaining("bounding boxes");
        EOPatch otherCrs = new EOPatch(null, a.timestamps());
        otherCrs.put(FeatureType.VECTOR, "CLOUDS", a.getVector(FeatureType.VECTOR, "CLOUDS").withCrs(CRS.WGS84));
        assertThatThrownBy(() -> EOPatches.merge(List.of(a, otherCrs), FeatureSpec.of(FeatureType.VECTOR),
                MergeOperation.equal(), MergeOperation.equal())).hasMessageContaining("different CRS");
    }

    @Test
    void timeDimensionMustMatchTimestamps() {
        EOPatch a = new EOPatch(null, months(1, 2));
        a.put(FeatureType.DATA, "X", filled(1, 3, 1, 1, 1));
        EOPatch b = new EOPatch(null, months(3));
        b.put(FeatureType.DATA, "X", filled(1, 1, 1, 1, 1));
        assertThatThrownBy(() -> EOPatches.merge(List.of(a, b), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.equal())).hasMessageContaining("time dimension");
    }
}
