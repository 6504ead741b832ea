package org.eolearn.core.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;

/**
 * Sets one feature to the value given at execution (eo-learn's {@code AddFeatureTask}).
 *
 * <p>Execute argument: {@code data}, the value.
 *
 * @since 0.1
 */
public final class AddFeatureTask implements EOTask {

    private final Feature feature;

    /**
     * Creates the task.
     *
     * @param feature the feature to set
     */
    public AddFeatureTask(Feature feature) {
        this.feature = Objects.requireNonNull(feature, "feature");
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "data");
        if (!args.containsKey("data")) {
            throw new IllegalArgumentException(name() + " needs the execute argument 'data'");
        }
        return Tasks.singlePatch(this, inputs).put(feature, args.get("data"));
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature);
    }
}
