package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers HTTP 401 on an authenticated request (one tagged with an authenticated {@link DownloadRequest}):
 * drops the refused token, fetches a new one and retries once. A second 401 in a row is handed on.
 */
final class TokenAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    private static final String BEARER = "Bearer ";

    private final SentinelHubSession session;
    private final RetryListener listener;

    TokenAuthenticator(SentinelHubSession session, RetryListener listener) {
        this.session = Objects.requireNonNull(session, "session");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        Request request = response.request();
        DownloadRequest r = request.tag(DownloadRequest.class);
        String header = request.header("Authorization");
        if (r == null || !r.authenticated() || header == null || !header.startsWith(BEARER)) {
            return null;
        }
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            if (prior.code() == 401) {
                return null; // refreshed once already
            }
        }
        session.invalidate(header.substring(BEARER.length()));
        String token;
        try {
            token = session.token();
        } catch (DownloadFailedException e) {
            throw new TokenUnavailableException(e);
        }
        LOG.info("{} answered 401; fetched a new token and retrying", HttpSupport.logName(request, session::scrub));
        listener.retry();
        listener.attempt();
        return request.newBuilder().header("Authorization", BEARER + token).build();
    }
}
