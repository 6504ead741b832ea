package org.eolearn.core.io;

import java.util.Locale;

/**
 * What {@link EOPatchIO#save} may replace in an existing patch folder, eo-learn's {@code OverwritePermission}.
 *
 * <p>In every mode, two features of the patch being saved whose names differ only in case are refused (they
 * would collide on case-insensitive file systems). After a save (except {@link #OVERWRITE_PATCH}, which empties
 * the folder), a file left from an earlier save of the same feature in another format (for example
 * {@code NDVI.npy} next to a new {@code NDVI.npy.gz}) is removed.
 *
 * @since 0.1
 */
public enum OverwritePermission {
    /** Only add features: saving a feature that already exists (names compared case-insensitively) fails. */
    ADD_ONLY,
    /** Rewrite the saved features and leave the folder's other features as they are. */
    OVERWRITE_FEATURES,
    /** Replace the whole folder's content (eo-learn deprecates it, but it still works there and here). */
    OVERWRITE_PATCH;

    /**
     * Parses a name (case-insensitive) or eo-learn's deprecated integers 0, 1, 2.
     *
     * @param value for example {@code "overwrite_features"} or {@code "1"}
     * @return the permission
     * @throws IllegalArgumentException for anything else
     */
    public static OverwritePermission parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "0": return ADD_ONLY;
            case "1": return OVERWRITE_FEATURES;
            case "2": return OVERWRITE_PATCH;
            default:
                for (OverwritePermission p : values()) {
                    if (p.name().equals(v)) {
                        return p;
                    }
                }
                throw new IllegalArgumentException("overwrite permission '" + value + "' is not one of ADD_ONLY, "
                        + "OVERWRITE_FEATURES, OVERWRITE_PATCH");
        }
    }
}
