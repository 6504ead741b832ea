package org.eolearn.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of a saved patch is malformed or unsupported. The message starts with the file's path and says what
 * is wrong with it.
 *
 * @since 0.1
 */
public class EOPatchFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file, as a string (paths are not serializable). */
    private final String file;

    /**
     * Creates the exception.
     *
     * @param file    the offending file
     * @param message what is wrong
     */
    public EOPatchFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = String.valueOf(file);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file    the offending file
     * @param message what is wrong
     * @param cause   the underlying error
     */
    public EOPatchFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = String.valueOf(file);
    }

    /**
     * Returns the offending file.
     *
     * @return its path
     */
    public Path file() {
        return Path.of(file);
    }
}
