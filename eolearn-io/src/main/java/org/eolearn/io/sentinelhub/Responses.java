package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes Process API answers as sentinelhub-py does: a tar (or a {@code multipart/mixed} body) becomes
 * {@code {member: decoded}} with the format guessed from the extension, a single response becomes
 * {@code {"<identifier>.<ext>": decoded}}; TIFFs and PNGs decode to {@link TiffImage} (PNG as uint8 or uint16
 * samples), JSON to a {@link JsonNode}, anything else stays bytes.
 *
 * @since 0.1
 */
public final class Responses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {
    }

    /**
     * Decodes the answer to a request.
     *
     * @param body    the answer body
     * @param request the request (its responses tell the format)
     * @return member name to {@link TiffImage}, {@link JsonNode} or {@code byte[]}
     * @throws IllegalArgumentException naming the responses if the answer cannot be decoded
     */
    public static Map<String, Object> decode(byte[] body, ProcessRequest request) {
        String what = "Process API answer for responses " + request.responses().keySet();
        Map<String, Object> out = new LinkedHashMap<>();
        if (isMultipart(body)) {
            for (Map.Entry<String, byte[]> e : multipart(body, what).entrySet()) {
                out.put(e.getKey(), decodeMember(e.getKey(), e.getValue(), what));
            }
        } else if (request.accept() == MimeType.TAR) {
            for (Map.Entry<String, byte[]> e : TarReader.read(body, what).entrySet()) {
                out.put(e.getKey(), decodeMember(e.getKey(), e.getValue(), what));
            }
        } else {
            Map.Entry<String, MimeType> only = request.responses().entrySet().iterator().next();
            String name = only.getKey() + "." + only.getValue().extension();
            out.put(name, decodeMember(name, body, what));
        }
        return out;
    }

    /**
     * Whether an answer is a MIME multipart body (Sentinel Hub answers {@code multipart/mixed} when asked to): it
     * starts with a {@code --boundary} line followed by part headers.
     *
     * @param body the answer
     * @return whether it is multipart
     */
    static boolean isMultipart(byte[] body) {
        if (body.length < 4 || body[0] != '-' || body[1] != '-') {
            return false;
        }
        String head = new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        return eol > 2 && head.regionMatches(true, eol + 2, "Content-", 0, 8);
    }

    /**
     * The parts of a multipart answer by file name: {@code filename} of the part's Content-Disposition, else its
     * {@code name} with the extension of its Content-Type.
     *
     * @param body the answer
     * @param what a name for messages
     * @return part name to bytes, in order
     * @throws IllegalArgumentException if the body is not well-formed
     */
    static Map<String, byte[]> multipart(byte[] body, String what) {
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        String boundary = text.substring(0, eol);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int pos = eol + 2;
        while (true) {
            int headersEnd = text.indexOf("\r\n\r\n", pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException(what + ": truncated multipart answer (part headers without body)");
            }
            String headers = text.substring(pos, headersEnd);
            int next = text.indexOf("\r\n" + boundary, headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException(what + ": truncated multipart answer (no closing boundary)");
            }
            String name = null;
            String type = null;
            for (String h : headers.split("\r\n")) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("filename=\"([^\"]+)\"").matcher(h);
                    java.util.regex.Matcher n = java.util.regex.Pattern.compile("[; ]name=\"([^\"]+)\"").matcher(h);
                    name = m.find() ? m.group(1) : n.find() ? n.group(1) : null;
                } else if (lower.startsWith("content-type:")) {
                    type = h.substring(13).trim();
                }
            }
            if (name == null) {
                name = "part" + parts.size();
            }
            if (!name.contains(".") && type != null) {
                MimeType t = MimeType.parse(type.split(";")[0].trim());
                name = name + "." + t.extension();
            }
            parts.put(name, java.util.Arrays.copyOfRange(body, headersEnd + 4, next));
            pos = next + 2 + boundary.length();
            if (text.startsWith("--", pos)) {
                return parts;
            }
            if (!text.startsWith("\r\n", pos)) {
                throw new IllegalArgumentException(what + ": malformed multipart boundary");
            }
            pos += 2;
        }
    }

    /**
     * Decodes one file by its extension.
     *
     * @param name  the file name
     * @param bytes its content
     * @param what  a name for messages
     * @return the decoded value
     */
    public static Object decodeMember(String name, byte[] bytes, String what) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            return TiffDecoder.decode(bytes, what + ", " + name);
        }
        if (lower.endsWith(".png")) {
            return png(bytes, what + ", " + name);
        }
        if (lower.endsWith(".json")) {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ", " + name + ": malformed JSON: " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    /** A PNG as an image of uint8 (or uint16) samples, bands interleaved. */
    private static TiffImage png(byte[] bytes, String what) {
        java.awt.image.BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": invalid PNG: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException(what + ": not a PNG image");
        }
        java.awt.image.Raster r = img.getRaster();
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        boolean sixteen = r.getSampleModel().getSampleSize(0) > 8;
        org.eolearn.core.DType type = sixteen ? org.eolearn.core.DType.UINT16 : org.eolearn.core.DType.UINT8;
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(w * h * bands * type.itemSize())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] pixel = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, pixel);
                for (int b = 0; b < bands; b++) {
                    if (sixteen) {
                        data.putShort((short) pixel[b]);
                    } else {
                        data.put((byte) pixel[b]);
                    }
                }
            }
        }
        data.flip();
        return new TiffImage(w, h, bands, type, data);
    }
}
