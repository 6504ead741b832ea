package org.eolearn.core.io;

import java.util.Objects;
import org.eolearn.core.FeatureSpec;

/**
 * How {@link EOPatchIO#save} writes a patch. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * <pre>{@code
 * patch.save(dir, SaveOptions.defaults()
 *         .withOverwrite(OverwritePermission.OVERWRITE_FEATURES)
 *         .withFeatures(FeatureSpec.of(FeatureType.DATA)));
 * }</pre>
 *
 * @param features       which features to save (the bbox is always saved when present)
 * @param overwrite      what may be replaced in an existing folder
 * @param compress       gzip every feature file at level 1 ({@code .npy.gz}, {@code .gpkg.gz}, {@code .json.gz}),
 *                       as eo-learn 1.5 always does; {@code false} writes plain files, which eo-learn reads too
 * @param saveTimestamps {@code null} for eo-learn's "auto" (save them when all features or any temporal feature
 *                       are saved), or an explicit choice
 * @since 0.1
 */
public record SaveOptions(FeatureSpec features, OverwritePermission overwrite, boolean compress,
                          Boolean saveTimestamps) {

    /**
     * Validates the options.
     *
     * @param features       not null
     * @param overwrite      not null
     * @param compress       whether to gzip
     * @param saveTimestamps null for auto
     */
    public SaveOptions {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(overwrite, "overwrite");
    }

    /**
     * eo-learn's defaults: all features, {@link OverwritePermission#ADD_ONLY}, gzip, timestamps "auto".
     *
     * @return the defaults
     */
    public static SaveOptions defaults() {
        return new SaveOptions(FeatureSpec.all(), OverwritePermission.ADD_ONLY, true, null);
    }

    /**
     * Returns a copy saving other features.
     *
     * @param spec the features
     * @return the copy
     */
    public SaveOptions withFeatures(FeatureSpec spec) {
        return new SaveOptions(spec, overwrite, compress, saveTimestamps);
    }

    /**
     * Returns a copy with another overwrite permission.
     *
     * @param permission the permission
     * @return the copy
     */
    public SaveOptions withOverwrite(OverwritePermission permission) {
        return new SaveOptions(features, permission, compress, saveTimestamps);
    }

    /**
     * Returns a copy that compresses or not.
     *
     * @param gzip whether to gzip
     * @return the copy
     */
    public SaveOptions withCompress(boolean gzip) {
        return new SaveOptions(features, overwrite, gzip, saveTimestamps);
    }

    /**
     * Returns a copy with an explicit timestamps choice ({@code null} = auto).
     *
     * @param save whether to save the timestamps
     * @return the copy
     */
    public SaveOptions withSaveTimestamps(Boolean save) {
        return new SaveOptions(features, overwrite, compress, save);
    }
}
