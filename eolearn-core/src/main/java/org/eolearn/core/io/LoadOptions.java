package org.eolearn.core.io;

import java.util.Objects;
import org.eolearn.core.FeatureSpec;

/**
 * How {@link EOPatchIO#load} reads a patch. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * EOPatch lazy = EOPatch.load(dir, LoadOptions.defaults().withLazy(true));
 * EOPatch masks = EOPatch.load(dir, LoadOptions.defaults().withFeatures(FeatureSpec.of(FeatureType.MASK)));
 * }</pre>
 *
 * @param features       which features to load (the bbox is always loaded when present)
 * @param lazy           read each feature only when it is first used
 * @param loadTimestamps {@code null} for eo-learn's "auto" (load them when all features or any temporal feature
 *                       are loaded), or an explicit choice; {@code true} fails when the patch has none
 * @since 0.1
 */
public record LoadOptions(FeatureSpec features, boolean lazy, Boolean loadTimestamps) {

    /**
     * Validates the options.
     *
     * @param features       not null
     * @param lazy           whether lazily
     * @param loadTimestamps null for auto
     */
    public LoadOptions {
        Objects.requireNonNull(features, "features");
    }

    /**
     * eo-learn's defaults: all features, eagerly, timestamps "auto".
     *
     * @return the defaults
     */
    public static LoadOptions defaults() {
        return new LoadOptions(FeatureSpec.all(), false, null);
    }

    /**
     * Returns a copy loading other features.
     *
     * @param spec the features
     * @return the copy
     */
    public LoadOptions withFeatures(FeatureSpec spec) {
        return new LoadOptions(spec, lazy, loadTimestamps);
    }

    /**
     * Returns a copy loading lazily or not.
     *
     * @param lazyLoading whether lazily
     * @return the copy
     */
    public LoadOptions withLazy(boolean lazyLoading) {
        return new LoadOptions(features, lazyLoading, loadTimestamps);
    }

    /**
     * Returns a copy with an explicit timestamps choice ({@code null} = auto).
     *
     * @param load whether to load the timestamps
     * @return the copy
     */
    public LoadOptions withLoadTimestamps(Boolean load) {
        return new LoadOptions(features, lazy, load);
    }
}
