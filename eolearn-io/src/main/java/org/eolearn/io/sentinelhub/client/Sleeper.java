package org.eolearn.io.sentinelhub.client;

import java.time.Duration;

/**
 * Waits between attempts. {@link #system()} really sleeps; tests inject one that records the waits and
 * returns at once.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The sleeper that blocks the calling thread ({@link Thread#sleep(long, int)}).
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            }
        };
    }
}
