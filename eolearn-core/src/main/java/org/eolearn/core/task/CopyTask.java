package org.eolearn.core.task;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;

/**
 * Copies a patch, shallowly or deeply, all features or some (eo-learn's {@code CopyTask}).
 *
 * @since 0.1
 */
public final class CopyTask implements PatchTask {

    private final FeatureSpec features;
    private final boolean deep;
    private final Boolean copyTimestamps;

    /**
     * Creates the task.
     *
     * @param features       the features to copy
     * @param deep           whether to duplicate the arrays
     * @param copyTimestamps {@code null} for eo-learn's "auto" (copied with all or any temporal feature)
     */
    public CopyTask(FeatureSpec features, boolean deep, Boolean copyTimestamps) {
        this.features = Objects.requireNonNull(features, "features");
        this.deep = deep;
        this.copyTimestamps = copyTimestamps;
    }

    /** Creates a shallow copy of everything. */
    public CopyTask() {
        this(FeatureSpec.all(), false, null);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        return patch.copy(features, deep, copyTimestamps);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", features, "deep", deep, "copy_timestamps",
                copyTimestamps == null ? "auto" : copyTimestamps);
    }
}
