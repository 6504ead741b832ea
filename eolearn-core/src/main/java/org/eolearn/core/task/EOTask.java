package org.eolearn.core.task;

import java.util.List;
import java.util.Map;

/**
 * A unit of work on patches, eo-learn's {@code EOTask}: configured and validated in its constructor, immutable
 * afterwards, and run by a workflow with the results of its input nodes and the execution's arguments.
 *
 * <p>Most tasks take one patch and return it: they implement {@link PatchTask}. Tasks with other shapes (several
 * inputs, execute-time arguments, no input) implement this interface directly; {@code args} are eo-learn's
 * keyword arguments of {@code execute}, by eo-learn's names (for example {@code eopatch_folder}).
 *
 * <h2>Thread-safety</h2>
 * A task must be safe to run on many threads at once: keep all configuration in final fields and all state of
 * one run in local variables. The workflow hands each task shallow copies of input patches, so a task may add
 * and remove features of its input patch without affecting other nodes.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EOTask {

    /**
     * Runs the task.
     *
     * @param inputs the results of the node's input nodes, in order (patches are shallow copies)
     * @param args   execute-time arguments by name (empty when there are none)
     * @return the result, usually a patch
     */
    Object execute(List<Object> inputs, Map<String, Object> args);

    /**
     * Describes the task's configuration for reports and logs (eo-learn's recorded {@code init_args}).
     *
     * @return parameter name to value, in declaration order
     */
    default Map<String, Object> describe() {
        return Map.of();
    }

    /**
     * Returns the task's name, by default its class name (nodes are named after it).
     *
     * @return the name
     */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "EOTask" : simple;
    }
}
