package org.eolearn.ml.sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;

/**
 * Samples a fraction of the pixels of each value of a timeless mask, keeping the value distribution (eo-learn's
 * {@code FractionSamplingTask}).
 *
 * <p>Per value {@code v} of the sampling mask (values in {@code excludeValues} skipped, and with a fraction per value
 * also values without a fraction), {@code round(count(v) * fraction(v))} pixels are drawn (Python's round, half to
 * even). Every feature to sample becomes (t, N, 1, d) or (N, 1, d) under its new name; the mask of samples counts
 * each pixel's draws. Execute arguments: {@code seed} and {@code fraction}. Seeds are reproducible within this
 * library, not with numpy's generator.
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
     * Creates the task.
     *
     * @param featuresToSample image features to sample, renames allowed
     * @param samplingFeature  the timeless mask whose values are sampled
     * @param fraction         a {@link Double} for every value, or a {@code Map<Long, Double>} per value
     * @param excludeValues    values never sampled
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

    private Object validate(Object f) {
        if (f instanceof Number) {
            double v = ((Number) f).doubleValue();
            if (!(v >= 0)) {
                throw new IllegalArgumentException("fraction must be non-negative, got " + f);
            }
            if (!replace && v > 1) {
                throw new IllegalArgumentException("fraction must be between 0 and 1 without replacement, got " + f);
            }
            return v;
        }
        if (f instanceof Map) {
            Map<Long, Double> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) f).entrySet()) {
                long key;
                try {
                    key = e.getKey() instanceof Number ? ((Number) e.getKey()).longValue()
                            : Long.parseLong(String.valueOf(e.getKey()));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("fraction keys must be mask values, got " + e.getKey());
                }
                map.put(key, (Double) validate(e.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("fraction must be a number or a map of mask values to numbers, got " + f);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "seed", "fraction");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Object f = args.get("fraction") != null ? validate(args.get("fraction")) : fraction;
        long[] image = Sampling.values2d(patch.getArray(samplingFeature.type(), samplingFeature.name()));
        int[] size = patch.getSpatialDimension(samplingFeature.type(), samplingFeature.name());
        Map<Long, Integer> counts = new TreeMap<>();
        for (long v : image) {
            counts.merge(v, 1, Integer::sum);
        }
        Map<Long, Integer> amounts = new LinkedHashMap<>();
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (excludeValues.contains(e.getKey())) {
                continue;
            }
            if (f instanceof Map) {
                Double share = ((Map<Long, Double>) f).get(e.getKey());
                if (share != null) {
                    amounts.put(e.getKey(), Sampling.roundHalfEven(e.getValue() * share));
                }
            } else {
                amounts.put(e.getKey(), Sampling.roundHalfEven(e.getValue() * (Double) f));
            }
        }
        Sampling.Grid grid = Sampling.sampleByValues(image, size[0], size[1], amounts,
                SamplingTasks.random(args.get("seed")), replace);
        return SamplingTasks.apply(patch, features, maskOfSamples, grid);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features_to_sample", features.spec(), "sampling_feature", samplingFeature, "fraction",
                fraction, "exclude_values", excludeValues, "replace", replace, "mask_of_samples", maskOfSamples);
    }
}
