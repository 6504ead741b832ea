package org.eolearn.io.sentinelhub.client;

import java.io.IOException;

/**
 * Carries a failed token request out of an OkHttp call (interceptors and authenticators may only throw
 * {@link IOException}); it is never retried by {@link RetryInterceptor}.
 */
final class TokenUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    TokenUnavailableException(DownloadFailedException cause) {
        super(cause.getMessage());
        this.status = cause.status();
    }

    /** The HTTP status of the token endpoint's last answer, or -1. */
    int status() {
        return status;
    }
}
