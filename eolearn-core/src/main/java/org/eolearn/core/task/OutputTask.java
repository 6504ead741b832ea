package org.eolearn.core.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;

/**
 * Marks a result to keep (eo-learn's {@code OutputTask}): the workflow stores it in
 * {@code WorkflowResults.outputs()} under the task's output name. A patch is stored as a copy of the chosen
 * features with its timestamps.
 *
 * @since 0.1
 */
public final class OutputTask implements EOTask {

    private final String outputName;
    private final FeatureSpec features;

    /**
     * Creates the task; prefer {@link #builder()}, which needs no {@code null} for a generated name.
     *
     * @param outputName the key of the result, or null for a generated {@code output-<id>}
     * @param features   the features of a patch to keep
     */
    public OutputTask(String outputName, FeatureSpec features) {
        this.outputName = outputName != null ? outputName : "output-" + UUID.randomUUID().toString().substring(0, 8);
        this.features = Objects.requireNonNull(features, "features");
    }

    /**
     * Creates the task keeping whole patches.
     *
     * @param outputName the key of the result
     */
    public OutputTask(String outputName) {
        this(outputName, FeatureSpec.all());
    }

    /**
     * Creates the task with eo-learn's defaults: a generated name ({@code output-<id>}) and whole patches.
     */
    public OutputTask() {
        this(null, FeatureSpec.all());
    }

    /**
     * Starts a task preset to eo-learn's defaults ({@code name=None}: a generated {@code output-<id>};
     * {@code features=...}: whole patches).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of an {@link OutputTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private String name;
        private FeatureSpec features = FeatureSpec.all();

        private Builder() {
        }

        /**
         * The key of the result in {@code WorkflowResults.outputs()} (eo-learn's {@code name}; by default a
         * generated {@code output-<id>}).
         *
         * @param name the key
         * @return this builder
         * @throws NullPointerException naming {@code name} when null
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The features of a patch to keep (eo-learn's {@code features}, default {@code ...}: all of them).
         *
         * @param features the features
         * @return this builder
         * @throws NullPointerException naming {@code features} when null
         */
        public Builder features(FeatureSpec features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public OutputTask build() {
            return new OutputTask(name, features);
        }
    }

    /**
     * Returns the key of the result in {@code WorkflowResults.outputs()}.
     *
     * @return the output name
     */
    public String outputName() {
        return outputName;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args);
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(name() + " takes exactly one input, got " + Tasks.describeInputs(inputs));
        }
        Object data = inputs.get(0);
        return data instanceof EOPatch ? ((EOPatch) data).copy(features, false, true) : data;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("name", outputName, "features", features);
    }
}
