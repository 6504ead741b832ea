package org.eolearn.core.compute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The one place that decides how many threads the work of a patch may use: its kernels, codecs and file I/O.
 *
 * <p>Work runs with a <em>budget</em> of threads. A program that sets none gets {@link #cores()}; the
 * {@link org.eolearn.core.execution.EOExecutor} gives each of its {@code W} concurrent executions
 * {@code max(1, cores / W)}, so that {@code W} executions together never ask for more threads than the machine has
 * (two workers on two cores run every kernel on one thread each, instead of four threads fighting over two cores).
 * {@link #withThreads} sets a budget for a piece of work.
 *
 * <p>{@link #parallelFor} splits a loop over indices among at most {@link #threads()} threads: the calling thread and
 * helpers from the library's one pool of daemon threads ({@code eolearn-compute-N}). The caller works too and only
 * waits for helpers that are already running an index, so a loop never waits for a pool thread to become free; a
 * helper runs with a budget of one thread, so nested loops run inline. No library code uses the common fork-join pool
 * or a pool of its own for this.
 *
 * <p>Helpers run on behalf of their caller: {@link #owner()} on a helper is the thread that started the loop (the
 * executor's per-execution log capture uses it, so records a kernel logs on a helper go to its execution's log).
 *
 * <p>{@link #cores()} is {@link Runtime#availableProcessors()}, or the system property {@code eolearn.threads}
 * when set (at least 1).
 *
 * <h2>Thread-safety</h2>
 * Safe on every thread; budgets are per thread.
 *
 * @since 0.1
 */
public final class ComputePolicy {

    private static final int CORES = Math.max(1, Integer.getInteger("eolearn.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ThreadLocal<Integer> BUDGET = new ThreadLocal<>();
    private static final ThreadLocal<Thread> OWNER = new ThreadLocal<>();
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    /** Helper threads: created on demand, kept 30 s when idle; at most the sum of the budgets run at once. */
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "eolearn-compute-" + THREAD_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private ComputePolicy() {
    }

    /**
     * The machine's cores as the policy counts them.
     *
     * @return at least 1
     */
    public static int cores() {
        return CORES;
    }

    /**
     * How many threads the current thread's work may use.
     *
     * @return the budget set by {@link #withThreads}, else {@link #cores()}
     */
    public static int threads() {
        Integer b = BUDGET.get();
        return b == null ? CORES : b;
    }

    /**
     * The budget of each of {@code concurrent} executions running at once: {@code max(1, cores / concurrent)}.
     *
     * @param concurrent executions at once (at least 1)
     * @return threads per execution
     */
    public static int threadsPerExecution(int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent executions must be at least 1, got " + concurrent);
        }
        return Math.max(1, CORES / concurrent);
    }

    /**
     * The thread on whose behalf the current thread works: the thread that started the {@link #parallelFor} a
     * helper runs, else the current thread.
     *
     * @return the owner
     */
    public static Thread owner() {
        Thread o = OWNER.get();
        return o == null ? Thread.currentThread() : o;
    }

    /**
     * Runs work with a budget of threads on the current thread, restoring the previous budget afterwards.
     *
     * @param threads the budget (at least 1)
     * @param work    the work
     * @param <T>     its result
     * @return the work's result
     */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Integer previous = BUDGET.get();
        BUDGET.set(threads);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BUDGET.remove();
            } else {
                BUDGET.set(previous);
            }
        }
    }

    /**
     * Runs {@code body} for every index in {@code [0, n)}, on at most {@link #threads()} threads (the caller
     * included), in no particular order. The first exception thrown stops the loop (indices not yet started are
     * skipped) and is rethrown to the caller once the running helpers have finished.
     *
     * @param n    the number of indices (0 or more)
     * @param body what to do for one index
     */
    public static void parallelFor(int n, IntConsumer body) {
        int helpers = Math.min(threads(), n) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        Loop loop = new Loop(n, body, owner());
        for (int h = 0; h < helpers; h++) {
            try {
                POOL.execute(loop::help);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                break;
            }
        }
        loop.work();
        loop.awaitHelpers();
        Throwable t = loop.failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Computes {@code f(i)} for every index in {@code [0, n)} with {@link #parallelFor}, keeping the results in
     * index order.
     *
     * @param n the number of indices
     * @param f the function
     * @param <T> the result type
     * @return the results, {@code result[i] = f(i)}
     */
    public static <T> java.util.List<T> parallelMap(int n, IntFunction<T> f) {
        Object[] out = new Object[n];
        parallelFor(n, i -> out[i] = f.apply(i));
        @SuppressWarnings("unchecked")
        java.util.List<T> list = (java.util.List<T>) java.util.Arrays.asList(out);
        return list;
    }

    /**
     * One index of a loop that does I/O.
     */
    @FunctionalInterface
    public interface IoBody {
        /**
         * Does the work of one index.
         *
         * @param index the index
         * @throws java.io.IOException if it fails
         */
        void accept(int index) throws java.io.IOException;
    }

    /**
     * {@link #parallelFor} for a body that reads or writes files: the first {@link java.io.IOException} is
     * rethrown as it is.
     *
     * @param n    the number of indices
     * @param body what to do for one index
     * @throws java.io.IOException the first failure of the body
     */
    public static void parallelForIo(int n, IoBody body) throws java.io.IOException {
        try {
            parallelFor(n, i -> {
                try {
                    body.accept(i);
                } catch (java.io.IOException e) {
                    throw new IoFailure(e);
                }
            });
        } catch (IoFailure f) {
            throw f.io;
        }
    }

    /** Carries a body's {@link java.io.IOException} through {@link #parallelFor}. */
    private static final class IoFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient java.io.IOException io;

        IoFailure(java.io.IOException io) {
            super(io.getMessage(), io, false, false);
            this.io = io;
        }
    }

    /** One loop's shared state. */
    private static final class Loop {
        private final int n;
        private final IntConsumer body;
        private final Thread owner;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Loop(int n, IntConsumer body, Thread owner) {
            this.n = n;
            this.body = body;
            this.owner = owner;
        }

        void work() {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }

        void help() {
            // counted before claiming an index: the caller, once it finds no index left, waits for every helper
            // that may have claimed one
            active.incrementAndGet();
            Integer previousBudget = BUDGET.get();
            Thread previousOwner = OWNER.get();
            BUDGET.set(1);
            OWNER.set(owner);
            try {
                work();
            } finally {
                if (previousBudget == null) {
                    BUDGET.remove();
                } else {
                    BUDGET.set(previousBudget);
                }
                if (previousOwner == null) {
                    OWNER.remove();
                } else {
                    OWNER.set(previousOwner);
                }
                synchronized (this) {
                    active.decrementAndGet();
                    notifyAll();
                }
            }
        }

        void awaitHelpers() {
            boolean interrupted = false;
            synchronized (this) {
                while (active.get() > 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
