package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Concatenates features along an axis, by default the band axis (eo-learn's {@code MergeFeatureTask}).
 *
 * @since 0.1
 */
public final class MergeFeatureTask implements PatchTask {

    private final FeatureParser inputs;
    private final Feature output;
    private final int axis;
    private final DType dtype;

    /**
     * Creates the task.
     *
     * @param inputFeatures the features to join
     * @param outputFeature the output feature
     * @param axis          the axis (-1 = bands)
     * @param dtype         the output dtype (each input is cast to it with numpy's {@code same_kind} rule), or null for
     *                      the inputs' common dtype, as {@code np.concatenate} promotes them
     */
    public MergeFeatureTask(FeatureSpec inputFeatures, Feature outputFeature, int axis, DType dtype) {
        this.inputs = new FeatureParser(Objects.requireNonNull(inputFeatures, "inputFeatures"));
        this.output = Objects.requireNonNull(outputFeature, "outputFeature");
        this.axis = axis;
        this.dtype = dtype;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<INDArray> arrays = new ArrayList<>();
        for (Feature f : inputs.getFeatures(patch)) {
            INDArray a = patch.getArray(f.type(), f.name());
            if (dtype != null && !NdArrays.canCastSameKind(DType.of(a), dtype)) {
                throw new IllegalArgumentException("dtype: cannot cast " + f + " from " + DType.of(a).numpyName()
                        + " to " + dtype.numpyName() + " according to the rule 'same_kind' (as np.concatenate)");
            }
            arrays.add(dtype == null ? a : NdArrays.astype(a, dtype));
        }
        Tasks.nonEmpty("input_features", arrays);
        patch.put(output, NdArrays.concat(axis, arrays));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_features", inputs.spec(), "output_feature", output, "axis", axis, "dtype",
                dtype == null ? null : dtype.numpyName());
    }
}
