package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.Oracle;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The save protocol under faults: every file-system step of a save is, in turn, the instant of a simulated crash
 * (the folder is copied as it is at that step, as a {@code kill -9} would leave it) and of a failure (the step throws).
 * Every copy must load as exactly the old patch or exactly the new one, with no leftovers after the load; eo-learn
 * (when the oracle is installed) must read every copy.
 */
class SaveProtocolTest {

    @TempDir
    Path dir;

    @AfterEach
    void resetHook() {
        PatchCommit.hook = (kind, p) -> { };
    }

    /** A small patch of every file kind; {@code variant} changes the values and the set of features. */
    static EOPatch small(long seed, int variant) {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 3 + variant; i++) {
            ts.add(LocalDateTime.of(2020, 1 + i, 1 + variant, 10, 0));
        }
        EOPatch p = new EOPatch(PatchGenerator.BBOX, ts);
        p.put(FeatureType.DATA, "BANDS", PatchGenerator.randomArray(DType.FLOAT32, seed, ts.size(), 4, 5, 2));
        p.put(FeatureType.MASK_TIMELESS, "WATER", PatchGenerator.randomArray(DType.UINT8, seed + 1, 4, 5, 1));
        p.put(FeatureType.META_INFO, "variant", (long) variant);
        if (variant == 0) {
            p.put(FeatureType.SCALAR_TIMELESS, "ONLY_OLD", PatchGenerator.randomArray(DType.INT64, seed + 2, 3));
            p.put(FeatureType.VECTOR_TIMELESS, "FIELDS", PatchGenerator.everyKind(seed).getVector(
                    FeatureType.VECTOR_TIMELESS, "FIELDS"));
        } else {
            p.put(FeatureType.DATA_TIMELESS, "ONLY_NEW", PatchGenerator.randomArray(DType.INT16, seed + 3, 4, 5, 1));
        }
        return p;
    }

    private enum Scenario {
        OVERWRITE_PATCH(OverwritePermission.OVERWRITE_PATCH, true),
        OVERWRITE_FEATURES(OverwritePermission.OVERWRITE_FEATURES, true),
        ADD_ONLY_NEW_FEATURES(OverwritePermission.ADD_ONLY, true),
        FIRST_SAVE(OverwritePermission.ADD_ONLY, false);

        final OverwritePermission permission;
        final boolean oldExists;

        Scenario(OverwritePermission permission, boolean oldExists) {
            this.permission = permission;
            this.oldExists = oldExists;
        }
    }

    private EOPatch newPatch(Scenario s) {
        EOPatch p = small(7, 1);
        if (s == Scenario.ADD_ONLY_NEW_FEATURES) {
            EOPatch only = new EOPatch(p.bbox(), null);
            only.put(FeatureType.DATA_TIMELESS, "ONLY_NEW", p.getArray(FeatureType.DATA_TIMELESS, "ONLY_NEW"));
            return only;
        }
        return p;
    }

    /** The old patch is saved compressed, the new one plain, so every feature also changes its file name. */
    private SaveOptions newOptions(Scenario s) {
        return SaveOptions.defaults().withCompress(false).withOverwrite(s.permission);
    }

    private Path setUp(Path root, Scenario s) throws IOException {
        Files.createDirectories(root);
        Path patch = root.resolve("patch");
        if (s.oldExists) {
            small(3, 0).save(patch, SaveOptions.defaults());
        }
        return patch;
    }

    /** The expected states of a scenario: the old patch and the new one, from a save nothing disturbs. */
    private record Undisturbed(Path folder, EOPatch old, EOPatch now, AtomicInteger steps) {
    }

    private Undisturbed undisturbed(Scenario s) throws IOException {
        Path clean = setUp(dir.resolve("clean-" + s + "-" + System.nanoTime()), s);
        EOPatch old = s.oldExists ? EOPatch.load(clean) : null;
        AtomicInteger steps = new AtomicInteger();
        PatchCommit.hook = (kind, p) -> steps.incrementAndGet();
        try {
            newPatch(s).save(clean, newOptions(s));
        } finally {
            PatchCommit.hook = (kind, p) -> { };
        }
        assertThat(steps.get()).as(s + " steps").isGreaterThan(8);
        return new Undisturbed(clean, old, EOPatch.load(clean), steps);
    }

    @Test
    void aCrashAtAnyStepLeavesTheOldOrTheNewPatch() throws Exception {
        List<Path> forOracle = new ArrayList<>();
        Map<String, Path[]> expectations = new TreeMap<>();
        int total = 0;
        for (Scenario s : Scenario.values()) {
            Undisturbed u = undisturbed(s);
            Path clean = u.folder;
            EOPatch old = u.old;
            EOPatch expectedNew = u.now;
            AtomicInteger steps = u.steps;
            Path oldCopy = dir.resolve("expected-old-" + s);
            if (old != null) {
                old.save(oldCopy);
            }
            expectations.put(s.name(), new Path[] {old != null ? oldCopy : null, clean});

            for (int k = 1; k <= steps.get(); k++) {
                Path root = dir.resolve("crash-" + s + "-" + k);
                Path patch = setUp(root, s);
                Path snapshot = dir.resolve("snapshot-" + s + "-" + k);
                Path forEoLearn = dir.resolve("eolearn-" + s + "-" + k);
                int at = k;
                AtomicInteger count = new AtomicInteger();
                PatchCommit.hook = (kind, p) -> {
                    if (count.incrementAndGet() == at) {
                        copyTree(root, snapshot);
                        copyTree(root, forEoLearn);
                    }
                };
                newPatch(s).save(patch, newOptions(s));
                PatchCommit.hook = (kind, p) -> { };
                Path snapPatch = snapshot.resolve("patch");
                String where = s + ", crash before step " + k + " of " + steps.get();
                if (!Files.exists(snapPatch)) {
                    assertThat(old).as(where + ": the folder vanished").isNull();
                    assertThatThrownBy(() -> EOPatch.load(snapPatch)).isInstanceOf(NoSuchFileException.class);
                } else {
                    EOPatch loaded = EOPatch.load(snapPatch);
                    if (!loaded.equals(expectedNew)) {
                        assertThat(loaded).as(where + ": neither the new nor the old patch").isEqualTo(old);
                    }
                    assertThat(leftovers(snapPatch)).as(where + ": leftovers after the load").isEmpty();
                }
                assertThat(leftovers(snapshot)).as(where + ": leftovers beside the patch").isEmpty();
                assertThat(loadedAgain(snapshot)).isTrue();
                if (Files.exists(forEoLearn.resolve("patch"))) {
                    forOracle.add(forEoLearn.resolve("patch"));
                }
                total++;
            }
        }
        assertThat(total).isGreaterThan(60);
        checkWithEoLearn(forOracle, expectations);
    }

    private static boolean loadedAgain(Path snapshot) throws IOException {
        // the recovery is done once: a second load finds nothing to do and the same patch
        Path p = snapshot.resolve("patch");
        return !Files.exists(p) || EOPatch.load(p).equals(EOPatch.load(p));
    }

    @Test
    void aFailureAtAnyStepLeavesTheOldPatchOrCompletesTheNewOne() throws Exception {
        int total = 0;
        for (Scenario s : Scenario.values()) {
            Undisturbed u = undisturbed(s);
            EOPatch old = u.old;
            EOPatch expectedNew = u.now;
            AtomicInteger steps = u.steps;

            for (int k = 1; k <= steps.get(); k++) {
                Path root = dir.resolve("fail-" + s + "-" + k);
                Path patch = setUp(root, s);
                int at = k;
                AtomicInteger count = new AtomicInteger();
                PatchCommit.hook = (kind, p) -> {
                    if (count.incrementAndGet() == at) {
                        throw new IOException("injected failure at " + kind + " " + p.getFileName());
                    }
                };
                String where = s + ", failure at step " + k + " of " + steps.get();
                Throwable thrown = null;
                try {
                    newPatch(s).save(patch, newOptions(s));
                } catch (IOException e) {
                    thrown = e;
                }
                PatchCommit.hook = (kind, p) -> { };
                assertThat(thrown).as(where + ": the save must report the failure").isNotNull();
                assertThat(thrown).hasMessageContaining("injected failure");
                boolean committed = thrown.getMessage().contains("the save is committed");
                if (!Files.exists(patch)) {
                    assertThat(old).as(where).isNull();
                    assertThat(committed).as(where).isFalse();
                    assertThatThrownBy(() -> EOPatch.load(patch)).isInstanceOf(NoSuchFileException.class);
                } else {
                    EOPatch loaded = EOPatch.load(patch);
                    assertThat(loaded).as(where).isEqualTo(committed ? expectedNew : old);
                    assertThat(leftovers(patch)).as(where).isEmpty();
                }
                assertThat(leftovers(root)).as(where).isEmpty();
                total++;
            }
        }
        assertThat(total).isGreaterThan(60);
    }

    @Test
    void concurrentSavesIntoOneFolderLeaveOneCompleteSave() throws Exception {
        Path patch = dir.resolve("shared");
        EOPatch a = small(11, 0);
        EOPatch b = small(12, 1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (OverwritePermission permission : List.of(OverwritePermission.OVERWRITE_PATCH,
                    OverwritePermission.OVERWRITE_FEATURES)) {
                for (int round = 0; round < Integer.getInteger("eolearn.saveRounds", 15); round++) {
                    CyclicBarrier start = new CyclicBarrier(3);
                    List<Future<?>> saves = new ArrayList<>();
                    for (EOPatch p : List.of(a, b, a)) {
                        boolean compress = saves.size() % 2 == 0;
                        saves.add(pool.submit(() -> {
                            start.await();
                            p.save(patch, SaveOptions.defaults().withOverwrite(permission).withCompress(compress));
                            return null;
                        }));
                    }
                    for (Future<?> f : saves) {
                        f.get();
                    }
                    EOPatch loaded = EOPatch.load(patch);
                    if (permission == OverwritePermission.OVERWRITE_PATCH) {
                        assertThat(loaded.equals(a) || loaded.equals(b)).as("round " + round + ": " + loaded)
                                .isTrue();
                    } else {
                        // every saved feature is there whole, from one of the saves
                        for (var f : loaded.getFeatures()) {
                            Object v = loaded.get(f);
                            boolean fromA = a.contains(f) && same(f, a.get(f), v);
                            boolean fromB = b.contains(f) && same(f, b.get(f), v);
                            assertThat(fromA || fromB).as(f.toString()).isTrue();
                        }
                    }
                    assertThat(leftovers(patch)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addOnlyRacesAreRefusedUnderTheCommit() throws Exception {
        Path patch = dir.resolve("race");
        small(1, 0).save(patch);
        EOPatch extra = new EOPatch(PatchGenerator.BBOX, null);
        extra.put(FeatureType.DATA_TIMELESS, "EXTRA", PatchGenerator.randomArray(DType.FLOAT32, 5, 4, 5, 1));
        // another save adds EXTRA between this save's check and its commit
        PatchCommit.hook = (kind, p) -> {
            if (kind.equals("rename") && p.getFileName().toString().equals(PatchCommit.COMMIT_DIR)) {
                PatchCommit.hook = (k, q) -> { };
                extra.save(patch);
            }
        };
        assertThatThrownBy(() -> extra.save(patch)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("EXTRA");
        assertThat(EOPatch.load(patch).contains(FeatureType.DATA_TIMELESS, "EXTRA")).isTrue();
        assertThat(leftovers(patch)).isEmpty();
    }

    @Test
    void staleFileRuleRemovesOnlyEoLearnNames() throws IOException {
        Path patch = dir.resolve("p");
        EOPatch p = small(1, 0);
        p.save(patch, SaveOptions.defaults().withCompress(true));
        Path foo = Files.writeString(patch.resolve("NDVI.foo"), "user file");
        Path note = Files.writeString(patch.resolve("data").resolve(".BANDS.note"), "hidden user file");
        p.save(patch, SaveOptions.defaults().withCompress(false)
                .withOverwrite(OverwritePermission.OVERWRITE_FEATURES));
        assertThat(patch.resolve("data/BANDS.npy")).exists();
        assertThat(patch.resolve("data/BANDS.npy.gz")).doesNotExist();
        assertThat(foo).exists();
        assertThat(note).exists();
    }

    @Test
    void leftoversOfKilledSavesAreRemovedByTheNextLoad() throws IOException {
        Path patch = dir.resolve("p");
        EOPatch p = small(1, 0);
        p.save(patch);
        // a staging folder of a killed save (its lock file beside it is locked by no one), an old-style one without
        // a lock file, the lock file of a save killed before it made its folder, and a first save's leftovers
        Path dead = Files.createDirectories(patch.resolve(PatchCommit.STAGING_PREFIX + "dead/files/data"));
        Files.writeString(patch.resolve(PatchCommit.STAGING_PREFIX + "dead.lock"), "");
        Files.write(dead.resolve("BANDS.npy"), new byte[1 << 20]);
        Files.createDirectories(patch.resolve(PatchCommit.STAGING_PREFIX + "legacy"));
        Files.writeString(patch.resolve(PatchCommit.STAGING_PREFIX + "orphan.lock"), "");
        Path sibling = Files.createDirectories(dir.resolve(".p" + PatchCommit.STAGING_PREFIX + "x"));
        Files.writeString(dir.resolve(".p" + PatchCommit.STAGING_PREFIX + "x.lock"), "");
        assertThat(EOPatch.load(patch)).isEqualTo(p);
        assertThat(leftovers(patch)).isEmpty();
        assertThat(sibling).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void aFolderWithACommitInProgressIsWaitedFor() throws Exception {
        Path patch = dir.resolve("p");
        small(1, 0).save(patch);
        EOPatch next = small(2, 1);
        CyclicBarrier inCommit = new CyclicBarrier(2);
        CyclicBarrier release = new CyclicBarrier(2);
        PatchCommit.hook = (kind, p) -> {
            if (kind.equals("move") && Thread.currentThread().getName().equals("saver")) {
                PatchCommit.hook = (k, q) -> { };
                try {
                    inCommit.await();
                    release.await();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        };
        Thread saver = new Thread(() -> {
            try {
                next.save(patch, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "saver");
        saver.start();
        inCommit.await();
        // the commit is half applied; a load now must wait for it, then see the new patch
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<EOPatch> load = pool.submit(() -> EOPatch.load(patch));
            Thread.sleep(200);
            assertThat(load.isDone()).isFalse();
            release.await();
            assertThat(load.get()).isEqualTo(next);
        } finally {
            pool.shutdownNow();
            saver.join();
        }
    }

    @Test
    void aLoadOfAMissingFolderStillSaysSo() {
        assertThatThrownBy(() -> EOPatch.load(dir.resolve("none"))).isInstanceOf(NoSuchFileException.class);
    }

    // ------------------------------------------------------------------ helpers

    /** Feature values compared as patches compare them (NaN equal to NaN). */
    private static boolean same(org.eolearn.core.Feature f, Object x, Object y) {
        if (x instanceof org.nd4j.linalg.api.ndarray.INDArray a && y instanceof org.nd4j.linalg.api.ndarray.INDArray b) {
            return DType.of(a) == DType.of(b) && java.util.Arrays.equals(a.shape(), b.shape())
                    && org.eolearn.core.NdArrays.nanEquals(a, b);
        }
        return org.eolearn.core.MetaInfo.jsonEquals(x, y);
    }

    static List<String> leftovers(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".eolearn-")).forEach(out::add);
        }
        return out;
    }

    /** Copies a folder as it is now; files that vanish or are half-written while copying are taken as they are. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                } catch (NoSuchFileException e) {
                    // moved or deleted by the save while copying: a crash would not have seen it either
                }
            }
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
    }

    private static final String EOLEARN_CHECK = String.join("\n",
            "import sys, os, warnings",
            "warnings.simplefilter('ignore')",
            "from eolearn.core import EOPatch",
            "args = sys.argv[1:]",
            "bad = 0",
            "expected = {}",
            "i = 0",
            "while args[i] != '--':",
            "    key, old, new = args[i], args[i + 1], args[i + 2]",
            "    expected[key] = (EOPatch.load(old) if old != '-' else None, EOPatch.load(new))",
            "    i += 3",
            "for path in args[i + 1:]:",
            "    key = os.path.basename(os.path.dirname(path)).split('-')[1]",
            "    old, new = expected[key]",
            "    pending = os.path.exists(os.path.join(path, '.eolearn-commit', 'journal.json'))",
            "    try:",
            "        eop = EOPatch.load(path)",
            "    except Exception as e:",
            "        print('ERROR', path, type(e).__name__, e)",
            "        bad += 1",
            "        continue",
            "    if not pending and not (eop == new or (old is not None and eop == old)):",
            "        print('NEITHER', path, eop)",
            "        bad += 1",
            "print('checked', len(args) - i - 1, 'folders,', bad, 'bad')",
            "sys.exit(1 if bad else 0)");

    /**
     * Loads every folder with eo-learn: each must load, and, unless a journal is pending, equal the old or the new
     * patch of its group (the group is the second dash-separated part of the folder's parent's name).
     */
    static void checkWithEoLearn(List<Path> folders, Map<String, Path[]> expectations) throws IOException {
        List<String> python = Oracle.python();
        assertThat(python).isNotEmpty();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, Path[]> e : expectations.entrySet()) {
            args.add(e.getKey());
            args.add(e.getValue()[0] == null ? "-" : e.getValue()[0].toString());
            args.add(e.getValue()[1].toString());
        }
        args.add("--");
        folders.forEach(f -> args.add(f.toString()));
        String out = Oracle.run(EOLEARN_CHECK, 600, args.toArray(String[]::new));
        System.out.println("eo-learn on the crash copies: " + out.strip());
        if (!out.contains(" 0 bad")) {
            fail(out);
        }
    }
}
