package org.eolearn.cloudless;

import java.util.function.IntConsumer;

/**
 * Runs the detector's per-frame loops: on the calling thread ({@link #SEQUENTIAL}, the default of a detector used
 * alone) or on the threads an application allows. Inside eo-learn for Java, {@code CloudMaskTask} passes
 * {@code org.eolearn.core.compute.ComputePolicy::parallelFor}, so the detector uses the threads the executor gives
 * each execution.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Loops {

    /** Every index on the calling thread, in order. */
    Loops SEQUENTIAL = (n, body) -> {
        for (int i = 0; i < n; i++) {
            body.accept(i);
        }
    };

    /**
     * Runs {@code body} once for every index in {@code [0, n)}, in any order and on any threads, and returns when
     * all have finished (rethrowing the first exception).
     *
     * @param n    the number of indices
     * @param body the work of one index
     */
    void forEach(int n, IntConsumer body);
}
