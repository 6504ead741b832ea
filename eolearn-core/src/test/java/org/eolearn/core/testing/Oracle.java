package org.eolearn.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference of {@code ../shared/oracle} (eo-learn 1.5.6, numpy, GDAL's Python bindings, ...), run as
 * {@code bash ../shared/oracle/env.sh python SCRIPT ARGS...}.
 *
 * <p>Tests that need it are skipped when it is not installed, unless {@code -Deolearn.requireOracle=true} (set by CI,
 * which installs it with the oracle's {@code setup.sh}), which makes them fail instead.
 */
public final class Oracle {

    private static volatile Boolean available;

    private Oracle() {
    }

    /**
     * Returns the command prefix that runs the reference Python, or skips (fails, when required) the calling test.
     *
     * @return for example {@code [bash, /work/shared/oracle/env.sh, python]}
     */
    public static List<String> python() {
        Path env = SharedData.root().resolve("oracle/env.sh");
        List<String> prefix = List.of("bash", env.toString(), "python");
        if (available == null) {
            available = Files.isRegularFile(env) && probe(prefix);
        }
        if (!available) {
            String why = "the eo-learn oracle is not installed (run bash ../shared/oracle/setup.sh)";
            if (Boolean.getBoolean("eolearn.requireOracle")) {
                fail(why + "; -Deolearn.requireOracle=true");
            }
            assumeTrue(false, why);
        }
        return prefix;
    }

    /**
     * Runs a Python script with the reference importable and returns its standard output; fails the test when the
     * script exits with an error.
     *
     * @param script  the script text
     * @param timeout seconds to wait
     * @param args    its arguments
     * @return what it printed
     * @throws IOException if it cannot be started
     */
    public static String run(String script, long timeout, String... args) throws IOException {
        Path file = Files.createTempFile("eolearn-oracle-", ".py");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(python());
            cmd.add(file.toString());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            try {
                if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("oracle script timed out after " + timeout + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail("oracle script failed (exit " + p.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean probe(List<String> prefix) {
        try {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of("-c", "import eolearn.core, numpy"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
