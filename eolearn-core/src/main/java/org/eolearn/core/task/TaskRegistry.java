package org.eolearn.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tasks by eo-learn's class names, built from JSON parameters with eo-learn's parameter names.
 *
 * <pre>{@code
 * EOTask task = TaskRegistry.standard().create("RenameFeatureTask",
 *         json("{\"features\": [[\"data\", \"NDVI\", \"NDVI_OLD\"]]}"));
 * }</pre>
 *
 * <p>{@link #standard()} is built once and then immutable: to add tasks of your own, register them in a
 * {@link #copy()} of it, or in a registry of your own (or ship a {@link TaskProvider}, which the standard registry
 * finds on the class path).
 *
 * <h2>Thread-safety</h2>
 * Registration is not thread-safe; creating tasks is, and so is everything on the standard registry.
 *
 * @since 0.1
 */
public final class TaskRegistry {

    private static volatile TaskRegistry standard;

    private final Map<String, TaskFactory> factories = new LinkedHashMap<>();
    private final Map<String, TaskSchema> schemas = new LinkedHashMap<>();
    private boolean frozen;

    /** Creates an empty registry. */
    public TaskRegistry() {
    }

    /**
     * Returns the registry with every task of every module on the class path (found with
     * {@link ServiceLoader}).
     *
     * @return the shared registry
     */
    public static TaskRegistry standard() {
        TaskRegistry r = standard;
        if (r == null) {
            synchronized (TaskRegistry.class) {
                r = standard;
                if (r == null) {
                    r = new TaskRegistry();
                    for (TaskProvider p : ServiceLoader.load(TaskProvider.class, TaskRegistry.class.getClassLoader())) {
                        p.register(r);
                    }
                    r.frozen = true;
                    standard = r;
                }
            }
        }
        return r;
    }

    /**
     * Registers a task without a schema: its parameters are checked only by the factory (unknown ones are still
     * rejected after it ran), and help shows no parameters. The library's own tasks all have schemas.
     *
     * @param name    eo-learn's class name
     * @param factory builds it from parameters
     * @throws IllegalArgumentException if the name is taken
     * @throws IllegalStateException    on the standard registry, which is immutable
     */
    public void register(String name, TaskFactory factory) {
        if (frozen) {
            throw new IllegalStateException("the standard registry is immutable: register '" + name + "' in "
                    + "TaskRegistry.standard().copy() or in a registry of your own");
        }
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("task '" + name + "' is registered twice");
        }
    }

    /**
     * Registers a task with its schema: parameters are validated against it before the factory runs (an unknown
     * name is rejected with the closest declared one, a missing required one is named), and the factory may read
     * only declared parameters.
     *
     * @param schema  the task's name, summary and parameters
     * @param factory builds it from parameters
     * @throws IllegalArgumentException if the name is taken
     * @throws IllegalStateException    on the standard registry, which is immutable
     */
    public void register(TaskSchema schema, TaskFactory factory) {
        register(schema.name(), factory);
        schemas.put(schema.name(), schema);
    }

    /**
     * A mutable copy with the same tasks, e.g. the standard tasks plus your own.
     *
     * @return the copy
     */
    public TaskRegistry copy() {
        TaskRegistry c = new TaskRegistry();
        c.factories.putAll(factories);
        c.schemas.putAll(schemas);
        return c;
    }

    /**
     * Returns a task's schema.
     *
     * @param name eo-learn's class name
     * @return the schema, if the task was registered with one
     */
    public java.util.Optional<TaskSchema> schema(String name) {
        return java.util.Optional.ofNullable(schemas.get(name));
    }

    /**
     * Tells whether a task is registered.
     *
     * @param name eo-learn's class name
     * @return whether {@link #create} knows it
     */
    public boolean contains(String name) {
        return factories.containsKey(name);
    }

    /**
     * Returns the registered task name closest to a misspelt one, if one is close.
     *
     * @param given the unknown name
     * @return the suggestion
     */
    public java.util.Optional<String> closestName(String given) {
        return TaskSchema.closest(given, factories.keySet());
    }

    /**
     * Returns the registered names.
     *
     * @return the names, sorted
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(factories.keySet()));
    }

    /**
     * Builds a task from its constructor parameters.
     *
     * @param name   eo-learn's class name
     * @param params a JSON object (or null for none)
     * @return the task
     * @throws IllegalArgumentException for an unknown task, or naming a missing, wrong or unknown parameter
     */
    public EOTask create(String name, JsonNode params) {
        TaskFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'" + closestName(name)
                    .map(c -> " (did you mean '" + c + "'?)").orElse("") + "; `eolearn tasks` lists them all");
        }
        TaskSchema schema = schemas.get(name);
        TaskParams p = new TaskParams(name, params, schema);
        EOTask task;
        try {
            task = factory.create(p);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(name + ":") ? e
                    : new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        p.checkAllUsed();
        return task;
    }

    /**
     * Converts execute-time arguments from JSON to Java values (strings, numbers, booleans, lists, maps).
     *
     * @param args a JSON object (or null)
     * @return the arguments
     */
    public static Map<String, Object> executeArgs(JsonNode args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args == null || args.isNull() || args.isMissingNode()) {
            return out;
        }
        if (!args.isObject()) {
            throw new IllegalArgumentException("execute arguments must be a JSON object, got " + args);
        }
        Iterator<Map.Entry<String, JsonNode>> it = args.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
    }

    /**
     * Converts JSON to plain Java values.
     *
     * @param n the JSON
     * @return null, Boolean, Integer/Long/BigInteger (beyond 64 bits)/Double, String, List or Map
     */
    public static Object toJava(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.intValue() : n.canConvertToLong() ? (Object) n.longValue()
                    : (Object) n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            for (JsonNode x : n) {
                list.add(toJava(x));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        n.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }
}
