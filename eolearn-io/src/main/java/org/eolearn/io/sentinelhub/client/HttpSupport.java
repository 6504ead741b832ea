package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the download client and the token session: backoff, Retry-After, error texts. */
final class HttpSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER_AGENT = "eolearn-java/0.1 (sentinelhub-py 3.11.5 compatible)";
    private static final Pattern XML_MESSAGE =
            Pattern.compile("<(ServiceException|Message)(?:\\s[^>]*)?>(.*?)</\\1>", Pattern.DOTALL);
    private static final int MAX_MESSAGE = 400;

    private HttpSupport() {}

    /** sentinelhub-py's backoff: the first sleep times 3^(failedAttempts - 1). */
    static Duration backoff(Duration first, int failedAttempts) {
        long nanos = first.toNanos();
        for (int i = 1; i < failedAttempts && nanos < Long.MAX_VALUE / 3; i++) {
            nanos *= 3;
        }
        return Duration.ofNanos(nanos);
    }

    /** Sleeps, keeping the interrupt flag; returns false when interrupted. */
    static boolean sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Reads a {@code Retry-After} header: delay seconds or an HTTP date.
     *
     * @return the delay (not negative), or {@code null} when absent or unreadable
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds >= 0 && !Double.isInfinite(seconds)) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
            return null;
        } catch (NumberFormatException notANumber) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
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
