package org.eolearn.core.task;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;

/**
 * Copies a patch, shallowly or deeply, all features or some (eo-learn's {@code CopyTask}).
 *
 * <pre>{@code
 * CopyTask copy = CopyTask.builder().features(FeatureSpec.of(Feature.of(DATA, "BANDS"))).deep(true).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class CopyTask implements PatchTask {

    private final FeatureSpec features;
    private final boolean deep;
    private final Boolean copyTimestamps;

    /**
     * Creates the task; prefer {@link #builder()}, which needs no {@code null} for eo-learn's "auto".
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

    /**
     * Creates a shallow copy of everything, with eo-learn's defaults ({@code features=...}, {@code deep=False},
     * {@code copy_timestamps="auto"}).
     */
    public CopyTask() {
        this(FeatureSpec.all(), false, null);
    }

    /**
     * Starts a task with eo-learn's defaults: all features, a shallow copy, timestamps copied "auto"matically.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link CopyTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private FeatureSpec features = FeatureSpec.all();
        private boolean deep;
        private Boolean copyTimestamps;

        private Builder() {
        }

        /**
         * The features to copy (eo-learn's {@code features}, default {@code ...}: all of them).
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
         * Whether the arrays are copied too, not only the references (eo-learn's {@code deep}, default false).
         *
         * @param deep whether to copy deeply
         * @return this builder
         */
        public Builder deep(boolean deep) {
            this.deep = deep;
            return this;
        }

        /**
         * Whether the timestamps are copied (eo-learn's {@code copy_timestamps} as a boolean).
         *
         * @param copy whether to copy the timestamps
         * @return this builder
         */
        public Builder copyTimestamps(boolean copy) {
            this.copyTimestamps = copy;
            return this;
        }

        /**
         * eo-learn's default {@code copy_timestamps="auto"}: the timestamps are copied with all features or with any
         * temporal feature.
         *
         * @return this builder
         */
        public Builder copyTimestampsAuto() {
            this.copyTimestamps = null;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public CopyTask build() {
            return new CopyTask(features, deep, copyTimestamps);
        }
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
