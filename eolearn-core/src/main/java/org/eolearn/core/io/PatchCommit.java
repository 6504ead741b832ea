package org.eolearn.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe save protocol of a patch folder (described for users in docs/on-disk-format.md).
 *
 * <ol>
 *   <li><b>Stage.</b> Every file of the save is written into a staging folder: {@code PATCH/.eolearn-save-ID/files}
 *       when the patch folder exists, {@code PARENT/.NAME.eolearn-save-ID/files} when it does not. Its lock file,
 *       {@code .eolearn-save-ID.lock} beside it, is created first and locked by the saving process for as long as it
 *       lives, which tells live saves from the leftovers of killed ones; the staging folder's {@code owner} file
 *       names it (relative to the patch folder), so it is found after the folder is renamed.</li>
 *   <li><b>New patch.</b> A save into a folder that does not exist renames {@code files} to the patch folder: the
 *       folder appears complete or not at all.</li>
 *   <li><b>Acquire.</b> Otherwise the staging folder is renamed to {@code PATCH/.eolearn-commit}. The rename fails
 *       while another save's commit folder is there, so commits into one folder are serialised: a live one is waited
 *       for, a dead one is completed (or rolled back) first.</li>
 *   <li><b>Commit point.</b> Holding the commit folder, the save lists the folder as it is now, decides which files
 *       the new patch replaces (everything for {@code OVERWRITE_PATCH}; the other-format files of the saved features
 *       otherwise), and writes that decision to {@code journal.json} by an atomic rename. From this instant the save
 *       happened.</li>
 *   <li><b>Apply.</b> The staged files are renamed into place (each rename replaces one file whole), then the
 *       replaced files are deleted, then the journal, then the commit folder.</li>
 * </ol>
 *
 * <p>A crash before the commit point leaves the old patch and a dead staging or journal-less commit folder, which the
 * next load or save removes; a crash after it leaves a journal, which the next load or save applies again (every step
 * is idempotent). eo-learn ignores the dot-folders, so it reads the folder at every instant; only while a journal is
 * being applied (renames and deletes, no data written) can it see old and new files side by side.
 */
final class PatchCommit {

    static final String STAGING_PREFIX = ".eolearn-save-";
    static final String COMMIT_DIR = ".eolearn-commit";
    static final String DONE_PREFIX = ".eolearn-done-";
    private static final String STAGING_INFIX = ".eolearn-save-";
    private static final String JOURNAL = "journal.json";
    private static final String FILES = "files";
    private static final String LOCK_SUFFIX = ".lock";
    private static final String OWNER_FILE = "owner";

    private static final Logger LOG = LoggerFactory.getLogger(PatchCommit.class);

    /** Owners and recoverers in this JVM, by id: a lock file of theirs is never opened a second time here. */
    private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

    /** Test hook: called before every file-system step of a save with the step's kind and path. */
    static volatile Step hook = (kind, path) -> { };

    /** How long a save or load waits for another save's commit in the same folder. */
    static volatile Duration commitWait = Duration.ofSeconds(
            Long.getLong("eolearn.commitWaitSeconds", 120L));

    private PatchCommit() {
    }

    /** One file-system step of a save, seen by the test hook. */
    @FunctionalInterface
    interface Step {
        void before(String kind, Path path) throws IOException;
    }

    static void step(String kind, Path path) throws IOException {
        hook.before(kind, path);
    }

    // ================================================================ staging

    /**
     * Creates the staging folder of a save into {@code patch}.
     *
     * @param patch the patch folder (need not exist)
     * @return the staging folder, held by this save's lock file beside it
     * @throws IOException if it cannot be created
     */
    static Staging stage(Path patch) throws IOException {
        String id = UUID.randomUUID().toString();
        boolean inFolder = Files.isDirectory(patch);
        Path dir;
        if (inFolder) {
            dir = patch.resolve(STAGING_PREFIX + id);
        } else {
            Path parent = patch.toAbsolutePath().getParent();
            step("mkdir", parent);
            Files.createDirectories(parent);
            dir = parent.resolve("." + patch.getFileName() + STAGING_INFIX + id);
        }
        // the lock file first, then the folder: a staging folder whose lock file is gone is dead for sure
        Path lockFile = dir.resolveSibling(dir.getFileName() + LOCK_SUFFIX);
        Owner owner = Owner.create(lockFile);
        try {
            step("mkdir", dir);
            Files.createDirectory(dir);
            Path relative = patch.toAbsolutePath().normalize().relativize(lockFile.toAbsolutePath().normalize());
            Files.writeString(dir.resolve(OWNER_FILE), relative.toString().replace('\\', '/'));
            return new Staging(patch, dir, owner, inFolder);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(dir);
            owner.close();
            throw e;
        }
    }

    /** A save's staging folder; closing it removes it unless it was committed. */
    static final class Staging implements Closeable {
        private final Path patch;
        private final Owner owner;
        private Path dir;
        private boolean inFolder;
        private boolean finished;

        private Staging(Path patch, Path dir, Owner owner, boolean inFolder) {
            this.patch = patch;
            this.dir = dir;
            this.owner = owner;
            this.inFolder = inFolder;
        }

        /** The folder the staged files go to, in the patch layout. */
        Path files() {
            return dir.resolve(FILES);
        }

        /**
         * Commits the staged files into the patch folder.
         *
         * @param targets  the staged files, relative with '/' separators
         * @param deletes  decides, from the folder's current state, which existing files the save replaces
         * @throws IOException if the commit fails; before the commit point the folder is as it was
         */
        void commit(Set<String> targets, Replaced deletes) throws IOException {
            if (!inFolder) {
                step("rename", patch);
                try {
                    renameDir(files(), patch);
                    finished = true;
                    return;
                } catch (FileSystemException e) {
                    if (!heldByAnother(e) || !Files.isDirectory(patch)) {
                        throw e;
                    }
                    // someone else created the folder meanwhile: commit inside it like any other save
                    Path inside = patch.resolve(STAGING_PREFIX + UUID.randomUUID());
                    step("rename", inside);
                    renameDir(dir, inside);
                    dir = inside;
                    inFolder = true;
                }
            }
            Path commitDir = patch.resolve(COMMIT_DIR);
            long deadline = System.nanoTime() + commitWait.toNanos();
            while (true) {
                step("rename", commitDir);
                try {
                    renameDir(dir, commitDir);
                    dir = commitDir;
                    break;
                } catch (FileSystemException e) {
                    if (!heldByAnother(e) && !Files.exists(commitDir, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                }
                if (!completeCommit(patch)) {
                    pause(patch, deadline);
                }
            }
            List<String> replaced;
            try {
                replaced = deletes.replaced(patch, targets);
                Map<String, Object> journal = new LinkedHashMap<>();
                journal.put("version", 1);
                journal.put("moves", new ArrayList<>(targets));
                journal.put("deletes", replaced);
                Path part = dir.resolve(JOURNAL + ".part");
                step("write", part);
                try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(PyJson.dumps(journal)));
                    ch.force(true);
                }
                step("journal", dir.resolve(JOURNAL));
                AtomicFiles.move(part, dir.resolve(JOURNAL));
            } catch (IOException | RuntimeException | Error e) {
                // before the commit point: give the commit folder up, the patch is untouched
                release(patch, dir);
                finished = true;
                throw e;
            }
            finished = true;
            try {
                apply(patch, dir, targets, replaced);
                release(patch, dir);
            } catch (IOException e) {
                throw new IOException(patch + ": the save is committed but finishing it failed (" + e.getMessage()
                        + "); the next load or save of the folder completes it", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (!finished) {
                    deleteQuietly(dir);
                } else if (Files.exists(dir) && !dir.getFileName().toString().equals(COMMIT_DIR)) {
                    deleteQuietly(dir);
                }
            } finally {
                owner.close();
            }
        }
    }

    /** Decides which existing files of the patch folder a save replaces. */
    @FunctionalInterface
    interface Replaced {
        /**
         * @param patch   the patch folder, as it is while the commit folder is held
         * @param targets the files the save writes, relative
         * @return the files and folders to delete after the new ones are in place, relative
         * @throws IOException if the folder cannot be read, or the save is not allowed (ADD_ONLY)
         */
        List<String> replaced(Path patch, Set<String> targets) throws IOException;
    }

    // ================================================================ commit steps

    private static void apply(Path patch, Path commitDir, Iterable<String> moves, List<String> deletes)
            throws IOException {
        Path files = commitDir.resolve(FILES);
        for (String rel : moves) {
            Path src = files.resolve(rel);
            if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                continue; // moved before a crash
            }
            Path dst = patch.resolve(rel);
            if (!Files.isDirectory(dst.getParent())) {
                step("mkdir", dst.getParent());
                Files.createDirectories(dst.getParent());
            }
            step("move", dst);
            if (Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(dst); // a folder where the file goes (it is replaced as a file would be)
            }
            AtomicFiles.move(src, dst);
        }
        for (String rel : deletes) {
            Path p = patch.resolve(rel);
            step("delete", p);
            deleteRecursively(p);
        }
    }

    /** Removes a held commit folder (after it was applied, or before its commit point). */
    private static void release(Path patch, Path commitDir) throws IOException {
        Path journal = commitDir.resolve(JOURNAL);
        if (Files.exists(journal)) {
            step("delete", journal);
            Files.delete(journal);
        }
        Path done = patch.resolve(DONE_PREFIX + UUID.randomUUID());
        step("rename", done);
        renameDir(commitDir, done);
        deleteQuietly(done);
    }

    /**
     * Completes or rolls back a commit folder left by a dead save.
     *
     * @return true when no commit folder is left, false when a live save holds it
     */
    private static boolean completeCommit(Path patch) throws IOException {
        Path commitDir = patch.resolve(COMMIT_DIR);
        if (!Files.exists(commitDir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path lockFile;
        try {
            lockFile = lockOf(commitDir, patch);
        } catch (NoSuchFileException e) {
            return !Files.exists(commitDir, LinkOption.NOFOLLOW_LINKS); // finished meanwhile
        }
        Owner owner = Owner.takeOver(lockFile);
        if (owner == null) {
            return false;
        }
        try (owner) {
            if (!Files.exists(commitDir, LinkOption.NOFOLLOW_LINKS)) {
                return true; // finished by its owner meanwhile
            }
            if (!lockOf(commitDir, patch).equals(lockFile)) {
                // its owner finished and another save committed since we looked: that one is not ours to touch
                return false;
            }
            Path journal = commitDir.resolve(JOURNAL);
            if (Files.isRegularFile(journal)) {
                Map<String, Object> j = readJournal(journal);
                LOG.warn("{}: completing a save that was interrupted after its commit point", patch);
                apply(patch, commitDir, strings(j.get("moves"), journal), strings(j.get("deletes"), journal));
            } else {
                LOG.info("{}: removing a save that was interrupted before its commit point", patch);
            }
            release(patch, commitDir);
            return true;
        }
    }

    private static Map<String, Object> readJournal(Path journal) throws IOException {
        Object value;
        try {
            value = PyJson.parse(Files.readAllBytes(journal));
        } catch (IOException e) {
            throw new EOPatchFormatException(journal, "unreadable save journal (" + e.getMessage() + ")", e);
        }
        if (!(value instanceof Map)) {
            throw new EOPatchFormatException(journal, "the save journal must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static List<String> strings(Object value, Path journal) throws EOPatchFormatException {
        if (!(value instanceof List)) {
            throw new EOPatchFormatException(journal, "the save journal's lists are missing");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            String rel = String.valueOf(o);
            if (rel.isEmpty() || rel.startsWith("/") || rel.contains("..") || rel.contains("\\")) {
                throw new EOPatchFormatException(journal, "the save journal names a path outside the patch: " + rel);
            }
            out.add(rel);
        }
        return out;
    }

    // ================================================================ recovery

    /**
     * Brings a patch folder to a committed state before it is read or written: completes or rolls back what a
     * killed save left, waiting for a live save's commit, and removes dead staging folders.
     *
     * @param patch the patch folder (need not exist)
     * @throws IOException if an interrupted save cannot be completed (for example in a read-only folder)
     */
    static void recover(Path patch) throws IOException {
        if (Files.isDirectory(patch)) {
            if (Files.exists(patch.resolve(COMMIT_DIR), LinkOption.NOFOLLOW_LINKS)) {
                long deadline = System.nanoTime() + commitWait.toNanos();
                try {
                    while (!completeCommit(patch)) {
                        pause(patch, deadline);
                    }
                } catch (java.nio.file.AccessDeniedException e) {
                    throw new IOException(patch + ": an interrupted save left " + COMMIT_DIR + "; completing it "
                            + "needs write access to the folder (" + e.getMessage() + ")", e);
                }
            }
            sweep(patch, patch, name -> name.startsWith(STAGING_PREFIX));
            removeDone(patch);
        }
        Path parent = patch.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent)) {
            String prefix = "." + patch.getFileName() + STAGING_INFIX;
            sweep(parent, patch, name -> name.startsWith(prefix));
        }
    }

    /** Whether a name in a patch folder belongs to the save protocol (and is no part of the patch). */
    static boolean isProtocolEntry(String name) {
        return name.startsWith(".eolearn-");
    }

    /**
     * Removes the finished commit folders a killed save was deleting: they are never used again, so whoever sees one
     * may delete it (its lock file may be gone already).
     */
    private static void removeDone(Path patch) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(patch, DONE_PREFIX + "*")) {
            for (Path p : entries) {
                deleteQuietly(p);
            }
        } catch (IOException e) {
            LOG.debug("{}: cannot list for finished commit folders: {}", patch, e.toString());
        }
    }

    /**
     * Removes dead staging folders (their lock file unlocked or gone) and lock files whose save died.
     *
     * @param folder the folder to look in
     * @param patch  the patch folder (the owner files name lock files relative to it)
     * @param dead   the names of staging folders and their lock files there
     */
    private static void sweep(Path folder, Path patch, java.util.function.Predicate<String> dead) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (dead.test(p.getFileName().toString())) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: cannot list for leftovers of interrupted saves: {}", folder, e.toString());
            return;
        }
        for (Path p : found) {
            String name = p.getFileName().toString();
            boolean isLock = name.endsWith(LOCK_SUFFIX);
            if (isLock && Files.exists(p.resolveSibling(name.substring(0, name.length() - LOCK_SUFFIX.length())),
                    LinkOption.NOFOLLOW_LINKS)) {
                continue; // handled with its folder
            }
            try {
                Owner owner = Owner.takeOver(isLock ? p : lockOf(p, patch));
                if (owner != null) {
                    try (owner) {
                        if (!isLock) {
                            LOG.debug("{}: removing the leftovers of an interrupted save", p);
                            deleteRecursively(p);
                        }
                    }
                }
            } catch (IOException e) {
                LOG.debug("{}: cannot remove the leftovers of an interrupted save: {}", p, e.toString());
            }
        }
    }

    /**
     * The lock file of a staging folder: the one its owner file names (relative to the patch folder; a staging folder
     * moved into the patch keeps its lock where it was made), else the one beside it.
     */
    private static Path lockOf(Path dir, Path patch) throws IOException {
        try {
            String rel = Files.readString(dir.resolve(OWNER_FILE)).trim();
            Path lock = patch.resolve(rel).normalize();
            if (!rel.isEmpty() && lock.getFileName().toString().endsWith(LOCK_SUFFIX)) {
                return lock;
            }
        } catch (NoSuchFileException e) {
            // killed before the owner file was written: the lock is beside the folder
        }
        return dir.resolveSibling(dir.getFileName() + LOCK_SUFFIX);
    }

    private static void pause(Path patch, long deadline) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException(patch + ": another save has been committing into this folder for more than "
                    + commitWait.toSeconds() + " s (" + COMMIT_DIR + " is held by a live process); try again "
                    + "later");
        }
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another save into " + patch);
        }
    }

    // ================================================================ owners

    /**
     * The lock file beside a staging folder, locked by the save that owns the folder for as long as it lives. A live
     * owner always holds it; a lock file that is unlocked or gone means the owner died. Within this JVM a lock file
     * is never opened twice (closing any channel of a file releases every lock the JVM holds on it).
     */
    private static final class Owner implements Closeable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Owner(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        private static String key(Path file) {
            return file.toAbsolutePath().normalize().toString();
        }

        /** Creates and locks a new lock file. */
        static Owner create(Path file) throws IOException {
            String key = key(file);
            CLAIMED.add(key);
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Owner owner = locked(file, ch);
                if (owner == null) {
                    throw new IOException(file + ": cannot lock the lock file this save just created");
                }
                return owner;
            } catch (IOException | RuntimeException | Error e) {
                CLAIMED.remove(key);
                throw e;
            }
        }

        /**
         * Takes a lock file over from a dead owner (creating it when it is gone); null while its owner lives or
         * another process takes it over.
         */
        static Owner takeOver(Path file) throws IOException {
            String key = key(file);
            if (!CLAIMED.add(key)) {
                return null; // held in this JVM
            }
            try {
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    try {
                        ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } catch (FileAlreadyExistsException raced) {
                        CLAIMED.remove(key);
                        return null;
                    }
                }
                Owner owner = locked(file, ch);
                if (owner == null) {
                    CLAIMED.remove(key);
                }
                return owner;
            } catch (IOException | RuntimeException | Error e) {
                CLAIMED.remove(key);
                throw e;
            }
        }

        /** Locks an open lock file; null (the channel closed) when another process holds it or it was removed. */
        private static Owner locked(Path file, FileChannel ch) throws IOException {
            try {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    return null;
                }
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    // its owner or another recoverer removed it before we locked it
                    lock.release();
                    ch.close();
                    return null;
                }
                return new Owner(file, ch, lock);
            } catch (OverlappingFileLockException e) {
                ch.close();
                return null;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        /** Removes the lock file (while still holding it), then releases it. */
        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(file);
            } finally {
                try {
                    if (lock.isValid()) {
                        lock.release();
                    }
                } finally {
                    try {
                        channel.close();
                    } finally {
                        CLAIMED.remove(key(file));
                    }
                }
            }
        }
    }

    // ================================================================ files

    /** Whether a failed rename onto a folder failed because that folder exists (and holds files). */
    private static boolean heldByAnother(FileSystemException e) {
        return e instanceof FileAlreadyExistsException || e instanceof java.nio.file.DirectoryNotEmptyException
                || "Directory not empty".equals(e.getReason()) || "File exists".equals(e.getReason());
    }

    private static void renameDir(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(to.toString());
            }
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                entries.forEach(children::add);
            } catch (NoSuchFileException e) {
                return;
            }
            for (Path c : children) {
                deleteRecursively(c);
            }
        }
        Files.deleteIfExists(p);
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException e) {
            LOG.debug("{}: cannot remove: {}", p, e.toString());
        }
    }
}
