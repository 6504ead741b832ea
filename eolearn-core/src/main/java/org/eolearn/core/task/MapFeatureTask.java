package org.eolearn.core.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies a function to each input feature and stores the result in the matching output feature (eo-learn's
 * {@code MapFeatureTask}).
 *
 * <pre>{@code
 * new MapFeatureTask(FeatureSpec.of(Feature.of(DATA, "NDVI")), FeatureSpec.of(Feature.of(DATA, "NDVI_X2")),
 *         a -> a.mul(2));
 * }</pre>
 *
 * @since 0.1
 */
public final class MapFeatureTask implements PatchTask {

    private final FeatureParser inputs;
    private final FeatureParser outputs;
    private final UnaryOperator<INDArray> function;
    private final String functionName;

    /**
     * Creates the task.
     *
     * @param inputFeatures  the input features
     * @param outputFeatures as many output features, in the same order
     * @param function       the function (must be thread-safe)
     */
    public MapFeatureTask(FeatureSpec inputFeatures, FeatureSpec outputFeatures, UnaryOperator<INDArray> function) {
        this(inputFeatures, outputFeatures, function, String.valueOf(function));
    }

    /**
     * Creates the task with a name for the function (shown in reports).
     *
     * @param inputFeatures  the input features
     * @param outputFeatures as many output features, in the same order
     * @param function       the function (must be thread-safe)
     * @param functionName   a description of the function
     */
    public MapFeatureTask(FeatureSpec inputFeatures, FeatureSpec outputFeatures, UnaryOperator<INDArray> function,
                          String functionName) {
        this.inputs = new FeatureParser(Objects.requireNonNull(inputFeatures, "inputFeatures"));
        this.outputs = new FeatureParser(Objects.requireNonNull(outputFeatures, "outputFeatures"));
        this.function = Objects.requireNonNull(function, "function");
        this.functionName = functionName;
        int in = inputFeatures.items().size();
        int out = outputFeatures.items().size();
        if (!inputFeatures.isAll() && in != out) {
            throw new IllegalArgumentException("input_features and output_features must have as many features, got "
                    + in + " and " + out);
        }
    }

    /**
     * Starts a task; the function is required here, as a Java task cannot inherit eo-learn's {@code map_method},
     * and eo-learn's {@code **kwargs} are values the function captures.
     *
     * @param inputFeatures  the input features
     * @param outputFeatures as many output features, in the same order
     * @param mapFunction    the function (eo-learn's {@code map_function}; must be thread-safe)
     * @return the builder
     * @throws NullPointerException naming the parameter when one is null
     */
    public static Builder builder(FeatureSpec inputFeatures, FeatureSpec outputFeatures,
                                  UnaryOperator<INDArray> mapFunction) {
        return new Builder(inputFeatures, outputFeatures, mapFunction);
    }

    /** Settings of a {@link MapFeatureTask}; every setter is optional. */
    public static final class Builder {
        private final FeatureSpec inputFeatures;
        private final FeatureSpec outputFeatures;
        private final UnaryOperator<INDArray> function;
        private String functionName;

        private Builder(FeatureSpec inputFeatures, FeatureSpec outputFeatures, UnaryOperator<INDArray> function) {
            this.inputFeatures = Objects.requireNonNull(inputFeatures, "input_features");
            this.outputFeatures = Objects.requireNonNull(outputFeatures, "output_features");
            this.function = Objects.requireNonNull(function, "map_function");
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
         * @throws IllegalArgumentException naming {@code input_features} and {@code output_features} when they
         *                                  name different numbers of features
         */
        public MapFeatureTask build() {
            return new MapFeatureTask(inputFeatures, outputFeatures, function, functionName);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<Feature> in = inputs.getFeatures(patch);
        List<Feature> out = outputs.getFeatures();
        if (in.size() != out.size()) {
            throw new IllegalArgumentException("input_features and output_features must have as many features, got "
                    + in.size() + " and " + out.size());
        }
        for (int i = 0; i < in.size(); i++) {
            patch.put(out.get(i), function.apply(patch.getArray(in.get(i).type(), in.get(i).name())));
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_features", inputs.spec(), "output_features", outputs.spec(), "map_function",
                functionName);
    }
}
