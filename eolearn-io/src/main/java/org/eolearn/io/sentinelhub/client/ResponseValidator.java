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
        if (!checkBody) {
            return;
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
