package org.eolearn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.task.TaskParam;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every task explains itself: schemas for all, `eolearn tasks`, `eolearn task NAME --help`, docs/tasks.md. */
class TaskHelpTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = EOLearnCommand.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everyRegisteredTaskHasASchemaWithDescribedParameters() {
        TaskRegistry registry = TaskRegistry.standard();
        List<String> without = new ArrayList<>();
        for (String name : registry.names()) {
            TaskSchema s = registry.schema(name).orElse(null);
            if (s == null) {
                without.add(name);
                continue;
            }
            assertThat(s.module()).as(name).startsWith("eolearn-");
            assertThat(s.summary()).as(name).endsWith(".");
            for (TaskParam p : s.params()) {
                assertThat(p.description()).as(name + "." + p.name()).doesNotContain("\n");
                assertThat(p.name()).as(name).matches("[a-z][a-z0-9_]*");
            }
        }
        assertThat(without).as("tasks registered without a schema").isEmpty();
        assertThat(registry.names()).hasSizeGreaterThan(50);
    }

    @Test
    void docsTasksPageIsCurrent() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path page = (Files.exists(root.resolve("docs")) ? root : root.getParent()).resolve("docs/tasks.md");
        String expected = TaskHelp.markdown(TaskRegistry.standard());
        assertThat(Files.exists(page) ? Files.readString(page) : "")
                .as("docs/tasks.md is out of date: run ./eolearn tasks --markdown > docs/tasks.md")
                .isEqualTo(expected);
    }

    @Test
    void tasksListsEveryTaskByModuleWithItsSummary() {
        Result r = run("tasks");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("eolearn-core\n").contains("eolearn-features\n").contains("eolearn-mask\n")
                .contains("  SaveTask ").contains("Saves the patch to a folder in eo-learn's format.")
                .doesNotContain("(no schema)");
        assertThat(run("tasks", "--markdown").out()).startsWith("# Tasks\n").contains("### ErosionTask");
    }

    @Test
    void taskHelpShowsTheParameters() {
        Result r = run("task", "SaveTask", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("SaveTask (eolearn-core): Saves the patch")
                .contains("  path ").contains("path, required: the patch folder")
                .contains("overwrite_permission").contains("(one of ADD_ONLY, OVERWRITE_FEATURES, OVERWRITE_PATCH)");
        assertThat(run("task", "ErosionTask", "--help").out()).contains("mask_feature").contains("disk_radius");
        assertThat(run("task", "--help").out()).startsWith("Usage: eolearn task");
        Result unknown = run("task", "ErosionTsk", "--help");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("error: unknown task 'ErosionTsk' (did you mean 'ErosionTask'?)");
    }

    @Test
    void misspeltParameterNamesTheClosestOne() throws Exception {
        Path params = dir.resolve("p.json");
        Files.writeString(params, "{\"init\": {\"feature\": [\"mask_timeless\", \"LULC\", \"ERODED\"]}}");
        Result r = run("task", "ErosionTask", "--params", params.toString(), SharedData.testEOPatch().toString(),
                dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ErosionTask: unknown parameter 'feature' (did you mean 'mask_feature'?)");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
