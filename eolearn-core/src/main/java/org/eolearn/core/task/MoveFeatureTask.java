package org.eolearn.core.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;

/**
 * Copies features from the first input patch into the second and returns the second (eo-learn's
 * {@code MoveFeatureTask}).
 *
 * @since 0.1
 */
public final class MoveFeatureTask implements EOTask {

    private final FeatureParser parser;
    private final boolean deepCopy;

    /**
     * Creates the task.
     *
     * @param features the features to move
     * @param deepCopy whether to duplicate the arrays
     */
    public MoveFeatureTask(FeatureSpec features, boolean deepCopy) {
        this.parser = new FeatureParser(Objects.requireNonNull(features, "features"));
        this.deepCopy = deepCopy;
    }

    /**
     * Creates the task with eo-learn's default {@code deep_copy=False}: the references are copied, not the arrays.
     *
     * @param features the features to move
     */
    public MoveFeatureTask(FeatureSpec features) {
        this(features, false);
    }

    /**
     * Starts a task preset to eo-learn's default {@code deep_copy=False}.
     *
     * @param features the features to move
     * @return the builder
     * @throws NullPointerException naming {@code features} when null
     */
    public static Builder builder(FeatureSpec features) {
        return new Builder(features);
    }

    /** Settings of a {@link MoveFeatureTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private final FeatureSpec features;
        private boolean deepCopy;

        private Builder(FeatureSpec features) {
            this.features = Objects.requireNonNull(features, "features");
        }

        /**
         * Whether the values are deep-copied instead of shared (eo-learn's {@code deep_copy}, default false).
         *
         * @param deepCopy whether to copy deeply
         * @return this builder
         */
        public Builder deepCopy(boolean deepCopy) {
            this.deepCopy = deepCopy;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public MoveFeatureTask build() {
            return new MoveFeatureTask(features, deepCopy);
        }
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args);
        if (inputs.size() != 2 || !(inputs.get(0) instanceof EOPatch) || !(inputs.get(1) instanceof EOPatch)) {
            throw new IllegalArgumentException(name() + " takes two EOPatch inputs (source, destination), got "
                    + Tasks.describeInputs(inputs));
        }
        EOPatch src = (EOPatch) inputs.get(0);
        EOPatch dst = (EOPatch) inputs.get(1);
        for (Feature f : parser.getFeatures(src)) {
            Object value = src.get(f);
            value = Tasks.copyValue(value, deepCopy);
            dst.put(f, value);
        }
        return dst;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", parser.spec(), "deep_copy", deepCopy);
    }
}
