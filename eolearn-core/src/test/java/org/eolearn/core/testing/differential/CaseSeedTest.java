package org.eolearn.core.testing.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cases of a differential run differ from their first random draw on, whatever the run's seed. */
class CaseSeedTest {

    @Test
    void firstDrawsOfARunAreSpreadOverEveryValue() {
        for (long seed : new long[] {20261202L, 4543861766739154805L, 0L, -1L}) {
            int[] counts = new int[10];
            for (int i = 0; i < 300; i++) {
                counts[new Random(Differential.caseSeed(seed, i)).nextInt(10)]++;
            }
            for (int c : counts) {
                assertThat(c).as("seed " + seed).isBetween(12, 50);
            }
        }
    }
}
