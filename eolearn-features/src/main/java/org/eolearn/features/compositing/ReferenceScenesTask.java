package org.eolearn.features.compositing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference scenes of a time series (eo-learn's 2018 {@code ReferenceScenesTask}): its frames ordered by their
 * valid fraction, highest first, written to the feature's new name (or over the feature when it is not renamed).
 *
 * <p>As the legacy code does, {@code max_scene_number} keeps the frames whose <em>index</em> is below it (not the
 * best ones), and the order is Python's {@code sorted(zip(valid_fraction, range(t)), reverse=True)}: equal fractions
 * give the later frame first, a NaN fraction lands where Python's sort puts it (its comparisons with NaN are all
 * false), and a valid-fraction feature shorter than the series leaves the rest of the frames out. The result keeps
 * the data's dtype.
 *
 * <p><b>Refused</b>: no frame kept (numpy's empty result is not a temporal raster); NaN fractions among 64 frames or
 * more (Python's merge of sorted runs is not reproduced; docs/differences.md D145).
 *
 * @since 0.1
 */
public final class ReferenceScenesTask implements PatchTask {

    private static final String TASK = "ReferenceScenesTask";

    private final Feature feature;
    private final Feature validFractionFeature;
    private final Integer maxSceneNumber;

    /**
     * Creates the task.
     *
     * @param feature              the time series, maybe renamed ({@code feature})
     * @param validFractionFeature the valid fraction per frame, e.g. a SCALAR {@code (t, 1)}
     *                             ({@code valid_fraction_feature})
     * @param maxSceneNumber       the number of first frames to consider ({@code max_scene_number}), null for all
     * @throws NullPointerException if a feature is null
     */
    public ReferenceScenesTask(Feature feature, Feature validFractionFeature, Integer maxSceneNumber) {
        this.feature = Objects.requireNonNull(feature, "feature");
        this.validFractionFeature = Objects.requireNonNull(validFractionFeature, "valid_fraction_feature");
        this.maxSceneNumber = maxSceneNumber;
    }

    /**
     * Creates the task with all frames (eo-learn's default {@code max_scene_number=None}).
     *
     * @param feature              the time series, maybe renamed ({@code feature})
     * @param validFractionFeature the valid fraction per frame ({@code valid_fraction_feature})
     * @throws NullPointerException if a feature is null
     */
    public ReferenceScenesTask(Feature feature, Feature validFractionFeature) {
        this(feature, validFractionFeature, null);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray fractions = patch.getArray(validFractionFeature.type(), validFractionFeature.name());
        INDArray data = patch.getArray(feature.type(), feature.name());
        long[] shape = data.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException(TASK + ": feature " + feature + " has no first axis");
        }
        int t = (int) shape[0];
        long number = maxSceneNumber == null ? t : maxSceneNumber;
        DType ft = DType.of(fractions);
        int count = (int) Math.min(fractions.length(), t);
        double[] dv = ft.isFloatingPoint() ? NdArrays.toDoubles(fractions) : null;
        long[] lv = ft.isFloatingPoint() ? null : NdArrays.toLongs(fractions);
        boolean anyNan = false;
        if (dv != null) {
            for (int i = 0; i < count; i++) {
                anyNan |= Double.isNaN(dv[i]);
            }
        }
        if (anyNan && count >= 64) {
            throw new IllegalArgumentException(TASK + ": NaN valid fractions among " + count + " frames are not "
                    + "ordered as Python's sort would order them (docs/differences.md D145)");
        }
        PySort.Less less = (a, b) -> {
            boolean equal = dv != null ? dv[a] == dv[b] : lv[a] == lv[b];
            if (equal) {
                return a < b;
            }
            return dv != null ? dv[a] < dv[b] : lv[a] < lv[b];
        };
        int[] order = PySort.sortedReverse(count, less);
        List<Integer> kept = new ArrayList<>();
        for (int x : order) {
            if (x <= number - 1) {
                kept.add(x);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(TASK + ": no frame is kept (" + count + " frames with a valid "
                    + "fraction, max_scene_number " + maxSceneNumber + "); the legacy code fails on the empty result");
        }
        int[] frames = kept.stream().mapToInt(Integer::intValue).toArray();
        patch.put(feature, EOPatch.selectFrames(data, frames));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "valid_fraction_feature", validFractionFeature,
                "max_scene_number", maxSceneNumber);
    }
}
