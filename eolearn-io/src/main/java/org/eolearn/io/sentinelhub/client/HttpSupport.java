package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Helpers shared by the download client and the token session: error texts, log names, scrubbing. */
final class HttpSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER_AGENT = "eolearn-java/0.1 (sentinelhub-py 3.11.5 compatible)";
    private static final Pattern XML_MESSAGE =
            Pattern.compile("<(ServiceException|Message)(?:\\s[^>]*)?>(.*?)</\\1>", Pattern.DOTALL);
    private static final int MAX_MESSAGE = 400;

    private HttpSupport() {}

    /**
     * A request's method and URL for a log line: without the query (it may hold tokens) and user info, the
     * secrets the scrubber knows masked.
     */
    static String logName(Request request, UnaryOperator<String> scrubber) {
        HttpUrl url = request.url();
        String text = url.scheme() + "://" + url.host()
                + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port()) + url.encodedPath()
                + (url.encodedQuery() == null ? "" : "?...");
        return request.method() + " " + scrubber.apply(text);
    }

    /**
     * The server's error text: Sentinel Hub's JSON {@code {"error": {"message": ..}}}, OAuth's
     * {@code {"error": .., "error_description": ..}}, an OGC ServiceException, or the raw text (shortened).
     */
    static String serverMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode root = JSON.readTree(text);
                JsonNode error = root.get("error");
                if (error != null && error.isObject()) {
                    JsonNode message = error.get("message");
                    if (message != null) {
                        return shorten(message.asText());
                    }
                } else if (error != null && error.isTextual()) {
                    JsonNode description = root.get("error_description");
                    return shorten(description == null ? error.asText() : error.asText() + ": " + description.asText());
                }
                JsonNode message = root.get("message");
                if (message != null && message.isTextual()) {
                    return shorten(message.asText());
                }
            } catch (java.io.IOException notJson) {
                // fall through to the raw text
            }
        }
        Matcher m = XML_MESSAGE.matcher(text);
        if (m.find()) {
            return shorten(m.group(2).trim());
        }
        return shorten(text);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "...";
    }

    /** Replaces every occurrence of each secret (when not empty) with its mask. */
    static String scrub(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 4 && out.contains(s)) {
                out = out.replace(s, SHConfig.mask(s));
            }
        }
        return out;
    }
}
