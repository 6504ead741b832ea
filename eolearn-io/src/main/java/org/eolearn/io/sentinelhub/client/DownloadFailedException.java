package org.eolearn.io.sentinelhub.client;

/**
 * A download (or a token request) that failed for good: a user error answered by the server (4xx), or
 * a temporary error (5xx, timeout, broken connection, invalid answer, rate limit) that did not clear
 * within the allowed attempts. The message names the request by method and URL and holds the last
 * status or cause; it never holds a secret.
 */
public class DownloadFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the last answer, or -1 when there was none (I/O failure). */
    private final int status;

    /**
     * A failure with a message.
     *
     * @param message what failed (method, URL, last status or cause)
     */
    public DownloadFailedException(String message) {
        this(message, -1, null);
    }

    /**
     * A failure with a message, the last HTTP status and the last cause.
     *
     * @param message what failed (method, URL, last status or cause)
     * @param status the last HTTP status, or -1 when no answer was received
     * @param cause the last cause, or {@code null}
     */
    public DownloadFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * The HTTP status of the last answer.
     *
     * @return the status, or -1 when no answer was received
     */
    public int status() {
        return status;
    }
}
