package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;

/**
 * Samples random pixels or blocks anywhere in the image (eo-learn's {@code BlockSamplingTask}): an integer amount is
 * a number of blocks, a fractional amount a share of the possible upper-left corners, checked when the task runs
 * (booleans, negative, NaN and infinite amounts are refused). A block one pixel larger than the image leaves no
 * corner, so that only zero blocks can be drawn. Execute arguments: {@code seed} (a non-negative integer) and
 * {@code amount}. Seeds are reproducible within this library, not with numpy's generator.
 *
 * @since 0.1
 */
public final class BlockSamplingTask implements EOTask {

    private final FeatureParser features;
    private final Object amount;
    private final int[] sampleSize;
    private final boolean replace;
    private final Feature maskOfSamples;

    /**
     * Creates the task.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param amount           an {@link Integer} or {@link Long} count, or a {@link Double} fraction (anything else,
     *                         a {@link Boolean} say, is refused when the task runs, unless an execute argument
     *                         replaces it)
     * @param sampleSize       block (height, width)
     * @param replace          whether corners may repeat
     * @param maskOfSamples    a mask_timeless feature to receive the sample counts, or null
     */
    public BlockSamplingTask(FeatureSpec featuresToSample, Object amount, int[] sampleSize, boolean replace,
                             Feature maskOfSamples) {
        this.features = SamplingTasks.imageParser(featuresToSample);
        if (amount == null) {
            throw new IllegalArgumentException("amount must be an integer count or a float fraction, got nothing");
        }
        this.amount = amount;
        this.sampleSize = SamplingTasks.pair("sample_size", sampleSize);
        this.replace = replace;
        this.maskOfSamples = SamplingTasks.maskOfSamples(maskOfSamples);
    }

    /**
     * The number of blocks of an amount, checked when the task runs (eo-learn checks it only there, so an execute
     * argument may replace a bad one): an integer is a count, a float a share of the {@code corners} possible
     * corners, rounded half to even; booleans, negative counts, NaN and infinities are refused, as numpy refuses
     * them.
     */
    private static int blocks(Object a, long corners) {
        double n;
        if (a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof java.math.BigInteger) {
            n = ((Number) a).doubleValue();
        } else if (a instanceof Double || a instanceof Float) {
            n = Math.rint(corners * ((Number) a).doubleValue());
        } else {
            throw new IllegalArgumentException("amount must be an integer count or a float fraction, got "
                    + (a instanceof Boolean ? "the boolean " : "") + a);
        }
        if (!(n >= 0) || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot sample " + n + " blocks (amount " + a + ")");
        }
        return (int) n;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "seed", "amount");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        SplittableRandom random = SamplingTasks.random(args.get("seed"));
        int[] size = SamplingTasks.imageSize(patch, features);
        int h = size[0] - sampleSize[0] + 1;
        int w = size[1] - sampleSize[1] + 1;
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("sample_size " + Arrays.toString(sampleSize) + " is larger than the "
                    + "image " + Arrays.toString(size) + " plus one");
        }
        // a block one pixel larger than the image leaves no corner: only zero blocks can be drawn, as in eo-learn
        long[] ones = new long[h * w];
        Arrays.fill(ones, 1);
        int n = blocks(args.get("amount") != null ? args.get("amount") : amount, (long) h * w);
        Sampling.Grid corners = Sampling.sampleByValues(ones, h, w, Map.of(1L, n), random, replace);
        return SamplingTasks.apply(patch, features, maskOfSamples, Sampling.expandToGrids(corners, sampleSize[0],
                sampleSize[1]));
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features_to_sample", features.spec(), "amount", amount, "sample_size",
                Arrays.toString(sampleSize), "replace", replace, "mask_of_samples", maskOfSamples);
    }
}
