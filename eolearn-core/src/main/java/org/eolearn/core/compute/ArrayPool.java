package org.eolearn.core.compute;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the off-heap memory of large arrays across nodes and executions.
 *
 * <p>Allocating a fresh array costs more than filling it: the memory comes from the operating system and every page
 * is faulted in and zeroed on first use (on the project's 2-core machine kind, 71 MB take about 0.25 s, as long as
 * interpolating them). Arrays of at least {@link #MIN_POOLED_BYTES} created by {@link #uninitialized} live in memory
 * the pool owns; {@link #release} closes such an array (so a stale reference to it fails with ND4J's "released"
 * error instead of reading someone else's data) and keeps its memory for the next array of about the same size. An
 * array that is never released gives its memory back when the garbage collector finds it unreachable, as ND4J's own
 * arrays do.
 *
 * <p>Idle memory is bounded: at most {@link #maxIdleBytes()} bytes (system property
 * {@code eolearn.arrayPool.maxIdleBytes}, default 1 GiB; 0 disables pooling), the oldest idle blocks freed first;
 * {@link #trim()} frees all idle memory (the executor calls it when a run ends). A block is reused for a request of
 * its size or up to an eighth smaller.
 *
 * <h2>Thread-safety</h2>
 * Safe on every thread.
 *
 * @since 0.1
 */
public final class ArrayPool {

    /** Arrays smaller than this (bytes) are allocated by ND4J as usual. */
    public static final long MIN_POOLED_BYTES = 1L << 20;

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "eolearn-array-pool-cleaner");
        t.setDaemon(true);
        return t;
    });

    private static final Object LOCK = new Object();
    /** Idle blocks by capacity. */
    private static final NavigableMap<Long, ArrayDeque<BytePointer>> IDLE = new TreeMap<>();
    /** Idle blocks, oldest first, for eviction. */
    private static final Set<BytePointer> IDLE_ORDER = Collections.newSetFromMap(new java.util.LinkedHashMap<>());
    /** The lease of every pooled block handed out and not yet returned, by address. */
    private static final Map<Long, Lease> LEASES = new HashMap<>();
    private static long idleBytes;
    private static long maxIdle = Long.getLong("eolearn.arrayPool.maxIdleBytes", 1L << 30);
    private static long hits;
    private static long misses;

    private ArrayPool() {
    }

    /**
     * Creates a C-ordered array whose elements are not initialised (they hold whatever the memory held).
     *
     * @param type  the element type
     * @param shape the shape
     * @return a new array, in pooled memory when it is large enough
     */
    public static INDArray uninitialized(DataType type, long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        long bytes = Math.multiplyExact(n, (long) type.width());
        if (bytes < MIN_POOLED_BYTES || maxIdleBytes() == 0) {
            return Nd4j.createUninitialized(type, shape.clone(), 'c');
        }
        BytePointer block = take(bytes);
        Pointer typed = typed(block, type, n);
        DataBuffer buffer = Nd4j.createBuffer(typed, type, n, indexer(typed, type));
        Lease lease = new Lease(block);
        synchronized (LOCK) {
            LEASES.put(block.address(), lease);
        }
        // the lease holds the block, not the buffer: the buffer stays collectable
        lease.cleanable = CLEANER.register(buffer, lease);
        return Nd4j.create(buffer, shape.clone(), stridesC(shape), 0L, 'c', type);
    }

    /**
     * Creates a zero-filled C-ordered array, in pooled memory when it is large enough.
     *
     * @param type  the element type
     * @param shape the shape
     * @return a new array of zeros
     */
    public static INDArray zeros(DataType type, long... shape) {
        INDArray a = uninitialized(type, shape);
        if (a.length() > 0 && leaseOf(a.data()) != null) {
            Pointer.memset(a.data().addressPointer(), 0, a.length() * type.width());
        } else if (a.length() > 0) {
            a.assign(0);
        }
        return a;
    }

    /**
     * Releases an array now: closes it and, when its memory came from the pool, keeps that memory for reuse. Views
     * and arrays that cannot be closed are left alone.
     *
     * @param array the array (nothing may use it afterwards)
     * @return whether the array was closed
     */
    public static boolean release(INDArray array) {
        if (array == null || array.wasClosed() || array.isView() || !array.closeable()) {
            return false;
        }
        Lease lease = leaseOf(array.data());
        array.close();
        if (lease != null) {
            lease.cleanable.clean();
        }
        return true;
    }

    /**
     * Frees all idle memory.
     */
    public static void trim() {
        synchronized (LOCK) {
            evict(0);
        }
    }

    /**
     * The bound on idle memory, in bytes.
     *
     * @return the bound (0 when pooling is off)
     */
    public static long maxIdleBytes() {
        synchronized (LOCK) {
            return maxIdle;
        }
    }

    /**
     * Sets the bound on idle memory, freeing idle blocks beyond it.
     *
     * @param bytes the bound (0 turns pooling off)
     */
    public static void setMaxIdleBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxIdleBytes must be >= 0, got " + bytes);
        }
        synchronized (LOCK) {
            maxIdle = bytes;
            evict(bytes);
        }
    }

    /**
     * What the pool holds and how often it served a request.
     *
     * @return a snapshot
     */
    public static Stats stats() {
        synchronized (LOCK) {
            return new Stats(idleBytes, IDLE_ORDER.size(), LEASES.size(), hits, misses);
        }
    }

    /**
     * A snapshot of the pool.
     *
     * @param idleBytes  bytes held idle
     * @param idleBlocks idle blocks
     * @param leased     pooled arrays in use
     * @param hits       requests served from idle memory
     * @param misses     requests that allocated new memory
     */
    public record Stats(long idleBytes, int idleBlocks, int leased, long hits, long misses) {
    }

    private static BytePointer take(long bytes) {
        synchronized (LOCK) {
            Map.Entry<Long, ArrayDeque<BytePointer>> e = IDLE.ceilingEntry(bytes);
            if (e != null && e.getKey() - bytes <= e.getKey() / 8) {
                BytePointer block = e.getValue().pollLast();
                if (e.getValue().isEmpty()) {
                    IDLE.remove(e.getKey());
                }
                IDLE_ORDER.remove(block);
                idleBytes -= block.capacity();
                hits++;
                return block;
            }
            misses++;
        }
        BytePointer block = new BytePointer(bytes);
        if (block.isNull()) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of off-heap memory for an array");
        }
        return block;
    }

    private static void giveBack(BytePointer block) {
        synchronized (LOCK) {
            if (block.capacity() > maxIdle) {
                block.close();
                return;
            }
            evict(maxIdle - block.capacity());
            IDLE.computeIfAbsent(block.capacity(), k -> new ArrayDeque<>()).addLast(block);
            IDLE_ORDER.add(block);
            idleBytes += block.capacity();
        }
    }

    /** Frees the oldest idle blocks until at most {@code limit} bytes are idle; called under the lock. */
    private static void evict(long limit) {
        var it = IDLE_ORDER.iterator();
        while (idleBytes > limit && it.hasNext()) {
            BytePointer block = it.next();
            it.remove();
            ArrayDeque<BytePointer> q = IDLE.get(block.capacity());
            q.remove(block);
            if (q.isEmpty()) {
                IDLE.remove(block.capacity());
            }
            idleBytes -= block.capacity();
            block.close();
        }
    }

    private static Lease leaseOf(DataBuffer buffer) {
        if (buffer.length() * buffer.dataType().width() < MIN_POOLED_BYTES) {
            return null;
        }
        synchronized (LOCK) {
            return LEASES.get(buffer.address());
        }
    }

    private static Pointer typed(BytePointer block, DataType type, long n) {
        return switch (type) {
            case DOUBLE -> new org.bytedeco.javacpp.DoublePointer(block).capacity(n);
            case FLOAT -> new org.bytedeco.javacpp.FloatPointer(block).capacity(n);
            case LONG, UINT64 -> new org.bytedeco.javacpp.LongPointer(block).capacity(n);
            case INT, UINT32 -> new org.bytedeco.javacpp.IntPointer(block).capacity(n);
            case SHORT, UINT16, HALF, BFLOAT16 -> new org.bytedeco.javacpp.ShortPointer(block).capacity(n);
            case BYTE, UBYTE, BOOL -> new BytePointer(block).capacity(n);
            default -> throw new IllegalArgumentException("unsupported data type " + type);
        };
    }

    private static org.bytedeco.javacpp.indexer.Indexer indexer(Pointer typed, DataType type) {
        return switch (type) {
            case DOUBLE -> org.bytedeco.javacpp.indexer.DoubleIndexer.create((org.bytedeco.javacpp.DoublePointer) typed);
            case FLOAT -> org.bytedeco.javacpp.indexer.FloatIndexer.create((org.bytedeco.javacpp.FloatPointer) typed);
            case LONG -> org.bytedeco.javacpp.indexer.LongIndexer.create((org.bytedeco.javacpp.LongPointer) typed);
            case UINT64 -> org.bytedeco.javacpp.indexer.ULongIndexer.create((org.bytedeco.javacpp.LongPointer) typed);
            case INT -> org.bytedeco.javacpp.indexer.IntIndexer.create((org.bytedeco.javacpp.IntPointer) typed);
            case UINT32 -> org.bytedeco.javacpp.indexer.UIntIndexer.create((org.bytedeco.javacpp.IntPointer) typed);
            case SHORT -> org.bytedeco.javacpp.indexer.ShortIndexer.create((org.bytedeco.javacpp.ShortPointer) typed);
            case UINT16 -> org.bytedeco.javacpp.indexer.UShortIndexer.create((org.bytedeco.javacpp.ShortPointer) typed);
            case HALF -> org.bytedeco.javacpp.indexer.HalfIndexer.create((org.bytedeco.javacpp.ShortPointer) typed);
            case BFLOAT16 -> org.bytedeco.javacpp.indexer.Bfloat16Indexer.create(
                    (org.bytedeco.javacpp.ShortPointer) typed);
            case BYTE -> org.bytedeco.javacpp.indexer.ByteIndexer.create((BytePointer) typed);
            case UBYTE -> org.bytedeco.javacpp.indexer.UByteIndexer.create((BytePointer) typed);
            case BOOL -> org.bytedeco.javacpp.indexer.BooleanIndexer.create(new org.bytedeco.javacpp.BooleanPointer(
                    typed));
            default -> throw new IllegalArgumentException("unsupported data type " + type);
        };
    }

    private static long[] stridesC(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(1, shape[i]);
        }
        return strides;
    }

    /** A pooled block in use; run once, when the array is released or found unreachable. */
    private static final class Lease implements Runnable {
        private final BytePointer block;
        private Cleaner.Cleanable cleanable;

        Lease(BytePointer block) {
            this.block = block;
        }

        @Override
        public void run() {
            synchronized (LOCK) {
                LEASES.remove(block.address());
            }
            giveBack(block);
        }
    }
}
