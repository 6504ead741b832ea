package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that reads and writes GeoPackages and is then killed leaves nothing in {@code java.io.tmpdir}: the SQLite
 * native library comes from the per-user cache, {@code .gpkg.gz} files are read in memory.
 */
class TempFilesTest {

    @TempDir
    Path dir;

    @Test
    void aKilledJvmLeavesNoTemporaryFiles() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        Path work = Files.createDirectories(dir.resolve("work"));
        for (int run = 0; run < 2; run++) { // the second run reuses the cached library
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmp, "-Deolearn.cache.dir=" + cache,
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    TempFilesChild.class.getName(), work.resolve("r" + run).toString());
            Files.createDirectories(work.resolve("r" + run));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.equals("READY")) {
                        break;
                    }
                }
                if (!output.contains("READY")) {
                    fail("child failed: " + String.join("\n", output));
                }
                assertThat(list(tmp)).as("java.io.tmpdir while the child runs").isEmpty();
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(list(tmp)).as("java.io.tmpdir after the child was killed").isEmpty();
        }
        assertThat(list(cache)).anyMatch(s -> s.matches("sqlite-jdbc-.*/libsqlitejdbc\\.so")
                || s.matches("sqlite-jdbc-.*/.*sqlitejdbc.*"));
    }

    private static List<String> list(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
