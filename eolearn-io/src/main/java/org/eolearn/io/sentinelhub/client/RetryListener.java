package org.eolearn.io.sentinelhub.client;

/** Counts what the retry interceptors do (the download client's {@link DownloadStats}, the session's token requests). */
interface RetryListener {
    /** One HTTP attempt is about to be sent. */
    default void attempt() {}

    /** A request is tried again (after a temporary error, a 429 or a 401). */
    default void retry() {}

    /** An answer was HTTP 429. */
    default void rateLimited() {}

    /**
     * Body bytes were received.
     *
     * @param n how many
     */
    default void bytes(long n) {}

    /** A listener that counts nothing. */
    RetryListener NONE = new RetryListener() {};
}
