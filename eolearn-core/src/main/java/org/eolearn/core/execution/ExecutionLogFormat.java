package org.eolearn.core.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * The lines of an execution log and the report folder's name, as eo-learn's executor writes them; one place for
 * every executor (this module's {@link EOExecutor}, the Spark executor).
 *
 * @since 0.1
 */
public final class ExecutionLogFormat {

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyy_MM_dd-HH_mm_ss");

    private ExecutionLogFormat() {
    }

    /**
     * The line an execution log starts with.
     *
     * @param name     the execution name
     * @param workflow the workflow
     * @return the message
     */
    public static String startLine(String name, EOWorkflow workflow) {
        return "Starting execution " + name + " of " + workflow;
    }

    /**
     * The lines an execution log ends with: each node's duration (and failure), then the outcome.
     *
     * @param name   the execution name
     * @param result its results
     * @return {level, message} pairs
     */
    public static List<String[]> summaryLines(String name, WorkflowResults result) {
        List<String[]> lines = new ArrayList<>();
        for (NodeStats s : result.stats().values()) {
            lines.add(nodeLine(s));
        }
        lines.add(outcomeLine(name, result));
        return lines;
    }

    /**
     * The log line of one node: its duration (and failure).
     *
     * @param s the node's statistics
     * @return {level, message}
     */
    public static String[] nodeLine(NodeStats s) {
        return new String[] {s.failed() ? "ERROR" : "INFO", "Node " + s.nodeName() + " ran for "
                + String.format(java.util.Locale.ROOT, "%.4f", s.duration().toNanos() / 1e9) + " s"
                + (s.failed() ? " and failed: " + s.exceptionInfo().traceback() : "")};
    }

    /**
     * The last log line of an execution: its outcome and duration.
     *
     * @param name   the execution name
     * @param result its results
     * @return {level, message}
     */
    public static String[] outcomeLine(String name, WorkflowResults result) {
        return new String[] {result.workflowFailed() ? "ERROR" : "INFO", "Execution " + name
                + (result.workflowFailed() ? " failed" : " succeeded") + " in " + result.duration().toMillis() / 1000.0
                + " s"};
    }

    /**
     * Formats a log line as the execution logs do ({@code "%(asctime)s %(name)-12s %(levelname)-8s %(message)s"}).
     *
     * @param time    when
     * @param logger  the logger name
     * @param level   the level
     * @param message the message
     * @return the line with its newline
     */
    public static String format(java.time.LocalDateTime time, String logger, String level, String message) {
        return ExecutionLogs.format(time, logger, level, message);
    }

    /**
     * Returns the report folder a run started at a given time uses.
     *
     * @param logsFolder the logs folder
     * @param start      the start time
     * @return {@code <logsFolder>/eoexecution-report-<yyyy_MM_dd-HH_mm_ss>}
     */
    public static Path reportFolder(Path logsFolder, Instant start) {
        return logsFolder.resolve("eoexecution-report-" + FOLDER_TIME.format(
                LocalDateTime.ofInstant(start, ZoneId.systemDefault())));
    }
}
