package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples a fraction of the pixels of each value of a timeless mask, keeping the value distribution (eo-learn's
 * {@code FractionSamplingTask}).
 *
 * <p>Per value {@code v} of the sampling mask (values in {@code excludeValues} skipped, and with a fraction per value
 * also values without a fraction), {@code round(count(v) * fraction(v))} pixels are drawn (Python's round, half to
 * even). Every feature to sample becomes (t, N, 1, d) or (N, 1, d) under its new name; the mask of samples counts
 * each pixel's draws. Execute arguments: {@code seed} (a non-negative integer) and {@code fraction} (which, as in
 * eo-learn, replaces the task's only when it is not 0 or an empty map). The sampling mask must have one band.
 * Seeds are reproducible within this library, not with numpy's generator. Built with
 * {@link #builder(FeatureSpec, Feature, double)} (or {@link #builder(FeatureSpec, Feature, Map)} for a fraction per
 * value), whose settings start at eo-learn's defaults.
 *
 * @since 0.1
 */
public final class FractionSamplingTask implements EOTask {

    private final FeatureParser features;
    private final Feature samplingFeature;
    private final Object fraction;
    private final Set<Long> excludeValues;
    private final boolean replace;
    private final Feature maskOfSamples;

    /**
     * Creates the task with eo-learn's defaults: no value excluded, without replacement, no mask of samples.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param samplingFeature  the timeless mask whose values are sampled
     * @param fraction         a {@link Double} for every value, or a {@code Map<Long, Double>} per value
     */
    public FractionSamplingTask(FeatureSpec featuresToSample, Feature samplingFeature, Object fraction) {
        this(featuresToSample, samplingFeature, fraction, Set.of(), false, null);
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(FeatureSpec, Feature, double)}, which needs no
     * null for the defaults.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param samplingFeature  the timeless mask whose values are sampled
     * @param fraction         a {@link Double} for every value, or a {@code Map<Long, Double>} per value
     * @param excludeValues    values never sampled (null: none)
     * @param replace          whether pixels may be drawn more than once
     * @param maskOfSamples    a mask_timeless feature to receive the sample counts, or null
     */
    public FractionSamplingTask(FeatureSpec featuresToSample, Feature samplingFeature, Object fraction,
                                Set<Long> excludeValues, boolean replace, Feature maskOfSamples) {
        this.features = SamplingTasks.imageParser(featuresToSample);
        this.samplingFeature = Feature.requireType(samplingFeature, FeatureType.MASK_TIMELESS, "sampling_feature");
        this.replace = replace;
        this.fraction = validate(fraction);
        this.excludeValues = Set.copyOf(excludeValues == null ? Set.of() : excludeValues);
        this.maskOfSamples = SamplingTasks.maskOfSamples(maskOfSamples);
    }

    /**
     * Starts a task sampling the same fraction of the pixels of every value, with eo-learn's defaults for the rest
     * (no value excluded, without replacement, no mask of samples).
     *
     * <pre>{@code
     * FractionSamplingTask task = FractionSamplingTask.builder(FeatureSpec.of(Feature.of(FeatureType.DATA, "BANDS")),
     *         Feature.of(FeatureType.MASK_TIMELESS, "LULC"), 0.1).excludeValues(0).build();
     * }</pre>
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param samplingFeature  the MASK_TIMELESS feature whose values guide sampling
     * @param fraction         the fraction of each value's pixels, in [0, 1] without replacement (checked by
     *                         {@link Builder#build()})
     * @return the builder
     * @throws NullPointerException     if a feature argument is null
     * @throws IllegalArgumentException if {@code samplingFeature} is not a MASK_TIMELESS feature
     */
    public static Builder builder(FeatureSpec featuresToSample, Feature samplingFeature, double fraction) {
        return new Builder(featuresToSample, samplingFeature, fraction);
    }

    /**
     * Starts a task sampling a fraction per mask value (values without a fraction are not sampled), with eo-learn's
     * defaults for the rest.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param samplingFeature  the MASK_TIMELESS feature whose values guide sampling
     * @param fractions        the fraction of the pixels of each value, in [0, 1] without replacement (checked by
     *                         {@link Builder#build()})
     * @return the builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code samplingFeature} is not a MASK_TIMELESS feature
     */
    public static Builder builder(FeatureSpec featuresToSample, Feature samplingFeature,
                                  Map<Long, Double> fractions) {
        Objects.requireNonNull(fractions, "fraction");
        fractions.forEach((value, share) -> {
            if (value == null || share == null) {
                throw new NullPointerException("fraction must not hold null (mask value " + value + ")");
            }
        });
        return new Builder(featuresToSample, samplingFeature, Map.copyOf(fractions));
    }

    /**
     * A builder for a fraction as the JSON factory reads it (a number, a boolean or a map with any keys), checked
     * by {@link Builder#build()} as the constructor checks it.
     */
    static Builder builderOfAny(FeatureSpec featuresToSample, Feature samplingFeature, Object fraction) {
        return new Builder(featuresToSample, samplingFeature, fraction);
    }

    /**
     * Settings of a {@link FractionSamplingTask}, preset to eo-learn 1.5.6's defaults; every setter is optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final FeatureSpec featuresToSample;
        private final Feature samplingFeature;
        private final Object fraction;
        private Set<Long> excludeValues = Set.of();
        private boolean replace;
        private Feature maskOfSamples;

        private Builder(FeatureSpec featuresToSample, Feature samplingFeature, Object fraction) {
            this.featuresToSample = Objects.requireNonNull(featuresToSample, "features_to_sample");
            this.samplingFeature = Feature.requireType(samplingFeature, FeatureType.MASK_TIMELESS,
                    "sampling_feature");
            this.fraction = Objects.requireNonNull(fraction, "fraction");
        }

        /**
         * {@code exclude_values}: values of the sampling feature never sampled (default: none).
         *
         * @param values the values
         * @return this
         * @throws NullPointerException if {@code values} is null
         */
        public Builder excludeValues(long... values) {
            Objects.requireNonNull(values, "exclude_values");
            this.excludeValues = Arrays.stream(values).boxed().collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * {@code exclude_values}: values of the sampling feature never sampled (default: none).
         *
         * @param values the values
         * @return this
         * @throws NullPointerException if {@code values} or one of them is null
         */
        public Builder excludeValues(Collection<Long> values) {
            Objects.requireNonNull(values, "exclude_values");
            for (Long v : values) { // contains(null) throws on immutable collections
                if (v == null) {
                    throw new NullPointerException("exclude_values must not hold null");
                }
            }
            this.excludeValues = Set.copyOf(values);
            return this;
        }

        /**
         * {@code replace}: whether a pixel may be drawn more than once (default false).
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
         * @throws IllegalArgumentException if the fraction is negative, or outside [0, 1] without replacement
         */
        public FractionSamplingTask build() {
            return new FractionSamplingTask(featuresToSample, samplingFeature, fraction, excludeValues, replace,
                    maskOfSamples);
        }
    }

    /**
     * eo-learn's {@code _validate_fraction_input}: a number (a boolean counts as 0 or 1) that is not negative, and
     * within [0, 1] without replacement (NaN passes with replacement, as in eo-learn, and is refused when a count is
     * rounded), or a map of mask values to such numbers. A value of a map that is itself a map passes, as in
     * eo-learn, and is refused when its value is sampled.
     */
    private Object validate(Object f) {
        if (f instanceof Boolean || f instanceof Number) {
            double v = f instanceof Boolean ? ((Boolean) f ? 1 : 0) : ((Number) f).doubleValue();
            if (v < 0) {
                throw new IllegalArgumentException("fraction must be non-negative, got " + f);
            }
            if (!replace && !(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("fraction must be between 0 and 1 without replacement, got " + f);
            }
            return v;
        }
        if (f instanceof Map) {
            Map<Long, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) f).entrySet()) {
                long key;
                try {
                    key = e.getKey() instanceof Number ? ((Number) e.getKey()).longValue()
                            : Long.parseLong(String.valueOf(e.getKey()));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("fraction keys must be mask values, got " + e.getKey());
                }
                map.put(key, validate(e.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("fraction must be a number or a map of mask values to numbers, got " + f);
    }

    /** Python's truth value of a fraction: 0 and an empty map are false (eo-learn's {@code fraction or ...}). */
    private static boolean truthy(Object f) {
        return f instanceof Map ? !((Map<?, ?>) f).isEmpty() : ((Double) f) != 0;
    }

    /** {@code round(count * fraction)}, refusing NaN and infinite products as Python's {@code round} does. */
    private static int amount(long value, int count, Object share) {
        if (!(share instanceof Double)) {
            throw new IllegalArgumentException("the fraction of mask value " + value + " must be a number, got "
                    + share);
        }
        double x = count * (Double) share;
        if (!Double.isFinite(x) || x > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot sample " + x + " pixels of mask value " + value
                    + " (fraction " + share + ")");
        }
        return Sampling.roundHalfEven(x);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "seed", "fraction");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        SplittableRandom random = SamplingTasks.random(args.get("seed"));
        Object f = args.get("fraction") != null ? validate(args.get("fraction")) : null;
        if (f == null || !truthy(f)) {
            f = fraction;
        }
        INDArray mask = patch.getArray(samplingFeature.type(), samplingFeature.name());
        if (mask.size(mask.rank() - 1) != 1) {
            throw new IllegalArgumentException("the sampling feature " + samplingFeature + " must have one band, got "
                    + "shape " + Arrays.toString(mask.shape()));
        }
        boolean unsigned = DType.of(mask) == DType.UINT64;
        long[] image = NdArrays.toLongs(mask);
        int[] size = patch.getSpatialDimension(samplingFeature.type(), samplingFeature.name());
        Map<Long, Integer> counts = new TreeMap<>(unsigned ? Long::compareUnsigned : Long::compare);
        for (long v : image) {
            counts.merge(v, 1, Integer::sum);
        }
        Map<Long, Integer> amounts = new LinkedHashMap<>();
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            // a uint64 value of 2^63 or more (negative as a Java long) equals no key, which are signed
            boolean outOfKeys = unsigned && e.getKey() < 0;
            if (!outOfKeys && excludeValues.contains(e.getKey())) {
                continue;
            }
            if (f instanceof Map) {
                Map<Long, Object> shares = (Map<Long, Object>) f;
                if (!outOfKeys && shares.containsKey(e.getKey())) {
                    amounts.put(e.getKey(), amount(e.getKey(), e.getValue(), shares.get(e.getKey())));
                }
            } else {
                amounts.put(e.getKey(), amount(e.getKey(), e.getValue(), f));
            }
        }
        Sampling.Grid grid = Sampling.sampleByValues(image, size[0], size[1], amounts, random, replace);
        return SamplingTasks.apply(patch, features, maskOfSamples, grid);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features_to_sample", features.spec(), "sampling_feature", samplingFeature, "fraction",
                fraction, "exclude_values", excludeValues, "replace", replace, "mask_of_samples", maskOfSamples);
    }
}
