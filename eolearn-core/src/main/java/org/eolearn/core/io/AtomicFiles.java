package org.eolearn.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes files so that a failure never leaves a partial file: the content goes to a temporary file beside the target,
 * which then replaces the target in one atomic move (a plain move where the file system cannot move atomically). The
 * file gets the permissions a plain write would give it (those the umask allows).
 *
 * @since 0.1
 */
public final class AtomicFiles {

    /** Writes a file's content to a path. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param file the temporary file to write
         * @throws IOException if writing fails
         */
        void write(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes a file through a temporary file in the same folder; on failure the temporary file is deleted and the
     * target is left as it was.
     *
     * @param target the file to write (its folder must exist)
     * @param writer writes the content into the path it is given
     * @throws IOException if writing or moving fails
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Files.createFile, not createTempFile: the file gets the mode the umask gives a plain write (createTempFile
        // makes it 0600, and the move would keep that)
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        Files.createFile(tmp);
        try {
            writer.write(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes bytes atomically.
     *
     * @param target  the file
     * @param content the bytes
     * @throws IOException if writing fails
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, tmp -> Files.write(tmp, content));
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param target  the file
     * @param content the text
     * @throws IOException if writing fails
     */
    public static void writeString(Path target, CharSequence content) throws IOException {
        write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    /**
     * Moves a file over another, atomically where the file system can.
     *
     * @param from the source
     * @param to   the target, replaced if it exists
     * @throws IOException if the move fails
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
