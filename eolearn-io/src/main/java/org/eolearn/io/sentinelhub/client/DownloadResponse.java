package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A successful, validated answer to a {@link DownloadRequest}. Immutable. */
public final class DownloadResponse {
    private final DownloadRequest request;
    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final boolean fromCache;

    /**
     * An answer.
     *
     * @param request the request answered
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or {@code null}
     * @param body the body (copied)
     * @param headers the answer's headers (copied; names case-insensitive)
     * @param fromCache whether the answer was read from the on-disk cache
     */
    public DownloadResponse(DownloadRequest request, int status, String contentType, byte[] body,
            Map<String, List<String>> headers, boolean fromCache) {
        this(request, status, contentType, headers, fromCache, Objects.requireNonNull(body, "body").clone());
    }

    /** Takes the body array as it is (no copy): for answers the client has just read. */
    DownloadResponse(DownloadRequest request, int status, String contentType, Map<String, List<String>> headers,
            boolean fromCache, byte[] body) {
        this.request = Objects.requireNonNull(request, "request");
        this.status = status;
        this.contentType = contentType;
        this.body = Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        this.headers = Collections.unmodifiableMap(copy);
        this.fromCache = fromCache;
    }

    /**
     * The request answered.
     *
     * @return the request
     */
    public DownloadRequest request() {
        return request;
    }

    /**
     * The HTTP status.
     *
     * @return the status (2xx)
     */
    public int status() {
        return status;
    }

    /**
     * The content type of the answer.
     *
     * @return the {@code Content-Type} header, or {@code null} when absent
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The body.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body's length.
     *
     * @return the number of bytes of the body
     */
    public int bodyLength() {
        return body.length;
    }

    /**
     * The body decoded as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @return the JSON tree
     * @throws DownloadFailedException if the body is not JSON
     */
    public JsonNode json() {
        try {
            return HttpSupport.JSON.readTree(body);
        } catch (IOException e) {
            throw new DownloadFailedException(request.describe() + " answered with a body that is not JSON", status, null);
        }
    }

    /**
     * The answer's headers.
     *
     * @return an unmodifiable map with case-insensitive names
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The {@code Content-Range} of a partial answer (HTTP 206).
     *
     * @return {@code {first, last, total}} (total -1 when the server does not say), or null without a valid header
     */
    public long[] contentRange() {
        List<String> v = headers.get("Content-Range");
        return v == null || v.isEmpty() ? null : ResponseValidator.parseContentRange(v.get(0));
    }

    /**
     * Whether the answer came from the on-disk cache.
     *
     * @return true for a cache hit
     */
    public boolean fromCache() {
        return fromCache;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public String toString() {
        return "DownloadResponse[" + request.describe() + ", status=" + status + ", contentType=" + contentType
                + ", " + body.length + " bytes" + (fromCache ? ", from cache" : "") + "]";
    }
}
