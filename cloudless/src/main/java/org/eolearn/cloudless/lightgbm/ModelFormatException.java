package org.eolearn.cloudless.lightgbm;

import java.io.IOException;

/**
 * A LightGBM text model is malformed, truncated or unsupported. The message names the line and the key that are
 * wrong. This is the only exception {@link LightGbmModel#parse(String)} throws for bad input.
 *
 * @since 0.1
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The 1-based line, or 0 when the problem is not on one line. */
    private final int line;
    /** The key, or null. */
    private final String key;

    /**
     * Creates the exception.
     *
     * @param line    the 1-based line number (0 if not on one line)
     * @param key     the key concerned, or null
     * @param message what is wrong
     */
    public ModelFormatException(int line, String key, String message) {
        super((line > 0 ? "line " + line + ": " : "") + (key != null ? "key '" + key + "': " : "") + message);
        this.line = line;
        this.key = key;
    }

    /**
     * Returns the line the problem is on.
     *
     * @return the 1-based line, or 0
     */
    public int line() {
        return line;
    }

    /**
     * Returns the key concerned.
     *
     * @return the key, or null
     */
    public String key() {
        return key;
    }
}
