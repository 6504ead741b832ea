package org.eolearn.core.task;

/**
 * Builds a task from its JSON parameters.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TaskFactory {

    /**
     * Builds the task.
     *
     * @param params the constructor parameters by eo-learn's names
     * @return the task
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    EOTask create(TaskParams params);
}
