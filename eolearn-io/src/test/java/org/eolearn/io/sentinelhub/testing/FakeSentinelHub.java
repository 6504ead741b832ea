package org.eolearn.io.sentinelhub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.eolearn.io.sentinelhub.client.SHConfig;

/**
 * A fake Sentinel Hub on a local MockWebServer, for tests without the internet.
 *
 * <ul>
 *   <li>An OAuth2 token endpoint at {@link #TOKEN_PATH}: a client-credentials form with the right client ID
 *       and secret gets {@code {"access_token": .., "expires_in": ..}} (lifetime set by {@link #expiresIn});
 *       anything else gets 401 with an OAuth error.
 *   <li>Handlers registered for path prefixes ({@code /api/v1/process}, {@code /api/v1/catalog/1.0.0/search},
 *       {@code /ogc/wms/<instance>}, ...); by default they require a valid, unexpired bearer token and answer
 *       401 with Sentinel Hub's JSON error otherwise.
 *   <li>Faults on demand: one-shot faults queued per path prefix ({@link #enqueueFault}) or decided per
 *       request by an injector ({@link #faultInjector}).
 * </ul>
 */
public final class FakeSentinelHub implements AutoCloseable {
    /** The token path (the same as on services.sentinel-hub.com). */
    public static final String TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token";
    /** The default client ID. */
    public static final String DEFAULT_CLIENT_ID = "fake-client-0f3a9c2e-77d1-4b1e-9d3e";
    /** The default client secret. */
    public static final String DEFAULT_CLIENT_SECRET = "fake-secret-Zq8wP3xL5vR1tY7uN2mB";

    /** Faults the server can inject instead of a normal answer. */
    public enum Fault {
        /** HTTP 429 with {@code Retry-After} (see {@link #retryAfter}). */
        RATE_LIMIT,
        /** HTTP 500 with a JSON error. */
        SERVER_ERROR,
        /** HTTP 503 with a JSON error. */
        UNAVAILABLE,
        /** No answer before {@link #stallDelay} (longer than the client's timeout). */
        STALL,
        /** A 200 whose Content-Length is larger than the body, then the connection is closed. */
        TRUNCATED,
        /** The connection is closed before any answer. */
        DISCONNECT,
        /** A 200 with an HTML maintenance page ({@code text/html}). */
        WRONG_CONTENT_TYPE,
        /** A 200 {@code image/tiff} whose body is not a TIFF. */
        INVALID_TIFF,
        /** HTTP 401, as if the token had been revoked. */
        UNAUTHORIZED
    }

    /** Answers a request to a registered path. */
    @FunctionalInterface
    public interface Handler {
        /**
         * The answer.
         *
         * @param request the request received
         * @return the answer
         */
        MockResponse handle(RecordedRequest request);
    }

    private record Route(String prefix, boolean authenticated, Handler handler) {}

    private final MockWebServer server = new MockWebServer();
    private final String clientId;
    private final String clientSecret;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Fault>> queuedFaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile Function<RecordedRequest, Fault> injector = r -> null;
    private volatile Duration expiresIn = Duration.ofHours(1);
    private volatile Duration stallDelay = Duration.ofSeconds(2);
    private volatile String retryAfter = "0";

    /**
     * Starts a fake server with the default credentials.
     *
     * @return the running server
     */
    public static FakeSentinelHub start() {
        return new FakeSentinelHub(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    }

    /**
     * Starts a fake server that accepts one client.
     *
     * @param clientId the accepted client ID
     * @param clientSecret the accepted client secret
     */
    public FakeSentinelHub(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = Objects.requireNonNull(clientSecret);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeSentinelHub.this.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The accepted client ID.
     *
     * @return the client ID
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The accepted client secret.
     *
     * @return the client secret
     */
    public String clientSecret() {
        return clientSecret;
    }

    /**
     * The server's base URL, without a trailing slash.
     *
     * @return e.g. {@code http://localhost:41234}
     */
    public URI baseUrl() {
        String s = server.url("/").toString();
        return URI.create(s.substring(0, s.length() - 1));
    }

    /**
     * A URL on this server.
     *
     * @param path the path, starting with {@code /}
     * @return the URL
     */
    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    /**
     * The token URL.
     *
     * @return the token URL
     */
    public URI tokenUrl() {
        return url(TOKEN_PATH);
    }

    /**
     * A configuration pointing at this server with its credentials, short sleeps (1 ms) and a short timeout
     * (1 s); change what a test needs.
     *
     * @return the builder
     */
    public SHConfig.Builder config() {
        return SHConfig.builder().shBaseUrl(baseUrl()).shTokenUrl(tokenUrl()).clientId(clientId)
                .clientSecret(clientSecret).downloadSleepTime(Duration.ofMillis(1)).downloadTimeout(Duration.ofSeconds(1))
                .maxThreads(4);
    }

    /**
     * Sets the lifetime of the tokens issued from now on.
     *
     * @param lifetime the {@code expires_in} sent
     * @return this server
     */
    public FakeSentinelHub expiresIn(Duration lifetime) {
        expiresIn = lifetime;
        return this;
    }

    /**
     * Sets how long a {@link Fault#STALL} keeps the answer back.
     *
     * @param delay the delay (make it longer than the client's timeout)
     * @return this server
     */
    public FakeSentinelHub stallDelay(Duration delay) {
        stallDelay = delay;
        return this;
    }

    /**
     * Sets the {@code Retry-After} value of {@link Fault#RATE_LIMIT}.
     *
     * @param value a number (milliseconds for a client configured with {@link #config()}, whose base and token
     *     URLs make this server a Sentinel Hub host), an HTTP date, or {@code null} for none
     * @return this server
     */
    public FakeSentinelHub retryAfter(String value) {
        retryAfter = value;
        return this;
    }

    /**
     * Registers a handler that needs a valid bearer token.
     *
     * @param pathPrefix the path prefix (the longest matching prefix wins)
     * @param handler the handler
     * @return this server
     */
    public FakeSentinelHub handle(String pathPrefix, Handler handler) {
        routes.add(new Route(pathPrefix, true, handler));
        return this;
    }

    /**
     * Registers a handler that needs no token (e.g. OGC requests with an instance ID).
     *
     * @param pathPrefix the path prefix
     * @param handler the handler
     * @return this server
     */
    public FakeSentinelHub handlePublic(String pathPrefix, Handler handler) {
        routes.add(new Route(pathPrefix, false, handler));
        return this;
    }

    /**
     * Queues a one-shot fault for the next request whose path starts with a prefix ({@link #TOKEN_PATH} for
     * the token endpoint, {@code ""} for any request).
     *
     * @param pathPrefix the path prefix
     * @param fault the fault
     * @return this server
     */
    public FakeSentinelHub enqueueFault(String pathPrefix, Fault fault) {
        queuedFaults.computeIfAbsent(pathPrefix, k -> new ConcurrentLinkedDeque<>()).add(fault);
        return this;
    }

    /**
     * Decides per request whether to inject a fault (called for every request, after the queued faults).
     *
     * @param decide returns the fault, or {@code null} for a normal answer
     * @return this server
     */
    public FakeSentinelHub faultInjector(Function<RecordedRequest, Fault> decide) {
        injector = decide == null ? r -> null : decide;
        return this;
    }

    /** Makes every token issued so far invalid (requests with them get 401). */
    public void revokeTokens() {
        tokens.clear();
    }

    /**
     * How many requests reached the token endpoint.
     *
     * @return the count
     */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * The access tokens issued so far.
     *
     * @return the tokens, oldest first
     */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /**
     * How many requests had exactly this path.
     *
     * @param path the path
     * @return the count
     */
    public int requestCount(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    /**
     * How many requests the server received.
     *
     * @return the count
     */
    public int requestCount() {
        return server.getRequestCount();
    }

    /**
     * How many faults were injected, by kind.
     *
     * @return a snapshot of the counts
     */
    public Map<Fault, Integer> faultsInjected() {
        Map<Fault, Integer> out = new HashMap<>();
        injected.forEach((k, v) -> out.put(k, v.get()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The total number of faults injected.
     *
     * @return the sum over all kinds
     */
    public int totalFaultsInjected() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /**
     * The underlying MockWebServer.
     *
     * @return the server
     */
    public MockWebServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        Fault fault = queuedFault(path);
        if (fault == null) {
            fault = injector.apply(request);
        }
        if (fault != null) {
            injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
            if (path.equals(TOKEN_PATH)) {
                tokenRequests.incrementAndGet();
            }
            return faultResponse(fault);
        }
        if (path.equals(TOKEN_PATH)) {
            return token(request);
        }
        Route route = null;
        for (Route r : routes) {
            if (path.startsWith(r.prefix()) && (route == null || r.prefix().length() > route.prefix().length())) {
                route = r;
            }
        }
        if (route == null) {
            return error(404, "Not Found", "No handler for " + path);
        }
        if (route.authenticated() && !authorized(request)) {
            return error(401, "Unauthorized", "You are not authorized! Please provide a valid access token within the "
                    + "header [Authorization: Bearer <accessToken>] of your request.");
        }
        return route.handler().handle(request);
    }

    private Fault queuedFault(String path) {
        String best = null;
        for (Map.Entry<String, ConcurrentLinkedDeque<Fault>> e : queuedFaults.entrySet()) {
            if (path.startsWith(e.getKey()) && !e.getValue().isEmpty()
                    && (best == null || e.getKey().length() > best.length())) {
                best = e.getKey();
            }
        }
        return best == null ? null : queuedFaults.get(best).poll();
    }

    private boolean authorized(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = tokens.get(header.substring("Bearer ".length()));
        return expiry != null && Instant.now().isBefore(expiry);
    }

    private MockResponse token(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = new HashMap<>();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String contentType = request.getHeaders().get("Content-Type");
        if (!"POST".equals(request.getMethod()) || contentType == null
                || !contentType.startsWith("application/x-www-form-urlencoded")
                || !"client_credentials".equals(form.get("grant_type"))) {
            return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Expected a client_credentials form\"}");
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
        }
        String token = "eyJfake." + UUID.randomUUID().toString().replace("-", "") + ".sig";
        Duration life = expiresIn;
        tokens.put(token, Instant.now().plus(life));
        issuedTokens.add(token);
        return json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + life.toSeconds()
                + ",\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"email profile\"}");
    }

    private MockResponse faultResponse(Fault fault) {
        return switch (fault) {
            case RATE_LIMIT -> {
                MockResponse.Builder b = new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                        .body("{\"status\":429,\"reason\":\"Too Many Requests\",\"message\":\"You have exceeded your rate limit\",\"code\":\"RATE_LIMIT_EXCEEDED\"}");
                String after = retryAfter;
                if (after != null) {
                    b.addHeader("Retry-After", after);
                }
                yield b.build();
            }
            case SERVER_ERROR -> error(500, "Internal Server Error", "Injected server error");
            case UNAVAILABLE -> error(503, "Service Unavailable", "Injected unavailability");
            case STALL -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"late\":true}").headersDelay(stallDelay.toMillis(), TimeUnit.MILLISECONDS).build();
            case TRUNCATED -> new MockResponse.Builder().code(200).addHeader("Content-Type", "image/tiff")
                    .body(new Buffer().write(tiffBytes(new byte[64]))).setHeader("Content-Length", 4096)
                    .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
            case DISCONNECT -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            case WRONG_CONTENT_TYPE -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html><body>Down for maintenance</body></html>").build();
            case INVALID_TIFF -> new MockResponse.Builder().code(200).addHeader("Content-Type", "image/tiff")
                    .body("this is not a TIFF file").build();
            case UNAUTHORIZED -> error(401, "Unauthorized", "Token revoked");
        };
    }

    /**
     * A JSON answer.
     *
     * @param code the status
     * @param json the body
     * @return the answer
     */
    public static MockResponse json(int code, String json) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(json).build();
    }

    /**
     * Sentinel Hub's JSON error answer {@code {"error": {"status", "reason", "message"}}}.
     *
     * @param code the status
     * @param reason the reason phrase
     * @param message the message
     * @return the answer
     */
    public static MockResponse error(int code, String reason, String message) {
        return json(code, "{\"error\":{\"status\":" + code + ",\"reason\":\"" + reason + "\",\"message\":\""
                + message.replace("\"", "\\\"") + "\",\"code\":\"COMMON_EXCEPTION\"}}");
    }

    /**
     * A 200 {@code image/tiff} answer whose body is {@link #tiffBytes(byte[])}.
     *
     * @param payload the bytes after the TIFF header
     * @return the answer
     */
    public static MockResponse tiff(byte[] payload) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/tiff")
                .body(new Buffer().write(tiffBytes(payload))).build();
    }

    /**
     * Bytes that start with a little-endian TIFF header ({@code II*\0} and an IFD offset) followed by a
     * payload. Enough for format checks, not a decodable image.
     *
     * @param payload the bytes after the 8-byte header
     * @return the bytes
     */
    public static byte[] tiffBytes(byte[] payload) {
        byte[] out = new byte[8 + payload.length];
        out[0] = 'I';
        out[1] = 'I';
        out[2] = 42;
        out[3] = 0;
        out[4] = 8;
        System.arraycopy(payload, 0, out, 8, payload.length);
        return out;
    }

    /**
     * A one-member ustar archive.
     *
     * @param name the member name (at most 99 ASCII characters)
     * @param content the member content
     * @return the archive bytes
     */
    public static byte[] tarBytes(String name, byte[] content) {
        int blocks = (content.length + 511) / 512;
        byte[] out = new byte[512 + blocks * 512 + 1024];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, out, 0, Math.min(99, n.length));
        putOctal(out, 100, 8, 0644);
        putOctal(out, 108, 8, 0);
        putOctal(out, 116, 8, 0);
        putOctal(out, 124, 12, content.length);
        putOctal(out, 136, 12, 0);
        out[156] = '0';
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, out, 257, magic.length);
        for (int i = 148; i < 156; i++) {
            out[i] = ' ';
        }
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += out[i] & 0xff;
        }
        putOctal(out, 148, 7, sum);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void putOctal(byte[] out, int offset, int width, long value) {
        String s = String.format("%0" + (width - 1) + "o", value);
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, offset, b.length);
    }

    /**
     * The names of the paths requested so far, for failure messages.
     *
     * @return the paths and their counts
     */
    public List<String> requestedPaths() {
        List<String> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(k + " x" + v.get()));
        return out;
    }
}
