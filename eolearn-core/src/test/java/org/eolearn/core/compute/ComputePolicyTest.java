package org.eolearn.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePolicyTest {

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            ComputePolicy.withThreads(threads, () -> {
                ComputePolicy.parallelFor(1000, seen::incrementAndGet);
                return null;
            });
            for (int i = 0; i < 1000; i++) {
                assertThat(seen.get(i)).as("index %d with %d threads", i, threads).isEqualTo(1);
            }
        }
        ComputePolicy.parallelFor(0, i -> {
            throw new AssertionError("no index");
        });
    }

    @Test
    void oneThreadRunsOnTheCallerInOrder() {
        List<Integer> order = Collections.synchronizedList(new java.util.ArrayList<>());
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ComputePolicy.withThreads(1, () -> {
            ComputePolicy.parallelFor(50, i -> {
                order.add(i);
                threads.add(Thread.currentThread());
            });
            return null;
        });
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(order).isEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void neverMoreThreadsAtOnceThanTheBudget() {
        for (int budget : new int[] {2, 3}) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            ComputePolicy.withThreads(budget, () -> {
                ComputePolicy.parallelFor(200, i -> {
                    int now = running.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    threads.add(Thread.currentThread());
                    busy();
                    running.decrementAndGet();
                });
                return null;
            });
            assertThat(peak.get()).isLessThanOrEqualTo(budget);
            assertThat(threads.size()).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void helpersWorkForTheirCallerWithABudgetOfOne() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Set<Thread> owners = ConcurrentHashMap.newKeySet();
        Set<Integer> nestedBudgets = ConcurrentHashMap.newKeySet();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        ComputePolicy.withThreads(2, () -> {
            ComputePolicy.parallelFor(2, i -> {
                // both indices wait for each other: they must run on two threads at once
                both.countDown();
                try {
                    assertThat(both.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                owners.add(ComputePolicy.owner());
                workers.add(Thread.currentThread());
                if (Thread.currentThread() != ComputePolicy.owner()) {
                    nestedBudgets.add(ComputePolicy.threads());
                }
            });
            return null;
        });
        assertThat(workers).hasSize(2);
        assertThat(owners).containsExactly(Thread.currentThread());
        assertThat(nestedBudgets).containsExactly(1);
        assertThat(ComputePolicy.owner()).isSameAs(Thread.currentThread());
    }

    @Test
    void theFirstFailureStopsTheLoopAndReachesTheCaller() {
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> ComputePolicy.withThreads(2, () -> {
            ComputePolicy.parallelFor(10_000, i -> {
                ran.incrementAndGet();
                if (i == 3) {
                    throw new IllegalArgumentException("bad index 3");
                }
            });
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad index 3");
        assertThat(ran.get()).isLessThan(10_000);
        assertThatThrownBy(() -> ComputePolicy.withThreads(2, () -> {
            ComputePolicy.parallelFor(4, i -> {
                throw new StackOverflowError("deep");
            });
            return null;
        })).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void ioLoopsRethrowTheIOException() {
        IOException failure = new IOException("disk on fire");
        assertThatThrownBy(() -> ComputePolicy.parallelForIo(8, i -> {
            if (i == 5) {
                throw failure;
            }
        })).isSameAs(failure);
    }

    @Test
    void budgetsNestAndRestore() {
        int outside = ComputePolicy.threads();
        assertThat(outside).isEqualTo(ComputePolicy.cores());
        int inner = ComputePolicy.withThreads(3, () -> ComputePolicy.withThreads(1, ComputePolicy::threads));
        assertThat(inner).isEqualTo(1);
        assertThat(ComputePolicy.threads()).isEqualTo(outside);
        assertThatThrownBy(() -> ComputePolicy.withThreads(0, () -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be at least 1, got 0");
    }

    @Test
    void executionsShareTheCores() {
        int cores = ComputePolicy.cores();
        assertThat(ComputePolicy.threadsPerExecution(1)).isEqualTo(cores);
        assertThat(ComputePolicy.threadsPerExecution(cores)).isEqualTo(1);
        assertThat(ComputePolicy.threadsPerExecution(cores * 4)).isEqualTo(1);
        assertThatThrownBy(() -> ComputePolicy.threadsPerExecution(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parallelMapKeepsIndexOrder() {
        List<Integer> squares = ComputePolicy.withThreads(3, () -> ComputePolicy.parallelMap(500, i -> i * i));
        Set<Integer> distinct = new HashSet<>(squares);
        assertThat(distinct).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(squares.get(i)).isEqualTo(i * i);
        }
    }

    private static void busy() {
        long end = System.nanoTime() + 200_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
