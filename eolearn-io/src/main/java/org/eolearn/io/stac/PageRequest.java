package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.io.sentinelhub.client.DownloadRequest;

/**
 * One page request of a STAC API (a search page, a collections page), and the request its {@code next} link
 * asks for.
 *
 * @param method {@code GET} or {@code POST}
 * @param url the absolute URL
 * @param body the POST body, or {@code null}
 * @param headers extra headers (from a {@code next} link's {@code headers})
 */
record PageRequest(String method, URI url, ObjectNode body, Map<String, String> headers) {
    static final String ACCEPT = "application/geo+json, application/json;q=0.9";

    PageRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            copy.putAll(headers);
        }
        headers = copy;
        body = body == null ? null : body.deepCopy();
    }

    static PageRequest get(URI url) {
        return new PageRequest("GET", url, null, null);
    }

    static PageRequest post(URI url, ObjectNode body) {
        return new PageRequest("POST", url, body, null);
    }

    /** The download request: unauthenticated, JSON accepted, cacheable or not. */
    DownloadRequest toDownload(boolean cache) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("Accept", ACCEPT);
        h.putAll(headers);
        byte[] bytes = null;
        if (body != null) {
            h.put("Content-Type", "application/json");
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new DownloadRequest(method, url, h, bytes, false, null, cache);
    }

    /**
     * The request of a page's {@code next} link, as STAC API Item Search specifies it: {@code href} resolved
     * against this request's URL; {@code method} (default GET); for POST, {@code body} replacing this request's
     * body, or merged into it (its members replacing those of the same name) when {@code merge} is true, or this
     * body when the link has none; {@code headers} added.
     *
     * @param page the page answered to this request
     * @return the next request, or {@code null} when the page has no {@code next} link
     */
    PageRequest next(JsonNode page) {
        JsonNode link = StacJson.link(page.get("links"), "next");
        if (link == null) {
            return null;
        }
        URI href = StacJson.resolve(url, StacJson.text(link.get("href")));
        String m = StacJson.text(link.get("method"));
        m = m == null ? "GET" : m.toUpperCase(Locale.ROOT);
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode lh = link.path("headers");
        if (lh.isObject()) {
            for (Map.Entry<String, JsonNode> e : lh.properties()) {
                JsonNode v = e.getValue();
                h.put(e.getKey(), v.isArray() ? String.join(", ", texts(v)) : v.asText());
            }
        }
        if (!m.equals("POST")) {
            return new PageRequest(m, href, null, h);
        }
        JsonNode lb = link.get("body");
        ObjectNode next;
        if (lb == null || !lb.isObject()) {
            next = body == null ? StacJson.MAPPER.createObjectNode() : body.deepCopy();
        } else if (link.path("merge").asBoolean(false) && body != null) {
            next = body.deepCopy();
            next.setAll((ObjectNode) lb.deepCopy());
        } else {
            next = (ObjectNode) lb.deepCopy();
        }
        return new PageRequest("POST", href, next, h);
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Method and URL. */
    String describe() {
        return method + " " + url;
    }
}
