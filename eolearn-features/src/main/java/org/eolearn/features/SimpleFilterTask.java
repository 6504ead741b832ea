package org.eolearn.features;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the frames for which a predicate holds (eo-learn's {@code SimpleFilterTask}): the predicate sees each frame
 * of a temporal array feature, {@code data[t]} of shape (h, w, d), or each timestamp.
 *
 * <p>Returns a <b>new</b> patch with the bbox, the kept timestamps and the features of {@code filterFeatures}
 * (default: all): temporal arrays sliced to the kept frames, temporal vectors reduced to the rows whose
 * {@code TIMESTAMP} is a kept date, everything else copied by reference. Nothing may be kept: the result then has
 * no frames. From JSON the predicate is a Python lambda such as {@code "lambda frame: np.mean(frame) < 0.1"} (see
 * {@link org.eolearn.core.task.Callables#predicate(String)}).
 *
 * @since 0.1
 */
public class SimpleFilterTask implements PatchTask {

    private final Feature feature;
    private final Predicate<INDArray> frameFilter;
    private final Predicate<LocalDateTime> timestampFilter;
    private final FeatureParser filterFeatures;

    /**
     * Filters on the frames of a temporal array feature; prefer {@link #builder(Feature, Predicate)}, or
     * {@link #SimpleFilterTask(Feature, Predicate)} for all features.
     *
     * @param feature        a temporal array feature
     * @param filter         the predicate on one frame (h, w, d)
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()}, or null, for all)
     * @throws NullPointerException     naming {@code feature} or {@code filter_func} if one is null
     * @throws IllegalArgumentException if the feature is not a temporal array feature
     */
    public SimpleFilterTask(Feature feature, Predicate<INDArray> filter, FeatureSpec filterFeatures) {
        this.feature = checkFeature(feature);
        this.frameFilter = Objects.requireNonNull(filter, "filter_func");
        this.timestampFilter = null;
        this.filterFeatures = new FeatureParser(filterFeatures == null ? FeatureSpec.all() : filterFeatures, t -> true);
    }

    /**
     * Filters on the frames of a temporal array feature with eo-learn's default {@code filter_features=...}: the
     * new patch has all the features.
     *
     * @param feature a temporal array feature
     * @param filter  the predicate on one frame (h, w, d)
     * @throws NullPointerException     naming {@code feature} or {@code filter_func} if one is null
     * @throws IllegalArgumentException if the feature is not a temporal array feature
     */
    public SimpleFilterTask(Feature feature, Predicate<INDArray> filter) {
        this(feature, filter, Builder.DEFAULT_FILTER_FEATURES);
    }

    /**
     * Filters on the timestamps; prefer {@link #builder(Predicate)}, or {@link #SimpleFilterTask(Predicate)} for
     * all features.
     *
     * @param filter         the predicate on one timestamp
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()}, or null, for all)
     * @throws NullPointerException naming {@code filter_func} if it is null
     */
    public SimpleFilterTask(Predicate<LocalDateTime> filter, FeatureSpec filterFeatures) {
        this.feature = null;
        this.frameFilter = null;
        this.timestampFilter = Objects.requireNonNull(filter, "filter_func");
        this.filterFeatures = new FeatureParser(filterFeatures == null ? FeatureSpec.all() : filterFeatures, t -> true);
    }

    /**
     * Filters on the timestamps (eo-learn's {@code feature="timestamps"}) with eo-learn's default
     * {@code filter_features=...}: the new patch has all the features.
     *
     * @param filter the predicate on one timestamp
     * @throws NullPointerException naming {@code filter_func} if it is null
     */
    public SimpleFilterTask(Predicate<LocalDateTime> filter) {
        this(filter, Builder.DEFAULT_FILTER_FEATURES);
    }

    private static Feature checkFeature(Feature feature) {
        Objects.requireNonNull(feature, "feature");
        if (!feature.type().isTemporal() || !feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be a temporal array feature or the timestamps, got "
                    + feature);
        }
        return feature;
    }

    /**
     * Starts a task keeping the frames of a temporal array feature for which {@code filter} holds, with eo-learn's
     * default {@code filter_features=...} (all the features).
     *
     * <pre>{@code
     * SimpleFilterTask clear = SimpleFilterTask.builder(Feature.of(MASK, "CLM"),
     *         frame -> frame.meanNumber().doubleValue() < 0.1).filterFeatures(FeatureSpec.of(DATA)).build();
     * }</pre>
     *
     * @param feature a temporal array feature
     * @param filter  the predicate on one frame (h, w, d), eo-learn's {@code filter_func}
     * @return the builder
     * @throws NullPointerException     naming {@code feature} or {@code filter_func} if one is null
     * @throws IllegalArgumentException if the feature is not a temporal array feature
     */
    public static Builder builder(Feature feature, Predicate<INDArray> filter) {
        return new Builder(checkFeature(feature), Objects.requireNonNull(filter, "filter_func"), null);
    }

    /**
     * Starts a task keeping the frames whose timestamps satisfy {@code filter} (eo-learn's
     * {@code feature="timestamps"}), with eo-learn's default {@code filter_features=...} (all the features).
     *
     * @param filter the predicate on one timestamp, eo-learn's {@code filter_func}
     * @return the builder
     * @throws NullPointerException naming {@code filter_func} if it is null
     */
    public static Builder builder(Predicate<LocalDateTime> filter) {
        return new Builder(null, null, Objects.requireNonNull(filter, "filter_func"));
    }

    /** Settings of a {@link SimpleFilterTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code filter_features}: {@code ...}, every feature. */
        static final FeatureSpec DEFAULT_FILTER_FEATURES = FeatureSpec.all();

        private final Feature feature;
        private final Predicate<INDArray> frameFilter;
        private final Predicate<LocalDateTime> timestampFilter;
        private FeatureSpec filterFeatures = DEFAULT_FILTER_FEATURES;

        private Builder(Feature feature, Predicate<INDArray> frameFilter, Predicate<LocalDateTime> timestampFilter) {
            this.feature = feature;
            this.frameFilter = frameFilter;
            this.timestampFilter = timestampFilter;
        }

        /**
         * The features of the new patch (eo-learn's {@code filter_features}; by default {@link FeatureSpec#all()}).
         *
         * @param features the features
         * @return this
         * @throws NullPointerException naming {@code filter_features} if it is null
         */
        public Builder filterFeatures(FeatureSpec features) {
            this.filterFeatures = Objects.requireNonNull(features, "filter_features");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public SimpleFilterTask build() {
            return timestampFilter != null ? new SimpleFilterTask(timestampFilter, filterFeatures)
                    : new SimpleFilterTask(feature, frameFilter, filterFeatures);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<Integer> keep = new ArrayList<>();
        if (timestampFilter != null) {
            List<LocalDateTime> ts = patch.timestamps();
            if (ts == null) {
                throw new IllegalArgumentException("the patch has no timestamps to filter");
            }
            for (int i = 0; i < ts.size(); i++) {
                if (timestampFilter.test(ts.get(i))) {
                    keep.add(i);
                }
            }
        } else {
            INDArray data = patch.getArray(feature.type(), feature.name());
            for (int i = 0; i < data.size(0); i++) {
                if (frameFilter.test(frame(data, i))) {
                    keep.add(i);
                }
            }
        }
        int[] indices = keep.stream().mapToInt(Integer::intValue).toArray();
        List<LocalDateTime> ts = patch.timestamps();
        List<LocalDateTime> kept = null;
        if (ts != null) {
            kept = new ArrayList<>();
            for (int i : indices) {
                kept.add(ts.get(i));
            }
        }
        EOPatch out = new EOPatch(patch.bbox(), kept);
        Set<LocalDateTime> keptSet = kept == null ? Set.of() : new HashSet<>(kept);
        for (Feature f : filterFeatures.getFeatures(patch)) {
            if (f.type().isTemporal() && f.type().isArray()) {
                out.put(f, NdArrays.take(patch.getArray(f.type(), f.name()), 0, indices));
            } else if (f.type().isTemporal() && f.type().isVector()) {
                GeoTable table = patch.getVector(f.type(), f.name());
                List<Object> times = table.column(GeoTable.TIMESTAMP).values();
                out.put(f, table.filter(r -> keptSet.contains(times.get(r))));
            } else {
                out.put(f, patch.get(f.type(), f.name()));
            }
        }
        return out;
    }

    private static INDArray frame(INDArray data, int i) {
        return NdArrays.take(data, 0, new int[] {i}).reshape(java.util.Arrays.copyOfRange(data.shape(), 1,
                data.rank()));
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature == null ? "timestamps" : feature, "filter_func",
                timestampFilter != null ? timestampFilter : frameFilter, "filter_features", filterFeatures.spec());
    }
}
