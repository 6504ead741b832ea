package org.eolearn.core.execution;

import org.eolearn.core.compute.ArrayPool;
import org.eolearn.core.compute.ComputePolicy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.core.EOPatch;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * Runs one workflow over many sets of execution arguments, in parallel, eo-learn's {@code EOExecutor}.
 *
 * <p>Each execution runs {@link EOWorkflow#execute(Map, boolean)} with errors recorded, so a failing execution
 * never stops the others, also when a task runs out of memory or overflows the stack (the execution fails with an
 * {@link OutOfMemoryError} or {@link StackOverflowError} naming the node, and its results are dropped); results come back in the order of the arguments. With {@code workers == 1} executions
 * run one after the other in the calling thread, otherwise on a pool of that many threads. With logs saved, each
 * execution writes {@code eoexecution-<name>.log} into the report folder
 * {@code <logsFolder>/eoexecution-report-<yyyy_MM_dd-HH_mm_ss>/}, and {@link #makeReport(boolean)} writes
 * {@code report.html} there.
 *
 * <pre>{@code
 * EOExecutor executor = EOExecutor.builder(workflow, argsPerPatch)
 *         .saveLogs(true).logsFolder(Path.of("logs")).build();
 * List<WorkflowResults> results = executor.run(2);
 * Path report = executor.makeReport(true);
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * One {@link #run} at a time per executor.
 *
 * @since 0.1
 */
public final class EOExecutor {

    private final EOWorkflow workflow;
    private final List<Map<EONode, Map<String, Object>>> executionArgs;
    private final List<String> executionNames;
    private final boolean saveLogs;
    private final Path logsFolder;
    private final boolean raiseOnTemporalMismatch;
    private final List<ExecutionListener> listeners;

    private volatile ExecutionRun last;

    private EOExecutor(Builder b) {
        this.workflow = b.workflow;
        this.executionArgs = b.executionArgs;
        this.executionNames = b.executionNames != null ? List.copyOf(b.executionNames) : defaultNames(
                b.executionArgs.size());
        if (executionNames.size() != executionArgs.size()) {
            throw new IllegalArgumentException("there are " + executionArgs.size() + " execution argument sets but "
                    + executionNames.size() + " execution names");
        }
        for (String n : executionNames) {
            if (n == null || n.isEmpty() || n.contains("/") || n.contains("\\") || n.contains("..")) {
                throw new IllegalArgumentException("execution name '" + n + "' cannot name a log file");
            }
        }
        this.saveLogs = b.saveLogs;
        this.logsFolder = b.logsFolder;
        this.raiseOnTemporalMismatch = b.raiseOnTemporalMismatch;
        this.listeners = List.copyOf(b.listeners);
    }

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * Starts configuring an executor.
     *
     * @param workflow      the workflow
     * @param executionArgs one map of node arguments per execution
     * @return a builder
     */
    public static Builder builder(EOWorkflow workflow, List<Map<EONode, Map<String, Object>>> executionArgs) {
        return new Builder(workflow, executionArgs);
    }

    /**
     * Runs every execution.
     *
     * @param workerCount how many executions run at once (1 = sequentially in this thread)
     * @return the results in the order of the execution arguments
     */
    public List<WorkflowResults> run(int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workerCount);
        }
        Instant startTime = Instant.now();
        Instant endTime;
        Path folder = ExecutionLogFormat.reportFolder(logsFolder, startTime);
        int n = executionArgs.size();
        listeners.forEach(l -> l.started(n));
        List<WorkflowResults> results = new ArrayList<>(Collections.nCopies(n, null));
        AtomicInteger threads = new AtomicInteger();
        try {
            if (workerCount == 1) {
                for (int i = 0; i < n; i++) {
                    results.set(i, runOne(i, workerCount, folder));
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(Math.min(workerCount, Math.max(1, n)), r -> {
                    Thread t = new Thread(r, "eoexecutor-worker-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                try {
                    List<Future<WorkflowResults>> futures = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int index = i;
                        futures.add(pool.submit(() -> runOne(index, workerCount, folder)));
                    }
                    for (int i = 0; i < n; i++) {
                        results.set(i, futures.get(i).get());
                        futures.set(i, null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for executions", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException) {
                        throw (RuntimeException) c;
                    }
                    if (c instanceof Error) {
                        throw (Error) c;
                    }
                    throw new IllegalStateException(c);
                } finally {
                    pool.shutdownNow();
                }
            }
        } finally {
            endTime = Instant.now();
            // the run's idle array memory is not kept for whatever the program does next
            ArrayPool.trim();
            listeners.forEach(ExecutionListener::finished);
        }
        List<WorkflowResults> kept = new ArrayList<>(n);
        for (WorkflowResults r : results) {
            kept.add(r.dropOutputs());
        }
        last = new ExecutionRun(workflow, executionNames, kept, startTime, endTime, workerCount,
                saveLogs ? logPaths(folder) : List.of(), folder);
        return results;
    }

    private WorkflowResults runOne(int index, int workers, Path folder) {
        return ComputePolicy.withThreads(ComputePolicy.threadsPerExecution(workers), () -> runWithBudget(index,
                folder));
    }

    private WorkflowResults runWithBudget(int index, Path folder) {
        String name = executionNames.get(index);
        Map<EONode, Map<String, Object>> args = executionArgs.get(index);
        WorkflowResults result;
        if (saveLogs) {
            try (ExecutionLogs log = ExecutionLogs.open(logPath(folder, name))) {
                log.write("INFO", ExecutionLogFormat.startLine(name, workflow));
                // each node's line when it has run, so that its time is the node's
                result = execute(args, s -> {
                    String[] line = ExecutionLogFormat.nodeLine(s);
                    log.write(line[0], line[1]);
                    nodeFinished(index, name, s);
                });
                String[] outcome = ExecutionLogFormat.outcomeLine(name, result);
                if (result.stats().containsKey("EOExecutor")) {
                    String[] line = ExecutionLogFormat.nodeLine(result.stats().get("EOExecutor"));
                    log.write(line[0], line[1]);
                }
                log.write(outcome[0], outcome[1]);
            }
        } else {
            result = execute(args, listeners.isEmpty() ? null : s -> nodeFinished(index, name, s));
        }
        for (ExecutionListener l : listeners) {
            l.executionFinished(index, name, result);
        }
        return result;
    }

    private void nodeFinished(int index, String name, NodeStats s) {
        for (ExecutionListener l : listeners) {
            l.nodeFinished(index, name, s);
        }
    }

    private WorkflowResults execute(Map<EONode, Map<String, Object>> args,
                                    java.util.function.Consumer<NodeStats> nodeFinished) {
        Instant start = Instant.now();
        try {
            return raiseOnTemporalMismatch ? EOPatch.withTemporalMismatchAsError(() -> workflow.execute(args, false,
                    nodeFinished)) : workflow.execute(args, false, nodeFinished);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // the workflow records its tasks' own; this is one outside any task (e.g. releasing results): it
            // fails this execution only
            Error wrapped = e instanceof OutOfMemoryError
                    ? new OutOfMemoryError("out of memory in the execution, outside its tasks: " + e.getMessage())
                    : new StackOverflowError("stack overflow in the execution, outside its tasks");
            wrapped.initCause(e);
            org.eolearn.core.workflow.ExceptionInfo info = org.eolearn.core.workflow.ExceptionInfo.of(wrapped);
            String uid = "EOExecutor";
            return new WorkflowResults(Map.of(), start, Instant.now(), Map.of(uid, new NodeStats(uid, uid, start,
                    Instant.now(), info)), uid);
        }
    }

    /**
     * The last run: its results (without outputs), times, workers, log files and report folder.
     *
     * @return the run, or null before the first one
     */
    public ExecutionRun lastRun() {
        return last;
    }

    private ExecutionRun requireRun() {
        ExecutionRun r = last;
        if (r == null) {
            throw new IllegalStateException("run the executor first");
        }
        return r;
    }

    /**
     * Returns the indices of executions that succeeded in the last run.
     *
     * @return the indices, ascending (empty before the first run)
     */
    public List<Integer> successfulExecutions() {
        ExecutionRun r = last;
        return r == null ? List.of() : r.successfulExecutions();
    }

    /**
     * Returns the indices of executions that failed in the last run.
     *
     * @return the indices, ascending (empty before the first run)
     */
    public List<Integer> failedExecutions() {
        ExecutionRun r = last;
        return r == null ? List.of() : r.failedExecutions();
    }

    /**
     * Returns the results of the last run without their outputs.
     *
     * @return the results in argument order (empty before the first run)
     */
    public List<WorkflowResults> executionResults() {
        ExecutionRun r = last;
        return r == null ? List.of() : r.results();
    }

    /**
     * Returns the report folder of the last run ({@code <logsFolder>/eoexecution-report-<time>}).
     *
     * @return the folder, or null before the first run
     */
    public Path reportFolder() {
        ExecutionRun r = last;
        return r == null ? null : r.folder();
    }

    /**
     * Returns the log file of each execution of the last run.
     *
     * @return the paths, in argument order
     * @throws IllegalStateException before the first run
     */
    public List<Path> logPaths() {
        return logPaths(requireRun().folder());
    }

    private List<Path> logPaths(Path folder) {
        List<Path> out = new ArrayList<>();
        for (String n : executionNames) {
            out.add(logPath(folder, n));
        }
        return out;
    }

    private static Path logPath(Path folder, String name) {
        return folder.resolve("eoexecution-" + name + ".log");
    }

    /**
     * Writes {@code report.html} into the report folder: one self-contained HTML file.
     *
     * @param includeLogs whether to put the logs in the report (otherwise they are linked)
     * @return the report file
     * @throws IllegalStateException before the first run
     */
    public Path makeReport(boolean includeLogs) {
        ExecutionRun r = last;
        if (r == null) {
            throw new IllegalStateException("run the executor before making its report");
        }
        return r.makeReport(includeLogs);
    }

    /** Configures an {@link EOExecutor}. */
    public static final class Builder {
        private final EOWorkflow workflow;
        private final List<Map<EONode, Map<String, Object>>> executionArgs;
        private List<String> executionNames;
        private boolean saveLogs;
        private Path logsFolder = Path.of(".");
        private boolean raiseOnTemporalMismatch;
        private final List<ExecutionListener> listeners = new ArrayList<>();

        private Builder(EOWorkflow workflow, List<Map<EONode, Map<String, Object>>> executionArgs) {
            this.workflow = Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(executionArgs, "executionArgs");
            List<Map<EONode, Map<String, Object>>> copy = new ArrayList<>();
            for (int i = 0; i < executionArgs.size(); i++) {
                Map<EONode, Map<String, Object>> args = executionArgs.get(i);
                if (args == null) {
                    throw new IllegalArgumentException("execution arguments " + i + " are null");
                }
                for (Map.Entry<EONode, Map<String, Object>> e : args.entrySet()) {
                    if (e.getKey() == null || workflow.nodeWithUid(e.getKey().uid()) == null) {
                        throw new IllegalArgumentException("execution arguments " + i + " name " + e.getKey()
                                + ", which is not a node of the workflow");
                    }
                    if (e.getValue() == null) {
                        throw new IllegalArgumentException("execution arguments " + i + " of node "
                                + e.getKey().name() + " are null");
                    }
                }
                copy.add(Map.copyOf(args));
            }
            this.executionArgs = List.copyOf(copy);
        }

        /**
         * Names the executions (default {@code "1"}, {@code "2"}, ...); names become log file names.
         *
         * @param names one per execution
         * @return this builder
         */
        public Builder executionNames(List<String> names) {
            this.executionNames = List.copyOf(names);
            return this;
        }

        /**
         * Whether to write a log file per execution.
         *
         * @param save whether to save logs
         * @return this builder
         */
        public Builder saveLogs(boolean save) {
            this.saveLogs = save;
            return this;
        }

        /**
         * Where the report folder is created (default: the working directory).
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder logsFolder(Path folder) {
            this.logsFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Whether a temporal array whose length differs from the timestamps fails the execution (eo-learn's
         * {@code raise_on_temporal_mismatch}).
         *
         * @param raise whether to raise
         * @return this builder
         */
        public Builder raiseOnTemporalMismatch(boolean raise) {
            this.raiseOnTemporalMismatch = raise;
            return this;
        }

        /**
         * Adds a listener (for example {@link ProgressBar#onTerminal()}).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ExecutionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the executor.
         *
         * @return the executor
         */
        public EOExecutor build() {
            return new EOExecutor(this);
        }
    }
}
