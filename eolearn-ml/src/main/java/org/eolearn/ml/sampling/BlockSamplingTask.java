package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * {@code amount}. Seeds are reproducible within this library, not with numpy's generator. Built with
 * {@link #builder(FeatureSpec, long)} (a count) or {@link #builder(FeatureSpec, double)} (a fraction), whose settings
 * start at eo-learn's defaults.
 *
 * @since 0.1
 */
public final class BlockSamplingTask implements EOTask {

    /** eo-learn's {@code sample_size}: single pixels. */
    private static final int[] DEFAULT_SAMPLE_SIZE = {1, 1};

    private final FeatureParser features;
    private final Object amount;
    private final int[] sampleSize;
    private final boolean replace;
    private final Feature maskOfSamples;

    /**
     * Creates the task with eo-learn's defaults: single pixels ({@code sample_size} (1, 1)), without replacement, no
     * mask of samples.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param amount           an {@link Integer} or {@link Long} count, or a {@link Double} fraction (checked when
     *                         the task runs)
     */
    public BlockSamplingTask(FeatureSpec featuresToSample, Object amount) {
        this(featuresToSample, amount, DEFAULT_SAMPLE_SIZE, false, null);
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(FeatureSpec, long)} or
     * {@link #builder(FeatureSpec, double)}, which need no null for the defaults.
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
     * Starts a task drawing a number of blocks, with eo-learn's defaults for the rest (single pixels, without
     * replacement, no mask of samples).
     *
     * <pre>{@code
     * BlockSamplingTask task = BlockSamplingTask.builder(FeatureSpec.of(Feature.of(FeatureType.DATA, "BANDS")), 100)
     *         .sampleSize(3, 3).build();
     * }</pre>
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param count            the number of blocks, not negative
     * @return the builder
     * @throws NullPointerException     if {@code featuresToSample} is null
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public static Builder builder(FeatureSpec featuresToSample, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("amount must be a non-negative count of blocks, got " + count);
        }
        // an int when it fits, as a JSON count is read, so that both describe the task alike
        return new Builder(featuresToSample, count <= Integer.MAX_VALUE ? (Object) (int) count : (Object) count);
    }

    /**
     * Starts a task drawing a fraction of the possible upper-left corners (rounded half to even), with eo-learn's
     * defaults for the rest.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param fraction         the fraction, a finite number not negative
     * @return the builder
     * @throws NullPointerException     if {@code featuresToSample} is null
     * @throws IllegalArgumentException if {@code fraction} is negative, NaN or infinite
     */
    public static Builder builder(FeatureSpec featuresToSample, double fraction) {
        if (!(fraction >= 0) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("amount must be a finite non-negative fraction, got " + fraction);
        }
        return new Builder(featuresToSample, fraction);
    }

    /**
     * A builder for an amount as the JSON factory reads it (any value, checked when the task runs as eo-learn
     * checks it, so that an execute argument may replace it).
     */
    static Builder builderOfAny(FeatureSpec featuresToSample, Object amount) {
        return new Builder(featuresToSample, amount);
    }

    /**
     * Settings of a {@link BlockSamplingTask}, preset to eo-learn 1.5.6's defaults; every setter is optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final FeatureSpec featuresToSample;
        private final Object amount;
        private int[] sampleSize = DEFAULT_SAMPLE_SIZE;
        private boolean replace;
        private Feature maskOfSamples;

        private Builder(FeatureSpec featuresToSample, Object amount) {
            this.featuresToSample = Objects.requireNonNull(featuresToSample, "features_to_sample");
            this.amount = amount;
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
         * {@code replace}: whether an upper-left corner may be drawn more than once (default false).
         *
         * @param replace whether to sample with replacement
         * @return this
         */
        public Builder replace(boolean replace) {
            this.replace = replace;
            return this;
        }

        /**
         * {@code mask_of_samples}: a MASK_TIMELESS feature receiving how many times each pixel was drawn (default
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
         * @throws IllegalArgumentException if the amount is missing
         */
        public BlockSamplingTask build() {
            return new BlockSamplingTask(featuresToSample, amount, sampleSize, replace, maskOfSamples);
        }
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
