package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.DownloadFailedException;
import org.eolearn.io.sentinelhub.client.DownloadRequest;

/**
 * Signs Planetary Computer assets: appends the collection's SAS token, from
 * {@code GET {root}/api/sas/v1/token/{collection}} (answering {@code {"msft:expiry": .., "token": ..}}), to the
 * query of hrefs in Azure Blob Storage ({@code *.blob.core.windows.net}); other hrefs, and hrefs that already
 * carry a signature ({@code sig=}), are returned as they are.
 *
 * <pre>{@code
 * AssetSigner signer = new PlanetaryComputerSigner(client);
 * SignedAsset red = signer.sign(item, "B04");   // https://...blob.core.windows.net/...B04.tif?se=...&sig=...
 * }</pre>
 *
 * <p>One token per collection is kept until {@link #REFRESH_MARGIN} before its expiry (a token without a
 * readable expiry is kept for 10 minutes), so many signings cost one token request. Thread-safe: threads
 * signing for the same collection wait for one token request. The token is a secret: it is never logged,
 * never in an exception message and never in {@link #toString()}.
 */
public final class PlanetaryComputerSigner implements AssetSigner {
    /** Where the tokens come from unless told otherwise. */
    public static final URI DEFAULT_ROOT = URI.create("https://planetarycomputer.microsoft.com");
    /** How long before its expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Duration UNKNOWN_EXPIRY = Duration.ofMinutes(15);
    private static final String BLOB_HOST = ".blob.core.windows.net";

    private final DownloadClient client;
    private final URI root;
    private final Clock clock;
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong tokenRequests = new AtomicLong();

    /** A token and when to replace it; its text never leaves this class but appended to an href. */
    private record Token(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }

    /**
     * A signer fetching tokens from {@link #DEFAULT_ROOT}.
     *
     * @param client the download client of the token requests
     */
    public PlanetaryComputerSigner(DownloadClient client) {
        this(client, DEFAULT_ROOT);
    }

    /**
     * A signer fetching tokens from another host.
     *
     * @param client the download client of the token requests
     * @param root the scheme and host (and port) serving {@code /api/sas/v1/token/{collection}}
     */
    public PlanetaryComputerSigner(DownloadClient client, URI root) {
        this(client, root, Clock.systemUTC());
    }

    /**
     * A signer with a clock (tests move it past the tokens' expiry).
     *
     * @param client the download client of the token requests
     * @param root the scheme and host (and port) serving {@code /api/sas/v1/token/{collection}}
     * @param clock the clock the expiries are compared with
     */
    public PlanetaryComputerSigner(DownloadClient client, URI root, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute() || root.getHost() == null) {
            throw new IllegalArgumentException("the token root must be an absolute URL, got " + root);
        }
        String s = root.toString();
        this.root = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs an asset with the token of the item's collection.
     *
     * @param item the item (its {@link StacItem#collection()} chooses the token)
     * @param asset the asset
     * @return the signed URL, without extra headers
     * @throws IllegalArgumentException if a Blob Storage href is to be signed and the item has no collection
     * @throws StacException if the token cannot be fetched
     */
    @Override
    public SignedAsset sign(StacItem item, StacAsset asset) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(asset, "asset");
        if (!needsSigning(asset.href())) {
            return SignedAsset.of(asset.href());
        }
        if (item.collection() == null) {
            throw new IllegalArgumentException("item " + item.id() + " has no collection: its SAS token is unknown");
        }
        return SignedAsset.of(sign(asset.href(), item.collection()));
    }

    /**
     * Signs an href with a collection's token.
     *
     * @param href the href
     * @param collection the collection id, e.g. {@code sentinel-2-l2a}
     * @return the href with the token appended to its query (an existing query is kept), or {@code href} when
     *     it is not in Blob Storage or already signed
     * @throws StacException if the token cannot be fetched
     */
    public URI sign(URI href, String collection) {
        Objects.requireNonNull(href, "href");
        if (collection == null || collection.isBlank()) {
            throw new IllegalArgumentException("a collection id must not be blank");
        }
        if (!needsSigning(href)) {
            return href;
        }
        String token = token(collection).value();
        String s = href.toString();
        int hash = s.indexOf('#');
        String fragment = hash < 0 ? "" : s.substring(hash);
        String base = hash < 0 ? s : s.substring(0, hash);
        String separator = href.getRawQuery() == null ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return URI.create(base + separator + token + fragment);
    }

    private static boolean needsSigning(URI href) {
        String host = href.getHost();
        if (host == null || !host.toLowerCase(Locale.ROOT).endsWith(BLOB_HOST)) {
            return false;
        }
        String q = href.getRawQuery();
        return q == null || !(q.startsWith("sig=") || q.contains("&sig="));
    }

    /**
     * How many tokens were fetched.
     *
     * @return the number of token requests made
     */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    private Token token(String collection) {
        Token t = tokens.get(collection);
        if (t != null && clock.instant().isBefore(t.refreshAt())) {
            return t;
        }
        synchronized (locks.computeIfAbsent(collection, k -> new Object())) {
            t = tokens.get(collection);
            if (t != null && clock.instant().isBefore(t.refreshAt())) {
                return t;
            }
            t = fetch(collection);
            tokens.put(collection, t);
            return t;
        }
    }

    private Token fetch(String collection) {
        URI url = URI.create(root + "/api/sas/v1/token/" + SearchEncoding.encode(collection).replace("/", "%2F"));
        DownloadRequest request = new DownloadRequest("GET", url, Map.of("Accept", "application/json"), null, false,
                null, false);
        tokenRequests.incrementAndGet();
        String what = "Planetary Computer token request GET " + url;
        byte[] body;
        try {
            body = client.download(request).body();
        } catch (DownloadFailedException e) {
            int status = e.status();
            if (status >= 400 && status < 500 && status != 429) {
                String said = StacErrors.catalogueMessage(e.getMessage(), status);
                throw new StacException(what + " failed: HTTP " + status + (said.isEmpty() ? "" : ": " + said), status, e);
            }
            throw new StacException(what + " failed: " + e.getMessage(), status, e);
        }
        JsonNode json;
        try {
            json = StacJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new StacException(what + " answered with a body that is not JSON", 200, null);
        }
        String token = json == null ? null : StacJson.text(json.get("token"));
        if (token == null || token.isBlank()) {
            throw new StacException(what + " answered without a token", 200, null);
        }
        token = token.startsWith("?") ? token.substring(1) : token;
        Instant now = clock.instant();
        Instant expiry;
        try {
            expiry = StacJson.instant(StacJson.text(json.get("msft:expiry")));
        } catch (IllegalArgumentException unreadable) {
            expiry = null;
        }
        if (expiry == null) {
            expiry = now.plus(UNKNOWN_EXPIRY);
        }
        return new Token(token, expiry.minus(REFRESH_MARGIN));
    }

    /**
     * The token root and the collections holding a token; no token text.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "PlanetaryComputerSigner[" + root + ", tokens for " + new java.util.TreeSet<>(tokens.keySet())
                + ", " + tokenRequests.get() + " token requests]";
    }
}
