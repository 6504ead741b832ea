package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.EOPatches;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.MergeOperation;

/**
 * Merges all input patches (eo-learn's {@code MergeEOPatchesTask}), see {@link EOPatches#merge}.
 *
 * @since 0.1
 */
public final class MergeEOPatchesTask implements EOTask {

    private final FeatureSpec features;
    private final MergeOperation timeDependentOp;
    private final MergeOperation timelessOp;

    /**
     * Creates the task.
     *
     * @param features        the features to merge
     * @param timeDependentOp how to join frames with equal timestamps
     * @param timelessOp      how to join timeless arrays
     */
    public MergeEOPatchesTask(FeatureSpec features, MergeOperation timeDependentOp, MergeOperation timelessOp) {
        this.features = Objects.requireNonNull(features, "features");
        this.timeDependentOp = Objects.requireNonNull(timeDependentOp, "timeDependentOp");
        this.timelessOp = Objects.requireNonNull(timelessOp, "timelessOp");
    }

    /** Creates the task with eo-learn's defaults (all features, values must be equal). */
    public MergeEOPatchesTask() {
        this(FeatureSpec.all(), MergeOperation.equal(), MergeOperation.equal());
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(name() + " needs at least one EOPatch to merge");
        }
        List<EOPatch> patches = new ArrayList<>();
        for (Object o : inputs) {
            if (!(o instanceof EOPatch)) {
                throw new IllegalArgumentException(name() + " merges EOPatches, got " + Tasks.describeInputs(inputs));
            }
            patches.add((EOPatch) o);
        }
        return EOPatches.merge(patches, features, timeDependentOp, timelessOp);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", features, "time_dependent_op", timeDependentOp, "timeless_op", timelessOp);
    }
}
