package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Combines several input features into one output feature with a function (eo-learn's {@code ZipFeatureTask}).
 *
 * @since 0.1
 */
public final class ZipFeatureTask implements PatchTask {

    private final FeatureParser inputs;
    private final Feature output;
    private final Function<List<INDArray>, INDArray> function;
    private final String functionName;

    /**
     * Creates the task, described in reports by the function's {@code toString()}.
     *
     * @param inputFeatures the input features, in the order the function receives them
     * @param outputFeature the output feature
     * @param function      the function (must be thread-safe)
     */
    public ZipFeatureTask(FeatureSpec inputFeatures, Feature outputFeature,
                          Function<List<INDArray>, INDArray> function) {
        this(inputFeatures, outputFeature, function, String.valueOf(function));
    }

    /**
     * Creates the task with a name for the function (shown in reports).
     *
     * @param inputFeatures the input features, in the order the function receives them
     * @param outputFeature the output feature
     * @param function      the function (must be thread-safe)
     * @param functionName  a description of the function for reports
     */
    public ZipFeatureTask(FeatureSpec inputFeatures, Feature outputFeature,
                          Function<List<INDArray>, INDArray> function, String functionName) {
        this.inputs = new FeatureParser(Objects.requireNonNull(inputFeatures, "inputFeatures"));
        this.output = Objects.requireNonNull(outputFeature, "outputFeature");
        this.function = Objects.requireNonNull(function, "function");
        this.functionName = functionName;
    }

    /**
     * Starts a task; the function is required here, as a Java task cannot inherit eo-learn's {@code zip_method},
     * and eo-learn's {@code **kwargs} are values the function captures.
     *
     * @param inputFeatures the input features, in the order the function receives them
     * @param outputFeature the output feature
     * @param zipFunction   the function (eo-learn's {@code zip_function}; must be thread-safe)
     * @return the builder
     * @throws NullPointerException naming the parameter when one is null
     */
    public static Builder builder(FeatureSpec inputFeatures, Feature outputFeature,
                                  Function<List<INDArray>, INDArray> zipFunction) {
        return new Builder(inputFeatures, outputFeature, zipFunction);
    }

    /** Settings of a {@link ZipFeatureTask}; every setter is optional. */
    public static final class Builder {
        private final FeatureSpec inputFeatures;
        private final Feature outputFeature;
        private final Function<List<INDArray>, INDArray> function;
        private String functionName;

        private Builder(FeatureSpec inputFeatures, Feature outputFeature,
                        Function<List<INDArray>, INDArray> function) {
            this.inputFeatures = Objects.requireNonNull(inputFeatures, "input_features");
            this.outputFeature = Objects.requireNonNull(outputFeature, "output_feature");
            this.function = Objects.requireNonNull(function, "zip_function");
            this.functionName = String.valueOf(function);
        }

        /**
         * A description of the function shown in reports (by default the function's {@code toString()}).
         *
         * @param name the description
         * @return this builder
         * @throws NullPointerException naming {@code functionName} when null
         */
        public Builder functionName(String name) {
            this.functionName = Objects.requireNonNull(name, "functionName");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public ZipFeatureTask build() {
            return new ZipFeatureTask(inputFeatures, outputFeature, function, functionName);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<INDArray> arrays = new ArrayList<>();
        for (Feature f : inputs.getFeatures(patch)) {
            arrays.add(patch.getArray(f.type(), f.name()));
        }
        patch.put(output, function.apply(arrays));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_features", inputs.spec(), "output_feature", output, "zip_function",
                functionName);
    }
}
