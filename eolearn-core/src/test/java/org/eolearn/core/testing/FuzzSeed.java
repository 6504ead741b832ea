package org.eolearn.core.testing;

import java.security.SecureRandom;

/**
 * The seed convention of the fuzz tests: a fresh random seed every run, or {@code -Deolearn.seed=N} to rerun one.
 * The seed is printed when the test starts and is part of every failure message, with the case number.
 */
public final class FuzzSeed {

    private FuzzSeed() {
    }

    /**
     * Returns this run's seed and prints it.
     *
     * @param test the test's name (for the printed line)
     * @return {@code eolearn.seed} if set, else a random seed
     */
    public static long seed(String test) {
        String given = System.getProperty("eolearn.seed", "").trim();
        long seed = given.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(given);
        System.out.println(test + ": fuzz seed " + seed + " (rerun with -Deolearn.seed=" + seed + ")");
        return seed;
    }

    /**
     * Describes a failing case for a message.
     *
     * @param seed the run's seed
     * @param index the case number
     * @return {@code "seed S, case I (rerun with -Deolearn.seed=S)"}
     */
    public static String where(long seed, int index) {
        return "seed " + seed + ", case " + index + " (rerun with -Deolearn.seed=" + seed + ")";
    }
}
