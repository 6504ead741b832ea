package org.eolearn.core.io;

import java.util.concurrent.ForkJoinPool;

/** The thread pool that splits one large file's work (compression, reading) over the cores. */
final class IoPools {

    /** One daemon worker per core (at least two). */
    static final ForkJoinPool COMPUTE = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true);
                t.setName("eolearn-io-compute-" + t.getPoolIndex());
                return t;
            }, null, false);

    private IoPools() {
    }
}
