package org.eolearn.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sqlite-jdbc's native library out of {@code java.io.tmpdir}: sqlite-jdbc copies it there on every start
 * (1.1 MB, left behind when the JVM is killed) unless {@code org.sqlite.lib.path} names a folder that holds it.
 * This class puts the library once into a per-user cache,
 * {@code ${eolearn.cache.dir:-${XDG_CACHE_HOME:-~/.cache}/eolearn}/sqlite-jdbc-<version>-<crc32>/}, and sets
 * {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} before the first connection. The copy is written
 * to a temporary name in that folder and renamed into place, so concurrent JVMs never see half a library; a
 * copy whose bytes differ from the jar's is replaced. When the user set {@code org.sqlite.lib.path} already, or
 * the cache is not writable, sqlite-jdbc's own behaviour is kept.
 */
final class SqliteLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
    private static final String LIB_PATH = "org.sqlite.lib.path";
    private static final String LIB_NAME = "org.sqlite.lib.name";
    private static boolean done;

    private SqliteLibrary() {
    }

    /** Sets sqlite-jdbc's library properties (once per JVM); never fails. */
    static synchronized void configure() {
        if (done) {
            return;
        }
        done = true;
        if (System.getProperty(LIB_PATH) != null) {
            return;
        }
        try {
            String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
            URL url = org.sqlite.SQLiteJDBCLoader.class.getResource(resource);
            if (url == null) {
                return; // no bundled library for this platform: sqlite-jdbc searches java.library.path
            }
            // The jar entry's CRC-32 and size name the copy, so the library is decompressed only when it is copied.
            long crc;
            long size;
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection) {
                JarEntry entry = ((JarURLConnection) connection).getJarEntry();
                crc = entry.getCrc();
                size = entry.getSize();
            } else {
                crc = -1;
                size = -1;
            }
            byte[] lib = null;
            if (crc < 0 || size < 0) {
                try (InputStream in = url.openStream()) {
                    lib = in.readAllBytes();
                }
                crc = crc32(lib);
                size = lib.length;
            }
            Path dir = cacheRoot().resolve("sqlite-jdbc-" + version() + "-" + String.format("%08x", crc));
            Path target = dir.resolve(name);
            if (!sameContent(target, size, crc)) {
                if (lib == null) {
                    try (InputStream in = url.openStream()) {
                        lib = in.readAllBytes();
                    }
                }
                Files.createDirectories(dir);
                sweepPartials(dir);
                Path part = Files.createTempFile(dir, name + ".", ".part");
                try {
                    Files.write(part, lib);
                    try {
                        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            System.setProperty(LIB_PATH, dir.toString());
            System.setProperty(LIB_NAME, name);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debug("cannot cache the SQLite native library; sqlite-jdbc extracts it to java.io.tmpdir", e);
        }
    }

    /** The per-user cache folder of eolearn. */
    static Path cacheRoot() {
        String explicit = System.getProperty("eolearn.cache.dir");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "eolearn");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "eolearn");
    }

    private static String version() {
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                "/META-INF/maven/org.xerial/sqlite-jdbc/VERSION")) {
            if (in != null) {
                String v = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                if (v.matches("[0-9A-Za-z._-]{1,40}")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    /** Whether the file holds the library: its size and CRC-32 (cheap next to decompressing the jar's copy). */
    private static boolean sameContent(Path target, long size, long crc) {
        try {
            return Files.isRegularFile(target) && Files.size(target) == size
                    && crc32(Files.readAllBytes(target)) == crc;
        } catch (IOException e) {
            return false;
        }
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Removes partial copies left by killed JVMs (older than an hour, so that running writers are spared). */
    private static void sweepPartials(Path dir) {
        Instant old = Instant.now().minus(Duration.ofHours(1));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            for (Path p : files) {
                FileTime t = Files.getLastModifiedTime(p);
                if (t.toInstant().isBefore(old)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
