package org.eolearn.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.EOWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eolearn bench executor}: the executor's own cost per execution. */
@Command(name = "executor", mixinStandardHelpOptions = true,
        description = "Time a 5-node no-op workflow over many executions with 1 and 2 workers: the executor's "
                + "overhead per execution (workflow bookkeeping, thread pool, results).")
final class ExecutorBench implements Callable<Integer> {

    @Option(names = "--executions", defaultValue = "10000",
            description = "Executions per measurement (default: ${DEFAULT-VALUE}).")
    int executions;

    @Option(names = "--repeat", defaultValue = "5", description = "Measurements, best kept (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        EOTask noop = (inputs, args) -> inputs.isEmpty() ? Boolean.TRUE : inputs.get(0);
        List<EONode> nodes = EONode.linearlyConnect(noop, noop, noop, noop, noop);
        EOWorkflow workflow = new EOWorkflow(nodes);
        List<Map<EONode, Map<String, Object>>> args = new ArrayList<>();
        for (int i = 0; i < executions; i++) {
            args.add(Map.of());
        }
        System.out.printf(Locale.ROOT, "5-node no-op workflow, %d executions, best of %d%n", executions, repeat);
        for (int workers : new int[] {1, 2}) {
            EOExecutor executor = EOExecutor.builder(workflow, args).build();
            executor.run(workers); // warm-up
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeat; r++) {
                long start = System.nanoTime();
                executor.run(workers);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            System.out.printf(Locale.ROOT, "workers %d: %.3f s, %.1f us per execution, %.0f executions/s%n", workers,
                    best, best / executions * 1e6, executions / best);
        }
        return 0;
    }
}
