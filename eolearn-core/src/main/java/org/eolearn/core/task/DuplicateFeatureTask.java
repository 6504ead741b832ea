package org.eolearn.core.task;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;

/**
 * Copies features to new names in the same patch (eo-learn's {@code DuplicateFeatureTask}); a target that exists
 * already is an error.
 *
 * @since 0.1
 */
public final class DuplicateFeatureTask implements PatchTask {

    private final FeatureParser parser;
    private final boolean deepCopy;

    /**
     * Creates the task.
     *
     * @param features features with their new names
     * @param deepCopy whether to duplicate the arrays
     */
    public DuplicateFeatureTask(FeatureSpec features, boolean deepCopy) {
        this.parser = new FeatureParser(Objects.requireNonNull(features, "features"));
        this.deepCopy = deepCopy;
    }

    /**
     * Creates the task with eo-learn's default {@code deep_copy=False}: the references are copied, not the arrays.
     *
     * @param features features with their new names
     */
    public DuplicateFeatureTask(FeatureSpec features) {
        this(features, false);
    }

    /**
     * Starts a task preset to eo-learn's default {@code deep_copy=False}.
     *
     * @param features features with their new names
     * @return the builder
     * @throws NullPointerException naming {@code features} when null
     */
    public static Builder builder(FeatureSpec features) {
        return new Builder(features);
    }

    /** Settings of a {@link DuplicateFeatureTask}, preset to eo-learn's defaults; every setter is optional. */
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
        public DuplicateFeatureTask build() {
            return new DuplicateFeatureTask(features, deepCopy);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        for (Feature f : parser.getRenamedFeatures(patch)) {
            if (patch.contains(f.type(), f.newName())) {
                throw new IllegalArgumentException("cannot duplicate " + f + ": (" + f.type() + ", " + f.newName()
                        + ") already exists");
            }
            Object value = patch.get(f.type(), f.name());
            value = Tasks.copyValue(value, deepCopy);
            patch.put(f.type(), f.newName(), value);
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", parser.spec(), "deep_copy", deepCopy);
    }
}
