package org.eolearn.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.MergeOperation;

/**
 * A task's JSON parameters with eo-learn's names and forms: features as {@code ["data","NDVI"]} or
 * {@code ["data","NDVI","NEW"]}, a bare type ({@code "mask"}) for all its features, {@code "..."} for all
 * features, lists of those, or eo-learn's dict form; dates as ISO strings; dtypes by numpy name.
 *
 * <p>Every getter records the parameter as used; {@link #checkAllUsed()} then rejects any parameter the task does
 * not know. Every error names the task and the parameter.
 *
 * @since 0.1
 */
public final class TaskParams {

    /**
     * How deeply parameters may nest (objects and lists inside each other); deeper JSON is rejected when the
     * parameters are wrapped, so nothing that walks them recursively can overflow the stack.
     */
    public static final int MAX_NESTING = 64;

    private final String task;
    private final JsonNode node;
    private final Set<String> used = new HashSet<>();
    private final TaskSchema schema;

    /**
     * Wraps parameters.
     *
     * @param task   the task name (for messages)
     * @param params a JSON object, or null/missing for none
     */
    public TaskParams(String task, JsonNode params) {
        this(task, params, null);
    }

    /**
     * Wraps parameters and validates them against a schema: an unknown name is rejected (with the closest declared
     * one), then a missing required one; afterwards a getter asking for an undeclared name is a programming error.
     *
     * @param task   the task name (for messages)
     * @param params a JSON object, or null/missing for none
     * @param schema the task's schema, or null for none
     * @throws IllegalArgumentException naming the unknown or missing parameter
     */
    public TaskParams(String task, JsonNode params, TaskSchema schema) {
        this.task = task;
        this.schema = schema;
        if (params != null && !params.isNull() && !params.isMissingNode() && !params.isObject()) {
            throw new IllegalArgumentException(task + ": parameters must be a JSON object, got " + describe(params));
        }
        this.node = params == null || params.isNull() || params.isMissingNode()
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : params;
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            checkNesting(e.getValue(), MAX_NESTING - 1, task + ": parameter '" + e.getKey() + "'");
        }
        if (schema != null) {
            validate(schema);
        }
    }

    private void validate(TaskSchema s) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (s.param(n).isEmpty()) {
                throw new IllegalArgumentException(task + ": unknown parameter '" + n + "'"
                        + s.closest(n).map(c -> " (did you mean '" + c + "'?)").orElse("") + "; " + task
                        + " takes " + (s.params().isEmpty() ? "no parameters"
                        : String.join(", ", TaskSchema.names(s.params()))));
            }
        }
        for (TaskParam p : s.params()) {
            JsonNode v = node.get(p.name());
            if (p.required() && (v == null || v.isNull())) {
                throw error(p.name(), "is required (" + p.type().label() + ": " + p.description() + ")");
            }
        }
    }

    /** Records a parameter as read; with a schema, only declared ones may be. */
    private void use(String name) {
        if (schema != null && schema.param(name).isEmpty()) {
            throw new IllegalStateException(task + " reads parameter '" + name + "', which its schema does not "
                    + "declare: add it where the task is registered");
        }
        used.add(name);
    }

    /**
     * Rejects JSON that nests objects and lists deeper than a limit, without recursion.
     *
     * @param json     the JSON (may be null)
     * @param maxDepth the deepest nesting allowed (a scalar has depth 0, {@code [1]} depth 1)
     * @param what     names the value in the message, e.g. {@code "MapFeatureTask: parameter 'x'"}
     * @throws IllegalArgumentException naming the value and the limit
     */
    public static void checkNesting(JsonNode json, int maxDepth, String what) {
        if (json == null || !json.isContainerNode()) {
            return;
        }
        java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(json);
        depths.push(1);
        while (!nodes.isEmpty()) {
            JsonNode n = nodes.pop();
            int d = depths.pop();
            if (d > maxDepth) {
                throw new IllegalArgumentException(what + " nests lists and objects deeper than the limit of "
                        + maxDepth + " levels");
            }
            for (JsonNode child : n) {
                if (child.isContainerNode()) {
                    nodes.push(child);
                    depths.push(d + 1);
                }
            }
        }
    }

    /**
     * Returns the task name.
     *
     * @return the name
     */
    public String task() {
        return task;
    }

    /**
     * Tells whether a parameter is given (and not null).
     *
     * @param name the parameter
     * @return whether present
     */
    public boolean has(String name) {
        use(name);
        return node.has(name) && !node.get(name).isNull();
    }

    private JsonNode required(String name) {
        use(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw error(name, "is required");
        }
        return v;
    }

    /**
     * Builds an error naming the task and the parameter.
     *
     * @param name    the parameter
     * @param problem what is wrong
     * @return the exception to throw
     */
    public IllegalArgumentException error(String name, String problem) {
        return new IllegalArgumentException(task + ": parameter '" + name + "' " + problem);
    }

    /**
     * A feature specification in any of eo-learn's forms.
     *
     * @param name the parameter
     * @return the specification
     */
    public FeatureSpec features(String name) {
        JsonNode v = required(name);
        try {
            return parseFeatures(v);
        } catch (IllegalArgumentException e) {
            throw error(name, "is not a feature specification: " + e.getMessage());
        }
    }

    /**
     * A feature specification, or a default when missing.
     *
     * @param name         the parameter
     * @param defaultValue used when missing
     * @return the specification
     */
    public FeatureSpec features(String name, FeatureSpec defaultValue) {
        return has(name) ? features(name) : defaultValue;
    }

    /**
     * One named feature, maybe renamed.
     *
     * @param name the parameter
     * @return the feature
     */
    public Feature feature(String name) {
        FeatureSpec spec = features(name);
        if (spec.isAll() || spec.items().size() != 1 || spec.items().get(0).isWholeType()) {
            throw error(name, "must name exactly one feature, like [\"data\", \"NDVI\"]");
        }
        FeatureSpec.Item item = spec.items().get(0);
        return new Feature(item.type(), item.name(), item.newName());
    }

    /**
     * A list of named features (each maybe renamed), as input tasks' {@code additional_data}.
     *
     * @param name the parameter
     * @return the features, at least one
     */
    public List<Feature> featureList(String name) {
        FeatureSpec spec = features(name);
        if (spec.isAll()) {
            throw error(name, "must name the features, not \"...\"");
        }
        List<Feature> out = new ArrayList<>();
        for (FeatureSpec.Item it : spec.items()) {
            if (it.isWholeType()) {
                if (it.type() == FeatureType.META_INFO) {
                    throw error(name, "META_INFO needs a feature name");
                }
                throw error(name, "must name its features, got the whole type " + it.type());
            }
            out.add(it.newName() == null ? Feature.of(it.type(), it.name())
                    : Feature.of(it.type(), it.name(), it.newName()));
        }
        if (out.isEmpty()) {
            throw error(name, "must name at least one feature");
        }
        return out;
    }

    /**
     * A list of strings.
     *
     * @param name the parameter
     * @return the strings
     */
    public List<String> strings(String name) {
        JsonNode n = required(name);
        if (!n.isArray()) {
            throw error(name, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /**
     * A duration: seconds as a number, or ISO-8601 such as {@code "PT1H"} (eo-learn's {@code time_difference}).
     *
     * @param name the parameter
     * @return the duration
     */
    public java.time.Duration duration(String name) {
        JsonNode v = required(name);
        if (v.isNumber()) {
            return java.time.Duration.ofNanos(Math.round(v.asDouble() * 1e9));
        }
        try {
            return java.time.Duration.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw error(name, "must be seconds or an ISO-8601 duration such as \"PT1H\", got " + v);
        }
    }

    /**
     * Parses eo-learn's feature specification forms from JSON.
     *
     * @param v the JSON
     * @return the specification
     */
    public static FeatureSpec parseFeatures(JsonNode v) {
        if (v.isTextual()) {
            return v.asText().equals("...") ? FeatureSpec.all() : FeatureSpec.of(FeatureType.fromValue(v.asText()));
        }
        if (v.isObject()) {
            Map<FeatureType, List<?>> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = v.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                FeatureType type = FeatureType.fromValue(e.getKey());
                if (e.getValue().isNull() || (e.getValue().isTextual() && e.getValue().asText().equals("..."))) {
                    map.put(type, null);
                    continue;
                }
                List<Object> names = new ArrayList<>();
                for (JsonNode n : e.getValue()) {
                    if (n.isTextual()) {
                        names.add(n.asText());
                    } else if (n.isArray() && n.size() == 2) {
                        names.add(List.of(n.get(0).asText(), n.get(1).asText()));
                    } else {
                        throw new IllegalArgumentException("names of " + type + " must be strings or [old, new] pairs");
                    }
                }
                map.put(type, names);
            }
            return FeatureSpec.fromMap(map);
        }
        if (v.isArray()) {
            if (isSingleFeature(v)) {
                return FeatureSpec.of(single(v));
            }
            List<Object> parts = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isTextual()) {
                    parts.add(FeatureType.fromValue(item.asText()));
                } else if (item.isArray() && isSingleFeature(item)) {
                    parts.add(single(item));
                } else {
                    throw new IllegalArgumentException("cannot read " + item + " as a feature");
                }
            }
            return FeatureSpec.of(parts.toArray());
        }
        throw new IllegalArgumentException("cannot read " + v + " as features");
    }

    private static boolean isSingleFeature(JsonNode v) {
        if (v.size() < 2 || v.size() > 3 || !v.get(0).isTextual() || !FeatureType.hasValue(v.get(0).asText())) {
            return false;
        }
        for (int i = 1; i < v.size(); i++) {
            if (!v.get(i).isTextual() && !v.get(i).isNull()) {
                return false;
            }
        }
        return !FeatureType.hasValue(v.get(1).asText(""));
    }

    private static Object single(JsonNode v) {
        FeatureType type = FeatureType.fromValue(v.get(0).asText());
        if (v.get(1).isNull() || v.get(1).asText().equals("...")) {
            return type;
        }
        return v.size() == 3 ? Feature.of(type, v.get(1).asText(), v.get(2).asText())
                : Feature.of(type, v.get(1).asText());
    }

    /**
     * A string.
     *
     * @param name         the parameter
     * @param defaultValue used when missing (null = required)
     * @return the string
     */
    public String string(String name, String defaultValue) {
        if (!has(name)) {
            if (defaultValue == null) {
                throw error(name, "is required");
            }
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw error(name, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /**
     * A path.
     *
     * @param name the parameter
     * @return the path
     */
    public Path path(String name) {
        return Path.of(string(name, null));
    }

    /**
     * A boolean.
     *
     * @param name         the parameter
     * @param defaultValue used when missing
     * @return the value
     */
    public boolean bool(String name, boolean defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw error(name, "must be true or false, got " + describe(v));
        }
        return v.asBoolean();
    }

    /**
     * A boolean, or {@code "auto"} (null).
     *
     * @param name the parameter
     * @return true, false, or null for auto/missing
     */
    public Boolean autoBool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (v.isTextual() && v.asText().equals("auto")) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(name, "must be true, false or \"auto\", got " + describe(v));
        }
        return v.asBoolean();
    }

    /**
     * A number.
     *
     * @param name         the parameter
     * @param defaultValue used when missing
     * @return the value
     */
    public double number(String name, double defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (v.isTextual()) {
            // strict JSON has no NaN or infinities: Python's and JavaScript's spellings, in any case
            switch (v.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "nan": case "-nan": return Double.NaN;
                case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        if (!v.isNumber()) {
            throw error(name, "must be a number, got " + describe(v)
                    + " (strings \"nan\", \"inf\" and \"-inf\" are numbers too)");
        }
        return v.asDouble();
    }

    /**
     * The source of a Python callable: {@code {"callable": "lambda x: ..."}} or the bare string.
     *
     * @param name the parameter
     * @return the source
     */
    public String callable(String name) {
        JsonNode v = required(name);
        if (v.isObject() && v.size() == 1 && v.has("callable") && v.get("callable").isTextual()) {
            return v.get("callable").asText();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        throw error(name, "must be {\"callable\": \"lambda ...\"}, got " + describe(v));
    }

    /**
     * An integer.
     *
     * @param name         the parameter
     * @param defaultValue used when missing
     * @return the value
     */
    public int integer(String name, int defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber()) {
            throw error(name, "must be an integer, got " + describe(v));
        }
        if (!v.canConvertToInt()) {
            throw error(name, "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", got "
                    + describe(v));
        }
        return v.intValue();
    }

    /**
     * A list of 64-bit integers.
     *
     * @param name the parameter
     * @return the values
     */
    public long[] longs(String name) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw error(name, "must be a list of integers, got " + describe(v));
        }
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = v.get(i);
            if (!x.isIntegralNumber()) {
                throw error(name, "must be a list of integers, but item " + i + " is " + describe(x));
            }
            if (!x.canConvertToLong()) {
                throw error(name, "item " + i + " (" + x + ") is outside the 64-bit integer range");
            }
            out[i] = x.longValue();
        }
        return out;
    }

    /**
     * Reads one 32-bit integer from a part of a parameter, e.g. an item of a pair, rejecting strings, fractions
     * and values that would wrap.
     *
     * @param name  the parameter (for the message)
     * @param value the JSON
     * @param where which part of the parameter it is, e.g. {@code "item 2"} (for the message)
     * @return the value
     * @throws IllegalArgumentException naming the task, the parameter and the part
     */
    public int intOf(String name, JsonNode value, String where) {
        if (value == null || !value.isIntegralNumber()) {
            throw error(name, where + " must be an integer, got " + (value == null ? "nothing" : describe(value)));
        }
        if (!value.canConvertToInt()) {
            throw error(name, where + " (" + value + ") is outside the range " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /**
     * Reads a list of 32-bit integers from a part of a parameter (see {@link #intOf}).
     *
     * @param name  the parameter (for the message)
     * @param value the JSON, which must be a list
     * @return the values
     * @throws IllegalArgumentException naming the task, the parameter and the item
     */
    public int[] intsOf(String name, JsonNode value) {
        if (value == null || !value.isArray()) {
            throw error(name, "must be a list of integers, got " + (value == null ? "nothing" : describe(value)));
        }
        int[] out = new int[value.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intOf(name, value.get(i), "item " + i);
        }
        return out;
    }

    /**
     * Describes a JSON value for an error message: its kind and its (shortened) text, e.g. {@code a string "load"}.
     * Every parser of JSON parameters and workflows words its messages with it.
     *
     * @param v the value
     * @return the description
     */
    public static String describe(JsonNode v) {
        String text;
        try {
            text = v.toString();
        } catch (RuntimeException e) { // Jackson refuses to write very deep JSON
            text = "(too deeply nested to print)";
        }
        if (text.length() > 80) {
            text = text.substring(0, 60) + "... (" + text.length() + " characters)";
        }
        String kind = v.isTextual() ? "a string" : v.isArray() ? "a list" : v.isObject() ? "an object"
                : v.isBoolean() ? "a boolean" : v.isIntegralNumber() ? "an integer" : v.isNumber() ? "a number"
                : v.isNull() ? "null" : "a value";
        return kind + " " + text;
    }

    /**
     * A list of integers.
     *
     * @param name the parameter
     * @return the values
     */
    public int[] ints(String name) {
        return intsOf(name, required(name));
    }

    /**
     * A numpy dtype name.
     *
     * @param name         the parameter
     * @param defaultValue used when missing
     * @return the dtype
     */
    public DType dtype(String name, DType defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        try {
            return DType.fromNumpyName(string(name, null));
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    /**
     * A merge operation name ({@code null}, "concatenate", "min", "max", "mean", "median").
     *
     * @param name the parameter
     * @return the operation (equal when missing or null)
     */
    public MergeOperation mergeOperation(String name) {
        if (!has(name)) {
            return MergeOperation.equal();
        }
        try {
            return MergeOperation.parse(string(name, null));
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    /**
     * The raw JSON of a parameter.
     *
     * @param name the parameter
     * @return the JSON (required)
     */
    public JsonNode raw(String name) {
        return required(name);
    }

    /**
     * Rejects parameters that no getter asked for.
     *
     * @throws IllegalArgumentException naming the first unknown parameter
     */
    public void checkAllUsed() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!used.contains(n)) {
                throw new IllegalArgumentException(task + ": unknown parameter '" + n + "'; known: "
                        + new java.util.TreeSet<>(used));
            }
        }
    }
}
