package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads from Sentinel Hub (or any HTTP service) the way sentinelhub-py's {@code SentinelHubDownloadClient}
 * does: one shared HTTP session, OAuth2 bearer tokens for authenticated requests, retries with backoff and
 * an optional on-disk cache, many requests in parallel.
 *
 * <ul>
 *   <li>Temporary errors (HTTP 5xx, timeouts, broken connections, truncated or invalid answers) are retried
 *       up to {@link SHConfig#maxDownloadAttempts()} attempts, sleeping {@link SHConfig#downloadSleepTime()}
 *       times 3<sup>k</sup> between them.
 *   <li>HTTP 429 waits for {@code Retry-After} (milliseconds from a Sentinel Hub host, seconds or an HTTP
 *       date from others; without it, the backoff) and does not use up attempts, but at most
 *       {@link SHConfig#maxRetries()} (default 10) times.
 *   <li>Every wait is capped at {@link SHConfig#maxRetryWait()} (default 60 s). See {@link RetryPolicy}; the
 *       retries are OkHttp interceptors shared with {@link SentinelHubSession}.
 *   <li>HTTP 401 on an authenticated request fetches a new token once and retries (an OkHttp
 *       {@code Authenticator}).
 *   <li>A connection an HTTP/1.0 server closes after its answer is not reused, so it costs no retry.
 *   <li>Other 4xx fail at once with the server's error message.
 *   <li>Every answer is checked: {@code Content-Length} against the bytes received, the content type
 *       against {@link DownloadRequest#expectedContentType()} (prefix), and JSON, TIFF and tar answers for
 *       their format.
 * </ul>
 *
 * <p>Failures raise {@link DownloadFailedException}, naming the request by method and URL. Thread-safe.
 */
public final class DownloadClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadClient.class);
    /** The cap on retries after HTTP 429 when {@link SHConfig#maxRetries()} is not set. */
    public static final int DEFAULT_MAX_RATE_LIMIT_RETRIES = 10;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SHConfig config;
    private final RetryPolicy policy;
    private final OkHttpClient http;
    private final SentinelHubSession session;
    private final boolean ownsSession;
    private final DownloadCache cache;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private ExecutorService pool;
    private boolean closed;

    /**
     * A client with its own HTTP session (connection pool sized for {@link SHConfig#maxThreads()}) and, when
     * the configuration has credentials, its own OAuth2 session.
     *
     * @param config the configuration
     * @return the client; close it when done
     */
    public static DownloadClient create(SHConfig config) {
        return create(config, RetryPolicy.of(config));
    }

    /**
     * A client with its own HTTP session and OAuth2 session (when the configuration has credentials), both
     * retrying by a given policy (e.g. one with an injected clock and sleeper).
     *
     * @param config the configuration
     * @param policy the retry policy
     * @return the client; close it when done
     */
    public static DownloadClient create(SHConfig config, RetryPolicy policy) {
        OkHttpClient http = newHttpClient(config);
        SentinelHubSession session = config.hasCredentials()
                ? new SentinelHubSession(config, http, false, Clock.systemUTC(), SentinelHubSession.DEFAULT_REFRESH_MARGIN,
                        policy)
                : null;
        return new DownloadClient(config, http, session, true, policy);
    }

    /**
     * A client using a given OAuth2 session (e.g. shared by several clients).
     *
     * @param config the configuration
     * @param session the session, or {@code null} for unauthenticated requests only
     * @return the client; closing it does not close the session
     */
    public static DownloadClient create(SHConfig config, SentinelHubSession session) {
        return create(config, session, RetryPolicy.of(config));
    }

    /**
     * A client using a given OAuth2 session and retry policy.
     *
     * @param config the configuration
     * @param session the session, or {@code null} for unauthenticated requests only
     * @param policy the retry policy of this client's downloads (the session keeps its own)
     * @return the client; closing it does not close the session
     */
    public static DownloadClient create(SHConfig config, SentinelHubSession session, RetryPolicy policy) {
        return new DownloadClient(config, newHttpClient(config), session, false, policy);
    }

    DownloadClient(SHConfig config, OkHttpClient base, SentinelHubSession session, boolean ownsSession,
            RetryPolicy policy) {
        this.config = Objects.requireNonNull(config, "config");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.session = session;
        this.ownsSession = ownsSession;
        this.cache = config.cacheFolder() == null ? null : new DownloadCache(config.cacheFolder());
        RetryListener listener = new RetryListener() {
            @Override
            public void attempt() {
                attempts.increment();
            }

            @Override
            public void retry() {
                retries.increment();
            }

            @Override
            public void rateLimited() {
                rateLimited.increment();
            }

            @Override
            public void bytes(long n) {
                bytes.add(n);
            }
        };
        OkHttpClient.Builder b = Objects.requireNonNull(base, "http").newBuilder()
                .addInterceptor(new RetryInterceptor(policy, listener, this::scrub))
                .addInterceptor(new AttemptInterceptor(session, listener));
        if (session != null) {
            b.authenticator(new TokenAuthenticator(session, listener));
        }
        this.http = b.build();
    }

    /**
     * The HTTP client every download client and token session starts from: timeouts, a connection pool
     * sized for {@link SHConfig#maxThreads()}, OkHttp's own retries off (every retry is the
     * {@link RetryInterceptor}'s, so that attempts are counted and bounded) and the
     * {@link KeepAliveInterceptor}. The retry interceptors are added by the client and the session.
     */
    static OkHttpClient newHttpClient(SHConfig config) {
        Duration timeout = config.downloadTimeout();
        return new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .connectionPool(new ConnectionPool(Math.max(5, config.maxThreads()), 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(new KeepAliveInterceptor())
                .build();
    }

    /**
     * The configuration.
     *
     * @return the configuration
     */
    public SHConfig config() {
        return config;
    }

    /**
     * The OAuth2 session.
     *
     * @return the session, or {@code null} when the configuration has no credentials
     */
    public SentinelHubSession session() {
        return session;
    }

    /**
     * The retry policy of this client's downloads.
     *
     * @return the policy
     */
    public RetryPolicy retryPolicy() {
        return policy;
    }

    /**
     * The counters since this client was created.
     *
     * @return a snapshot of the counters
     */
    public DownloadStats stats() {
        return new DownloadStats(requests.sum(), attempts.sum(), retries.sum(), rateLimited.sum(), cacheHits.sum(),
                failures.sum(), bytes.sum());
    }

    /**
     * Downloads one request (from the cache when possible), retrying temporary errors.
     *
     * @param request the request
     * @return the validated answer
     * @throws DownloadFailedException when the request fails for good
     */
    public DownloadResponse download(DownloadRequest request) {
        Objects.requireNonNull(request, "request");
        requests.increment();
        try {
            if (cache == null || !request.cache()) {
                return fetch(request);
            }
            return cached(request);
        } catch (DownloadFailedException e) {
            failures.increment();
            throw e;
        }
    }

    private DownloadResponse cached(DownloadRequest request) {
        String key = DownloadCache.key(request);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        // One download per cache entry at a time: identical requests wait for the first and then read its entry.
        for (CompletableFuture<Void> other; (other = inFlight.putIfAbsent(key, mine)) != null; ) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadFailedException(describe(request) + " interrupted");
            } catch (ExecutionException ignored) {
                // never completed exceptionally
            }
        }
        try {
            DownloadResponse hit = cache.read(key, request);
            if (hit != null) {
                try {
                    ResponseValidator.check(request, null, hit.contentType(), hit.bodyUnsafe());
                    cacheHits.increment();
                    return hit;
                } catch (ResponseValidator.InvalidAnswerException e) {
                    LOG.warn("Cache entry {} does not pass the checks of {} ({}); downloading again", key, describe(request),
                            e.getMessage());
                    cache.discard(key);
                }
            } else if (cache.exists(key)) {
                cache.discard(key); // an entry that cannot be read (changed by hand): replace it
            }
            DownloadResponse response = fetch(request);
            cache.write(key, response);
            return response;
        } finally {
            inFlight.remove(key, mine);
            mine.complete(null);
        }
    }

    /**
     * Downloads many requests in parallel on up to {@link SHConfig#maxThreads()} threads. When one fails, the
     * requests not yet started are skipped, the running ones finish, and the first failure is thrown (the
     * others attached as suppressed exceptions). Do not call it from inside a task of this client's pool.
     *
     * @param requests the requests
     * @return the answers, in the order of the requests
     * @throws DownloadFailedException when a request fails for good
     */
    public List<DownloadResponse> downloadAll(List<DownloadRequest> requests) {
        List<DownloadRequest> rs = List.copyOf(requests);
        if (rs.isEmpty()) {
            return List.of();
        }
        DownloadResponse[] out = new DownloadResponse[rs.size()];
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger suppressed = new AtomicInteger();
        ExecutorService executor = pool();
        List<Future<?>> futures = new ArrayList<>(rs.size());
        for (int i = 0; i < rs.size(); i++) {
            int index = i;
            futures.add(executor.submit(() -> {
                if (failure.get() != null) {
                    return;
                }
                try {
                    out[index] = download(rs.get(index));
                } catch (RuntimeException e) {
                    if (!failure.compareAndSet(null, e) && suppressed.incrementAndGet() <= 10) {
                        failure.get().addSuppressed(e);
                    }
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new DownloadFailedException("downloadAll interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a download task failed unexpectedly", e.getCause());
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return List.of(out);
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException("the download client is closed");
        }
        if (pool == null) {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "sh-download-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(config.maxThreads(), factory);
        }
        return pool;
    }

    private DownloadResponse fetch(DownloadRequest r) {
        if (r.authenticated() && session == null) {
            throw new DownloadFailedException(describe(r)
                    + " needs OAuth2 credentials: set sh_client_id and sh_client_secret (config.toml, SH_CLIENT_ID, SH_CLIENT_SECRET)");
        }
        Request.Builder builder = new Request.Builder().url(r.url().toString()).header("User-Agent", HttpSupport.USER_AGENT);
        r.headers().forEach(builder::header);
        builder.method(r.method(), requestBody(r));
        builder.tag(DownloadRequest.class, r);
        builder.tag(ResponseCheck.class, (response, body) -> {
            boolean noBody = r.method().equals("HEAD") || response.code() == 204;
            ResponseValidator.check(r, noBody ? null : response.header("Content-Length"), response.header("Content-Type"),
                    body, !noBody);
            ResponseValidator.checkRange(r, response.code(), response.header("Content-Range"), body);
        });
        // The retries, the 401 token refresh and the answer checks happen inside the call (RetryInterceptor,
        // TokenAuthenticator); what comes out is a final answer with its body in memory, or a failure.
        try (Response response = http.newCall(builder.build()).execute()) {
            byte[] body = response.body().bytes();
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new DownloadResponse(r, code, response.header("Content-Type"), response.headers().toMultimap(),
                        false, body);
            }
            String message = scrub(HttpSupport.serverMessage(body));
            throw new DownloadFailedException(describe(r) + " failed: HTTP " + code + (message.isEmpty() ? "" : ": " + message),
                    code, null);
        } catch (TokenUnavailableException e) {
            throw new DownloadFailedException(describe(r) + " failed: no access token: " + e.getMessage(), e.status(), null);
        } catch (RetryFailedException e) {
            throw e.toDownloadFailure(describe(r));
        } catch (IOException e) {
            throw new DownloadFailedException(describe(r) + " failed: " + e.getClass().getSimpleName() + ": "
                    + scrub(String.valueOf(e.getMessage())), -1, null);
        }
    }

    private static RequestBody requestBody(DownloadRequest r) {
        byte[] body = r.bodyUnsafe();
        if (body == null) {
            return java.util.Set.of("POST", "PUT", "PATCH").contains(r.method()) ? RequestBody.create(new byte[0], null) : null;
        }
        String type = r.headers().get("Content-Type");
        return RequestBody.create(body, type == null ? null : MediaType.parse(type));
    }

    private String describe(DownloadRequest r) {
        return scrub(r.describe());
    }

    private String scrub(String text) {
        return session != null ? session.scrub(text)
                : HttpSupport.scrub(text, List.of(config.clientSecret(), config.instanceId()));
    }

    /** Stops the worker threads and releases the HTTP connections (and the session, if this client made it). */
    @Override
    public void close() {
        ExecutorService p;
        synchronized (this) {
            closed = true;
            p = pool;
            pool = null;
        }
        if (p != null) {
            p.shutdownNow();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        if (ownsSession && session != null) {
            session.close();
        }
    }

    @Override
    public String toString() {
        return "DownloadClient[" + config.shBaseUrl() + ", threads=" + config.maxThreads() + ", cache="
                + (config.cacheFolder() == null ? "none" : config.cacheFolder()) + ", " + stats() + "]";
    }
}
