package org.eolearn.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs a registered task on patches with parameters in the parity corpus's shape, the code path of
 * {@code eolearn task}:
 *
 * <ul>
 *   <li>{@code {"init": {...}, "execute": {...}}}: constructor and execute-time arguments;</li>
 *   <li>{@code {"steps": [{"init": ..., "execute": ...}, ...]}}: the task applied once per step, in order;</li>
 *   <li>{@code {"call": {...}}}: eo-learn's function form, for {@code merge_eopatches} (its arguments but
 *       {@code eopatches} become {@code MergeEOPatchesTask}'s parameters).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class TaskRunner {

    private final TaskRegistry registry;

    /**
     * Creates a runner.
     *
     * @param registry where tasks are found
     */
    public TaskRunner(TaskRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs a task.
     *
     * @param name   eo-learn's task (or function) name
     * @param params the parameters
     * @param inputs the input values, usually patches
     * @return the result of the last step
     * @throws IllegalArgumentException for unknown tasks, bad parameters or bad inputs
     */
    public Object run(String name, JsonNode params, List<Object> inputs) {
        JsonNode p = params == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : params;
        if (!p.isObject()) {
            throw new IllegalArgumentException("task parameters must be a JSON object with 'init' and 'execute', "
                    + "'steps' or 'call', got " + p);
        }
        Iterator<String> keys = p.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!List.of("init", "execute", "steps", "call").contains(k)) {
                throw new IllegalArgumentException(name + ": unknown key '" + k + "' in the parameter file; use "
                        + "'init' (constructor), 'execute' (execute-time arguments), 'steps' or 'call'");
            }
        }
        if (p.has("call")) {
            return runCall(name, p.get("call"), inputs);
        }
        if (p.has("steps")) {
            Object result = null;
            List<Object> current = inputs;
            for (JsonNode step : p.get("steps")) {
                result = runOne(name, step.get("init"), step.get("execute"), current);
                current = new ArrayList<>(List.of(result));
            }
            return result;
        }
        return runOne(name, p.get("init"), p.get("execute"), inputs);
    }

    private Object runOne(String name, JsonNode init, JsonNode execute, List<Object> inputs) {
        EOTask task = registry.create(name, init);
        Map<String, Object> args = TaskRegistry.executeArgs(execute);
        return task.execute(new ArrayList<>(inputs), args);
    }

    private Object runCall(String name, JsonNode call, List<Object> inputs) {
        if (!name.equals("merge_eopatches")) {
            throw new IllegalArgumentException("'call' parameters are only supported for merge_eopatches, not " + name);
        }
        com.fasterxml.jackson.databind.node.ObjectNode init = call.deepCopy();
        init.remove("eopatches");
        if (init.has("features") && init.get("features").isTextual() && init.get("features").asText().equals("...")) {
            init.remove("features");
        }
        return runOne("MergeEOPatchesTask", init, null, inputs);
    }
}
