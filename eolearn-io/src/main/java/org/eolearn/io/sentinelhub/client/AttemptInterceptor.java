package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * The innermost application interceptor: counts each attempt and, on requests tagged with an authenticated
 * {@link DownloadRequest}, sets {@code Authorization: Bearer} to the session's current token, so that every
 * attempt (also one after a long wait) uses a fresh token. A failed token request is thrown as
 * {@link TokenUnavailableException} and not retried.
 */
final class AttemptInterceptor implements Interceptor {
    private final SentinelHubSession session;
    private final RetryListener listener;

    AttemptInterceptor(SentinelHubSession session, RetryListener listener) {
        this.session = session;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public okhttp3.Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        DownloadRequest r = request.tag(DownloadRequest.class);
        if (r != null && r.authenticated() && session != null) {
            String token;
            try {
                token = session.token();
            } catch (DownloadFailedException e) {
                throw new TokenUnavailableException(e);
            }
            request = request.newBuilder().header("Authorization", "Bearer " + token).build();
        }
        listener.attempt();
        return chain.proceed(request);
    }
}
