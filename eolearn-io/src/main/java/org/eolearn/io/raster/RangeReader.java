package org.eolearn.io.raster;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the bytes of a file, local or remote: what {@link CogReader} reads a cloud-optimised GeoTIFF
 * from. A remote implementation (HTTP range requests) fetches the ranges of one {@link #read(List)} call in
 * parallel.
 *
 * <pre>{@code
 * try (RangeReader file = RangeReader.of(Path.of("B04.tif"))) {
 *     byte[] header = file.read(0, 16384);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface RangeReader extends Closeable {

    /**
     * What is read, for messages (a path or a URL without its query, which may hold a secret).
     *
     * @return the name
     */
    String name();

    /**
     * The size of the file, in bytes.
     *
     * @return the size
     * @throws IOException if it cannot be learnt
     */
    long size() throws IOException;

    /**
     * Reads a range of bytes. Fewer bytes than asked come back only when the range passes the end of the file.
     *
     * @param offset the first byte
     * @param length how many bytes
     * @return the bytes
     * @throws IOException if reading fails, naming {@link #name()}
     */
    byte[] read(long offset, int length) throws IOException;

    /**
     * Reads several ranges; a remote reader fetches them in parallel. Each range is {@code {offset, length}}.
     *
     * @param ranges the ranges
     * @return their bytes, in the same order
     * @throws IOException if one cannot be read
     */
    default List<byte[]> read(List<long[]> ranges) throws IOException {
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (long[] r : ranges) {
            out.add(read(r[0], Math.toIntExact(r[1])));
        }
        return out;
    }

    /**
     * A local file.
     *
     * @param file the file
     * @return its reader; close it when done
     * @throws IOException if it cannot be opened
     */
    static RangeReader of(Path file) throws IOException {
        FileChannel ch = TiffSource.open(file);
        return new RangeReader() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                long n = Math.max(0, Math.min(length, ch.size() - offset));
                ByteBuffer b = ByteBuffer.allocate((int) n);
                while (b.hasRemaining()) {
                    if (ch.read(b, offset + b.position()) < 0) {
                        break;
                    }
                }
                return b.array();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
