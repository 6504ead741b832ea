package org.eolearn.io.raster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * GDAL's command-line tools (Debian's gdal-bin) as test oracles: found on the PATH; missing, they skip the calling
 * test, or fail it under {@code -Deolearn.requireTools=true} (CI).
 */
public final class GdalTools {

    private GdalTools() {
    }

    /**
     * The path of a GDAL tool, or skips (fails when required) the calling test.
     *
     * @param name e.g. {@code gdalwarp}
     * @return its path
     */
    public static String require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if (Boolean.getBoolean("eolearn.requireTools")) {
            fail(name + " is not on the PATH but eolearn.requireTools=true (install gdal-bin)");
        }
        Assumptions.abort(name + " is not on the PATH: GDAL checks skipped (install gdal-bin)");
        return null;
    }

    /**
     * Runs a GDAL tool and fails the test when it fails.
     *
     * @param env  extra environment variables
     * @param args the tool and its arguments
     * @return what it printed
     * @throws IOException          if it cannot start
     * @throws InterruptedException if interrupted
     */
    public static String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.set(0, require(args[0]));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
