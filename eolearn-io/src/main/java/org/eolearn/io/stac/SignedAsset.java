package org.eolearn.io.stac;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to fetch an asset with: the URL (possibly carrying a token in its query) and the request headers
 * (possibly an {@code Authorization} header), in the form a COG reader takes them.
 *
 * <pre>{@code
 * SignedAsset s = signer.sign(item, item.asset("red"));
 * reader.open(s.uri(), s.headers());
 * }</pre>
 *
 * <p>Both may hold secrets: {@link #toString()} shows neither the query nor the header values.
 *
 * @param uri the URL to fetch
 * @param headers the headers to send (case-insensitive names), empty when none
 */
public record SignedAsset(URI uri, Map<String, String> headers) {

    /**
     * Validates and copies the arguments.
     *
     * @param uri the URL
     * @param headers the headers, or {@code null} for none
     */
    public SignedAsset {
        Objects.requireNonNull(uri, "uri");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "header name"),
                    Objects.requireNonNull(v, "header value")));
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * An asset fetched as it is.
     *
     * @param uri the URL
     * @return the asset without headers
     */
    public static SignedAsset of(URI uri) {
        return new SignedAsset(uri, Map.of());
    }

    /**
     * The URL without its query and user info, for messages and logs.
     *
     * @param uri a URL
     * @return e.g. {@code https://host/path/B04.tif?...}
     */
    public static String redact(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative URI)" : uri.getScheme() + ":...";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?...");
    }

    /**
     * A description without secrets: the URL without its query, the header names only.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "SignedAsset[" + redact(uri) + ", headers=" + headers.keySet() + "]";
    }
}
