package org.eolearn.io.stac;

/**
 * A STAC request that failed for good: the catalogue refused it (its error description is in the message), a
 * temporary error did not clear within the download client's attempts, or the answer is not what STAC
 * specifies (the message names the URL). Never holds a secret.
 */
public class StacException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the last answer, or -1. */
    private final int status;

    /**
     * A failure.
     *
     * @param message what failed
     * @param status the HTTP status of the last answer, or -1 when there was none or it was a success
     * @param cause the cause, or {@code null}
     */
    public StacException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * The HTTP status of the last answer.
     *
     * @return the status, or -1 when there was none (or the answer was a success that could not be read)
     */
    public int status() {
        return status;
    }
}
