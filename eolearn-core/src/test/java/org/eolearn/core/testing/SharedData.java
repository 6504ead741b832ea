package org.eolearn.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference data ({@code ../shared}) given by {@code -Deolearn.shared=PATH}.
 *
 * <p>Without the property, tests that need the data are skipped, unless {@code -Deolearn.requireShared=true}
 * (set by CI), which makes them fail instead.
 */
public final class SharedData {

    private SharedData() {
    }

    /**
     * Returns the shared folder, or skips (or fails, when required) the calling test.
     *
     * @return the folder
     */
    public static Path root() {
        String prop = System.getProperty("eolearn.shared", "");
        boolean required = Boolean.getBoolean("eolearn.requireShared");
        Path root = null;
        if (!prop.isBlank()) {
            Path given = Path.of(prop);
            String projectRoot = System.getProperty("eolearn.root", "");
            // a relative path is relative to the directory Maven was started in (the repository root)
            root = (given.isAbsolute() || projectRoot.isBlank() ? given.toAbsolutePath()
                    : Path.of(projectRoot).resolve(given)).normalize();
        }
        boolean ok = root != null && Files.isDirectory(root.resolve("data"));
        if (!ok) {
            String why = "shared reference data not found (eolearn.shared='" + prop + "'); pass "
                    + "-Deolearn.shared=<path of ../shared>";
            if (required) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return root;
    }

    /**
     * Returns a path inside the shared folder, checking it exists.
     *
     * @param relative for example {@code data/eolearn/TestEOPatch}
     * @return the path
     */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            fail("shared file missing: " + p);
        }
        return p;
    }

    /**
     * Returns eo-learn's TestEOPatch folder.
     *
     * @return the folder
     */
    public static Path testEOPatch() {
        return resolve("data/eolearn/TestEOPatch");
    }

    /**
     * Returns a parity case folder.
     *
     * @param id the case id
     * @return the folder
     */
    public static Path parityCase(String id) {
        return resolve("parity/public/" + id);
    }
}
