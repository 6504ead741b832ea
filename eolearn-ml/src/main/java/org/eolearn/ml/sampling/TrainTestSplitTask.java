package org.eolearn.ml.sampling;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Randomly assigns pixels, or groups of pixels of one value, to subsets such as train/validation/test (eo-learn's
 * {@code TrainTestSplitTask}, removed from eo-learn after 1.4.2).
 *
 * <p>{@code bins} are cumulative probabilities in the open interval (0, 1), ascending: {@code [0.8]} splits 80/20,
 * {@code [0.6, 0.8]} splits 60/20/20. A uniform draw {@code r} goes to subset {@code 1 + #(bins <= r)} (numpy's
 * {@code digitize(r, bins) + 1}), so subsets are numbered from 1; pixels of {@code ignore_values} get 0.
 *
 * <ul>
 *   <li>{@link SplitType#PER_PIXEL}: one draw per pixel; the input only gives the shape. The output is int64.</li>
 *   <li>{@link SplitType#PER_CLASS}: one draw per distinct value (in ascending value order), so every pixel of a value
 *       (a polygon id, a field id) lands in the same subset. The output has the input's dtype.</li>
 *   <li>{@link SplitType#PER_VALUE}: like PER_CLASS but each value's draw is seeded by the value itself, so a value
 *       spread over many patches lands in the same subset in all of them; the execute seed is ignored.</li>
 * </ul>
 *
 * <p>Differences from eo-learn, on purpose: the draws come from this library's generator (a seed is reproducible
 * here, not with numpy's); and {@code ignore_values} is honoured in PER_PIXEL mode as well (eo-learn 1.4 silently
 * ignores it there, against its own documentation).
 *
 * <p>Built with {@link #builder(Feature, Feature, double...)}, whose settings start at eo-learn's defaults.
 *
 * @since 0.1
 */
public final class TrainTestSplitTask implements EOTask {

    /** How pixels are grouped before they are assigned to subsets. */
    public enum SplitType {
        /** Every pixel on its own. */
        PER_PIXEL,
        /** Pixels of one value together, drawn from the execute seed. */
        PER_CLASS,
        /** Pixels of one value together, drawn from a generator seeded by the value (consistent over patches). */
        PER_VALUE;

        /**
         * Parses eo-learn's value ({@code "per_pixel"}, ...) or the constant's name.
         *
         * @param name the name
         * @return the split type
         */
        public static SplitType parse(String name) {
            for (SplitType t : values()) {
                if (t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("split_type must be one of per_pixel, per_class, per_value, got '"
                    + name + "'");
        }
    }

    private final Feature inputFeature;
    private final Feature outputFeature;
    private final double[] bins;
    private final SplitType splitType;
    private final Set<Long> ignoreValues;

    /**
     * Creates the task with eo-learn's defaults: every pixel drawn on its own ({@link SplitType#PER_PIXEL}), no value
     * ignored.
     *
     * @param inputFeature  the mask_timeless feature that guides the split
     * @param outputFeature the mask_timeless feature receiving the subset numbers
     * @param bins          ascending cumulative probabilities inside (0, 1)
     */
    public TrainTestSplitTask(Feature inputFeature, Feature outputFeature, double... bins) {
        this(inputFeature, outputFeature, bins, SplitType.PER_PIXEL, Set.of());
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(Feature, Feature, double...)}, which needs no
     * null for the defaults.
     *
     * @param inputFeature  the mask_timeless feature that guides the split
     * @param outputFeature the mask_timeless feature receiving the subset numbers
     * @param bins          ascending cumulative probabilities inside (0, 1)
     * @param splitType     how pixels are grouped
     * @param ignoreValues  input values that get subset 0 (may be empty or null)
     */
    public TrainTestSplitTask(Feature inputFeature, Feature outputFeature, double[] bins, SplitType splitType,
                              Set<Long> ignoreValues) {
        this.inputFeature = Feature.requireType(inputFeature, FeatureType.MASK_TIMELESS, "input_feature");
        this.outputFeature = Feature.requireType(outputFeature, FeatureType.MASK_TIMELESS, "output_feature");
        this.bins = checkBins(bins);
        this.splitType = Objects.requireNonNull(splitType, "split_type");
        this.ignoreValues = Set.copyOf(ignoreValues == null ? Set.of() : ignoreValues);
    }

    /**
     * Starts a task with eo-learn's defaults: every pixel drawn on its own ({@link SplitType#PER_PIXEL}), no value
     * ignored.
     *
     * <pre>{@code
     * TrainTestSplitTask split = TrainTestSplitTask.builder(Feature.of(FeatureType.MASK_TIMELESS, "FIELD_ID"),
     *         Feature.of(FeatureType.MASK_TIMELESS, "SUBSET"), 0.8).splitType(SplitType.PER_VALUE).build();
     * }</pre>
     *
     * @param inputFeature  the MASK_TIMELESS feature that guides the split
     * @param outputFeature the MASK_TIMELESS feature receiving the subset numbers
     * @param bins          ascending cumulative probabilities inside (0, 1): {@code 0.8} splits 80/20
     * @return the builder
     * @throws NullPointerException     if a feature is null
     * @throws IllegalArgumentException if a feature is not MASK_TIMELESS, or the bins are empty, not ascending or
     *                                  not inside (0, 1)
     */
    public static Builder builder(Feature inputFeature, Feature outputFeature, double... bins) {
        return new Builder(inputFeature, outputFeature, bins);
    }

    /**
     * Settings of a {@link TrainTestSplitTask}, preset to eo-learn 1.4.2's defaults; every setter is optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Feature inputFeature;
        private final Feature outputFeature;
        private final double[] bins;
        private SplitType splitType = SplitType.PER_PIXEL;
        private Set<Long> ignoreValues = Set.of();

        private Builder(Feature inputFeature, Feature outputFeature, double[] bins) {
            this.inputFeature = Feature.requireType(inputFeature, FeatureType.MASK_TIMELESS, "input_feature");
            this.outputFeature = Feature.requireType(outputFeature, FeatureType.MASK_TIMELESS, "output_feature");
            this.bins = checkBins(bins);
        }

        /**
         * {@code split_type}: how pixels are grouped before they are drawn (default {@link SplitType#PER_PIXEL}).
         *
         * @param splitType the split type
         * @return this
         * @throws NullPointerException if {@code splitType} is null
         */
        public Builder splitType(SplitType splitType) {
            this.splitType = Objects.requireNonNull(splitType, "split_type");
            return this;
        }

        /**
         * {@code ignore_values}: input values whose pixels get subset 0 (default: none).
         *
         * @param values the values
         * @return this
         * @throws NullPointerException if {@code values} is null
         */
        public Builder ignoreValues(long... values) {
            Objects.requireNonNull(values, "ignore_values");
            this.ignoreValues = Arrays.stream(values).boxed().collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * {@code ignore_values}: input values whose pixels get subset 0 (default: none).
         *
         * @param values the values
         * @return this
         * @throws NullPointerException if {@code values} or one of them is null
         */
        public Builder ignoreValues(Collection<Long> values) {
            Objects.requireNonNull(values, "ignore_values");
            for (Long v : values) { // contains(null) throws on immutable collections
                if (v == null) {
                    throw new NullPointerException("ignore_values must not hold null");
                }
            }
            this.ignoreValues = Set.copyOf(values);
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public TrainTestSplitTask build() {
            return new TrainTestSplitTask(inputFeature, outputFeature, bins, splitType, ignoreValues);
        }
    }

    private static double[] checkBins(double[] bins) {
        if (bins == null || bins.length == 0) {
            throw new IllegalArgumentException("bins must hold at least one cumulative probability");
        }
        for (int i = 0; i < bins.length; i++) {
            boolean inside = bins[i] > 0 && bins[i] < 1;
            boolean ascending = i == 0 || bins[i] > bins[i - 1];
            if (!inside || !ascending) {
                throw new IllegalArgumentException("bins must be ascending numbers inside the open interval (0, 1), got "
                        + Arrays.toString(bins));
            }
        }
        return bins.clone();
    }

    /**
     * The subset of a uniform draw: {@code 1 + } the number of bins not above it.
     *
     * @param bins ascending cumulative probabilities
     * @param r    a draw in [0, 1)
     * @return the subset number, from 1 to {@code bins.length + 1}
     */
    public static int subset(double[] bins, double r) {
        int i = Arrays.binarySearch(bins, r);
        return i >= 0 ? i + 2 : -i;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "seed");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        INDArray data = patch.getArray(inputFeature.type(), inputFeature.name());
        double[] raw = NdArrays.toDoubles(data);
        long[] values = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = (long) raw[i];
        }
        double[] out = new double[values.length];
        if (splitType == SplitType.PER_PIXEL) {
            SplittableRandom random = SamplingTasks.random(args.get("seed"));
            for (int i = 0; i < values.length; i++) {
                double r = random.nextDouble();
                out[i] = ignoreValues.contains(values[i]) ? 0 : subset(bins, r);
            }
        } else {
            SplittableRandom random = splitType == SplitType.PER_CLASS ? SamplingTasks.random(args.get("seed")) : null;
            Map<Long, Integer> subsets = new TreeMap<>();
            for (long v : values) {
                subsets.put(v, 0);
            }
            for (Map.Entry<Long, Integer> e : subsets.entrySet()) {
                if (ignoreValues.contains(e.getKey())) {
                    continue;
                }
                double r = random != null ? random.nextDouble() : new SplittableRandom(e.getKey()).nextDouble();
                e.setValue(subset(bins, r));
            }
            for (int i = 0; i < values.length; i++) {
                out[i] = subsets.get(values[i]);
            }
        }
        DType dtype = splitType == SplitType.PER_PIXEL ? DType.INT64 : DType.of(data);
        patch.put(outputFeature, NdArrays.fromDoubles(dtype, data.shape(), out));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_feature", inputFeature, "output_feature", outputFeature, "bins",
                Arrays.toString(bins), "split_type", splitType.name().toLowerCase(Locale.ROOT), "ignore_values",
                ignoreValues);
    }
}
