package org.eolearn.ml.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.ml.sampling.TrainTestSplitTask.SplitType;
import org.junit.jupiter.api.Test;

/** TrainTestSplitTask: numpy.digitize's subsets, the three split types, distributions and bad arguments. */
class TrainTestSplitTaskTest {

    private static final Feature IN = Feature.of(FeatureType.MASK_TIMELESS, "IDS");
    private static final Feature OUT = Feature.of(FeatureType.MASK_TIMELESS, "SPLIT");

    /** A 100 x 100 patch whose pixels hold ids: 10 x 10 blocks of one id each (100 ids), or 0 in row 0. */
    private static EOPatch patch(int offset) {
        double[] ids = new double[100 * 100];
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 100; c++) {
                ids[r * 100 + c] = r == 0 ? 0 : offset + (r / 10) * 10 + c / 10 + 1;
            }
        }
        EOPatch p = new EOPatch();
        p.put(IN, NdArrays.fromDoubles(DType.UINT16, new long[] {100, 100, 1}, ids));
        return p;
    }

    private static double[] split(EOTask task, EOPatch p, Object seed) {
        Map<String, Object> args = new HashMap<>();
        args.put("seed", seed);
        EOPatch out = (EOPatch) task.execute(List.of(p), args);
        return NdArrays.toDoubles(out.getArray(OUT.type(), OUT.name()));
    }

    @Test
    void subsetsFollowNumpyDigitizePlusOne() {
        double[] bins = {0.6, 0.8};
        assertThat(TrainTestSplitTask.subset(bins, 0.0)).isEqualTo(1);
        assertThat(TrainTestSplitTask.subset(bins, 0.5999)).isEqualTo(1);
        assertThat(TrainTestSplitTask.subset(bins, 0.6)).as("a draw equal to a bin goes right").isEqualTo(2);
        assertThat(TrainTestSplitTask.subset(bins, 0.7)).isEqualTo(2);
        assertThat(TrainTestSplitTask.subset(bins, 0.8)).isEqualTo(3);
        assertThat(TrainTestSplitTask.subset(bins, 0.9999)).isEqualTo(3);
    }

    @Test
    void perPixelSplitsAboutTheBinFractionsAndHonoursIgnoredValues() {
        TrainTestSplitTask task = new TrainTestSplitTask(IN, OUT, new double[] {0.6, 0.8}, SplitType.PER_PIXEL,
                Set.of(0L));
        EOPatch p = patch(0);
        double[] a = split(task, p, 3);
        int[] counts = new int[4];
        for (int i = 0; i < a.length; i++) {
            counts[(int) a[i]]++;
            if (i < 100) {
                assertThat(a[i]).as("row 0 holds the ignored value").isZero();
            }
        }
        // 9,900 draws: expected 5,940 / 1,980 / 1,980, binomial sd below 50; allow 5 sd
        assertThat(counts[0]).isEqualTo(100);
        assertThat(counts[1]).isBetween(5940 - 250, 5940 + 250);
        assertThat(counts[2]).isBetween(1980 - 200, 1980 + 200);
        assertThat(counts[3]).isBetween(1980 - 200, 1980 + 200);
        assertThat(p.getArray(OUT.type(), OUT.name()).shape()).containsExactly(100, 100, 1);
        assertThat(DType.of(p.getArray(OUT.type(), OUT.name()))).isEqualTo(DType.INT64);
        assertThat(split(task, patch(0), 3)).as("same seed").containsExactly(a);
        assertThat(split(task, patch(0), 4)).as("other seed").isNotEqualTo(a);
    }

    @Test
    void perClassKeepsEveryValueTogether() {
        TrainTestSplitTask task = new TrainTestSplitTask(IN, OUT, new double[] {0.5}, SplitType.PER_CLASS,
                Set.of(0L));
        EOPatch p = patch(0);
        double[] s = split(task, p, 11);
        double[] ids = NdArrays.toDoubles(p.getArray(IN.type(), IN.name()));
        Map<Double, Double> subsetOfId = new HashMap<>();
        for (int i = 0; i < s.length; i++) {
            Double before = subsetOfId.putIfAbsent(ids[i], s[i]);
            assertThat(before == null || before == s[i]).as("id %s in one subset", ids[i]).isTrue();
        }
        assertThat(subsetOfId.get(0.0)).isZero();
        long ones = subsetOfId.values().stream().filter(v -> v == 1).count();
        long twos = subsetOfId.values().stream().filter(v -> v == 2).count();
        assertThat(ones + twos).as("ids 1..100").isEqualTo(100);
        assertThat(ones).as("about half of 100 groups (sd 5)").isBetween(25L, 75L);
        assertThat(DType.of(p.getArray(OUT.type(), OUT.name()))).as("the input's dtype").isEqualTo(DType.UINT16);
        assertThat(split(task, patch(0), 11)).containsExactly(s);
    }

    @Test
    void perValueIsConsistentAcrossPatchesAndIgnoresTheSeed() {
        TrainTestSplitTask task = new TrainTestSplitTask(IN, OUT, new double[] {0.3}, SplitType.PER_VALUE, Set.of());
        double[] a = split(task, patch(0), 1);
        double[] b = split(task, patch(50), 99);
        // patch(50) holds ids 51..150: pixel ids shared with patch(0) (51..100) must land in the same subsets
        double[] idsA = NdArrays.toDoubles(patch(0).getArray(IN.type(), IN.name()));
        double[] idsB = NdArrays.toDoubles(patch(50).getArray(IN.type(), IN.name()));
        Map<Double, Double> fromA = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            fromA.put(idsA[i], a[i]);
        }
        int shared = 0;
        for (int i = 0; i < b.length; i++) {
            if (idsB[i] != 0 && fromA.containsKey(idsB[i])) {
                assertThat(b[i]).as("id %s", idsB[i]).isEqualTo(fromA.get(idsB[i]));
                shared++;
            }
        }
        assertThat(shared).isPositive();
        assertThat(split(task, patch(0), 12345)).as("seed ignored").containsExactly(a);
        assertThat(fromA.values()).contains(1.0, 2.0);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new TrainTestSplitTask(IN, OUT, new double[] {0.8, 0.2}, SplitType.PER_PIXEL, null))
                .hasMessageContaining("bins");
        assertThatThrownBy(() -> new TrainTestSplitTask(IN, OUT, new double[] {1.0}, SplitType.PER_PIXEL, null))
                .hasMessageContaining("bins");
        assertThatThrownBy(() -> new TrainTestSplitTask(IN, OUT, new double[0], SplitType.PER_PIXEL, null))
                .hasMessageContaining("bins");
        assertThatThrownBy(() -> new TrainTestSplitTask(Feature.of(FeatureType.DATA, "X"), OUT, new double[] {0.5},
                SplitType.PER_PIXEL, null)).hasMessageContaining("input_feature");
        assertThatThrownBy(() -> SplitType.parse("per_polygon")).hasMessageContaining("split_type");
    }

    @Test
    void registeredUnderEoLearnsName() throws Exception {
        EOTask task = TaskRegistry.standard().create("TrainTestSplitTask", JsonMapper.builder().build().readTree(
                "{\"input_feature\": [\"mask_timeless\", \"IDS\"], \"output_feature\": [\"mask_timeless\", \"SPLIT\"],"
                        + " \"bins\": 0.7, \"split_type\": \"per_class\", \"ignore_values\": [0]}"));
        double[] s = split(task, patch(0), 5);
        assertThat(s[0]).isZero();
        assertThat(s[100 * 50 + 50]).isIn(1.0, 2.0);
    }
}
