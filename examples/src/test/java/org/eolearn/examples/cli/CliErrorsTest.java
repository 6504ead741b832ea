package org.eolearn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command-line failure is one line `error: ...` that says what is wrong and where, and exit code 1. */
class CliErrorsTest {

    @TempDir
    Path dir;

    /** Runs the command line and returns its standard error (standard output is dropped). */
    private static String errorOf(int expectedExit, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(EOLearnCommand.run(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String only(String err) {
        assertThat(err.lines().filter(l -> !l.isBlank()).count()).as(err).isEqualTo(1);
        assertThat(err).startsWith("error: ").doesNotContain("Exception").doesNotContain("null");
        return err.strip();
    }

    @Test
    void parameterFileThatIsNotJsonIsNamedWithThePlace() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
        String err = only(errorOf(1, "task", "RenameFeatureTask", "--params", bad.toString(),
                SharedData.testEOPatch().toString(), dir.resolve("out").toString()));
        assertThat(err).contains("parameter file " + bad + " is not valid JSON at line 1, column 2: ")
                .doesNotContain("REDACTED").doesNotContain("(code ");
        assertThat(only(errorOf(1, "task", "RenameFeatureTask", "--params", dir.resolve("none.json").toString(),
                SharedData.testEOPatch().toString(), dir.resolve("out").toString())))
                .isEqualTo("error: " + dir.resolve("none.json") + ": parameter file does not exist");
    }

    @Test
    void infoOnAFileSaysAPatchIsAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.json"), "{}");
        assertThat(only(errorOf(1, "info", file.toString())))
                .isEqualTo("error: " + file + ": not a folder (an EOPatch is a folder)");
        assertThat(only(errorOf(1, "info", dir.resolve("missing").toString()))).contains(dir.resolve("missing")
                .toString());
    }

    @Test
    void taskWithOnlyAnOutputFolderSaysTheInputIsMissing() {
        assertThat(only(errorOf(1, "task", "RenameFeatureTask", dir.resolve("out").toString())))
                .isEqualTo("error: RenameFeatureTask needs its input patch folder(s) before the output folder; "
                        + "only " + dir.resolve("out") + " is given, and it is taken as the output");
    }

    @Test
    void overwriteRefusalNamesTheCommandLineFlag() throws Exception {
        Path params = Files.writeString(dir.resolve("p.json"),
                "{\"init\": {\"features\": [[\"mask_timeless\", \"LULC\", \"LULC2\"]]}}");
        String in = SharedData.testEOPatch().toString();
        String out = dir.resolve("out").toString();
        assertThat(errorOf(0, "task", "RenameFeatureTask", "--params", params.toString(), in, out)).isEmpty();
        assertThat(only(errorOf(1, "task", "RenameFeatureTask", "--params", params.toString(), in, out)))
                .contains("already exists").endsWith("needs the overwrite permission OVERWRITE_FEATURES (pass "
                        + "--overwrite)");
        assertThat(only(errorOf(1, "copy", in, out))).endsWith("(pass --overwrite OVERWRITE_FEATURES)");
    }

    @Test
    void unreachableServerIsExplainedNotNull() {
        // nothing listens on port 1 of the loopback interface: the connection is refused at once
        String err = only(errorOf(1, "cloudless", "fetch-model", dir.toString(), "--url",
                "http://127.0.0.1:1/model.txt", "--timeout", "5"));
        assertThat(err).isEqualTo("error: downloading http://127.0.0.1:1/model.txt failed: cannot connect to the "
                + "server");
        assertThat(dir.resolve(org.eolearn.cloudless.S2PixelCloudDetector.MODEL_FILENAME)).doesNotExist();
    }

    @Test
    void waterMonitorOutlineWithoutCredentialsFailsBeforeAnnouncingTheDemo() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        String err;
        try {
            err = errorOf(1, "water-monitor", "--demo", "--outline", "POLYGON((0 0, 1 0, 1 1, 0 0))");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(only(err)).contains("--demo runs its own reservoir");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void messagesOfFailuresWithoutTheirOwn() {
        assertThat(CliErrors.message(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x"))))
                .isEqualTo("/x: no such file or folder");
        assertThat(CliErrors.message(new RuntimeException(new java.net.ConnectException())))
                .isEqualTo("cannot connect to the server");
        assertThat(CliErrors.message(new java.io.IOException(null,
                new java.nio.channels.UnresolvedAddressException())))
                .isEqualTo("the server's host name cannot be resolved (is the network reachable?)");
        assertThat(CliErrors.message(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(CliErrors.message(new IllegalStateException("two\nlines"))).isEqualTo("two lines");
    }
}
