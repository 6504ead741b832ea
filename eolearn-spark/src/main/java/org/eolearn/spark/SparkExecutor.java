package org.eolearn.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.execution.ExecutionLogFormat;
import org.eolearn.core.execution.ExecutionRun;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.ExceptionInfo;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * Runs a JSON workflow over many execution arguments as Spark tasks, with the results and the report of
 * {@link EOExecutor}.
 *
 * <p>The workflow travels to the executors as its JSON text and is built there from the task registry (so every
 * module whose tasks it uses must be on the executors' class path). Each execution runs with failures recorded, as
 * in {@link EOExecutor}; only its statistics, failure and log text come back, so the driver never holds patches.
 * Patches are read and written where the workflow's tasks say (a shared file system on a real cluster).
 *
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext("local[2]", "eolearn")) {
 *     SparkExecutor executor = new SparkExecutor(sc, workflowJson, argsJson, true, Path.of("reports"));
 *     List<WorkflowResults> results = executor.run();
 *     executor.makeReport(true);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class SparkExecutor {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Workflows built on this JVM (driver or executor), by their JSON text. */
    private static final Map<String, WorkflowJson.Parsed> BUILT = new ConcurrentHashMap<>();

    private final JavaSparkContext context;
    private final String workflowJson;
    private final List<String> executionJson;
    private final List<String> names;
    private final boolean saveLogs;
    private final Path logsFolder;
    private final WorkflowJson.Parsed workflow;

    private volatile ExecutionRun last;

    /**
     * Creates the executor; the workflow and the arguments are checked on the driver first.
     *
     * @param context      the Spark context
     * @param workflowJson the workflow file's text ({@link WorkflowJson})
     * @param argsJson     the arguments file's text: a list with one object per execution
     * @param saveLogs     whether to save a log file per execution in the report folder
     * @param logsFolder   where the report folder is created
     * @throws IllegalArgumentException naming what is wrong in the workflow or the arguments
     */
    public SparkExecutor(JavaSparkContext context, String workflowJson, String argsJson, boolean saveLogs,
                         Path logsFolder) {
        this.context = Objects.requireNonNull(context, "context");
        this.workflowJson = Objects.requireNonNull(workflowJson, "workflowJson");
        this.workflow = build(workflowJson);
        JsonNode args = readJson(argsJson);
        WorkflowJson.Executions executions = WorkflowJson.parseArgs(args, workflow);
        this.names = List.copyOf(executions.names());
        List<String> each = new ArrayList<>();
        for (JsonNode a : args) {
            each.add(a.toString());
        }
        this.executionJson = List.copyOf(each);
        this.saveLogs = saveLogs;
        this.logsFolder = Objects.requireNonNull(logsFolder, "logsFolder");
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static WorkflowJson.Parsed build(String workflowJson) {
        return BUILT.computeIfAbsent(workflowJson, text -> WorkflowJson.parse(readJson(text), TaskRegistry.standard()));
    }

    /**
     * Runs every execution on the cluster.
     *
     * @return the results in argument order (without outputs; node uids are those of the driver's workflow)
     */
    public List<WorkflowResults> run() {
        Instant start = Instant.now();
        Path reportFolder = ExecutionLogFormat.reportFolder(logsFolder, start);
        String wf = workflowJson;
        List<String> argsCopy = executionJson;
        List<String> namesCopy = names;
        int n = argsCopy.size();
        List<Integer> indices = IntStream.range(0, n).boxed().toList();
        int slices = Math.max(1, Math.min(n, context.defaultParallelism() * 4));
        List<RemoteOutcome> outcomes = new ArrayList<>(context.parallelize(indices, slices)
                .map(i -> RemoteRun.execute(wf, argsCopy.get(i), namesCopy.get(i), i)).collect());
        outcomes.sort((a, b) -> Integer.compare(a.index(), b.index()));
        Instant end = Instant.now();
        List<WorkflowResults> out = new ArrayList<>(n);
        List<Path> logs = new ArrayList<>();
        for (RemoteOutcome o : outcomes) {
            out.add(toResults(o));
            if (saveLogs) {
                logs.add(writeLog(o, reportFolder));
            }
        }
        last = new ExecutionRun(workflow.workflow(), names, out, start, end, context.defaultParallelism(), logs,
                reportFolder);
        return last.results();
    }

    private WorkflowResults toResults(RemoteOutcome o) {
        Map<String, NodeStats> stats = new LinkedHashMap<>();
        String errorUid = null;
        for (RemoteOutcome.RemoteNode rn : o.nodes()) {
            EONode node = workflow.nodes().get(rn.name());
            ExceptionInfo info = rn.exception() == null ? null
                    : new ExceptionInfo(rn.exception(), rn.traceback(), rn.origin());
            stats.put(node.uid(), new NodeStats(node.uid(), node.name(), rn.start(), rn.end(), info));
            if (rn.name().equals(o.errorNode())) {
                errorUid = node.uid();
            }
        }
        return new WorkflowResults(Map.of(), o.start(), o.end(), stats, errorUid);
    }

    private Path writeLog(RemoteOutcome o, Path reportFolder) {
        try {
            Files.createDirectories(reportFolder);
            Path file = reportFolder.resolve("eoexecution-" + names.get(o.index()) + ".log");
            Files.writeString(file, o.log(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log of execution " + names.get(o.index()), e);
        }
    }

    /**
     * The last run: results (without outputs), times, log files and report folder.
     *
     * @return the run, or null before the first one
     */
    public ExecutionRun lastRun() {
        return last;
    }

    /**
     * Returns the indices of failed executions of the last run.
     *
     * @return ascending indices (empty before the first run)
     */
    public List<Integer> failedExecutions() {
        ExecutionRun r = last;
        return r == null ? List.of() : r.failedExecutions();
    }

    /**
     * Returns the execution names.
     *
     * @return the names
     */
    public List<String> executionNames() {
        return names;
    }

    /**
     * Returns the report folder of the last run.
     *
     * @return the folder, or null before the first run
     */
    public Path reportFolder() {
        ExecutionRun r = last;
        return r == null ? null : r.folder();
    }

    /**
     * Writes {@code report.html}, the same report as {@link EOExecutor#makeReport(boolean)}.
     *
     * @param includeLogs whether to put the logs in the report
     * @return the report file
     */
    public Path makeReport(boolean includeLogs) {
        ExecutionRun r = last;
        if (r == null) {
            throw new IllegalStateException("run the executor before making its report");
        }
        return r.makeReport(includeLogs);
    }

    /** The part that runs on the executors. */
    static final class RemoteRun {
        private RemoteRun() {
        }

        static RemoteOutcome execute(String workflowJson, String argsJson, String name, int index) {
            WorkflowJson.Parsed parsed = build(workflowJson);
            WorkflowJson.Executions ex = WorkflowJson.parseArgs(readJson("[" + argsJson + "]"), parsed);
            StringBuilder log = new StringBuilder();
            log.append(ExecutionLogFormat.format(LocalDateTime.now(), "EOExecutor", "INFO",
                    ExecutionLogFormat.startLine(name, parsed.workflow())));
            WorkflowResults r = parsed.workflow().execute(ex.args().get(0), false);
            for (NodeStats s : r.stats().values()) {
                String[] line = ExecutionLogFormat.nodeLine(s); // each node's line at the node's end time
                log.append(ExecutionLogFormat.format(LocalDateTime.ofInstant(s.endTime(), ZoneId.systemDefault()),
                        "EOExecutor", line[0], line[1]));
            }
            String[] outcome = ExecutionLogFormat.outcomeLine(name, r);
            log.append(ExecutionLogFormat.format(LocalDateTime.ofInstant(r.endTime(), ZoneId.systemDefault()),
                    "EOExecutor", outcome[0], outcome[1]));
            List<RemoteOutcome.RemoteNode> nodes = new ArrayList<>();
            String errorNode = null;
            for (NodeStats s : r.stats().values()) {
                ExceptionInfo info = s.exceptionInfo();
                nodes.add(new RemoteOutcome.RemoteNode(s.nodeName(), s.startTime(), s.endTime(),
                        info == null ? null : RemoteOutcome.RemoteNode.portable(info.exception()),
                        info == null ? null : info.traceback(), info == null ? null : info.origin()));
                if (s.nodeUid().equals(r.errorNodeUid())) {
                    errorNode = s.nodeName();
                }
            }
            return new RemoteOutcome(index, r.startTime(), r.endTime(), nodes, errorNode, log.toString());
        }
    }
}
