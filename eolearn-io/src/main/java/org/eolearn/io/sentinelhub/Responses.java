package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes Process API answers as sentinelhub-py does: a tar becomes {@code {member: decoded}} with the format
 * guessed from the extension, a single response becomes {@code {"<identifier>.<ext>": decoded}}; TIFFs decode to
 * {@link TiffImage}, JSON to a {@link JsonNode}, anything else stays bytes.
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
        if (request.accept() == MimeType.TAR) {
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
        if (lower.endsWith(".json")) {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ", " + name + ": malformed JSON: " + e.getMessage(), e);
            }
        }
        return bytes;
    }
}
