package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.eolearn.io.sentinelhub.client.DownloadFailedException;

/** Turns download failures into {@link StacException}s with the catalogue's own error description. */
final class StacErrors {
    private StacErrors() {}

    /**
     * A failed request: for a 4xx other than 429, the catalogue's error ({@code {"code", "description"}} of STAC
     * APIs, or the raw text) after the method and URL; otherwise the download client's message (last status or
     * cause, attempts). The search, when given, is named after it.
     */
    static StacException failure(String what, PageRequest r, DownloadFailedException e, StacSearch search) {
        int status = e.status();
        String context = search == null ? "" : " (search: " + search + ")";
        if (status >= 400 && status < 500 && status != 429) {
            String said = catalogueMessage(e.getMessage(), status);
            return new StacException(what + " failed: " + r.describe() + " answered HTTP " + status
                    + (said.isEmpty() ? "" : ": " + said) + context, status, e);
        }
        return new StacException(what + " failed: " + e.getMessage() + context, status, e);
    }

    /**
     * The catalogue's error text from the download client's message {@code ... HTTP 400: <server text>}: a
     * STAC API error object gives {@code code: description}; other text is returned as it is.
     */
    static String catalogueMessage(String downloadMessage, int status) {
        if (downloadMessage == null) {
            return "";
        }
        String marker = "HTTP " + status + ": ";
        int at = downloadMessage.indexOf(marker);
        if (at < 0) {
            return downloadMessage;
        }
        String text = downloadMessage.substring(at + marker.length()).trim();
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            JsonNode o = StacJson.MAPPER.readTree(text);
            String description = first(o, "description", "detail", "message", "title");
            String code = first(o, "code", "type");
            if (description == null) {
                return code == null ? text : code;
            }
            return code == null || code.equals(description) ? description : code + ": " + description;
        } catch (IOException truncatedOrNotJson) {
            return text;
        }
    }

    private static String first(JsonNode o, String... names) {
        for (String n : names) {
            JsonNode v = o.get(n);
            if (v != null && !v.isNull() && !v.isContainerNode()) {
                return v.asText();
            }
        }
        return null;
    }
}
