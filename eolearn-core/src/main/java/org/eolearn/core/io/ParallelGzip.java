package org.eolearn.core.io;

import org.eolearn.core.compute.ComputePolicy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a single-member gzip file with {@link FastDeflate} (or zlib level 1), compressing large inputs on the threads {@link ComputePolicy} allows, the way
 * {@code pigz} does: the input is cut into blocks, each block is encoded on its own (with the previous 32 KiB as
 * history, so matches may cross block boundaries) and ends byte-aligned, and the blocks join into one deflate
 * stream. Any gzip reader (Python's {@code gzip}, {@code zcat}, {@code java.util.zip}) reads the result.
 */
final class ParallelGzip {

    private static final int BLOCK = 1 << 19;
    private static final int WINDOW = 32 << 10;
    /** gzip header: deflate, no name, mtime 0, XFL 4 (fastest compression), OS 3 (Unix). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, 3};
    /** Each thread's input buffer, reused from block to block. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

    private ParallelGzip() {
    }

    /**
     * Writes {@code parts} (each read from its position to its limit, concatenated) as one gzip member.
     *
     * @param parts the content, for example an NPY header and the array's bytes
     * @param out   the target stream (not closed)
     * @throws IOException if writing fails
     */
    static void write(List<ByteBuffer> parts, OutputStream out) throws IOException {
        write(parts, out, false);
    }

    /**
     * Writes {@code parts} as one gzip member.
     *
     * @param parts the content
     * @param out   the target stream (not closed)
     * @param zlib  encode with zlib at level 1 instead of {@link FastDeflate}
     * @throws IOException if writing fails
     */
    static void write(List<ByteBuffer> parts, OutputStream out, boolean zlib) throws IOException {
        long total = 0;
        CRC32 crc = new CRC32();
        for (ByteBuffer p : parts) {
            total += p.remaining();
            crc.update(p.duplicate());
        }
        out.write(HEADER);
        int threads = ComputePolicy.threads();
        // on one thread, larger blocks: less history re-hashed and fewer block headers
        long block = threads == 1 ? 8L * BLOCK : BLOCK;
        int blocks = (int) Math.max(1, (total + block - 1) / block);
        if (blocks == 1) {
            out.write(encodeBlock(parts, 0, total, true, zlib));
        } else {
            // a window of blocks at a time (one on one thread, two per thread on several): memory stays bounded, a
            // block's output is written, and garbage, before the next window starts
            long size = total;
            int window = threads == 1 ? 1 : 2 * threads;
            for (int first = 0; first < blocks; first += window) {
                int base = first;
                int count = Math.min(window, blocks - first);
                List<byte[]> encoded = ComputePolicy.parallelMap(count, k -> {
                    long from = (base + k) * block;
                    long to = Math.min(size, from + block);
                    return encodeBlock(parts, from, to, base + k == blocks - 1, zlib);
                });
                for (byte[] e : encoded) {
                    out.write(e);
                }
            }
        }
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt((int) total);
        out.write(trailer.array());
    }

    private static byte[] encodeBlock(List<ByteBuffer> parts, long from, long to, boolean last, boolean zlib) {
        long historyFrom = Math.max(0, from - WINDOW);
        int length = (int) (to - historyFrom);
        byte[] data = BUFFER.get();
        if (data.length < length) {
            data = new byte[length];
            BUFFER.set(data);
        }
        copy(parts, historyFrom, to, data);
        int start = (int) (from - historyFrom);
        return zlib ? zlibLevel1(data, start, length, last) : FastDeflate.encode(data, 0, start, length, last);
    }

    /** zlib level 1 over {@code data[start..]} with {@code data[0, start)} as dictionary, sync-flushed unless last. */
    private static byte[] zlibLevel1(byte[] data, int start, int end, boolean last) {
        Deflater d = new Deflater(1, true);
        try {
            if (start > 0) {
                d.setDictionary(data, 0, start);
            }
            d.setInput(data, start, end - start);
            if (last) {
                d.finish();
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[1 << 16];
            while (true) {
                int n = last ? d.deflate(buf) : d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
                if (last ? d.finished() : n < buf.length) {
                    break;
                }
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Copies bytes {@code [from, to)} of the concatenated parts to the start of {@code out}. */
    private static void copy(List<ByteBuffer> parts, long from, long to, byte[] out) {
        long offset = 0;
        int written = 0;
        for (ByteBuffer p : parts) {
            long size = p.remaining();
            long a = Math.max(from, offset);
            long b = Math.min(to, offset + size);
            if (a < b) {
                ByteBuffer slice = p.duplicate();
                slice.position(p.position() + (int) (a - offset));
                slice.get(out, written, (int) (b - a));
                written += (int) (b - a);
            }
            offset += size;
        }
    }
}
