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
     * Creates the task; {@link #builder()} sets only what differs from eo-learn's defaults.
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

    /**
     * Starts a task preset to eo-learn's defaults ({@code features=...}, {@code time_dependent_op=None},
     * {@code timeless_op=None}: all features, values of equal timestamps or names must be equal).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link MergeEOPatchesTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private FeatureSpec features = FeatureSpec.all();
        private MergeOperation timeDependentOp = MergeOperation.equal();
        private MergeOperation timelessOp = MergeOperation.equal();

        private Builder() {
        }

        /**
         * The features to merge (eo-learn's {@code features}, default {@code ...}: all of them).
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
         * How frames of temporal arrays with equal timestamps are joined (eo-learn's {@code time_dependent_op},
         * default None: {@link MergeOperation#equal()}, they must be equal).
         *
         * @param op the operation, e.g. {@link MergeOperation#mean()} or {@link MergeOperation#concatenate()}
         * @return this builder
         * @throws NullPointerException naming {@code time_dependent_op} when null
         */
        public Builder timeDependentOp(MergeOperation op) {
            this.timeDependentOp = Objects.requireNonNull(op, "time_dependent_op");
            return this;
        }

        /**
         * How timeless arrays of the same name are joined (eo-learn's {@code timeless_op}, default None:
         * {@link MergeOperation#equal()}, they must be equal).
         *
         * @param op the operation, e.g. {@link MergeOperation#max()} or {@link MergeOperation#concatenate()}
         * @return this builder
         * @throws NullPointerException naming {@code timeless_op} when null
         */
        public Builder timelessOp(MergeOperation op) {
            this.timelessOp = Objects.requireNonNull(op, "timeless_op");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public MergeEOPatchesTask build() {
            return new MergeEOPatchesTask(features, timeDependentOp, timelessOp);
        }
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
