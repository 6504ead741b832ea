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
 * Samples random pixels or blocks anywhere in the image (eo-learn's {@code BlockSamplingTask}): an integer amount is
 * a number of blocks, a fractional amount a share of the possible upper-left corners. Execute arguments:
 * {@code seed} and {@code amount}. Seeds are reproducible within this library, not with numpy's generator.
 *
 * @since 0.1
 */
public final class BlockSamplingTask implements EOTask {

    private final FeatureParser features;
    private final Number amount;
    private final int[] sampleSize;
    private final boolean replace;
    private final Feature maskOfSamples;

    /**
     * Creates the task.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param amount           an {@link Integer} or {@link Long} count, or a {@link Double} fraction
     * @param sampleSize       block (height, width)
     * @param replace          whether corners may repeat
     * @param maskOfSamples    a mask_timeless feature to receive the sample counts, or null
     */
    public BlockSamplingTask(FeatureSpec featuresToSample, Number amount, int[] sampleSize, boolean replace,
                             Feature maskOfSamples) {
        this.features = SamplingTasks.imageParser(featuresToSample);
        this.amount = check(amount);
        this.sampleSize = SamplingTasks.pair("sample_size", sampleSize);
        this.replace = replace;
        this.maskOfSamples = SamplingTasks.maskOfSamples(maskOfSamples);
    }

    private static Number check(Number a) {
        if (a == null || a.doubleValue() < 0 || Double.isNaN(a.doubleValue())) {
            throw new IllegalArgumentException("amount must be a non-negative count or fraction, got " + a);
        }
        return a;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "seed", "amount");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Number a = args.get("amount") != null ? check((Number) args.get("amount")) : amount;
        int[] size = SamplingTasks.imageSize(patch, features);
        int h = size[0] - sampleSize[0] + 1;
        int w = size[1] - sampleSize[1] + 1;
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("sample_size " + Arrays.toString(sampleSize) + " is larger than the "
                    + "image " + Arrays.toString(size));
        }
        long[] ones = new long[h * w];
        Arrays.fill(ones, 1);
        boolean count = a instanceof Integer || a instanceof Long || a instanceof Short;
        int n = count ? a.intValue() : Sampling.roundHalfEven(h * w * a.doubleValue());
        Sampling.Grid corners = Sampling.sampleByValues(ones, h, w, Map.of(1L, n), SamplingTasks.random(
                args.get("seed")), replace);
        return SamplingTasks.apply(patch, features, maskOfSamples, Sampling.expandToGrids(corners, sampleSize[0],
                sampleSize[1]));
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features_to_sample", features.spec(), "amount", amount, "sample_size",
                Arrays.toString(sampleSize), "replace", replace, "mask_of_samples", maskOfSamples);
    }
}
