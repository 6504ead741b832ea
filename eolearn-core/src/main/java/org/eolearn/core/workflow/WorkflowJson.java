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
import org.eolearn.core.task.TaskParams;
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
        JsonNode root = readJson(file, "workflow");
        try {
            return parse(root, registry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON file given by a user, with errors that name the file and the place: {@code parameter file
     * p.json is not valid JSON at line 1, column 2: Unexpected character ('n'): was expecting double-quote to start
     * field name}.
     *
     * @param file the file
     * @param what what the file is, for messages ("workflow", "arguments", "parameter")
     * @return the JSON
     * @throws IOException naming the file if it cannot be read, is empty or is not JSON
     */
    public static JsonNode readJson(Path file, String what) throws IOException {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new IOException(what + " file " + file + " is empty");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\(code -?\\d+\\)", "");
            throw new IOException(what + " file " + file + " is not valid JSON" + where + ": " + message, e);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            if (java.nio.file.Files.isDirectory(file)) {
                throw new IOException(what + " file " + file + " is a folder, not a file", e);
            }
            if (java.nio.file.Files.exists(file)) {
                throw new IOException(what + " file " + file + " cannot be read: " + e.getMessage(), e);
            }
            throw new java.nio.file.NoSuchFileException(file.toString(), null, what + " file does not exist");
        }
    }

    /** Nesting allowed in a workflow or arguments document: the task parameters' limit plus the levels above. */
    private static final int MAX_NESTING = TaskParams.MAX_NESTING + 4;

    /**
     * Parses a workflow.
     *
     * @param root     the JSON
     * @param registry the task registry
     * @return the workflow
     * @throws IllegalArgumentException naming the node (and parameter) that is wrong
     */
    public static Parsed parse(JsonNode root, TaskRegistry registry) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a workflow must be a JSON object {\"nodes\": [...]}, got "
                    + kind(root));
        }
        TaskParams.checkNesting(root, MAX_NESTING, "the workflow");
        Iterator<String> rootKeys = root.fieldNames();
        while (rootKeys.hasNext()) {
            String k = rootKeys.next();
            if (!k.equals("nodes")) {
                throw new IllegalArgumentException("unknown workflow key '" + k + "' (a workflow has only \"nodes\")");
            }
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw new IllegalArgumentException("a workflow needs a non-empty \"nodes\" list, got " + kind(nodes));
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        Map<String, List<String>> inputsByName = new LinkedHashMap<>();
        DirectedGraph<String> graph = new DirectedGraph<>();
        int index = 0;
        for (JsonNode n : nodes) {
            index++;
            if (!n.isObject()) {
                throw new IllegalArgumentException("workflow node " + index + " must be a JSON object, got " + kind(n));
            }
            JsonNode nameNode = n.get("name");
            if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
                throw new IllegalArgumentException("workflow node " + index + ": \"name\" must be a non-empty "
                        + "string, got " + kind(nameNode));
            }
            String name = nameNode.asText();
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
            JsonNode task = n.get("task");
            if (task == null || !task.isTextual() || task.asText().isEmpty()) {
                throw new IllegalArgumentException("node '" + name + "': \"task\" must be a task name string, got "
                        + kind(task));
            }
            JsonNode params = n.get("params");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw new IllegalArgumentException("node '" + name + "': \"params\" must be a JSON object, got "
                        + kind(params));
            }
            JsonNode inputs = n.get("inputs");
            List<String> inputNames = new ArrayList<>();
            if (inputs != null && !inputs.isNull()) {
                if (!inputs.isArray()) {
                    throw new IllegalArgumentException("node '" + name + "': \"inputs\" must be a list of node names, "
                            + "got " + kind(inputs) + (inputs.isTextual() ? " (write [" + inputs + "])" : ""));
                }
                int i = 0;
                for (JsonNode in : inputs) {
                    if (!in.isTextual()) {
                        throw new IllegalArgumentException("node '" + name + "': \"inputs\" item " + i + " must be "
                                + "a node name string, got " + kind(in));
                    }
                    inputNames.add(in.asText());
                    i++;
                }
            }
            inputsByName.put(name, inputNames);
        }
        for (Map.Entry<String, List<String>> e : inputsByName.entrySet()) {
            for (String in : e.getValue()) {
                if (!byName.containsKey(in)) {
                    throw new IllegalArgumentException("node '" + e.getKey() + "' takes the input '" + in
                            + "', which is not a node of the workflow");
                }
                graph.addEdge(in, e.getKey());
            }
        }
        List<String> order = graph.topologicalOrder(); // a cycle is reported with the names of its nodes
        Map<String, EONode> built = new LinkedHashMap<>();
        for (String name : order) {
            JsonNode n = byName.get(name);
            String taskName = n.get("task").asText();
            EOTask task;
            try {
                task = registry.create(taskName, n.get("params"));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("node '" + name + "': " + ex.getMessage(), ex);
            }
            List<EONode> inputs = new ArrayList<>();
            for (String in : inputsByName.get(name)) {
                inputs.add(built.get(in));
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
        JsonNode root = readJson(file, "arguments");
        try {
            return parseArgs(root, parsed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A JSON value for a message (see {@link org.eolearn.core.task.TaskParams#describe}). */
    private static String kind(JsonNode v) {
        return v == null || v.isMissingNode() ? "nothing" : org.eolearn.core.task.TaskParams.describe(v);
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
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("execution arguments must be a JSON list with one object per execution, "
                    + "got " + kind(root));
        }
        TaskParams.checkNesting(root, MAX_NESTING, "the execution arguments");
        List<Map<EONode, Map<String, Object>>> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        for (JsonNode execution : root) {
            i++;
            if (!execution.isObject()) {
                throw new IllegalArgumentException("execution " + i + " must be an object of node names, got "
                        + kind(execution));
            }
            Map<EONode, Map<String, Object>> args = new LinkedHashMap<>();
            String name = Integer.toString(i);
            Iterator<Map.Entry<String, JsonNode>> it = execution.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("_name")) {
                    if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                        throw new IllegalArgumentException("execution " + i + ": \"_name\" must be a non-empty "
                                + "string, got " + kind(e.getValue()));
                    }
                    name = e.getValue().asText();
                    continue;
                }
                EONode node = parsed.nodes().get(e.getKey());
                if (node == null) {
                    throw new IllegalArgumentException("execution " + i + " gives arguments to '" + e.getKey()
                            + "', which is not a node of the workflow " + parsed.nodes().keySet());
                }
                try {
                    args.put(node, TaskRegistry.executeArgs(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("execution " + i + ", node '" + e.getKey() + "': "
                            + ex.getMessage(), ex);
                }
            }
            all.add(args);
            names.add(name);
        }
        return new Executions(all, names);
    }
}
