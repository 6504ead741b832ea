package org.eolearn.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.internal.PyFormat;

/**
 * JSON as Python's {@code json} module reads and writes it: the writer produces the bytes of
 * {@code json.dumps(value, indent=2)} (so files written here are byte-identical to eo-learn's), the reader
 * accepts {@code NaN}, {@code Infinity} and {@code -Infinity}.
 */
final class PyJson {

    static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /**
     * jackson-core's streaming parser only: jackson-databind's object mapper costs about a quarter of a second of
     * class loading, which every command that opens a patch (even {@code eolearn info}) would pay.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private PyJson() {
    }

    /** Parses JSON into Java values (Map, List, String, Integer/Long/BigInteger, Double, Boolean, null). */
    static Object parse(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value: the input is empty");
            }
            return value(parser, first);
        }
    }

    /** The value starting at {@code token}; integers become the smallest of Integer, Long and BigInteger. */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("truncated JSON at " + parser.currentLocation());
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    if (t != JsonToken.FIELD_NAME) {
                        throw new IOException("truncated JSON object at " + parser.currentLocation());
                    }
                    String key = parser.currentName();
                    map.put(key, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (t == null) {
                        throw new IOException("truncated JSON array at " + parser.currentLocation());
                    }
                    list.add(value(parser, t));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token + " at " + parser.currentLocation());
        }
    }

    /** Python's {@code datetime.isoformat()} of a naive datetime. */
    static String isoformat(LocalDateTime t) {
        return t.getNano() == 0 ? ISO_SECONDS.format(t) : ISO_MICROS.format(t.withNano(t.getNano() / 1000 * 1000));
    }

    /** {@code json.dumps(value, indent=2)} as UTF-8 bytes. */
    static byte[] dumps(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder b, Object v, int level) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean) {
            b.append(((Boolean) v) ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                b.append("NaN");
            } else if (Double.isInfinite(d)) {
                b.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                b.append(PyFormat.floatRepr(d));
            }
        } else if (v instanceof BigDecimal) {
            b.append(PyFormat.floatRepr(((BigDecimal) v).doubleValue()));
        } else if (v instanceof Number) {
            b.append(v instanceof BigInteger ? v.toString() : Long.toString(((Number) v).longValue()));
        } else if (v instanceof LocalDateTime) {
            string(b, isoformat((LocalDateTime) v));
        } else if (v instanceof LocalDate) {
            string(b, v.toString());
        } else if (v instanceof CharSequence) {
            string(b, v.toString());
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            if (list.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "\n" : ",\n");
                indent(b, level + 1);
                write(b, list.get(i), level + 1);
            }
            b.append('\n');
            indent(b, level);
            b.append(']');
        } else if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            if (map.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "\n" : ",\n");
                first = false;
                indent(b, level + 1);
                string(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), level + 1);
            }
            b.append('\n');
            indent(b, level);
            b.append('}');
        } else {
            throw new IllegalArgumentException("value of type " + v.getClass().getName() + " is not JSON serializable");
        }
    }

    private static void indent(StringBuilder b, int level) {
        for (int i = 0; i < level; i++) {
            b.append("  ");
        }
    }

    /** Python's {@code json.dumps} string escaping with {@code ensure_ascii=True}. */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
