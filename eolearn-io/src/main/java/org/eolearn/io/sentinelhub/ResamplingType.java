package org.eolearn.io.sentinelhub;

import java.util.Locale;

/**
 * The Process API's {@code upsampling}/{@code downsampling} methods.
 *
 * @since 0.1
 */
public enum ResamplingType {
    /** Nearest neighbour. */
    NEAREST,
    /** Bilinear. */
    BILINEAR,
    /** Bicubic. */
    BICUBIC;

    /**
     * Parses a name, case-insensitively.
     *
     * @param text e.g. {@code "BICUBIC"}
     * @return the type
     */
    public static ResamplingType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resampling must be NEAREST, BILINEAR or BICUBIC, got '" + text + "'",
                    e);
        }
    }
}
