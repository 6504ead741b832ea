package org.eolearn.core.io;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.core.EOPatch;

/**
 * The child process of {@link SaveKillTest}: saves two patches in turn into one folder, forever, until it is killed.
 *
 * <p>Arguments: folder, mode ({@code PATCH} or {@code FEATURES}), seed, and the save step to stop at ({@code -1}:
 * none). At that step it prints {@code HANG} and waits to be killed, so that the kill falls exactly there.
 */
public final class SaveKillChild {

    private SaveKillChild() {
    }

    /**
     * Runs the child.
     *
     * @param args folder, mode, seed, step
     * @throws Exception when a save fails
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        boolean wholePatch = args[1].equals("PATCH");
        long seed = Long.parseLong(args[2]);
        int hangAt = Integer.parseInt(args[3]);
        EOPatch[] patches = SaveKillTest.pair(seed, wholePatch);
        OverwritePermission permission = wholePatch ? OverwritePermission.OVERWRITE_PATCH
                : OverwritePermission.OVERWRITE_FEATURES;
        AtomicInteger steps = new AtomicInteger();
        if (hangAt > 0) {
            PatchCommit.hook = (kind, p) -> {
                if (steps.incrementAndGet() == hangAt) {
                    System.out.println("HANG " + kind + " " + p.getFileName());
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            patches[i % 2].save(folder, SaveOptions.defaults().withOverwrite(permission).withCompress(i % 3 != 0));
            System.out.println("SAVED " + i);
            System.out.flush();
        }
    }
}
