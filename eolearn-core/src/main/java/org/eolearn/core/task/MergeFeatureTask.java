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
     * Creates the task with eo-learn's defaults: joined along the last (band) axis, in the inputs' common dtype
     * ({@code axis=-1}, {@code dtype=None}).
     *
     * @param inputFeatures the features to join
     * @param outputFeature the output feature
     */
    public MergeFeatureTask(FeatureSpec inputFeatures, Feature outputFeature) {
        this(inputFeatures, outputFeature, Builder.DEFAULT_AXIS, null);
    }

    /**
     * Creates the task; prefer {@link #builder(FeatureSpec, Feature)}, which needs no {@code null} for the default
     * dtype.
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

    /**
     * Starts a task preset to eo-learn's defaults ({@code axis=-1}, {@code dtype=None}: numpy's promotion).
     *
     * @param inputFeatures the features to join, in order
     * @param outputFeature the output feature
     * @return the builder
     * @throws NullPointerException naming the parameter when one is null
     */
    public static Builder builder(FeatureSpec inputFeatures, Feature outputFeature) {
        return new Builder(inputFeatures, outputFeature);
    }

    /** Settings of a {@link MergeFeatureTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        static final int DEFAULT_AXIS = -1;

        private final FeatureSpec inputFeatures;
        private final Feature outputFeature;
        private int axis = DEFAULT_AXIS;
        private DType dtype;

        private Builder(FeatureSpec inputFeatures, Feature outputFeature) {
            this.inputFeatures = Objects.requireNonNull(inputFeatures, "input_features");
            this.outputFeature = Objects.requireNonNull(outputFeature, "output_feature");
        }

        /**
         * The axis to concatenate along (eo-learn's {@code axis}, default -1: the bands); negative values count
         * from the last axis, as in numpy, and the inputs' rank is checked at execution.
         *
         * @param axis the axis
         * @return this builder
         */
        public Builder axis(int axis) {
            this.axis = axis;
            return this;
        }

        /**
         * The dtype of the result (eo-learn's {@code dtype}; by default the inputs' common dtype, as
         * {@code np.concatenate} promotes them). Each input is cast to it with numpy's {@code same_kind} rule.
         *
         * @param dtype the dtype
         * @return this builder
         * @throws NullPointerException naming {@code dtype} when null
         */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public MergeFeatureTask build() {
            return new MergeFeatureTask(inputFeatures, outputFeature, axis, dtype);
        }
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
