package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;

/**
 * Samples blocks on a regular grid, without randomness (eo-learn's {@code GridSamplingTask}): upper-left corners at
 * rows {@code 0, stride_r, ...} up to {@code H - sample_h} and the same for columns, row-major; each block adds
 * {@code sample_h} rows of {@code sample_w} pixels to the sampled features. Built with {@link #builder(FeatureSpec)},
 * whose settings start at eo-learn's defaults.
 *
 * @since 0.1
 */
public final class GridSamplingTask implements EOTask {

    /** eo-learn's {@code sample_size} and {@code stride}: (1, 1). */
    private static final int[] DEFAULT_PAIR = {1, 1};

    private final FeatureParser features;
    private final int[] sampleSize;
    private final int[] stride;
    private final Feature maskOfSamples;

    /**
     * Creates the task with eo-learn's defaults: every pixel ({@code sample_size} and {@code stride} (1, 1)), no mask
     * of samples.
     *
     * @param featuresToSample image features to sample, renames allowed
     */
    public GridSamplingTask(FeatureSpec featuresToSample) {
        this(featuresToSample, DEFAULT_PAIR, DEFAULT_PAIR, null);
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(FeatureSpec)}, which needs no null for the
     * defaults.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param sampleSize       block (height, width)
     * @param stride           distance between corners (rows, columns)
     * @param maskOfSamples    a mask_timeless feature to receive the sample counts, or null
     */
    public GridSamplingTask(FeatureSpec featuresToSample, int[] sampleSize, int[] stride, Feature maskOfSamples) {
        this.features = SamplingTasks.imageParser(featuresToSample);
        this.sampleSize = SamplingTasks.pair("sample_size", sampleSize);
        this.stride = SamplingTasks.pair("stride", stride);
        this.maskOfSamples = SamplingTasks.maskOfSamples(maskOfSamples);
    }

    /**
     * Starts a task with eo-learn's defaults: blocks of one pixel, one at every pixel, no mask of samples.
     *
     * <pre>{@code
     * GridSamplingTask task = GridSamplingTask.builder(FeatureSpec.of(Feature.of(FeatureType.DATA, "BANDS")))
     *         .sampleSize(10, 10).stride(10, 10).build();
     * }</pre>
     *
     * @param featuresToSample image features to sample, renames allowed
     * @return the builder
     * @throws NullPointerException if {@code featuresToSample} is null
     */
    public static Builder builder(FeatureSpec featuresToSample) {
        return new Builder(featuresToSample);
    }

    /**
     * Settings of a {@link GridSamplingTask}, preset to eo-learn 1.5.6's defaults; every setter is optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final FeatureSpec featuresToSample;
        private int[] sampleSize = DEFAULT_PAIR;
        private int[] stride = DEFAULT_PAIR;
        private Feature maskOfSamples;

        private Builder(FeatureSpec featuresToSample) {
            this.featuresToSample = Objects.requireNonNull(featuresToSample, "features_to_sample");
        }

        /**
         * {@code sample_size}: the size of each block (default (1, 1), single pixels).
         *
         * @param rows    the block height, positive
         * @param columns the block width, positive
         * @return this
         * @throws IllegalArgumentException if a size is not positive
         */
        public Builder sampleSize(int rows, int columns) {
            this.sampleSize = SamplingTasks.pair("sample_size", new int[] {rows, columns});
            return this;
        }

        /**
         * {@code stride}: the distance between the upper-left corners of neighbouring blocks (default (1, 1)); a
         * stride smaller than the block makes blocks overlap.
         *
         * @param rows    the vertical distance, positive
         * @param columns the horizontal distance, positive
         * @return this
         * @throws IllegalArgumentException if a distance is not positive
         */
        public Builder stride(int rows, int columns) {
            this.stride = SamplingTasks.pair("stride", new int[] {rows, columns});
            return this;
        }

        /**
         * {@code mask_of_samples}: a MASK_TIMELESS feature receiving how many times each pixel was sampled (default
         * None: not written).
         *
         * @param feature the feature, or null for none
         * @return this
         * @throws IllegalArgumentException if the feature is not a MASK_TIMELESS feature
         */
        public Builder maskOfSamples(Feature feature) {
            this.maskOfSamples = SamplingTasks.maskOfSamples(feature);
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public GridSamplingTask build() {
            return new GridSamplingTask(featuresToSample, sampleSize, stride, maskOfSamples);
        }
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args);
        EOPatch patch = Tasks.singlePatch(this, inputs);
        int[] size = SamplingTasks.imageSize(patch, features);
        int rowsCount = size[0] - sampleSize[0] + 1;
        int colsCount = size[1] - sampleSize[1] + 1;
        int nr = rowsCount <= 0 ? 0 : (rowsCount + stride[0] - 1) / stride[0];
        int nc = colsCount <= 0 ? 0 : (colsCount + stride[1] - 1) / stride[1];
        int[] rows = new int[nr * nc];
        int[] cols = new int[nr * nc];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nc; j++) {
                rows[i * nc + j] = i * stride[0];
                cols[i * nc + j] = j * stride[1];
            }
        }
        Sampling.Grid corners = new Sampling.Grid(rows, cols, 1);
        return SamplingTasks.apply(patch, features, maskOfSamples, Sampling.expandToGrids(corners, sampleSize[0],
                sampleSize[1]));
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features_to_sample", features.spec(), "sample_size", Arrays.toString(sampleSize),
                "stride", Arrays.toString(stride), "mask_of_samples", maskOfSamples);
    }
}
