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
     * Filters on the frames of a temporal array feature.
     *
     * @param feature        a temporal array feature
     * @param filter         the predicate on one frame (h, w, d)
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()} for all)
     */
    public SimpleFilterTask(Feature feature, Predicate<INDArray> filter, FeatureSpec filterFeatures) {
        this.feature = Objects.requireNonNull(feature, "feature");
        if (!feature.type().isTemporal() || !feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be a temporal array feature or the timestamps, got "
                    + feature);
        }
        this.frameFilter = Objects.requireNonNull(filter, "filter_func");
        this.timestampFilter = null;
        this.filterFeatures = new FeatureParser(filterFeatures == null ? FeatureSpec.all() : filterFeatures, t -> true);
    }

    /**
     * Filters on the timestamps.
     *
     * @param filter         the predicate on one timestamp
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()} for all)
     */
    public SimpleFilterTask(Predicate<LocalDateTime> filter, FeatureSpec filterFeatures) {
        this.feature = null;
        this.frameFilter = null;
        this.timestampFilter = Objects.requireNonNull(filter, "filter_func");
        this.filterFeatures = new FeatureParser(filterFeatures == null ? FeatureSpec.all() : filterFeatures, t -> true);
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
