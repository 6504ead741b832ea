package org.eolearn.core.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened at one node of one execution (eo-learn's {@code NodeStats}).
 *
 * @param nodeUid       the node's uid
 * @param nodeName      the node's name
 * @param startTime     when the task started
 * @param endTime       when it ended
 * @param exceptionInfo the failure, or null if the task succeeded
 * @since 0.1
 */
public record NodeStats(String nodeUid, String nodeName, Instant startTime, Instant endTime,
                        ExceptionInfo exceptionInfo) {

    /**
     * Validates the components.
     *
     * @param nodeUid       not null
     * @param nodeName      not null
     * @param startTime     not null
     * @param endTime       not null
     * @param exceptionInfo may be null
     */
    public NodeStats {
        Objects.requireNonNull(nodeUid, "nodeUid");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }

    /**
     * Returns how long the task ran.
     *
     * @return the duration
     */
    public Duration duration() {
        return Duration.between(startTime, endTime);
    }

    /**
     * Tells whether the task failed.
     *
     * @return whether there is exception information
     */
    public boolean failed() {
        return exceptionInfo != null;
    }
}
