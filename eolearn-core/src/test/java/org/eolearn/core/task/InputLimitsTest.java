package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.WorkflowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile parameters: nesting that would overflow the stack, shapes and indices that overflow or wrap, loosely
 * typed workflow JSON. Each must be refused with an {@link IllegalArgumentException} naming the parameter (or node
 * and key) and what is wrong.
 */
class InputLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TaskRegistry registry = TaskRegistry.standard();

    @TempDir
    Path dir;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode mapParams(String lambda) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.set("input_features", json("[['data', 'A']]"));
        p.set("output_features", json("[['data', 'B']]"));
        p.putObject("map_function").put("callable", lambda);
        return p;
    }

    @Test
    void callableNested2000DeepIsRefusedNotAStackOverflow() {
        String parens = "lambda x: " + "(".repeat(2000) + "x" + ")".repeat(2000);
        assertThatThrownBy(() -> registry.create("MapFeatureTask", mapParams(parens)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MapFeatureTask: parameter 'map_function'")
                .hasMessageContaining("limit of " + Callables.MAX_NESTING)
                .hasMessageContaining("(4001 characters)");
        // deep enough to overflow any thread's stack in a recursive-descent parser
        String deeper = "lambda x: " + "(".repeat(40_000) + "x" + ")".repeat(40_000);
        assertThatThrownBy(() -> registry.create("MapFeatureTask", mapParams(deeper)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MapFeatureTask: parameter 'map_function'").hasMessageContaining("nests deeper");
        assertThatThrownBy(() -> Callables.unary("lambda x: " + "(".repeat(200_000) + "x" + ")".repeat(200_000)))
                .hasMessageContaining("longer than the limit of " + Callables.MAX_LENGTH);
        String minus = "lambda x: " + "-".repeat(5000) + "x";
        assertThatThrownBy(() -> registry.create("MapFeatureTask", mapParams(minus)))
                .hasMessageContaining("parameter 'map_function'").hasMessageContaining("nests deeper");
        String reductions = "lambda x: " + "np.sum(".repeat(3000) + "x" + ")".repeat(3000) + " > 0";
        assertThatThrownBy(() -> Callables.predicate(reductions)).hasMessageContaining("nests deeper");
        ObjectNode zip = JsonNodeFactory.instance.objectNode();
        zip.set("input_features", json("[['data', 'A'], ['data', 'B']]"));
        zip.set("output_feature", json("['data', 'C']"));
        zip.put("zip_function", "lambda a, b: " + "(".repeat(2000) + "a + b" + ")".repeat(2000));
        assertThatThrownBy(() -> registry.create("ZipFeatureTask", zip))
                .hasMessageContaining("ZipFeatureTask: parameter 'zip_function'").hasMessageContaining("nests deeper");
        // what is allowed still works
        String ok = "lambda x: " + "(".repeat(Callables.MAX_NESTING - 2) + "x * 2" + ")".repeat(Callables.MAX_NESTING
                - 2);
        assertThat(registry.create("MapFeatureTask", mapParams(ok))).isInstanceOf(MapFeatureTask.class);
    }

    @Test
    void deeplyNestedParameterJsonIsRefused() {
        JsonNode deep = JsonNodeFactory.instance.textNode("x");
        for (int i = 0; i < 5000; i++) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            a.add(deep);
            deep = a;
        }
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.set("features", deep);
        assertThatThrownBy(() -> registry.create("RemoveFeatureTask", p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RemoveFeatureTask: parameter 'features' nests lists and objects deeper than "
                        + "the limit of " + (TaskParams.MAX_NESTING - 1));
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("value", deep);
        assertThatThrownBy(() -> registry.create("InputTask", input)).hasMessageContaining("parameter 'value'");
        // a workflow whose node has such parameters, and arguments nested as deeply
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode node = root.putArray("nodes").addObject();
        node.put("name", "in").put("task", "InputTask");
        assertThat(WorkflowJson.parse(root, registry).nodes()).containsKey("in");
        node.putObject("params").set("value", deep);
        assertThatThrownBy(() -> WorkflowJson.parse(root, registry)).hasMessageContaining("the workflow nests");
        node.remove("params");
        WorkflowJson.Parsed parsed = WorkflowJson.parse(root, registry);
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        args.addObject().putObject("in").set("value", deep);
        assertThatThrownBy(() -> WorkflowJson.parseArgs(args, parsed))
                .hasMessageContaining("the execution arguments nests lists");
    }

    @Test
    void deeplyNestedWorkflowFileNamesTheFile() throws IOException {
        Path f = dir.resolve("deep.json");
        Files.writeString(f, "{\"nodes\": [{\"name\": \"in\", \"task\": \"InputTask\", \"params\": {\"value\": "
                + "[".repeat(3000) + "]".repeat(3000) + "}}]}");
        assertThatThrownBy(() -> WorkflowJson.read(f, registry)).satisfies(e -> {
            assertThat(e).isInstanceOfAny(IOException.class, IllegalArgumentException.class);
            assertThat(e.getMessage()).contains(f.toString()).containsIgnoringCase("nest");
        });
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"nodes\": [");
        assertThatThrownBy(() -> WorkflowJson.read(bad, registry)).isInstanceOf(IOException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("not valid JSON");
    }

    private JsonNode initParams(String shape) {
        return json("{'features': [['data', 'X']], 'shape': " + shape + "}");
    }

    @Test
    void initializeFeatureShapesAreValidated() {
        for (String[] c : new String[][] {
            {"[50000, 50000, 1]", "more than the " + InitializeFeatureTask.MAX_ELEMENTS + " elements"},
            {"[2147483648, 1, 1]", "more than the"},
            {"[9223372036854775807, 9223372036854775807, 2]", "more than the"},
            {"[4, 4, -1]", "non-negative"},
            {"[1, 2, 3, 4, 5]", "3 or 4 dimensions"},
            {"[]", "dimensions"},
            {"[12345678901234567890123, 1, 1]", "item 0 (12345678901234567890123) is outside the 64-bit"},
            {"[1.5, 2, 3]", "item 0 is a number 1.5"},
            {"[1, '2', 3]", "must be a list of integers, but item 1 is a string"},
            {"3", "not a feature specification"}}) {
            assertThatThrownBy(() -> registry.create("InitializeFeatureTask", initParams(c[0])))
                    .as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("InitializeFeatureTask: parameter 'shape'").hasMessageContaining(c[1]);
        }
        // a zero-sized shape is fine whatever its other dimensions
        assertThat(registry.create("InitializeFeatureTask", initParams("[0, 3000000000, 3000000000]"))).isNotNull();
        // too big for the heap: refused at execution with a message, not an OutOfMemoryError
        InitializeFeatureTask big = new InitializeFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "X")),
                new long[] {40_000, 40_000, 1}, 0, DType.UINT8);
        assertThatThrownBy(() -> big.execute(new EOPatch())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape [40000, 40000, 1]").hasMessageContaining("maximum heap");
        assertThatThrownBy(() -> registry.create("InitializeFeatureTask", json("{'features': [['data', 'X']], "
                + "'shape': [1, 1, 1], 'init_value': '0'}"))).hasMessageContaining("parameter 'init_value' must "
                + "be a number, got a string \"0\"");
    }

    @Test
    void hugeTimestampIndicesAreRefusedNotWrapped() {
        String huge = "12345678901234567890123"; // 23 digits
        assertThatThrownBy(() -> registry.create("TemporalSubsetTask", json("{'timestamps': [0, " + huge + "]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TemporalSubsetTask: parameter 'timestamps' item 1 (" + huge + ") is outside");
        assertThatThrownBy(() -> registry.create("TemporalSubsetTask", json("{'timestamps': [2147483648]}")))
                .hasMessageContaining("item 0 (2147483648) is outside");
        assertThatThrownBy(() -> registry.create("TemporalSubsetTask", json("{'timestamps': 3}")))
                .hasMessageContaining("parameter 'timestamps' must be a list");
        assertThatThrownBy(() -> registry.create("TemporalSubsetTask", json("{'timestamps': ['2017-01-01', 3]}")))
                .hasMessageContaining("parameter 'timestamps'").hasMessageContaining("item 1 is an integer 3");
        assertThatThrownBy(() -> registry.create("TemporalSubsetTask", json("{'timestamps': ['2017-13-01']}")))
                .hasMessageContaining("parameter 'timestamps'").hasMessageContaining("'2017-13-01'");
        // as an execute argument, through the arguments JSON
        WorkflowJson.Parsed parsed = WorkflowJson.parse(json("{'nodes': [{'name': 'subset', 'task': "
                + "'TemporalSubsetTask'}]}"), registry);
        WorkflowJson.Executions ex = WorkflowJson.parseArgs(json("[{'subset': {'timestamps': [" + huge + "]}}]"),
                parsed);
        EONode node = parsed.nodes().get("subset");
        EOPatch p = new EOPatch();
        p.setTimestamps(List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 2, 1, 0, 0)));
        Map<String, Object> args = ex.args().get(0).get(node);
        assertThatThrownBy(() -> node.task().execute(List.of(p), args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamps: frame index " + huge + " (item 0) is outside");
        assertThatThrownBy(() -> node.task().execute(List.of(p), Map.of("timestamps", List.of(4294967296L))))
                .hasMessageContaining("frame index 4294967296");
        assertThatThrownBy(() -> node.task().execute(List.of(p), Map.of("timestamps", List.of(1.5))))
                .hasMessageContaining("(1.5) is not an integer frame index");
        assertThat(((EOPatch) node.task().execute(List.of(p), Map.of("timestamps", List.of(1)))).timestamps())
                .hasSize(1);
    }

    @Test
    void looselyTypedWorkflowJsonIsRefusedWhenParsed() {
        String load = "{'name': 'load', 'task': 'CreateEOPatchTask'}";
        for (String[] c : new String[][] {
            {"{'nodes': [" + load + ", {'name': 'copy', 'task': 'CopyTask', 'inputs': 'load'}]}",
                "node 'copy': \"inputs\" must be a list of node names, got a string \"load\" (write [\"load\"])"},
            {"{'nodes': [" + load + ", {'name': 'copy', 'task': 'CopyTask', 'inputs': [1]}]}",
                "node 'copy': \"inputs\" item 0 must be a node name string, got an integer 1"},
            {"{'nodes': [" + load + ", {'name': 'copy', 'task': 'CopyTask', 'inputs': {'a': 'load'}}]}",
                "node 'copy': \"inputs\" must be a list"},
            {"{'nodes': [{'name': 5, 'task': 'CopyTask'}]}", "workflow node 1: \"name\" must be a non-empty string, "
                + "got an integer 5"},
            {"{'nodes': [{'name': 'a', 'task': ['CopyTask']}]}", "node 'a': \"task\" must be a task name string"},
            {"{'nodes': [{'name': 'a'}]}", "node 'a': \"task\" must be a task name string, got nothing"},
            {"{'nodes': [{'name': 'a', 'task': 'CopyTask', 'params': ['deep']}]}",
                "node 'a': \"params\" must be a JSON object, got a list"},
            {"{'nodes': ['a']}", "workflow node 1 must be a JSON object"},
            {"{'nodes': {'a': 1}}", "non-empty \"nodes\" list, got an object"},
            {"[1]", "a workflow must be a JSON object"},
            {"{'nodes': [" + load + "], 'node': []}", "unknown workflow key 'node'"},
            {"{'nodes': [{'name': 'a', 'task': 'CopyTask', 'params': {'deep': 'true'}}]}",
                "node 'a': CopyTask: parameter 'deep' must be true or false, got a string \"true\""},
            {"{'nodes': [{'name': 'a', 'task': 'MergeFeatureTask', 'params': {'input_features': [['data', 'A']], "
                + "'output_feature': ['data', 'B'], 'axis': '1'}}]}",
                "MergeFeatureTask: parameter 'axis' must be an integer, got a string \"1\""},
            {"{'nodes': [{'name': 'a', 'task': 'MergeFeatureTask', 'params': {'input_features': [['data', 'A']], "
                + "'output_feature': ['data', 'B'], 'axis': 99999999999}}]}",
                "parameter 'axis' must be an integer from -2147483648 to 2147483647, got an integer 99999999999"},
            {"{'nodes': [{'name': 'a', 'task': 'ExtractBandsTask', 'params': {'input_feature': ['data', 'A'], "
                + "'output_feature': ['data', 'B'], 'bands': 3}}]}",
                "parameter 'bands' must be a list of integers, got an integer 3"},
            {"{'nodes': [{'name': 'a', 'task': 'ExplodeBandsTask', 'params': {'input_feature': ['data', 'A'], "
                + "'output_mapping': [[['data', 'B'], '1']]}}]}",
                "parameter 'output_mapping' item 0: bands must be a 32-bit integer or a list of them, got a string"},
            {"{'nodes': [{'name': 'a', 'task': 'ExplodeBandsTask', 'params': {'input_feature': ['data', 'A'], "
                + "'output_mapping': [['data', 'B']]}}]}", "parameter 'output_mapping' item 0 must name exactly one feature"},
            {"{'nodes': [{'name': 'a', 'task': 'SaveTask', 'params': {'path': 'x', 'overwrite_permission': [2]}}]}",
                "parameter 'overwrite_permission' must be ADD_ONLY"},
            {"{'nodes': [{'name': 'a', 'task': 'SaveTask', 'params': {'path': 'x', 'compression': 'zip'}}]}",
                "parameter 'compression' 'zip' is not one of"},
            {"{'nodes': [{'name': 'a', 'task': 'MapFeatureTask', 'params': {'input_features': [['data', 'A']], "
                + "'output_features': [['data', 'B']], 'map_function': {'callable': 3}}}]}",
                "parameter 'map_function' must be {\"callable\": \"lambda ...\"}, got an object"}}) {
            assertThatThrownBy(() -> WorkflowJson.parse(json(c[0]), registry)).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1]);
        }
        WorkflowJson.Parsed parsed = WorkflowJson.parse(json("{'nodes': [" + load + "]}"), registry);
        assertThatThrownBy(() -> WorkflowJson.parseArgs(json("[{'_name': 3}]"), parsed))
                .hasMessageContaining("execution 1: \"_name\" must be a non-empty string, got an integer 3");
        assertThatThrownBy(() -> WorkflowJson.parseArgs(json("[{'load': [1]}]"), parsed))
                .hasMessageContaining("execution 1, node 'load': execute arguments must be a JSON object");
        assertThatThrownBy(() -> WorkflowJson.parseArgs(json("{'load': {}}"), parsed))
                .hasMessageContaining("must be a JSON list with one object per execution, got an object");
    }
}
