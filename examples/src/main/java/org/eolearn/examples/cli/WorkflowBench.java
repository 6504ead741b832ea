package org.eolearn.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.io.Npy;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.core.workflow.WorkflowResults;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eolearn bench workflow}: the benchmark workflow of {@code ../shared/bench} ({@code workflow.json}, the one
 * {@code side_by_side.sh} runs against eo-learn) on inputs made as its {@code prepare.py} makes them, timed inside the
 * JVM, with the mean time of every node (the per-stage table) and the peak resident memory of the process.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = {"Run ../shared/bench/workflow.json over N copies of the TestEOPatch with data/BANDS_REF_TILED "
                + "(a (68,101,100,13) float32 stack cycling the scenes of REFERENCE_SCENES.npy), uncompressed .npy "
                + "inputs as prepare.py makes them, and print the wall time, patches/s, the mean time per node and "
                + "the peak RSS.",
            "This times the run inside one JVM (start-up excluded); the headline figure, whole processes side by "
                + "side with eo-learn, is ../shared/bench/side_by_side.sh."})
final class WorkflowBench implements Callable<Integer> {

    @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--copies", defaultValue = "16", description = "Patches (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--workers", defaultValue = "2", description = "Executor workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--work-dir", description = "Where the input and output patches go (default: a temporary folder).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (copies < 1 || workers < 1) {
            throw new IllegalArgumentException("--copies and --workers must be at least 1");
        }
        Path workflowFile = shared.resolve("bench/workflow.json");
        if (!Files.isRegularFile(workflowFile)) {
            throw new IllegalArgumentException("the benchmark workflow is not at " + workflowFile + "; pass --shared");
        }
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("eolearn-wf");
        try {
            Path input = work.resolve("input");
            Path output = work.resolve("output");
            prepare(input);
            ObjectMapper json = new ObjectMapper();
            JsonNode root = json.readTree(workflowFile.toFile());
            // workflow.json names its folders relative to the working directory: here they are the work folder's
            for (JsonNode node : root.get("nodes")) {
                JsonNode params = node.get("params");
                if (params != null && params.has("path")) {
                    String path = params.get("path").asText();
                    ((ObjectNode) params).put("path", work.resolve(path).toString());
                }
            }
            WorkflowJson.Parsed parsed = WorkflowJson.parse(root, TaskRegistry.standard());
            ArrayNode args = json.createArrayNode();
            for (int i = 0; i < copies; i++) {
                String name = patchName(i);
                ObjectNode a = args.addObject();
                a.put("_name", name);
                a.putObject("load").put("eopatch_folder", name);
                a.putObject("save").put("eopatch_folder", name);
            }
            WorkflowJson.Executions executions = WorkflowJson.parseArgs(args, parsed);
            BenchData.delete(output);
            long start = System.nanoTime();
            List<WorkflowResults> results = EOExecutor.builder(parsed.workflow(), executions.args())
                    .executionNames(executions.names()).build().run(workers);
            double seconds = (System.nanoTime() - start) / 1e9;
            long failed = results.stream().filter(WorkflowResults::workflowFailed).count();
            System.out.printf(Locale.ROOT, "workflow: %s; %d patches, %d workers, %d failed%n", workflowFile, copies,
                    workers, failed);
            System.out.printf(Locale.ROOT, "seconds: %.2f%n", seconds);
            System.out.printf(Locale.ROOT, "patches/s: %.2f%n", copies / seconds);
            Map<String, double[]> perNode = new LinkedHashMap<>();
            for (WorkflowResults r : results) {
                for (NodeStats s : r.stats().values()) {
                    double[] acc = perNode.computeIfAbsent(s.nodeName(), k -> new double[2]);
                    acc[0] += s.duration().toNanos() / 1e9;
                    acc[1]++;
                }
            }
            System.out.println("mean seconds per node:");
            for (Map.Entry<String, double[]> e : perNode.entrySet()) {
                System.out.printf(Locale.ROOT, "  %-14s %.4f%n", e.getKey(), e.getValue()[0] / e.getValue()[1]);
            }
            System.out.printf(Locale.ROOT, "peak RSS MiB: %.0f%n", peakRssMiB());
            return failed == 0 ? 0 : 3;
        } finally {
            if (workDir == null) {
                BenchData.delete(work);
            }
        }
    }

    private static String patchName(int i) {
        return String.format(Locale.ROOT, "patch_%03d", i);
    }

    /** As prepare.py: TestEOPatch without BANDS-S2-L1C, plus data/BANDS_REF_TILED.npy, uncompressed. */
    private void prepare(Path input) throws IOException {
        Path source = shared.resolve("data/eolearn/TestEOPatch");
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("TestEOPatch not found at " + source + "; pass --shared");
        }
        BenchData.delete(input);
        Path first = input.resolve(patchName(0));
        BenchData.copyTree(source, first);
        try (var s = Files.walk(first)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith("BANDS-S2-L1C") && Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        int frames = new ObjectMapper().readTree(source.resolve("timestamps.json").toFile()).size();
        INDArray bands = BenchData.bandStack(shared.resolve("data/eolearn/REFERENCE_SCENES.npy"), frames);
        try (OutputStream out = Files.newOutputStream(first.resolve("data/BANDS_REF_TILED.npy"))) {
            Npy.write(bands, out);
        }
        bands.close();
        for (int i = 1; i < copies; i++) {
            BenchData.copyTree(first, input.resolve(patchName(i)));
        }
    }

    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
