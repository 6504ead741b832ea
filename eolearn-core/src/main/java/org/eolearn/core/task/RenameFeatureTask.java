package org.eolearn.core.task;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;

/**
 * Renames features, {@code (type, old, new)} (eo-learn's {@code RenameFeatureTask}).
 *
 * @since 0.1
 */
public final class RenameFeatureTask implements PatchTask {

    private final FeatureParser parser;

    /**
     * Creates the task.
     *
     * @param features features with their new names
     */
    public RenameFeatureTask(FeatureSpec features) {
        this.parser = new FeatureParser(Objects.requireNonNull(features, "features"));
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        for (Feature f : parser.getRenamedFeatures(patch)) {
            Object value = patch.getRaw(f.type(), f.name());
            patch.remove(f.type(), f.name());
            patch.put(f.type(), f.newName(), value);
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", parser.spec());
    }
}
