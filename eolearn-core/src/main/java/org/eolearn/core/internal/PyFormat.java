package org.eolearn.core.internal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Formats values the way Python's {@code repr} and {@code str} print them, so that patches print and JSON files
 * read like eo-learn's. Internal: not part of the API.
 */
public final class PyFormat {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private PyFormat() {
    }

    /**
     * Python's {@code repr(float)}: {@code 1.0}, {@code 1e+16}, {@code nan}, {@code inf}.
     *
     * @param d the value
     * @return the text
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = v.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = v.signum() < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = v.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * numpy's description of an array in eo-learn's repr: {@code numpy.ndarray(shape=(2, 3), dtype=uint8)}, a
     * one-dimensional shape as {@code (5,)}.
     *
     * @param shape the shape
     * @param dtype numpy's dtype name
     * @return the description
     */
    public static String ndarray(long[] shape, String dtype) {
        StringBuilder b = new StringBuilder("numpy.ndarray(shape=(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").append(", dtype=").append(dtype).append(')').toString();
    }

    /**
     * Python's {@code str(datetime)}.
     *
     * @param t the date-time
     * @return the text
     */
    public static String datetime(LocalDateTime t) {
        return t.getNano() == 0 ? SECONDS.format(t) : MICROS.format(t);
    }

    /**
     * Python's {@code repr} of a JSON-like value.
     *
     * @param o the value
     * @return the text
     */
    public static String value(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean) {
            return ((Boolean) o) ? "True" : "False";
        }
        if (o instanceof Double || o instanceof Float) {
            return floatRepr(((Number) o).doubleValue());
        }
        if (o instanceof CharSequence) {
            return "'" + o.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (o instanceof List) {
            StringBuilder b = new StringBuilder("[");
            List<?> list = (List<?>) o;
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (o instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                b.append(first ? "" : ", ").append(value(e.getKey())).append(": ").append(value(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        return String.valueOf(o);
    }
}
