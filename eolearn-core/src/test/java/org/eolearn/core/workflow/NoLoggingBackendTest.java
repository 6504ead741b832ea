package org.eolearn.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eolearn.core.task.CreateEOPatchTask;
import org.eolearn.core.task.PatchTask;
import org.junit.jupiter.api.Test;

/**
 * A plain program without an SLF4J backend still sees a failing task, as eo-learn shows it with no set-up: the test
 * runs {@link Program} in a JVM whose class path lacks logback.
 */
class NoLoggingBackendTest {

    /** A program that runs a workflow whose second task fails. */
    public static final class Program {
        private Program() {
        }

        /**
         * Runs it.
         *
         * @param args none
         */
        public static void main(String[] args) {
            PatchTask fail = p -> {
                throw new IllegalStateException("the band index 7 is out of range");
            };
            List<EONode> nodes = EONode.linearlyConnect(new CreateEOPatchTask(), fail);
            WorkflowResults r = new EOWorkflow(nodes).execute(Map.of(nodes.get(0), Map.of()), false);
            System.out.println("failed: " + r.workflowFailed());
        }
    }

    @Test
    void failingTaskIsPrintedWithoutALoggingBackend() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("logback")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, Program.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("failed: true")
                .contains("EOWorkflow: task ").contains("failed with java.lang.IllegalStateException: the band index 7 "
                        + "is out of range")
                .contains("NoLoggingBackendTest").contains("no SLF4J backend is on the class path");
    }
}
