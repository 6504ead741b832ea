package org.eolearn.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.core.task.TaskParam;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;

/**
 * Texts made from the tasks' schemas: the list of {@code eolearn tasks}, the help of {@code eolearn task NAME
 * --help}, and the reference docs/tasks.md (its test checks that the file is current).
 */
final class TaskHelp {

    private TaskHelp() {
    }

    /** The schemas by module (modules in the registry's order of first appearance, tasks sorted). */
    static Map<String, List<TaskSchema>> byModule(TaskRegistry registry) {
        Map<String, List<TaskSchema>> out = new TreeMap<>((a, b) -> moduleOrder(a) != moduleOrder(b)
                ? Integer.compare(moduleOrder(a), moduleOrder(b)) : a.compareTo(b));
        for (String name : registry.names()) {
            TaskSchema s = registry.schema(name).orElse(null);
            String module = s == null ? "(no schema)" : s.module();
            out.computeIfAbsent(module, k -> new ArrayList<>()).add(s == null
                    ? TaskSchema.builder(module, name, "(registered without a schema)").build() : s);
        }
        return out;
    }

    /** eolearn-core first, then the other modules alphabetically. */
    private static int moduleOrder(String module) {
        return "eolearn-core".equals(module) ? 0 : module.startsWith("(") ? 2 : 1;
    }

    /** One line per task, grouped by module. */
    static String list(TaskRegistry registry) {
        StringBuilder b = new StringBuilder();
        int width = registry.names().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, List<TaskSchema>> e : byModule(registry).entrySet()) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(e.getKey()).append('\n');
            for (TaskSchema s : e.getValue()) {
                b.append("  ").append(String.format("%-" + width + "s", s.name())).append("  ").append(s.summary())
                        .append('\n');
            }
        }
        b.append("\n`eolearn task NAME --help` shows a task's parameters.\n");
        return b.toString();
    }

    /** The help of one task: summary, then a line per parameter. */
    static String help(TaskSchema s) {
        StringBuilder b = new StringBuilder();
        b.append(s.name()).append(" (").append(s.module()).append("): ").append(s.summary()).append("\n\n");
        if (s.params().isEmpty()) {
            b.append("No parameters.\n");
        } else {
            b.append("Parameters (JSON, in eo-learn's names):\n");
            int width = s.params().stream().mapToInt(p -> p.name().length()).max().orElse(4);
            for (TaskParam p : s.params()) {
                b.append("  ").append(String.format("%-" + width + "s", p.name())).append("  ")
                        .append(p.type().label()).append(", ").append(p.required() ? "required"
                                : "default " + p.defaultValue()).append(": ").append(p.description());
                if (!p.allowed().isEmpty()) {
                    b.append(" (one of ").append(String.join(", ", p.allowed())).append(')');
                }
                b.append('\n');
            }
        }
        b.append("\nRun it: eolearn task ").append(s.name())
                .append(" --params P.json INPUT... OUTPUT, with P.json = {\"init\": {parameters}}.\n");
        return b.toString();
    }

    /** docs/tasks.md: every task with its parameters, by module. */
    static String markdown(TaskRegistry registry) {
        StringBuilder b = new StringBuilder();
        b.append("# Tasks\n\n");
        b.append("Every task the library registers, by module, with its parameters in eo-learn's names, order and ")
                .append("defaults (as Python writes them). Workflow JSON (`eolearn run`), `eolearn task NAME` and ")
                .append("`TaskRegistry.create` take these parameters; an unknown name is rejected with the closest ")
                .append("known one. This page is generated from the tasks' schemas by `./eolearn tasks --markdown ")
                .append("> docs/tasks.md`, and a test checks that it is current.\n\n");
        for (Map.Entry<String, List<TaskSchema>> e : byModule(registry).entrySet()) {
            b.append("## ").append(e.getKey()).append("\n\n");
            for (TaskSchema s : e.getValue()) {
                b.append("### ").append(s.name()).append("\n\n").append(s.summary()).append("\n\n");
                if (s.params().isEmpty()) {
                    b.append("No parameters.\n\n");
                    continue;
                }
                b.append("| parameter | type | default | meaning |\n|---|---|---|---|\n");
                for (TaskParam p : s.params()) {
                    String meaning = p.description() + (p.allowed().isEmpty() ? ""
                            : " (one of " + String.join(", ", p.allowed().stream().map(v -> "`" + v + "`")
                            .toList()) + ")");
                    b.append("| `").append(p.name()).append("` | ").append(p.type().label()).append(" | ")
                            .append(p.required() ? "required" : "`" + p.defaultValue() + "`").append(" | ")
                            .append(cell(meaning)).append(" |\n");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
