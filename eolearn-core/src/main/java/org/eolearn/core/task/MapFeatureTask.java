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
