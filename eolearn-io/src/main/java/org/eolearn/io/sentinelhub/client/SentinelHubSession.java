package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth2 client-credentials session with Sentinel Hub: fetches an access token from
 * {@link SHConfig#shTokenUrl()} (credentials in the form body, like sentinelhub-py), caches it and fetches
 * a new one when it is about to expire ({@link #DEFAULT_REFRESH_MARGIN} before, like sentinelhub-py, but
 * at most half of the token's lifetime). Thread-safe: one token request at a time; concurrent callers wait
 * for it and share its token. Token requests are retried like downloads, by the same {@link RetryPolicy}
 * and OkHttp interceptors (5xx, timeouts, broken connections, 429 with {@code Retry-After} in milliseconds
 * from a Sentinel Hub host, every wait capped), and fail at once on other 4xx with the server's error text.
 *
 * <p>Neither the client secret nor a token appears in log records, exception messages or
 * {@link #toString()}.
 */
public final class SentinelHubSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelHubSession.class);

    /** sentinelhub-py's {@code DEFAULT_SECONDS_BEFORE_EXPIRY}: a token is refreshed this long before it expires. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(120);
    private static final int REMEMBERED_TOKENS = 16;

    private final SHConfig config;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final Duration refreshMargin;
    private final AtomicLong tokenRequests = new AtomicLong();
    private final ConcurrentLinkedDeque<String> issued = new ConcurrentLinkedDeque<>();
    private String token;
    private Instant refreshAt;
    private Instant expiresAt;

    /**
     * A session with its own HTTP client.
     *
     * @param config the configuration; it must have credentials
     * @return the session
     * @throws IllegalArgumentException if the configuration has no client ID or secret
     */
    public static SentinelHubSession create(SHConfig config) {
        return create(config, RetryPolicy.of(config));
    }

    /**
     * A session with its own HTTP client, retrying token requests by a given policy.
     *
     * @param config the configuration; it must have credentials
     * @param policy the retry policy (e.g. with an injected clock and sleeper)
     * @return the session
     * @throws IllegalArgumentException if the configuration has no client ID or secret
     */
    public static SentinelHubSession create(SHConfig config, RetryPolicy policy) {
        return new SentinelHubSession(config, DownloadClient.newHttpClient(config), true, Clock.systemUTC(),
                DEFAULT_REFRESH_MARGIN, policy);
    }

    /**
     * A session shared by every caller with the same client ID, client secret and token URL (like
     * sentinelhub-py's cached sessions), so that many clients use one token. Closing it has no effect.
     *
     * @param config the configuration; it must have credentials
     * @return the shared session
     * @throws IllegalArgumentException if the configuration has no client ID or secret
     */
    public static SentinelHubSession shared(SHConfig config) {
        if (!config.hasCredentials()) {
            throw new IllegalArgumentException(
                    "a Sentinel Hub session needs sh_client_id and sh_client_secret (config.toml, SH_CLIENT_ID, SH_CLIENT_SECRET)");
        }
        String key = config.clientId() + "\n" + config.shTokenUrl() + "\n"
                + DownloadCache.bodyHash(config.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return SHARED.computeIfAbsent(key, k -> new SentinelHubSession(config, DownloadClient.newHttpClient(config),
                false, Clock.systemUTC(), DEFAULT_REFRESH_MARGIN));
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, SentinelHubSession> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    SentinelHubSession(SHConfig config, OkHttpClient http, boolean ownsHttp, Clock clock, Duration refreshMargin) {
        this(config, http, ownsHttp, clock, refreshMargin, RetryPolicy.of(config));
    }

    /**
     * A session on a base HTTP client ({@link DownloadClient#newHttpClient}); the retry interceptors are
     * added here, sharing the base client's connection pool and dispatcher.
     */
    SentinelHubSession(SHConfig config, OkHttpClient http, boolean ownsHttp, Clock clock, Duration refreshMargin,
            RetryPolicy policy) {
        this.config = Objects.requireNonNull(config, "config");
        if (!config.hasCredentials()) {
            throw new IllegalArgumentException(
                    "a Sentinel Hub session needs sh_client_id and sh_client_secret (config.toml, SH_CLIENT_ID, SH_CLIENT_SECRET)");
        }
        RetryListener listener = new RetryListener() {
            @Override
            public void attempt() {
                tokenRequests.incrementAndGet();
            }
        };
        this.http = Objects.requireNonNull(http, "http").newBuilder()
                .addInterceptor(new RetryInterceptor(Objects.requireNonNull(policy, "policy"), listener, this::scrub))
                .addInterceptor(new AttemptInterceptor(null, listener))
                .build();
        this.ownsHttp = ownsHttp;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
    }

    /**
     * The current access token, fetched first if there is none or it is about to expire.
     *
     * @return the access token
     * @throws DownloadFailedException if the token endpoint refuses the credentials or keeps failing
     */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /**
     * Forgets a token the server refused (HTTP 401), so that the next {@link #token()} fetches a new one.
     * Does nothing if another thread already replaced that token.
     *
     * @param staleToken the refused token
     */
    public synchronized void invalidate(String staleToken) {
        if (staleToken != null && staleToken.equals(token)) {
            token = null;
        }
    }

    /**
     * How many token requests this session made (attempts included).
     *
     * @return the number of HTTP calls to the token endpoint
     */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * When the current token expires.
     *
     * @return the expiry, or {@code null} when no token has been fetched
     */
    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** Masks the secrets this session knows (client secret, instance ID, tokens) in a text. */
    String scrub(String text) {
        List<String> secrets = new ArrayList<>(issued);
        secrets.add(config.clientSecret());
        secrets.add(config.instanceId());
        return HttpSupport.scrub(text, secrets);
    }

    private void fetch() {
        Request request = new Request.Builder()
                .url(config.shTokenUrl().toString())
                .header("User-Agent", HttpSupport.USER_AGENT)
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("client_id", config.clientId())
                        .add("client_secret", config.clientSecret())
                        .build())
                .build();
        String name = "token request POST " + config.shTokenUrl();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = response.body().bytes();
            int code = response.code();
            if (code >= 200 && code < 300) {
                accept(body, name);
                return;
            }
            String message = scrub(HttpSupport.serverMessage(body));
            throw new DownloadFailedException(name + " failed: HTTP " + code + (message.isEmpty() ? "" : ": " + message),
                    code, null);
        } catch (RetryFailedException e) {
            throw e.toDownloadFailure(name);
        } catch (IOException e) {
            // the I/O exception's own message could hold anything: keep only its text, scrubbed
            throw new DownloadFailedException(name + " failed: " + e.getClass().getSimpleName() + ": "
                    + scrub(String.valueOf(e.getMessage())), -1, null);
        }
    }

    private void accept(byte[] body, String name) {
        JsonNode json;
        try {
            json = HttpSupport.JSON.readTree(body);
        } catch (IOException e) {
            throw new DownloadFailedException(name + " returned an answer that is not JSON", 200, null);
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new DownloadFailedException(name + " returned no access_token", 200, null);
        }
        JsonNode expiresIn = json.get("expires_in");
        long lifetime = expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong() : 3600;
        Instant now = clock.instant();
        Duration life = Duration.ofSeconds(Math.max(0, lifetime));
        Duration margin = refreshMargin.compareTo(life.dividedBy(2)) < 0 ? refreshMargin : life.dividedBy(2);
        token = accessToken.asText();
        issued.addLast(token);
        while (issued.size() > REMEMBERED_TOKENS) {
            issued.pollFirst();
        }
        expiresAt = now.plus(life);
        refreshAt = expiresAt.minus(margin);
        LOG.debug("Fetched a Sentinel Hub access token from {}; it expires in {} s", config.shTokenUrl(), lifetime);
    }

    /** Closes the HTTP client if this session created it. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public synchronized String toString() {
        return "SentinelHubSession[client=" + SHConfig.mask(config.clientId()) + ", tokenUrl=" + config.shTokenUrl()
                + ", token=" + (token == null ? "none" : "present, expires " + expiresAt) + "]";
    }
}
