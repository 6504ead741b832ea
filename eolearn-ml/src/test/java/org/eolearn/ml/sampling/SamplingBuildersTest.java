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
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.ml.sampling.TrainTestSplitTask.SplitType;
import org.junit.jupiter.api.Test;

/**
 * The builders of the sampling tasks and of TrainTestSplitTask: {@code builder(required).build()} is the task the
 * registry makes from JSON with only the required parameters (same results for the same seed, same description), a
 * setting away from the default has its effect, and a bad argument is refused naming the parameter.
 */
class SamplingBuildersTest {

    private static final Feature LULC = Feature.of(FeatureType.MASK_TIMELESS, "LULC");
    private static final Feature DEM = Feature.of(FeatureType.DATA_TIMELESS, "DEM");
    private static final Feature MASK = Feature.of(FeatureType.MASK_TIMELESS, "MASK");
    private static final FeatureSpec TO_SAMPLE = FeatureSpec.of(Feature.of(FeatureType.DATA_TIMELESS, "DEM", "DEM_S"),
            Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_S"));
    private static final String TO_SAMPLE_JSON = "[[\"data_timeless\", \"DEM\", \"DEM_S\"], "
            + "[\"mask_timeless\", \"LULC\", \"LULC_S\"]]";

    /** A 12 x 15 patch: LULC values 0..4 in bands of rows, DEM the pixel index. */
    private static EOPatch patch() {
        int h = 12;
        int w = 15;
        double[] lulc = new double[h * w];
        double[] dem = new double[h * w];
        for (int i = 0; i < h * w; i++) {
            lulc[i] = (i / w) % 5;
            dem[i] = i;
        }
        EOPatch p = new EOPatch();
        p.put(LULC, NdArrays.fromDoubles(DType.UINT8, new long[] {h, w, 1}, lulc));
        p.put(DEM, NdArrays.fromDoubles(DType.FLOAT32, new long[] {h, w, 1}, dem));
        return p;
    }

    private static EOTask fromJson(String name, String json) throws Exception {
        return TaskRegistry.standard().create(name, JsonMapper.builder().build().readTree(json));
    }

    private static EOPatch run(EOTask task, Object seed) {
        Map<String, Object> args = new HashMap<>();
        if (seed != null) {
            args.put("seed", seed);
        }
        return (EOPatch) task.execute(List.of(patch()), args);
    }

    private static long count(EOPatch p, Feature f, double value) {
        long n = 0;
        for (double v : NdArrays.toDoubles(p.getArray(f.type(), f.name()))) {
            n += v == value ? 1 : 0;
        }
        return n;
    }

    @Test
    void fractionSamplingBuilderDefaultsAreEoLearns() throws Exception {
        FractionSamplingTask built = FractionSamplingTask.builder(TO_SAMPLE, LULC, 0.25).build();
        EOTask json = fromJson("FractionSamplingTask", "{\"features_to_sample\": " + TO_SAMPLE_JSON
                + ", \"sampling_feature\": [\"mask_timeless\", \"LULC\"], \"fraction\": 0.25}");
        assertThat(built.describe()).isEqualTo(json.describe());
        assertThat(run(built, 7)).isEqualTo(run(json, 7));
        assertThat(new FractionSamplingTask(TO_SAMPLE, LULC, 0.25).describe()).isEqualTo(json.describe());
        assertThat(built.describe()).containsEntry("replace", false).containsEntry("mask_of_samples", null)
                .containsEntry("exclude_values", Set.of());
    }

    @Test
    void fractionSamplingBuilderSettingsHaveTheirEffect() {
        // rows cycle through the values 0..4: 45 pixels of 0 and of 1, 30 of each other value
        EOPatch out = run(FractionSamplingTask.builder(TO_SAMPLE, LULC, 0.5).excludeValues(0)
                .maskOfSamples(MASK).build(), 3);
        Feature sampled = Feature.of(FeatureType.MASK_TIMELESS, "LULC_S");
        assertThat(count(out, sampled, 0)).as("value 0 excluded").isZero();
        assertThat(count(out, sampled, 1)).isEqualTo(22); // round(45 * 0.5), half to even
        assertThat(out.getArray(MASK.type(), MASK.name()).shape()).containsExactly(12, 15, 1);
        // a fraction per value; with replacement a fraction above 1 is allowed
        EOPatch perValue = run(FractionSamplingTask.builder(TO_SAMPLE, LULC, Map.of(2L, 1.5)).replace(true)
                .build(), 3);
        assertThat(perValue.getArray(sampled.type(), sampled.name()).shape()).containsExactly(45, 1, 1);
        assertThat(count(perValue, sampled, 2)).isEqualTo(45);
    }

    @Test
    void fractionSamplingBuilderNamesBadArguments() {
        assertThatThrownBy(() -> FractionSamplingTask.builder(TO_SAMPLE, LULC, 1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
        assertThatThrownBy(() -> FractionSamplingTask.builder(TO_SAMPLE, DEM, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampling_feature");
        assertThatThrownBy(() -> FractionSamplingTask.builder(TO_SAMPLE, LULC, 0.5).maskOfSamples(DEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask_of_samples");
        assertThatThrownBy(() -> FractionSamplingTask.builder(TO_SAMPLE, LULC, 0.5).excludeValues(
                java.util.Arrays.asList(1L, null))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("exclude_values");
    }

    @Test
    void blockSamplingBuilderDefaultsAreEoLearns() throws Exception {
        BlockSamplingTask built = BlockSamplingTask.builder(TO_SAMPLE, 20).build();
        EOTask json = fromJson("BlockSamplingTask", "{\"features_to_sample\": " + TO_SAMPLE_JSON
                + ", \"amount\": 20}");
        assertThat(built.describe()).isEqualTo(json.describe());
        assertThat(run(built, 11)).isEqualTo(run(json, 11));
        assertThat(run(new BlockSamplingTask(TO_SAMPLE, 20), 11)).isEqualTo(run(json, 11));
        BlockSamplingTask fraction = BlockSamplingTask.builder(TO_SAMPLE, 0.1).build();
        EOTask fractionJson = fromJson("BlockSamplingTask", "{\"features_to_sample\": " + TO_SAMPLE_JSON
                + ", \"amount\": 0.1}");
        assertThat(fraction.describe()).isEqualTo(fractionJson.describe());
        assertThat(run(fraction, 11)).isEqualTo(run(fractionJson, 11));
    }

    @Test
    void blockSamplingBuilderSettingsHaveTheirEffect() {
        EOPatch out = run(BlockSamplingTask.builder(TO_SAMPLE, 4).sampleSize(3, 2).maskOfSamples(MASK).build(), 5);
        // four blocks of 3 x 2: 12 rows of 2 columns
        assertThat(out.getArray(FeatureType.DATA_TIMELESS, "DEM_S").shape()).containsExactly(12, 2, 1);
        double drawn = 0;
        for (double v : NdArrays.toDoubles(out.getArray(MASK.type(), MASK.name()))) {
            drawn += v;
        }
        assertThat(drawn).as("the mask of samples counts 4 blocks of 6 pixels").isEqualTo(24);
        // with replacement, more blocks than corners can be drawn
        EOPatch many = run(BlockSamplingTask.builder(TO_SAMPLE, 200).replace(true).build(), 5);
        assertThat(many.getArray(FeatureType.DATA_TIMELESS, "DEM_S").shape()).containsExactly(200, 1, 1);
    }

    @Test
    void blockSamplingBuilderNamesBadArguments() {
        assertThatThrownBy(() -> BlockSamplingTask.builder(TO_SAMPLE, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> BlockSamplingTask.builder(TO_SAMPLE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> BlockSamplingTask.builder(TO_SAMPLE, 3).sampleSize(0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample_size");
        assertThatThrownBy(() -> BlockSamplingTask.builder(null, 3))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("features_to_sample");
    }

    @Test
    void gridSamplingBuilderDefaultsAreEoLearns() throws Exception {
        GridSamplingTask built = GridSamplingTask.builder(TO_SAMPLE).build();
        EOTask json = fromJson("GridSamplingTask", "{\"features_to_sample\": " + TO_SAMPLE_JSON + "}");
        assertThat(built.describe()).isEqualTo(json.describe());
        EOPatch out = run(built, null);
        assertThat(out).isEqualTo(run(json, null));
        assertThat(out).isEqualTo(run(new GridSamplingTask(TO_SAMPLE), null));
        assertThat(out.getArray(FeatureType.DATA_TIMELESS, "DEM_S").shape()).containsExactly(12 * 15, 1, 1);
    }

    @Test
    void gridSamplingBuilderSettingsHaveTheirEffect() {
        EOPatch out = run(GridSamplingTask.builder(TO_SAMPLE).sampleSize(4, 5).stride(4, 5).maskOfSamples(MASK)
                .build(), null);
        // 3 x 3 blocks of 4 x 5 tile the image: 9 blocks of 4 rows
        assertThat(out.getArray(FeatureType.DATA_TIMELESS, "DEM_S").shape()).containsExactly(36, 5, 1);
        assertThat(count(out, MASK, 1)).isEqualTo(12 * 15);
    }

    @Test
    void gridSamplingBuilderNamesBadArguments() {
        assertThatThrownBy(() -> GridSamplingTask.builder(TO_SAMPLE).stride(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        assertThatThrownBy(() -> GridSamplingTask.builder(TO_SAMPLE).sampleSize(-2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample_size");
    }

    @Test
    void trainTestSplitBuilderDefaultsAreEoLearns() throws Exception {
        Feature split = Feature.of(FeatureType.MASK_TIMELESS, "SPLIT");
        TrainTestSplitTask built = TrainTestSplitTask.builder(LULC, split, 0.6, 0.8).build();
        EOTask json = fromJson("TrainTestSplitTask", "{\"input_feature\": [\"mask_timeless\", \"LULC\"], "
                + "\"output_feature\": [\"mask_timeless\", \"SPLIT\"], \"bins\": [0.6, 0.8]}");
        assertThat(built.describe()).isEqualTo(json.describe()).containsEntry("split_type", "per_pixel");
        assertThat(run(built, 42)).isEqualTo(run(json, 42));
        assertThat(run(new TrainTestSplitTask(LULC, split, 0.6, 0.8), 42)).isEqualTo(run(json, 42));
    }

    @Test
    void trainTestSplitBuilderSettingsHaveTheirEffect() {
        Feature split = Feature.of(FeatureType.MASK_TIMELESS, "SPLIT");
        EOPatch out = run(TrainTestSplitTask.builder(LULC, split, 0.5).splitType(SplitType.PER_CLASS)
                .ignoreValues(0, 3).build(), 1);
        double[] lulc = NdArrays.toDoubles(out.getArray(LULC.type(), LULC.name()));
        double[] subsets = NdArrays.toDoubles(out.getArray(split.type(), split.name()));
        Map<Double, Double> perValue = new HashMap<>();
        for (int i = 0; i < lulc.length; i++) {
            Double before = perValue.put(lulc[i], subsets[i]);
            assertThat(before == null || before == subsets[i]).as("one subset per value").isTrue();
        }
        assertThat(perValue.get(0.0)).isZero();
        assertThat(perValue.get(3.0)).isZero();
        assertThat(perValue.get(1.0)).isIn(1.0, 2.0);
    }

    @Test
    void trainTestSplitBuilderNamesBadArguments() {
        Feature split = Feature.of(FeatureType.MASK_TIMELESS, "SPLIT");
        assertThatThrownBy(() -> TrainTestSplitTask.builder(LULC, split, 0.8, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins");
        assertThatThrownBy(() -> TrainTestSplitTask.builder(LULC, DEM, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output_feature");
        assertThatThrownBy(() -> TrainTestSplitTask.builder(LULC, split, 0.5).splitType(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("split_type");
    }
}
