package org.eolearn.core.execution;

import org.eolearn.core.workflow.WorkflowResults;

/**
 * Follows an {@link EOExecutor} run, for progress displays in programs. Methods are called from worker threads
 * and must be thread-safe; they should return quickly.
 *
 * @since 0.1
 */
public interface ExecutionListener {

    /**
     * The run starts.
     *
     * @param total the number of executions
     */
    default void started(int total) {
    }

    /**
     * One execution finished (successfully or not).
     *
     * @param index   its index in the argument list
     * @param name    its name
     * @param results its results
     */
    default void executionFinished(int index, String name, WorkflowResults results) {
    }

    /**
     * Called on the executing thread when a node of an execution has run (also when it failed).
     *
     * @param index the execution's index
     * @param name  the execution's name
     * @param node  the node's statistics
     */
    default void nodeFinished(int index, String name, org.eolearn.core.workflow.NodeStats node) {
    }

    /** The run ended. */
    default void finished() {
    }
}
