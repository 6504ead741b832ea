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
