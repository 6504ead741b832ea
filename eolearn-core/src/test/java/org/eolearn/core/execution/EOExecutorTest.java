package org.eolearn.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.InputTask;
import org.eolearn.core.task.OutputTask;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.core.workflow.WorkflowResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tests {@link EOExecutor}: order, failure isolation, log files, the report. */
class EOExecutorTest {

    private static final Logger LOG = LoggerFactory.getLogger(EOExecutorTest.class);

    @TempDir
    Path dir;

    /** Logs a line, sleeps a little (more for small values, to shuffle completion order), fails on 13. */
    private static final EOTask WORK = new EOTask() {
        @Override
        public Object execute(List<Object> inputs, Map<String, Object> args) {
            int v = (Integer) inputs.get(0);
            LOG.warn("working on value {}", v);
            try {
                Thread.sleep(v % 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (v == 13) {
                throw new IllegalArgumentException("unlucky " + v);
            }
            return v * 2;
        }

        @Override
        public String name() {
            return "WorkTask";
        }
    };

    private static final class Fixture {
        final EONode input = new EONode(new InputTask(), List.of(), "input");
        final EONode work = EONode.of(WORK, input);
        final EONode output = EONode.of(new OutputTask("doubled"), work);
        final EOWorkflow workflow = new EOWorkflow(List.of(input, work, output));

        List<Map<EONode, Map<String, Object>>> args(int n) {
            List<Map<EONode, Map<String, Object>>> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(Map.of(input, Map.of("value", i)));
            }
            return list;
        }
    }

    @Test
    void oneFailureInAHundredExecutions() {
        Fixture f = new Fixture();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        EOExecutor executor = EOExecutor.builder(f.workflow, f.args(100)).saveLogs(true).logsFolder(dir)
                .listener(new ExecutionListener() {
                    @Override
                    public void executionFinished(int index, String name, WorkflowResults results) {
                        seen.add(index);
                    }
                }).build();
        List<WorkflowResults> results = executor.run(2);
        assertThat(results).hasSize(100);
        assertThat(seen).hasSize(100);
        for (int i = 0; i < 100; i++) {
            if (i == 13) {
                assertThat(results.get(i).workflowFailed()).isTrue();
                assertThat(results.get(i).errorNodeUid()).isEqualTo(f.work.uid());
                assertThat(results.get(i).errorStats().exceptionInfo().origin()).contains("EOExecutorTest");
            } else {
                assertThat(results.get(i).outputs()).containsEntry("doubled", 2 * i);
            }
        }
        assertThat(executor.failedExecutions()).containsExactly(13);
        assertThat(executor.successfulExecutions()).hasSize(99);
        assertThat(executor.executionResults().get(0).outputs()).as("kept without outputs").isEmpty();
        String report;
        try {
            report = Files.readString(executor.makeReport(false));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(report).contains("Number of finished executions</th><td>99")
                .contains("Number of failed executions</th><td>1").contains("<b>WorkTask</b> (" + f.work.uid() + ")")
                .contains("java.lang.IllegalArgumentException raised from org.eolearn.core.execution.EOExecutorTest")
                .contains("1 failed execution(s): <a href=\"#execution-14\">14</a>");
    }

    @Test
    void logFilesHoldEachExecutionsOwnRecords() throws Exception {
        Fixture f = new Fixture();
        EOExecutor executor = EOExecutor.builder(f.workflow, f.args(6)).saveLogs(true).logsFolder(dir)
                .executionNames(List.of("a", "b", "c", "d", "e", "f")).build();
        executor.run(3);
        assertThat(executor.reportFolder().getFileName().toString()).matches("eoexecution-report-\\d{4}_\\d\\d_\\d\\d-"
                + "\\d\\d_\\d\\d_\\d\\d");
        List<Path> logs = executor.logPaths();
        assertThat(logs.get(1).getFileName().toString()).isEqualTo("eoexecution-b.log");
        for (int i = 0; i < 6; i++) {
            String text = Files.readString(logs.get(i));
            assertThat(text).contains("working on value " + i).contains("Starting execution")
                    .contains("succeeded");
            for (int j = 0; j < 6; j++) {
                if (j != i) {
                    assertThat(text).doesNotContain("working on value " + j + "\n");
                }
            }
            assertThat(text).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} EOExecutor\\s+INFO");
        }
    }

    /**
     * Two executors at once, each with 3 workers whose threads have the same names, into one folder, twice: every
     * log holds its own execution's records only. Before, logback's file appenders shared an unsynchronised map of
     * the logger context and workers starting together failed with a ConcurrentModificationException.
     */
    @Test
    void concurrentExecutorsKeepTheirLogsApart() throws Exception {
        Fixture f = new Fixture();
        int n = 40;
        for (int round = 0; round < 2; round++) {
            List<EOExecutor> executors = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            for (String prefix : List.of("x", "y")) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    names.add(prefix + round + "-" + i);
                }
                EOExecutor executor = EOExecutor.builder(f.workflow, f.args(n)).saveLogs(true).logsFolder(dir)
                        .executionNames(names).build();
                executors.add(executor);
                Thread t = new Thread(() -> {
                    try {
                        executor.run(3);
                    } catch (RuntimeException | Error e) {
                        errors.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
            for (EOExecutor executor : executors) {
                assertThat(executor.failedExecutions()).containsExactly(13);
                List<Path> logs = executor.logPaths();
                for (int i = 0; i < n; i++) {
                    String text = Files.readString(logs.get(i));
                    assertThat(text.split("working on value ", -1)).as(logs.get(i).toString()).hasSize(2);
                    assertThat(text).contains("working on value " + i + "\n").contains("Starting execution");
                }
            }
        }
    }

    @Test
    void eachNodeIsLoggedAtItsOwnTime() throws Exception {
        EOTask slow = new EOTask() {
            @Override
            public Object execute(List<Object> inputs, Map<String, Object> args) {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inputs.get(0);
            }

            @Override
            public String name() {
                return "SlowTask";
            }
        };
        EONode input = new EONode(new InputTask(), List.of(), "input");
        EONode first = EONode.of(slow, input);
        EONode second = EONode.of(slow, first);
        EOWorkflow workflow = new EOWorkflow(List.of(input, first, second));
        EOExecutor executor = EOExecutor.builder(workflow, List.of(Map.of(input, Map.of("value", 1)))).saveLogs(true)
                .logsFolder(dir).build();
        executor.run(1);
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm:ss,SSS");
        List<java.time.LocalDateTime> nodeTimes = new ArrayList<>();
        for (String line : Files.readAllLines(executor.logPaths().get(0))) {
            if (line.contains("Node SlowTask") && line.contains(" ran for ")) {
                nodeTimes.add(java.time.LocalDateTime.parse(line.substring(0, 23), time));
            }
        }
        assertThat(nodeTimes).hasSize(2);
        // the second node's line is written when it has run, about 0.4 s after the first's
        assertThat(java.time.Duration.between(nodeTimes.get(0), nodeTimes.get(1)).toMillis()).isGreaterThan(300);
    }

    @Test
    void executionsGetTheirShareOfTheCoresAndHelpersLogIntoTheirExecution() throws Exception {
        java.util.Set<Integer> budgets = java.util.concurrent.ConcurrentHashMap.newKeySet();
        EOTask kernel = new EOTask() {
            @Override
            public Object execute(List<Object> inputs, Map<String, Object> args) {
                int v = (Integer) inputs.get(0);
                budgets.add(org.eolearn.core.compute.ComputePolicy.threads());
                java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
                // two indices that wait for each other run on two threads: the caller and a helper
                org.eolearn.core.compute.ComputePolicy.withThreads(2, () -> {
                    org.eolearn.core.compute.ComputePolicy.parallelFor(2, i -> {
                        both.countDown();
                        try {
                            both.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        LOG.warn("kernel part {} of value {} on {}", i, v,
                                Thread.currentThread().getName().startsWith("eolearn-compute") ? "a helper"
                                        : "the worker");
                    });
                    return null;
                });
                return v;
            }

            @Override
            public String name() {
                return "KernelTask";
            }
        };
        EONode input = new EONode(new InputTask(), List.of(), "input");
        EONode work = EONode.of(kernel, input);
        EOWorkflow workflow = new EOWorkflow(List.of(input, work));
        List<Map<EONode, Map<String, Object>>> args = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            args.add(Map.of(input, Map.of("value", i)));
        }
        EOExecutor executor = EOExecutor.builder(workflow, args).saveLogs(true).logsFolder(dir).build();
        executor.run(2);
        assertThat(budgets).containsExactly(org.eolearn.core.compute.ComputePolicy.threadsPerExecution(2));
        for (int i = 0; i < 6; i++) {
            String text = Files.readString(executor.logPaths().get(i));
            assertThat(text).contains("of value " + i + " on a helper").contains("of value " + i + " on the worker");
            assertThat(text.split("kernel part", -1)).hasSize(3);
        }
    }

    @Test
    void reportIsOneSelfContainedHtmlFile() throws Exception {
        Fixture f = new Fixture();
        EOExecutor executor = EOExecutor.builder(f.workflow, f.args(20)).saveLogs(true).logsFolder(dir).build();
        executor.run(1);
        Path report = executor.makeReport(true);
        String html = Files.readString(report);
        assertThat(report.getFileName().toString()).isEqualTo("report.html");
        assertThat(html).contains("<svg").contains("WorkTask").contains("Number of failed executions</th><td>1")
                .contains("java.lang.IllegalArgumentException raised from").contains("Example message: unlucky 13")
                .contains("1 failed execution(s): <a href=\"#execution-14\">14</a>")
                .containsPattern("Between [0-9.e-]+ and [0-9.e-]+ seconds, usually [0-9.e-]+ &#177; [0-9.e-]+ seconds")
                .contains("working on value 13");
        // self-contained: nothing is fetched (the SVG namespace is an identifier, not a fetch)
        assertThat(html).doesNotContain("src=").doesNotContain("<link").doesNotContain("<script")
                .doesNotContain("href=\"http").doesNotContain("url(http");
        Path linked = executor.makeReport(false);
        assertThat(Files.readString(linked)).contains("<a href=\"eoexecution-14.log\">Logs</a>");
    }

    @Test
    void temporalMismatchCanFailTheExecution() {
        EONode input = new EONode(new InputTask(), List.of(), "input");
        EONode put = EONode.of((inputs, args) -> ((EOPatch) inputs.get(0)).put(FeatureType.DATA, "X",
                NdArrays.zeros(DType.FLOAT32, 3, 1, 1, 1)), input);
        EOWorkflow w = new EOWorkflow(List.of(input, put));
        List<Map<EONode, Map<String, Object>>> args = List.of(Map.of(input, Map.of("value", new EOPatch(null,
                List.of()))));
        assertThat(EOExecutor.builder(w, args).build().run(1).get(0).workflowFailed()).isFalse();
        WorkflowResults strict = EOExecutor.builder(w, args).raiseOnTemporalMismatch(true).build().run(1).get(0);
        assertThat(strict.workflowFailed()).isTrue();
        assertThat(strict.errorStats().exceptionInfo().exception()).hasMessageContaining("temporal dimension 3");
    }

    @Test
    void badConfigurationIsRejected() {
        Fixture f = new Fixture();
        assertThatThrownBy(() -> EOExecutor.builder(f.workflow, f.args(2)).executionNames(List.of("x")).build())
                .hasMessageContaining("2 execution argument sets but 1 execution names");
        assertThatThrownBy(() -> EOExecutor.builder(f.workflow, List.of(Map.of(EONode.of(WORK), Map.of()))))
                .hasMessageContaining("not a node of the workflow");
        assertThatThrownBy(() -> EOExecutor.builder(f.workflow, f.args(1)).build().run(0))
                .hasMessageContaining("workers");
        assertThatThrownBy(() -> EOExecutor.builder(f.workflow, f.args(1)).build().makeReport(true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pythonGFormat() {
        assertThat(ExecutorReport.formatG(0.000123456, 4)).isEqualTo("0.0001235");
        assertThat(ExecutorReport.formatG(0.0000123456, 4)).isEqualTo("1.235e-05");
        assertThat(ExecutorReport.formatG(12.5, 4)).isEqualTo("12.5");
        assertThat(ExecutorReport.formatG(123456, 4)).isEqualTo("1.235e+05");
        assertThat(ExecutorReport.formatG(2, 4)).isEqualTo("2");
    }

    /** Runs out of memory (a real allocation the test heap cannot hold) on 1, overflows the stack on 2. */
    private static final EOTask GREEDY = new EOTask() {
        @Override
        public Object execute(List<Object> inputs, Map<String, Object> args) {
            int v = (Integer) inputs.get(0);
            if (v == 1) {
                long[] huge = new long[Integer.MAX_VALUE - 8];
                return huge.length;
            }
            if (v == 2) {
                return recurse(0);
            }
            return v * 2;
        }

        private int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }

        @Override
        public String name() {
            return "GreedyTask";
        }
    };

    @Test
    void outOfMemoryAndStackOverflowFailOneExecutionNotTheRun() {
        for (int workers : new int[] {1, 3}) {
            EONode input = new EONode(new InputTask(), List.of(), "input");
            EONode greedy = new EONode(GREEDY, List.of(input), "greedy");
            EONode output = EONode.of(new OutputTask("out"), greedy);
            EOWorkflow workflow = new EOWorkflow(List.of(input, greedy, output));
            List<Map<EONode, Map<String, Object>>> args = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                args.add(Map.of(input, Map.of("value", i)));
            }
            EOExecutor executor = EOExecutor.builder(workflow, args).saveLogs(true).logsFolder(dir).build();
            List<WorkflowResults> results = executor.run(workers);
            assertThat(executor.failedExecutions()).as(workers + " workers").containsExactly(1, 2);
            for (int i : new int[] {0, 3, 4}) {
                assertThat(results.get(i).outputs()).containsEntry("out", 2 * i);
            }
            Throwable oom = results.get(1).errorStats().exceptionInfo().exception();
            assertThat(oom).isInstanceOf(OutOfMemoryError.class)
                    .hasMessageStartingWith("out of memory in greedy (GreedyTask): ").hasCauseInstanceOf(OutOfMemoryError.class);
            assertThat(results.get(1).errorNodeUid()).isEqualTo(greedy.uid());
            Throwable soe = results.get(2).errorStats().exceptionInfo().exception();
            assertThat(soe).isInstanceOf(StackOverflowError.class).hasMessageStartingWith("stack overflow in greedy (GreedyTask)");
            assertThat(results.get(2).errorStats().exceptionInfo().traceback().length()).isLessThan(200_000);
        }
        // with errors raised, the error still reaches the caller
        EONode input = new EONode(new InputTask(), List.of(), "input");
        EONode greedy = new EONode(GREEDY, List.of(input), "greedy");
        EOWorkflow workflow = new EOWorkflow(List.of(input, greedy));
        assertThatThrownBy(() -> workflow.execute(Map.of(input, Map.of("value", 1))))
                .isInstanceOf(OutOfMemoryError.class);
    }
}
