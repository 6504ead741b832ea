package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;

/**
 * Samples blocks on a regular grid, without randomness (eo-learn's {@code GridSamplingTask}): upper-left corners at
 * rows {@code 0, stride_r, ...} up to {@code H - sample_h} and the same for columns, row-major; each block adds
 * {@code sample_h} rows of {@code sample_w} pixels to the sampled features.
 *
 * @since 0.1
 */
public final class GridSamplingTask implements EOTask {

    private final FeatureParser features;
    private final int[] sampleSize;
    private final int[] stride;
    private final Feature maskOfSamples;

    /**
     * Creates the task.
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
