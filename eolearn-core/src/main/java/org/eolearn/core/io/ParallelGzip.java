package org.eolearn.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.zip.CRC32;

/**
 * Writes a single-member gzip file with {@link FastDeflate}, compressing large inputs in parallel the way
 * {@code pigz} does: the input is cut into blocks, each block is encoded on its own (with the previous 32 KiB as
 * history, so matches may cross block boundaries) and ends byte-aligned, and the blocks join into one deflate
 * stream. Any gzip reader (Python's {@code gzip}, {@code zcat}, {@code java.util.zip}) reads the result.
 */
final class ParallelGzip {

    private static final int BLOCK = 1 << 20;
    private static final int WINDOW = 32 << 10;
    /** gzip header: deflate, no name, mtime 0, XFL 4 (fastest compression), OS 3 (Unix). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, 3};
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
        long total = 0;
        CRC32 crc = new CRC32();
        for (ByteBuffer p : parts) {
            total += p.remaining();
            crc.update(p.duplicate());
        }
        out.write(HEADER);
        int blocks = (int) Math.max(1, (total + BLOCK - 1) / BLOCK);
        if (blocks == 1) {
            out.write(encodeBlock(parts, 0, total, true));
        } else {
            List<ForkJoinTask<byte[]>> tasks = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                long from = (long) b * BLOCK;
                long to = Math.min(total, from + BLOCK);
                boolean last = b == blocks - 1;
                tasks.add(IoPools.COMPUTE.submit(() -> encodeBlock(parts, from, to, last)));
            }
            for (ForkJoinTask<byte[]> t : tasks) {
                out.write(t.join());
            }
        }
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt((int) total);
        out.write(trailer.array());
    }

    private static byte[] encodeBlock(List<ByteBuffer> parts, long from, long to, boolean last) {
        long historyFrom = Math.max(0, from - WINDOW);
        byte[] data = copy(parts, historyFrom, to);
        return FastDeflate.encode(data, 0, (int) (from - historyFrom), data.length, last);
    }

    /** Copies bytes {@code [from, to)} of the concatenated parts. */
    private static byte[] copy(List<ByteBuffer> parts, long from, long to) {
        byte[] out = new byte[(int) (to - from)];
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
        return out;
    }
}
