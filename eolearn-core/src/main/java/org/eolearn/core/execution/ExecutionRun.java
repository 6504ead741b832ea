package org.eolearn.core.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * What one run of an executor did, immutable: the one record of a finished run that {@link EOExecutor}, the Spark
 * executor and the HTML report share.
 *
 * @param workflow the workflow
 * @param names    the execution names
 * @param results  the results (without outputs), in argument order
 * @param start    when the run started
 * @param end      when it ended
 * @param workers  how many executions ran at once
 * @param logs     each execution's log file, or an empty list when no logs were saved
 * @param folder   the report folder ({@code <logs folder>/eoexecution-report-<time>})
 * @since 0.1
 */
public record ExecutionRun(EOWorkflow workflow, List<String> names, List<WorkflowResults> results, Instant start,
                           Instant end, int workers, List<Path> logs, Path folder) {

    /**
     * Copies the lists.
     *
     * @param workflow the workflow
     * @param names    the execution names
     * @param results  the results
     * @param start    the start
     * @param end      the end
     * @param workers  executions at once
     * @param logs     the log files
     * @param folder   the report folder
     */
    public ExecutionRun {
        names = List.copyOf(names);
        results = List.copyOf(results);
        logs = List.copyOf(logs);
    }

    /**
     * The indices of executions that succeeded.
     *
     * @return ascending indices
     */
    public List<Integer> successfulExecutions() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).workflowFailed()) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The indices of executions that failed.
     *
     * @return ascending indices
     */
    public List<Integer> failedExecutions() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).workflowFailed()) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Writes {@code report.html} into the report folder: one self-contained HTML file.
     *
     * @param includeLogs whether to put the logs in the report (otherwise they are linked)
     * @return the report file
     */
    public Path makeReport(boolean includeLogs) {
        return ExecutorReport.write(this, includeLogs);
    }
}
