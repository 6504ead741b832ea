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
 * @param compression    how feature files are compressed: gzip ({@code .npy.gz}, {@code .gpkg.gz},
 *                       {@code .json.gz}) as eo-learn 1.5 always does, by default with this library's fast encoder;
 *                       {@link Compression#NONE} writes plain files, which eo-learn reads too
 * @param saveTimestamps {@code null} for eo-learn's "auto" (save them when all features or any temporal feature
 *                       are saved), or an explicit choice
 * @since 0.1
 */
public record SaveOptions(FeatureSpec features, OverwritePermission overwrite, Compression compression,
                          Boolean saveTimestamps) {

    /**
     * Validates the options.
     *
     * @param features       not null
     * @param overwrite      not null
     * @param compression    not null
     * @param saveTimestamps null for auto
     */
    public SaveOptions {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(overwrite, "overwrite");
        Objects.requireNonNull(compression, "compression");
    }

    /**
     * eo-learn's defaults: all features, {@link OverwritePermission#ADD_ONLY}, gzip ({@link Compression#GZIP}),
     * timestamps "auto".
     *
     * @return the defaults
     */
    public static SaveOptions defaults() {
        return new SaveOptions(FeatureSpec.all(), OverwritePermission.ADD_ONLY, Compression.GZIP, null);
    }

    /**
     * Tells whether feature files are gzipped.
     *
     * @return whether the compression is not {@link Compression#NONE}
     */
    public boolean compress() {
        return compression != Compression.NONE;
    }

    /**
     * Returns a copy saving other features.
     *
     * @param spec the features
     * @return the copy
     */
    public SaveOptions withFeatures(FeatureSpec spec) {
        return new SaveOptions(spec, overwrite, compression, saveTimestamps);
    }

    /**
     * Returns a copy with another overwrite permission.
     *
     * @param permission the permission
     * @return the copy
     */
    public SaveOptions withOverwrite(OverwritePermission permission) {
        return new SaveOptions(features, permission, compression, saveTimestamps);
    }

    /**
     * Returns a copy that compresses ({@link Compression#GZIP}) or not ({@link Compression#NONE}).
     *
     * @param gzip whether to gzip
     * @return the copy
     */
    public SaveOptions withCompress(boolean gzip) {
        return withCompression(gzip ? Compression.GZIP : Compression.NONE);
    }

    /**
     * Returns a copy with another compression.
     *
     * @param newCompression the compression
     * @return the copy
     */
    public SaveOptions withCompression(Compression newCompression) {
        return new SaveOptions(features, overwrite, newCompression, saveTimestamps);
    }

    /**
     * Returns a copy with an explicit timestamps choice ({@code null} = auto).
     *
     * @param save whether to save the timestamps
     * @return the copy
     */
    public SaveOptions withSaveTimestamps(Boolean save) {
        return new SaveOptions(features, overwrite, compression, save);
    }
}
