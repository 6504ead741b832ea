package org.eolearn.core.task;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eolearn.core.EOPatch;

/**
 * Helpers for writing tasks: checking inputs and arguments, and building {@link EOTask#describe()} maps.
 *
 * @since 0.1
 */
public final class Tasks {

    private Tasks() {
    }

    /**
     * Builds an ordered description map from name/value pairs.
     *
     * @param namesAndValues {@code "name1", value1, "name2", value2, ...}
     * @return an unmodifiable ordered map (null values are kept)
     */
    public static Map<String, Object> describe(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("describe needs name/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * Describes a parameter value for reports and logs readably: a Java lambda or method reference as
     * {@code lambda in WaterMonitor} (not {@code WaterMonitor$$Lambda$340/0x...@c3c4c1c}), an anonymous class as
     * {@code anonymous class in ...}, arrays by their elements, lists and maps element by element, null as
     * {@code None}; anything else by its {@code toString()} (a callable parsed from JSON shows its source).
     *
     * @param value the value
     * @return the description
     */
    public static String describeValue(Object value) {
        if (value == null) {
            return "None";
        }
        Class<?> c = value.getClass();
        String name = c.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda > 0 || c.isSynthetic() && name.contains("$Lambda")) {
            String owner = lambda > 0 ? name.substring(0, lambda) : name.substring(0, name.indexOf("$Lambda"));
            return "lambda in " + owner.substring(owner.lastIndexOf('.') + 1);
        }
        if (c.isAnonymousClass()) {
            String owner = c.getEnclosingClass() == null ? name : c.getEnclosingClass().getSimpleName();
            Class<?>[] interfaces = c.getInterfaces();
            String kind = interfaces.length > 0 ? interfaces[0].getSimpleName() : c.getSuperclass().getSimpleName();
            return "anonymous " + kind + " in " + owner;
        }
        if (c.isArray()) {
            int n = java.lang.reflect.Array.getLength(value);
            java.util.StringJoiner j = new java.util.StringJoiner(", ", "[", "]");
            for (int i = 0; i < n; i++) {
                j.add(describeValue(java.lang.reflect.Array.get(value, i)));
            }
            return j.toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            java.util.StringJoiner j = new java.util.StringJoiner(", ", "[", "]");
            list.forEach(x -> j.add(describeValue(x)));
            return j.toString();
        }
        if (value instanceof Map<?, ?> map) {
            java.util.StringJoiner j = new java.util.StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> j.add(describeValue(k) + "=" + describeValue(v)));
            return j.toString();
        }
        return String.valueOf(value);
    }

    /**
     * Returns the single input of a one-patch task.
     *
     * @param task   the task (for the message)
     * @param inputs the inputs
     * @return the patch
     * @throws IllegalArgumentException if there is not exactly one patch
     */
    public static EOPatch singlePatch(EOTask task, List<Object> inputs) {
        if (inputs.size() != 1 || !(inputs.get(0) instanceof EOPatch)) {
            throw new IllegalArgumentException(task.name() + " takes exactly one EOPatch input, got " + describeInputs(
                    inputs));
        }
        return (EOPatch) inputs.get(0);
    }

    /**
     * Returns a short description of inputs for messages.
     *
     * @param inputs the inputs
     * @return for example {@code [EOPatch, String]}
     */
    public static String describeInputs(List<Object> inputs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < inputs.size(); i++) {
            Object o = inputs.get(i);
            b.append(i == 0 ? "" : ", ").append(o == null ? "null" : o.getClass().getSimpleName());
        }
        return b.append(']').toString();
    }

    /**
     * Checks that only the allowed execute-time arguments are given.
     *
     * @param task    the task (for the message)
     * @param args    the arguments
     * @param allowed the allowed names
     * @throws IllegalArgumentException naming the first unknown argument
     */
    public static void checkArgs(EOTask task, Map<String, Object> args, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : args.keySet()) {
            if (!ok.contains(name)) {
                throw new IllegalArgumentException(task.name() + " got the unknown execute argument '" + name
                        + "'" + (allowed.length == 0 ? "; it takes none" : "; it takes " + ok));
            }
        }
    }

    /**
     * Returns a feature value as it is, or a deep copy (arrays duplicated, lists and maps copied).
     *
     * @param value the value
     * @param deep  whether to copy
     * @return the value or its copy
     */
    public static Object copyValue(Object value, boolean deep) {
        if (!deep) {
            return value;
        }
        return value instanceof org.nd4j.linalg.api.ndarray.INDArray
                ? ((org.nd4j.linalg.api.ndarray.INDArray) value).dup('c') : org.eolearn.core.MetaInfo.deepCopy(value);
    }

    /**
     * Requires a collection to be non-empty.
     *
     * @param name  the parameter name
     * @param value the collection
     * @param <C>   its type
     * @return the collection
     */
    public static <C extends Collection<?>> C nonEmpty(String name, C value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
