package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of the download client and the token session, as an OkHttp application interceptor
 * following a {@link RetryPolicy}. Every answer's body is read whole here, so that a body cut short is a
 * temporary error like any other; the answer handed on carries the buffered body.
 *
 * <ul>
 *   <li>2xx: checked by the request's {@link ResponseCheck} tag, if any; an invalid answer is a temporary error.
 *   <li>429: waits as the policy says (Retry-After, capped) and tries again, at most
 *       {@link RetryPolicy#maxRateLimitRetries()} times, without using up attempts.
 *   <li>5xx and {@link IOException}s (timeouts, broken connections, truncated bodies): temporary errors,
 *       retried with backoff up to {@link RetryPolicy#maxAttempts()} attempts.
 *   <li>Other answers (1xx, 3xx, 4xx) are handed on as they are; a 401 has already been through the client's
 *       {@link TokenAuthenticator}.
 * </ul>
 *
 * <p>When it gives up it throws {@link RetryFailedException}. Each wait is logged at WARN with its length, its
 * reason and the request's method and URL (without the query; secrets masked).
 */
final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

    private final RetryPolicy policy;
    private final RetryListener listener;
    private final UnaryOperator<String> scrubber;

    RetryInterceptor(RetryPolicy policy, RetryListener listener, UnaryOperator<String> scrubber) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        ResponseCheck check = request.tag(ResponseCheck.class);
        int failed = 0;
        int limited = 0;
        while (true) {
            String last;
            int status;
            try {
                Response raw = chain.proceed(request);
                byte[] body;
                MediaType type;
                try (ResponseBody rb = raw.body()) {
                    type = rb.contentType();
                    body = rb.bytes(); // an I/O failure here (a body cut short) is a temporary error
                }
                listener.bytes(body.length);
                // The answer handed on carries the buffered body (read once by the caller).
                Response response = raw.newBuilder().body(ResponseBody.create(body, type)).build();
                status = response.code();
                if (status >= 200 && status < 300) {
                    if (check == null) {
                        return response;
                    }
                    try {
                        check.check(response, body);
                        return response;
                    } catch (ResponseValidator.InvalidAnswerException e) {
                        last = "HTTP " + status + " with an invalid answer: " + scrubber.apply(e.getMessage());
                    }
                } else if (status == 429) {
                    listener.rateLimited();
                    limited++;
                    if (limited > policy.maxRateLimitRetries()) {
                        throw new RetryFailedException(RetryFailedException.Kind.RATE_LIMITED, limited - 1, status,
                                "HTTP 429");
                    }
                    RetryPolicy.Wait wait = policy.afterRateLimit(response.header("Retry-After"), request.url().host(),
                            limited);
                    LOG.warn("{} was rate limited (HTTP 429, {}); retrying in {} ms", describe(request), wait.reason(),
                            wait.duration().toMillis());
                    listener.retry();
                    sleep(wait, status);
                    continue;
                } else if (status < 500) {
                    return response;
                } else {
                    String message = scrubber.apply(HttpSupport.serverMessage(body));
                    last = "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
                }
            } catch (TokenUnavailableException | RetryFailedException e) {
                throw e;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new RetryFailedException(RetryFailedException.Kind.INTERRUPTED, failed, -1, "interrupted");
                }
                status = -1;
                last = e.getClass().getSimpleName() + ": " + scrubber.apply(String.valueOf(e.getMessage()));
            }
            failed++;
            if (failed >= policy.maxAttempts()) {
                throw new RetryFailedException(RetryFailedException.Kind.ATTEMPTS_EXHAUSTED, failed, status, last);
            }
            RetryPolicy.Wait wait = policy.afterFailure(failed);
            LOG.warn("{} failed ({}), attempt {} of {}; retrying in {} ms ({})", describe(request), last, failed,
                    policy.maxAttempts(), wait.duration().toMillis(), wait.reason());
            listener.retry();
            sleep(wait, status);
        }
    }

    private void sleep(RetryPolicy.Wait wait, int status) throws RetryFailedException {
        try {
            policy.sleeper().sleep(wait.duration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryFailedException(RetryFailedException.Kind.INTERRUPTED, 0, status, "interrupted");
        }
    }

    private String describe(Request request) {
        return HttpSupport.logName(request, scrubber);
    }
}
