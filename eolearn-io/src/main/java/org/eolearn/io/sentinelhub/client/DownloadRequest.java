package org.eolearn.io.sentinelhub.client;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request for the {@link DownloadClient}.
 *
 * @param method the HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param url the absolute URL
 * @param headers extra request headers (case-insensitive names); the client adds {@code User-Agent} and,
 *     for authenticated requests, {@code Authorization}
 * @param body the request body, or {@code null} for none
 * @param authenticated whether the request carries an OAuth2 bearer token
 * @param expectedContentType the answer's expected content type, matched as a case-insensitive prefix
 *     (e.g. {@code image/tiff}, {@code application/json}, {@code application/x-tar}, {@code multipart/}),
 *     or {@code null} to accept any
 * @param cache whether the answer may be read from and written to the on-disk cache (when the client's
 *     configuration has a cache folder)
 */
public record DownloadRequest(
        String method,
        URI url,
        Map<String, String> headers,
        byte[] body,
        boolean authenticated,
        String expectedContentType,
        boolean cache) {

    /**
     * Validates and copies the arguments.
     *
     * @param method the HTTP method
     * @param url the absolute URL
     * @param headers extra headers, or {@code null} for none
     * @param body the body, or {@code null}
     * @param authenticated whether a bearer token is sent
     * @param expectedContentType the expected content type prefix, or {@code null}
     * @param cache whether the on-disk cache may be used
     */
    public DownloadRequest {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("url must be absolute, got " + url);
        }
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "header name"),
                    Objects.requireNonNull(v, "header value")));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? null : body.clone();
        if (expectedContentType != null && expectedContentType.isBlank()) {
            expectedContentType = null;
        }
    }

    /**
     * A plain GET: not authenticated, any content type, cacheable.
     *
     * @param url the URL
     * @return the request
     */
    public static DownloadRequest get(URI url) {
        return new DownloadRequest("GET", url, Map.of(), null, false, null, true);
    }

    /**
     * An authenticated POST of a JSON body (e.g. the Process API or a Catalog search), cacheable.
     *
     * @param url the URL
     * @param json the JSON body
     * @param accept the expected content type, sent as {@code Accept} (or {@code null} for any)
     * @return the request
     */
    public static DownloadRequest postJson(URI url, String json, String accept) {
        Objects.requireNonNull(json, "json");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/json");
        if (accept != null) {
            headers.put("Accept", accept);
        }
        return new DownloadRequest("POST", url, headers, json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                true, accept, true);
    }

    /**
     * The body.
     *
     * @return a copy of the body, or {@code null}
     */
    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** The body without a copy, for the client's own use. */
    byte[] bodyUnsafe() {
        return body;
    }

    /**
     * This request, authenticated or not.
     *
     * @param value whether a bearer token is sent
     * @return a new request
     */
    public DownloadRequest withAuthenticated(boolean value) {
        return new DownloadRequest(method, url, headers, body, value, expectedContentType, cache);
    }

    /**
     * This request with another expected content type.
     *
     * @param value the content type prefix, or {@code null} for any
     * @return a new request
     */
    public DownloadRequest withExpectedContentType(String value) {
        return new DownloadRequest(method, url, headers, body, authenticated, value, cache);
    }

    /**
     * This request, cacheable or not.
     *
     * @param value whether the on-disk cache may be used
     * @return a new request
     */
    public DownloadRequest withCache(boolean value) {
        return new DownloadRequest(method, url, headers, body, authenticated, expectedContentType, value);
    }

    /**
     * This request with one more header (replacing one of the same name).
     *
     * @param name the header name
     * @param value the header value
     * @return a new request
     */
    public DownloadRequest withHeader(String name, String value) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        h.put(name, value);
        return new DownloadRequest(method, url, h, body, authenticated, expectedContentType, cache);
    }

    /**
     * Method and URL, e.g. {@code POST https://services.sentinel-hub.com/api/v1/process}.
     *
     * @return the short description
     */
    public String describe() {
        String q = url.getRawQuery();
        if (q != null && SIGNED_QUERY.matcher(q).find()) {
            // a pre-signed URL (Azure SAS, S3): its query is a credential
            String u = url.toString();
            return method + " " + u.substring(0, u.indexOf('?')) + "?...";
        }
        return method + " " + url;
    }

    private static final java.util.regex.Pattern SIGNED_QUERY = java.util.regex.Pattern.compile(
            "(^|&)(sig|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|token|access_token)=",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadRequest r && method.equals(r.method) && url.equals(r.url)
                && headers.equals(r.headers) && Arrays.equals(body, r.body) && authenticated == r.authenticated
                && Objects.equals(expectedContentType, r.expectedContentType) && cache == r.cache;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, url, headers, Arrays.hashCode(body), authenticated, expectedContentType, cache);
    }

    /**
     * A description without header values or body content (they may hold secrets).
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "DownloadRequest[" + describe() + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length + " bytes") + ", authenticated=" + authenticated
                + ", expectedContentType=" + expectedContentType + ", cache=" + cache + "]";
    }
}
