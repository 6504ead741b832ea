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
     * Creates the task.
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
