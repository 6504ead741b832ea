package org.eolearn.core.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one workflow execution (eo-learn's {@code WorkflowResults}): the outputs of its
 * {@code OutputTask}s, timing, per-node statistics in execution order, and the first failed node if any.
 *
 * @param outputs      output name to value
 * @param startTime    when the execution started
 * @param endTime      when it ended
 * @param stats        node uid to statistics, in execution order (nodes after a failure have none)
 * @param errorNodeUid the uid of the node that failed, or null
 * @since 0.1
 */
public record WorkflowResults(Map<String, Object> outputs, Instant startTime, Instant endTime,
                              Map<String, NodeStats> stats, String errorNodeUid) {

    /**
     * Validates and copies the components.
     *
     * @param outputs      not null
     * @param startTime    not null
     * @param endTime      not null
     * @param stats        not null
     * @param errorNodeUid may be null
     */
    public WorkflowResults {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outputs, "outputs")));
        stats = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(stats, "stats")));
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }

    /**
     * Tells whether a task failed.
     *
     * @return whether there is an error node
     */
    public boolean workflowFailed() {
        return errorNodeUid != null;
    }

    /**
     * Returns the failed node's statistics.
     *
     * @return the statistics, or null when nothing failed
     */
    public NodeStats errorStats() {
        return errorNodeUid == null ? null : stats.get(errorNodeUid);
    }

    /**
     * Returns the results without outputs (what the executor keeps to save memory).
     *
     * @return a copy with no outputs
     */
    public WorkflowResults dropOutputs() {
        return new WorkflowResults(Map.of(), startTime, endTime, stats, errorNodeUid);
    }

    /**
     * Returns how long the execution ran.
     *
     * @return the duration
     */
    public Duration duration() {
        return Duration.between(startTime, endTime);
    }
}
