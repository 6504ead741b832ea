package org.eolearn.io.sentinelhub.client;

import java.io.IOException;

/**
 * Thrown by {@link RetryInterceptor} when it gives up; the caller turns it into a
 * {@link DownloadFailedException} naming its request. The texts are already scrubbed of secrets.
 */
final class RetryFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the retries stopped. */
    enum Kind {
        /** Temporary errors used up the attempts. */
        ATTEMPTS_EXHAUSTED,
        /** Too many HTTP 429 answers in a row. */
        RATE_LIMITED,
        /** The thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int count;
    private final int status;
    private final String last;

    RetryFailedException(Kind kind, int count, int status, String last) {
        super(kind + " after " + count + ": " + last);
        this.kind = kind;
        this.count = count;
        this.status = status;
        this.last = last;
    }

    Kind kind() {
        return kind;
    }

    /** The failed attempts ({@link Kind#ATTEMPTS_EXHAUSTED}) or the 429 retries made ({@link Kind#RATE_LIMITED}). */
    int count() {
        return count;
    }

    /** The last HTTP status, or -1 when the last attempt got no answer. */
    int status() {
        return status;
    }

    /** The last error, e.g. {@code HTTP 503: Service unavailable} or {@code SocketTimeoutException: timeout}. */
    String last() {
        return last;
    }

    /**
     * The failure for the caller, naming its request.
     *
     * @param name the request, e.g. {@code POST https://...}
     * @return the exception to throw
     */
    DownloadFailedException toDownloadFailure(String name) {
        return switch (kind) {
            case ATTEMPTS_EXHAUSTED -> new DownloadFailedException(
                    name + " failed after " + count + " attempts; last: " + last, status, null);
            case RATE_LIMITED -> new DownloadFailedException(
                    name + " failed: still rate limited (HTTP 429) after " + count + " retries", status, null);
            case INTERRUPTED -> new DownloadFailedException(name + " interrupted", status, null);
        };
    }
}
