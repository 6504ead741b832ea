package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the old file and no temporary file; a good one replaces it. */
class AtomicFilesTest {

    @Test
    void replacesOnSuccessAndKeepsTheOldFileOnFailure(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThatThrownBy(() -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "half of a thi");
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("second");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void filesGetTheModeOfAPlainWrite(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
        // and the files of a saved patch
        org.eolearn.core.EOPatch patch = org.eolearn.core.testing.PatchGenerator.everyKind(1);
        patch.save(dir.resolve("patch"));
        try (Stream<Path> files = Files.walk(dir.resolve("patch"))) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                        .isEqualTo(Files.getPosixFilePermissions(plain));
            }
        }
    }
}
