package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.core.EOPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@link SaveKillChild}) that saves two patches in turn into one folder: at random instants and
 * exactly at steps of the commit. After every kill the folder must load as exactly one of the two patches, with no
 * leftovers; eo-learn (when the oracle is installed) must read every killed folder too. {@code -Deolearn.saveKills=N}
 * sets the number of kills (default 50), {@code -Deolearn.seed=N} the seed.
 */
class SaveKillTest {

    private static final Set<String> COMMIT_KINDS = Set.of("rename", "journal", "move", "delete");

    @TempDir
    Path dir;

    /** The two patches the child alternates: for whole-patch overwrites with different features, else the same. */
    static EOPatch[] pair(long seed, boolean wholePatch) {
        return new EOPatch[] {SaveProtocolTest.small(seed, 0), SaveProtocolTest.small(seed + 1, wholePatch ? 1 : 0)};
    }

    @Test
    void killedSavesLeaveExactlyOneOfTheTwoPatches() throws Exception {
        int kills = Integer.getInteger("eolearn.saveKills", 50);
        long seed = Long.getLong("eolearn.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Path[]> expectations = new LinkedHashMap<>();
        Map<String, EOPatch[]> patches = new LinkedHashMap<>();
        Map<String, List<Integer>> commitSteps = new LinkedHashMap<>();
        Map<String, Integer> stepsPerSave = new LinkedHashMap<>();
        for (String mode : List.of("PATCH", "FEATURES")) {
            EOPatch[] pair = pair(seed, mode.equals("PATCH"));
            Path a = dir.resolve("expected-a-" + mode);
            Path b = dir.resolve("expected-b-" + mode);
            pair[0].save(a);
            pair[1].save(b);
            patches.put(mode, new EOPatch[] {EOPatch.load(a), EOPatch.load(b)});
            expectations.put(mode, new Path[] {a, b});
            // the steps of one save into an existing folder, and which of them belong to its commit
            List<Integer> commit = new ArrayList<>();
            AtomicInteger count = new AtomicInteger();
            PatchCommit.hook = (kind, p) -> {
                int n = count.incrementAndGet();
                if (COMMIT_KINDS.contains(kind)) {
                    commit.add(n);
                }
            };
            try {
                pair[1].save(a, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
            } finally {
                PatchCommit.hook = (kind, p) -> { };
            }
            pair[0].save(a, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
            commitSteps.put(mode, commit);
            stepsPerSave.put(mode, count.get());
            Path folder = dir.resolve("work-" + mode).resolve("patch");
            pair[0].save(folder);
        }

        List<Path> killed = new ArrayList<>();
        int midSave = 0;
        int atCommit = 0;
        for (int i = 0; i < kills; i++) {
            String mode = i % 2 == 0 ? "PATCH" : "FEATURES";
            Path folder = dir.resolve("work-" + mode).resolve("patch");
            boolean atStep = i % 4 >= 2;
            int hangAt = -1;
            if (atStep) {
                List<Integer> commit = commitSteps.get(mode);
                hangAt = commit.get(random.nextInt(commit.size())) + stepsPerSave.get(mode) * random.nextInt(2);
            }
            String where = "kill " + i + " (" + mode + (atStep ? ", at step " + hangAt : ", random") + ", seed "
                    + seed + ")";
            Process child = start(folder, mode, seed, hangAt);
            BlockingQueue<String> lines = lines(child);
            try {
                await(lines, "READY", where);
                if (atStep) {
                    await(lines, "HANG", where);
                    atCommit++;
                } else {
                    Thread.sleep(100 + random.nextInt(1400));
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(60, TimeUnit.SECONDS);
            }
            if (!atStep && lines.stream().anyMatch(l -> l.startsWith("SAVED"))) {
                midSave++;
            }
            Path copy = dir.resolve("kill-" + mode + "-" + i);
            SaveProtocolTest.copyTree(folder.getParent(), copy);
            killed.add(copy.resolve("patch"));

            EOPatch loaded = EOPatch.load(folder);
            EOPatch[] pair = patches.get(mode);
            if (!loaded.equals(pair[0])) {
                assertThat(loaded).as(where + ": neither of the two patches").isEqualTo(pair[1]);
            }
            assertThat(SaveProtocolTest.leftovers(folder)).as(where).isEmpty();
            assertThat(SaveProtocolTest.leftovers(folder.getParent())).as(where).isEmpty();
        }
        System.out.println("save kills: " + kills + " (" + atCommit + " at commit steps, " + (kills - atCommit)
                + " at random instants, " + midSave + " of those after at least one complete save), seed " + seed);
        SaveProtocolTest.checkWithEoLearn(killed, expectations);
    }

    private static Process start(Path folder, String mode, long seed, int hangAt) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SaveKillChild.class.getName(), folder.toString(), mode,
                Long.toString(seed), Integer.toString(hangAt));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EOF " + e);
            }
            lines.add("EOF");
        }, "kill-child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void await(BlockingQueue<String> lines, String prefix, String where) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return;
            }
            if (line.startsWith("EOF")) {
                break;
            }
        }
        fail(where + ": the child did not print " + prefix + "; it printed " + String.join("\n", seen));
    }
}
