package org.eolearn.core.task;

/**
 * Registers a module's tasks with the {@link TaskRegistry}. Modules list their provider in
 * {@code META-INF/services/org.eolearn.core.task.TaskProvider}; {@link TaskRegistry#standard()} finds them with
 * {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface TaskProvider {

    /**
     * Registers tasks.
     *
     * @param registry the registry
     */
    void register(TaskRegistry registry);
}
