package org.eolearn.core.task;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;

/**
 * Removes features (eo-learn's {@code RemoveFeatureTask}); whole types and {@code ...} expand against the patch.
 *
 * @since 0.1
 */
public final class RemoveFeatureTask implements PatchTask {

    private final FeatureParser parser;

    /**
     * Creates the task.
     *
     * @param features the features to remove
     */
    public RemoveFeatureTask(FeatureSpec features) {
        this.parser = new FeatureParser(Objects.requireNonNull(features, "features"));
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        for (Feature f : parser.getFeatures(patch)) {
            patch.remove(f);
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", parser.spec());
    }
}
