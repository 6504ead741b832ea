package org.eolearn.core.io;

import java.nio.file.Path;

/**
 * A feature file is valid for numpy but describes an array this library does not support: a dtype other than
 * bool, the integers and the floats (object, string, complex, structured, sub-array, datetime ... dtypes), a
 * negative dimension (numpy reads {@code -1} in a plain file's shape as a reshape wildcard) or an array of more
 * than 2 GiB. Every other refusal of the loader is a plain {@link EOPatchFormatException}: numpy refuses the file
 * too.
 *
 * @since 0.1
 */
public class UnsupportedArrayException extends EOPatchFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file    the offending file
     * @param message what is not supported
     */
    public UnsupportedArrayException(Path file, String message) {
        super(file, message);
    }
}
