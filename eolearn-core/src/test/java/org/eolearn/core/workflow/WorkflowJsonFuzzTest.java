package org.eolearn.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.FuzzSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the workflow and task-parameter JSON: documents derived from valid workflows (the benchmark workflow of
 * ../shared when given, the examples of docs/workflows.md, and a workflow of every core task) are mutated (values
 * replaced by other types, huge or negative numbers, numbers written as strings, scalars for lists and back, deep
 * nesting, keys dropped or added, inputs renamed, text cut or garbled) and parsed and instantiated through the
 * registry, never executed. Each must parse, or be refused with an {@link IllegalArgumentException} (or, for a file,
 * an {@link IOException}) whose message locates the problem; nothing else, no StackOverflowError or
 * OutOfMemoryError, and no case may take 5 s. The seed is printed; {@code -Deolearn.seed=N} reruns a run.
 */
class WorkflowJsonFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int TREE_CASES = 1500;
    private static final int PARAM_CASES = 1500;
    private static final int TEXT_CASES = 600;
    private static final long CASE_LIMIT_NANOS = 5_000_000_000L;

    /** Every core task with typical parameters. */
    private static final String CORE_WORKFLOW = """
            {"nodes": [
              {"name": "create", "task": "CreateEOPatchTask"},
              {"name": "input", "task": "InputTask", "params": {"value": {"a": [1, 2.5, "x", null, true]}}},
              {"name": "init", "task": "InitializeFeatureTask", "params": {"features": [["data", "X"], ["mask", "M"]],
                "shape": [2, 3, 4, 1], "init_value": 1.5, "dtype": "float32"}, "inputs": ["create"]},
              {"name": "init2", "task": "InitializeFeatureTask", "params": {"features": {"data": ["Y"]},
                "shape": ["data", "X"], "dtype": "uint8"}, "inputs": ["init"]},
              {"name": "map", "task": "MapFeatureTask", "params": {"input_features": [["data", "X"]],
                "output_features": [["data", "X2"]], "map_function": {"callable": "lambda x: (x + 1) * -2 / 3"}},
                "inputs": ["init2"]},
              {"name": "zip", "task": "ZipFeatureTask", "params": {"input_features": [["data", "X"], ["data", "X2"]],
                "output_feature": ["data", "Z"], "zip_function": {"callable": "lambda *a: sum(a)"}},
                "inputs": ["map"]},
              {"name": "merge", "task": "MergeFeatureTask", "params": {"input_features": [["data", "X"], ["data", "Z"]],
                "output_feature": ["data", "XZ"], "axis": -1, "dtype": "float64"}, "inputs": ["zip"]},
              {"name": "extract", "task": "ExtractBandsTask", "params": {"input_feature": ["data", "XZ"],
                "output_feature": ["data", "E"], "bands": [0, 1]}, "inputs": ["merge"]},
              {"name": "explode", "task": "ExplodeBandsTask", "params": {"input_feature": ["data", "XZ"],
                "output_mapping": [[["data", "B0"], 0], [["data", "B1"], [1]]]}, "inputs": ["extract"]},
              {"name": "subset", "task": "TemporalSubsetTask", "params": {"timestamps": [0, 1]}, "inputs": ["explode"]},
              {"name": "subset2", "task": "TemporalSubsetTask", "params": {"timestamps": ["2017-01-01",
                "2017-02-01T10:00:00"]}, "inputs": ["subset"]},
              {"name": "rename", "task": "RenameFeatureTask", "params": {"features": [["data", "E", "E2"]]},
                "inputs": ["subset2"]},
              {"name": "dup", "task": "DuplicateFeatureTask", "params": {"features": [["data", "E2", "E3"]],
                "deep_copy": true}, "inputs": ["rename"]},
              {"name": "move", "task": "MoveFeatureTask", "params": {"features": ["data"]}, "inputs": ["dup"]},
              {"name": "add", "task": "AddFeatureTask", "params": {"feature": ["mask", "M2"]}, "inputs": ["move"]},
              {"name": "remove", "task": "RemoveFeatureTask", "params": {"features": "mask"}, "inputs": ["add"]},
              {"name": "copy", "task": "CopyTask", "params": {"features": "...", "deep": false,
                "copy_timestamps": "auto"}, "inputs": ["remove"]},
              {"name": "mergep", "task": "MergeEOPatchesTask", "params": {"time_dependent_op": "mean",
                "timeless_op": null}, "inputs": ["copy", "create"]},
              {"name": "save", "task": "SaveTask", "params": {"path": "out", "overwrite_permission": "OVERWRITE_PATCH",
                "compress": true, "compression": "gzip", "save_timestamps": true}, "inputs": ["mergep"]},
              {"name": "load", "task": "LoadTask", "params": {"path": "in", "lazy_loading": true,
                "features": [["data", "X"], "mask_timeless"]}},
              {"name": "out", "task": "OutputTask", "params": {"name": "result", "features": ["data"]},
                "inputs": ["save"]}
            ]}""";

    private static final String CORE_ARGS = """
            [{"_name": "p0", "load": {"eopatch_folder": "p0"}, "save": {"eopatch_folder": "p0"},
              "subset": {"timestamps": [1, 0]}, "input": {"value": [1, 2]}},
             {"_name": "p1", "create": {"bbox": null}}]""";

    private final TaskRegistry registry = TaskRegistry.standard();

    @TempDir
    Path dir;

    private static List<JsonNode> seedWorkflows() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        out.add(JSON.readTree(CORE_WORKFLOW));
        String shared = System.getProperty("eolearn.shared", "");
        String root = System.getProperty("eolearn.root", "");
        if (!shared.isBlank()) {
            Path bench = (Path.of(shared).isAbsolute() || root.isBlank() ? Path.of(shared)
                    : Path.of(root).resolve(shared)).resolve("bench/workflow.json");
            if (Files.isRegularFile(bench)) {
                out.add(JSON.readTree(bench.toFile()));
            }
        }
        Path docs = Path.of(root.isBlank() ? ".." : root).resolve("docs/workflows.md");
        if (Files.isRegularFile(docs)) {
            Matcher m = Pattern.compile("```json\\n(\\{\"nodes\".*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(docs));
            while (m.find()) {
                out.add(JSON.readTree(m.group(1)));
            }
        }
        return out;
    }

    @Test
    void mutatedWorkflowsAndParametersGiveOnlyDocumentedErrors() throws Exception {
        long seed = FuzzSeed.seed("WorkflowJsonFuzzTest");
        List<JsonNode> seeds = seedWorkflows();
        WorkflowJson.Parsed valid = WorkflowJson.parse(seeds.get(0), registry);
        WorkflowJson.parseArgs(JSON.readTree(CORE_ARGS), valid);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random r = new Random(seed);
            int[] counts = new int[2];
            long slowest = 0;
            long start = System.nanoTime();
            for (int i = 0; i < TREE_CASES; i++) {
                JsonNode doc = mutateTree(seeds.get(r.nextInt(seeds.size())).deepCopy(), r);
                slowest = Math.max(slowest, check(seed, i, doc, () -> {
                    WorkflowJson.Parsed p = WorkflowJson.parse(doc, registry);
                    JsonNode args = mutateTree(JSON.readTree(CORE_ARGS), r);
                    WorkflowJson.parseArgs(args, p);
                }, counts));
            }
            // the parameters of one task at a time, straight into the registry
            List<JsonNode> nodes = new ArrayList<>();
            seeds.forEach(s -> s.get("nodes").forEach(nodes::add));
            for (int i = 0; i < PARAM_CASES; i++) {
                JsonNode node = nodes.get(r.nextInt(nodes.size()));
                JsonNode params = mutateTree(node.has("params") ? node.get("params").deepCopy() : F.objectNode(), r);
                String task = node.get("task").asText();
                slowest = Math.max(slowest, check(seed, TREE_CASES + i, params, () -> registry.create(task, params),
                        counts));
            }
            // garbled text, read as a file: errors name the file
            Path file = dir.resolve("workflow.json");
            for (int i = 0; i < TEXT_CASES; i++) {
                String text = mutateText(seeds.get(r.nextInt(seeds.size())).toPrettyString(), r);
                Files.writeString(file, text);
                int index = TREE_CASES + PARAM_CASES + i;
                long t0 = System.nanoTime();
                try {
                    WorkflowJson.read(file, registry);
                    counts[0]++;
                } catch (IOException | IllegalArgumentException e) {
                    assertThat(e.getMessage()).as(FuzzSeed.where(seed, index)).contains(file.toString());
                    counts[1]++;
                } catch (Throwable e) {
                    fail(FuzzSeed.where(seed, index) + ": " + e + " for " + shorten(text), e);
                }
                long took = System.nanoTime() - t0;
                assertThat(took).as(FuzzSeed.where(seed, index) + " took too long").isLessThan(CASE_LIMIT_NANOS);
                slowest = Math.max(slowest, took);
            }
            int total = TREE_CASES + PARAM_CASES + TEXT_CASES;
            assertThat(counts[0] + counts[1]).isEqualTo(total);
            assertThat(counts[1]).as("most mutations are refused").isGreaterThan(total / 3);
            System.out.printf("WorkflowJsonFuzzTest: %d documents (%d accepted, %d refused) in %.1f s, slowest %.1f "
                    + "ms%n", total, counts[0], counts[1], (System.nanoTime() - start) / 1e9, slowest / 1e6);
        });
    }

    /** What a case runs. */
    private interface Case {
        void run() throws Exception;
    }

    private static long check(long seed, int index, JsonNode doc, Case c, int[] counts) {
        long t0 = System.nanoTime();
        try {
            c.run();
            counts[0]++;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            assertThat(m).as(FuzzSeed.where(seed, index) + " for " + shorten(doc)).isNotBlank();
            // the message locates the problem: a node, a task parameter, an execution, or the document itself
            assertThat(m).as(FuzzSeed.where(seed, index) + " for " + shorten(doc))
                    .containsAnyOf("node", "parameter", "execution", "workflow", "Task", "task");
            counts[1]++;
        } catch (Throwable e) {
            fail(FuzzSeed.where(seed, index) + ": " + e + " for " + shorten(doc), e);
        }
        long took = System.nanoTime() - t0;
        assertThat(took).as(FuzzSeed.where(seed, index) + " took too long").isLessThan(CASE_LIMIT_NANOS);
        return took;
    }

    private static String shorten(JsonNode doc) {
        try {
            return shorten(doc.toString());
        } catch (RuntimeException e) {
            return "(a document too deep to print)";
        }
    }

    private static String shorten(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    /** Applies 1 to 3 mutations at random places of the tree. */
    static JsonNode mutateTree(JsonNode root, Random r) {
        JsonNode doc = root;
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            List<JsonNode[]> places = new ArrayList<>(); // {container, child} pairs
            collect(doc, places);
            if (places.isEmpty()) {
                return r.nextBoolean() ? doc : randomValue(r, doc);
            }
            JsonNode[] place = places.get(r.nextInt(places.size()));
            JsonNode parent = place[0];
            JsonNode child = place[1];
            if (parent.isObject() && r.nextInt(8) == 0) {
                ObjectNode o = (ObjectNode) parent;
                String key = keyOf(o, child);
                if (r.nextBoolean()) {
                    o.remove(key);
                } else {
                    o.set(r.nextBoolean() ? key + "_x" : "unknown", child.deepCopy());
                }
                continue;
            }
            JsonNode with = randomValue(r, child);
            replace(parent, child, with);
            if (deep(with)) {
                return doc; // no more rounds: walking a very deep tree recursively would overflow the test's stack
            }
        }
        return doc;
    }

    private static boolean deep(JsonNode n) {
        int d = 0;
        JsonNode x = n;
        while (x.isContainerNode() && x.size() > 0 && d < 200) {
            x = x.iterator().next();
            d++;
        }
        return d >= 200;
    }

    private static void collect(JsonNode n, List<JsonNode[]> out) {
        for (JsonNode c : n) {
            out.add(new JsonNode[] {n, c});
            collect(c, out);
        }
    }

    private static String keyOf(ObjectNode o, JsonNode child) {
        Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() == child) {
                return e.getKey();
            }
        }
        throw new AssertionError();
    }

    private static void replace(JsonNode parent, JsonNode child, JsonNode with) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(keyOf((ObjectNode) parent, child), with);
            return;
        }
        ArrayNode a = (ArrayNode) parent;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == child) {
                a.set(i, with);
                return;
            }
        }
    }

    private static final String[] WORDS = {"", "...", "data", "mask", "mask_timeless", "bbox", "timestamps", "load",
        "save", "create", "init", "NDVI", "lambda x: x", "lambda x: ((x)", "lambda *a: sum(a)", "lambda x: np.sqrt(x)",
        "float32", "uint8", "complex64", "OVERWRITE_PATCH", "3", "-1", "1e309", "NaN", "2017-01-01", "2017-13-45",
        "auto", "true", "null", " ", "\u0000", "\uD800", "zip"};

    private static final Object[] NUMBERS = {0, -1, 1, 3, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L,
        -2147483649L, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("12345678901234567890123"),
        new BigInteger("-99999999999999999999999999999"), 0.5, -0.0, 1e308, -1e308, Double.MIN_VALUE, 50000};

    /** A replacement value: another type, an edge number, the value stringified, wrapped, unwrapped or nested. */
    private static JsonNode randomValue(Random r, JsonNode old) {
        switch (r.nextInt(12)) {
            case 0: return F.textNode(WORDS[r.nextInt(WORDS.length)]);
            case 1: {
                Object n = NUMBERS[r.nextInt(NUMBERS.length)];
                return n instanceof Integer ? F.numberNode((Integer) n) : n instanceof Long ? F.numberNode((Long) n)
                        : n instanceof BigInteger ? F.numberNode((BigInteger) n) : F.numberNode((Double) n);
            }
            case 2: return F.booleanNode(r.nextBoolean());
            case 3: return F.nullNode();
            case 4: return F.textNode(old.isTextual() ? old.asText() : shorten(old)); // "3" for 3, "[..]" for lists
            case 5: return F.arrayNode().add(old.deepCopy()); // scalar as a list
            case 6: return old.isContainerNode() && old.size() > 0 ? old.iterator().next().deepCopy() : F.arrayNode();
            case 7: { // deep nesting
                JsonNode n = old.deepCopy();
                int depth = r.nextBoolean() ? 2 + r.nextInt(10) : 2000 + r.nextInt(3000);
                for (int i = 0; i < depth; i++) {
                    n = r.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("k", n);
                }
                return n;
            }
            case 8: return F.objectNode();
            case 9: { // a long list
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(2000);
                for (int i = 0; i < n; i++) {
                    a.add(r.nextInt(10));
                }
                return a;
            }
            case 10: { // a deeply nested callable
                int d = r.nextBoolean() ? 50 : 1000 + r.nextInt(3000);
                return F.objectNode().put("callable", "lambda x: " + "(".repeat(d) + "x" + ")".repeat(d));
            }
            default: return F.textNode("x".repeat(r.nextInt(10_000)));
        }
    }

    /** Garbles text: characters changed, inserted or dropped, the end cut, brackets repeated. */
    private static String mutateText(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length() > 0; k++) {
            int p = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0: b.setCharAt(p, "{}[]\",:0-9e.\\ ntf".charAt(r.nextInt(17))); break;
                case 1: b.deleteCharAt(p); break;
                case 2: b.setLength(p); break;
                case 3: b.insert(p, "[".repeat(r.nextInt(3000))); break;
                default: b.insert(p, (char) r.nextInt(0x3000));
            }
        }
        return b.toString();
    }
}
