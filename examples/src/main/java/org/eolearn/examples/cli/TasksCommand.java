package org.eolearn.examples.cli;

import java.util.concurrent.Callable;
import org.eolearn.core.task.TaskRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eolearn tasks [--markdown]}: the registered tasks with one-line descriptions, by module. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"List the registered tasks, by module, with what each does.",
            "`eolearn task NAME --help` shows a task's parameters."})
final class TasksCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print the reference page docs/tasks.md instead (every parameter).")
    boolean markdown;

    @Override
    public Integer call() {
        TaskRegistry registry = TaskRegistry.standard();
        System.out.print(markdown ? TaskHelp.markdown(registry) : TaskHelp.list(registry));
        return 0;
    }
}
