package org.eolearn.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;

/**
 * Workflows and execution arguments from JSON.
 *
 * <p>A workflow file names its nodes, their tasks (registered eo-learn class names), constructor parameters and
 * inputs (by node name, in order):
 * <pre>
 * {"nodes": [
 *   {"name": "load", "task": "LoadTask", "params": {"path": "patches"}},
 *   {"name": "drop", "task": "RemoveFeatureTask", "params": {"features": [["data", "CLP"]]}, "inputs": ["load"]},
 *   {"name": "save", "task": "SaveTask", "params": {"path": "out"}, "inputs": ["drop"]}
 * ]}
 * </pre>
 * An arguments file is a list with one object per execution mapping node names to execute-time arguments, e.g.
 * {@code [{"load": {"eopatch_folder": "p1"}, "save": {"eopatch_folder": "p1"}}, ...]}; an execution may carry a
 * {@code "_name"} for its log file. Unknown tasks, parameters and node names, and cycles, are rejected with a
 * message naming the node.
 *
 * @since 0.1
 */
public final class WorkflowJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A parsed workflow with its nodes by name.
     *
     * @param workflow the workflow
     * @param nodes    node name to node
     */
    public record Parsed(EOWorkflow workflow, Map<String, EONode> nodes) {
    }

    private WorkflowJson() {
    }

    /**
     * Reads a workflow file.
     *
     * @param file     the file
     * @param registry the task registry
     * @return the workflow
     * @throws IOException if the file cannot be read or is not JSON
     */
    public static Parsed read(Path file, TaskRegistry registry) throws IOException {
        return parse(JSON.readTree(file.toFile()), registry);
    }

    /**
     * Parses a workflow.
     *
     * @param root     the JSON
     * @param registry the task registry
     * @return the workflow
     * @throws IllegalArgumentException naming the node (and parameter) that is wrong
     */
    public static Parsed parse(JsonNode root, TaskRegistry registry) {
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw new IllegalArgumentException("a workflow needs a non-empty \"nodes\" list");
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        DirectedGraph<String> graph = new DirectedGraph<>();
        for (JsonNode n : nodes) {
            String name = n.path("name").asText(null);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("every workflow node needs a \"name\"; got " + n);
            }
            if (byName.put(name, n) != null) {
                throw new IllegalArgumentException("node name '" + name + "' is used twice");
            }
            graph.addVertex(name);
            Iterator<String> keys = n.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!List.of("name", "task", "params", "inputs").contains(k)) {
                    throw new IllegalArgumentException("node '" + name + "': unknown key '" + k
                            + "' (use name, task, params, inputs)");
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
            for (JsonNode in : e.getValue().path("inputs")) {
                if (!byName.containsKey(in.asText())) {
                    throw new IllegalArgumentException("node '" + e.getKey() + "' takes the input '" + in.asText()
                            + "', which is not a node of the workflow");
                }
                graph.addEdge(in.asText(), e.getKey());
            }
        }
        List<String> order = graph.topologicalOrder(); // a cycle is reported with the names of its nodes
        Map<String, EONode> built = new LinkedHashMap<>();
        for (String name : order) {
            JsonNode n = byName.get(name);
            String taskName = n.path("task").asText(null);
            if (taskName == null) {
                throw new IllegalArgumentException("node '" + name + "' has no \"task\"");
            }
            EOTask task;
            try {
                task = registry.create(taskName, n.get("params"));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("node '" + name + "': " + ex.getMessage(), ex);
            }
            List<EONode> inputs = new ArrayList<>();
            for (JsonNode in : n.path("inputs")) {
                inputs.add(built.get(in.asText()));
            }
            built.put(name, new EONode(task, inputs, name));
        }
        Map<String, EONode> inFileOrder = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            inFileOrder.put(name, built.get(name));
        }
        return new Parsed(new EOWorkflow(new ArrayList<>(built.values())), inFileOrder);
    }

    /**
     * Reads an arguments file.
     *
     * @param file   the file
     * @param parsed the workflow it is for
     * @return the executions' arguments and names
     * @throws IOException if the file cannot be read or is not JSON
     */
    public static Executions readArgs(Path file, Parsed parsed) throws IOException {
        return parseArgs(JSON.readTree(file.toFile()), parsed);
    }

    /**
     * The execution arguments of a run.
     *
     * @param args  one map of node arguments per execution
     * @param names the execution names
     */
    public record Executions(List<Map<EONode, Map<String, Object>>> args, List<String> names) {
    }

    /**
     * Parses execution arguments.
     *
     * @param root   a JSON list of objects
     * @param parsed the workflow
     * @return the arguments
     * @throws IllegalArgumentException naming the execution and node that are wrong
     */
    public static Executions parseArgs(JsonNode root, Parsed parsed) {
        if (!root.isArray()) {
            throw new IllegalArgumentException("execution arguments must be a JSON list with one object per execution");
        }
        List<Map<EONode, Map<String, Object>>> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        for (JsonNode execution : root) {
            i++;
            if (!execution.isObject()) {
                throw new IllegalArgumentException("execution " + i + " must be an object of node names");
            }
            Map<EONode, Map<String, Object>> args = new LinkedHashMap<>();
            String name = Integer.toString(i);
            Iterator<Map.Entry<String, JsonNode>> it = execution.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("_name")) {
                    name = e.getValue().asText();
                    continue;
                }
                EONode node = parsed.nodes().get(e.getKey());
                if (node == null) {
                    throw new IllegalArgumentException("execution " + i + " gives arguments to '" + e.getKey()
                            + "', which is not a node of the workflow " + parsed.nodes().keySet());
                }
                args.put(node, TaskRegistry.executeArgs(e.getValue()));
            }
            all.add(args);
            names.add(name);
        }
        return new Executions(all, names);
    }
}
