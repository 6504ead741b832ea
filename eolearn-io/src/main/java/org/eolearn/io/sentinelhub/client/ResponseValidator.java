package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Checks a successful answer: length, content type, and cheap decodability of JSON, TIFF and tar. */
final class ResponseValidator {
    private ResponseValidator() {}

    /** Raised for an answer that arrived but is not what was asked for; the attempt is retried. */
    static final class InvalidAnswerException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAnswerException(String message) {
            super(message);
        }
    }

    static void check(DownloadRequest request, String contentLength, String contentType, byte[] body)
            throws InvalidAnswerException {
        check(request, contentLength, contentType, body, true);
    }

    static void check(DownloadRequest request, String contentLength, String contentType, byte[] body,
            boolean checkBody) throws InvalidAnswerException {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new InvalidAnswerException("invalid Content-Length " + contentLength);
            }
            if (declared != body.length) {
                throw new InvalidAnswerException("Content-Length " + declared + " but " + body.length + " bytes received");
            }
        }
        String expected = request.expectedContentType();
        String actual = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (expected != null && !compatible(actual, expected.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidAnswerException("content type '" + contentType + "' where '" + expected + "' was expected");
        }
        if (!checkBody || request.headers().containsKey("Range")) {
            return; // a part of a file is not a whole file of its type
        }
        String kind = expected != null ? expected.toLowerCase(Locale.ROOT) : actual;
        if (kind.startsWith("application/json") || kind.startsWith("application/geo+json")) {
            try {
                if (HttpSupport.JSON.readTree(body) == null) {
                    throw new InvalidAnswerException("empty JSON answer");
                }
            } catch (IOException e) {
                throw new InvalidAnswerException("the JSON answer does not parse");
            }
        } else if (kind.startsWith("image/tiff")) {
            if (!isTiff(body)) {
                throw new InvalidAnswerException("the TIFF answer does not start with a TIFF header");
            }
        } else if (kind.startsWith("application/x-tar")) {
            if (!isTar(body)) {
                throw new InvalidAnswerException("the tar answer has no ustar header");
            }
        }
    }

    /**
     * Checks the answer to a request with a {@code Range: bytes=a-b} header: a 206 answer must start at {@code a}
     * and carry all the bytes its {@code Content-Range} announces (a truncated part is retried); a 200 answer (a
     * server that ignores ranges) carries the whole file.
     */
    static void checkRange(DownloadRequest request, int status, String contentRange, byte[] body)
            throws InvalidAnswerException {
        String range = request.headers().get("Range");
        if (range == null || status != 206) {
            return;
        }
        long[] asked = parseRange(range);
        long[] got = parseContentRange(contentRange);
        if (got == null) {
            throw new InvalidAnswerException("a partial answer without a valid Content-Range ('" + contentRange + "')");
        }
        if (asked != null && got[0] != asked[0]) {
            throw new InvalidAnswerException("bytes from " + got[0] + " where bytes from " + asked[0] + " were asked");
        }
        if (got[1] - got[0] + 1 != body.length) {
            throw new InvalidAnswerException("Content-Range " + contentRange + " but " + body.length
                    + " bytes received (truncated part)");
        }
    }

    /** {@code bytes=a-b} as {@code {a, b}}, or null. */
    static long[] parseRange(String range) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*bytes=(\\d+)-(\\d*)\\s*").matcher(range);
        if (!m.matches()) {
            return null;
        }
        return new long[] {Long.parseLong(m.group(1)), m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2))};
    }

    /** {@code bytes a-b/total} as {@code {a, b, total}} (total -1 when {@code *}), or null. */
    static long[] parseContentRange(String value) {
        if (value == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*")
                .matcher(value);
        if (!m.matches()) {
            return null;
        }
        long a = Long.parseLong(m.group(1));
        long b = Long.parseLong(m.group(2));
        if (b < a) {
            return null;
        }
        return new long[] {a, b, m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))};
    }

    static boolean isTiff(byte[] b) {
        if (b.length < 8) {
            return false;
        }
        boolean little = b[0] == 'I' && b[1] == 'I' && ((b[2] == 42 && b[3] == 0) || (b[2] == 43 && b[3] == 0));
        boolean big = b[0] == 'M' && b[1] == 'M' && ((b[2] == 0 && b[3] == 42) || (b[2] == 0 && b[3] == 43));
        return little || big;
    }

    static boolean isTar(byte[] b) {
        return b.length >= 512 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /**
     * Whether an answer's content type satisfies the expected one: a prefix match, and any JSON flavour
     * ({@code application/geo+json} of the Catalog API, {@code application/problem+json}) where JSON is expected.
     */
    static boolean compatible(String actual, String expected) {
        if (actual.startsWith(expected)) {
            return true;
        }
        boolean json = actual.startsWith("application/") && actual.split(";")[0].endsWith("+json");
        return expected.startsWith("application/json") && json;
    }
}
