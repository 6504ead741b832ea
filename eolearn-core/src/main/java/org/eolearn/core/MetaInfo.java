package org.eolearn.core;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules for META_INFO values: JSON-like Java values ({@code null}, {@link Boolean}, {@link Number},
 * {@link String}, {@link List}, {@link Map} with string keys, and {@link LocalDate}/{@link LocalDateTime}, which
 * are saved as ISO strings like eo-learn's {@code default=isoformat}).
 *
 * @since 0.1
 */
public final class MetaInfo {

    private MetaInfo() {
    }

    /**
     * Checks that a value can be saved as JSON.
     *
     * @param name  the feature name (for the message)
     * @param value the value
     * @throws IllegalArgumentException naming the first value that is not JSON-like
     */
    public static void check(String name, Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof LocalDate
                || value instanceof LocalDateTime) {
            return;
        }
        if (value instanceof Number) {
            return;
        }
        if (value instanceof List) {
            for (Object o : (List<?>) value) {
                check(name, o);
            }
            return;
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("meta_info '" + name + "': map keys must be strings, got "
                            + e.getKey());
                }
                check(name, e.getValue());
            }
            return;
        }
        throw new IllegalArgumentException("meta_info '" + name + "' must be a JSON-like value (null, Boolean, "
                + "Number, String, List, Map, LocalDate, LocalDateTime), got " + value.getClass().getName());
    }

    /**
     * Deep-copies lists and maps; other values are immutable and returned as they are.
     *
     * @param value a JSON-like value
     * @return the copy
     */
    public static Object deepCopy(Object value) {
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                out.add(deepCopy(o));
            }
            return out;
        }
        if (value instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(e.getKey(), deepCopy(e.getValue()));
            }
            return out;
        }
        return value;
    }

    /**
     * JSON equality: numbers compare by value (so {@code 1} equals {@code 1.0}, as in Python), lists element by
     * element, maps by key set and values; other values with {@code equals}.
     *
     * @param a a value
     * @param b another value
     * @return whether equal
     */
    public static boolean jsonEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number && !(a instanceof Boolean)) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return x == y || (Double.isNaN(x) && Double.isNaN(y));
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!EOPatch.valueEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!EOPatch.valueEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
