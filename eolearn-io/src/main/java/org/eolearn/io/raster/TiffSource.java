package org.eolearn.io.raster;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the TIFF reader's bytes come from: a file channel, an array or a {@link RangeReader}. */
interface TiffSource extends Closeable {

    /**
     * The size of the file.
     *
     * @return bytes
     * @throws IOException if it cannot be known
     */
    long size() throws IOException;

    /**
     * Reads bytes at a position, as {@link FileChannel#read(ByteBuffer, long)}.
     *
     * @param dst      where to put them
     * @param position the file position
     * @return the number of bytes read, or -1 at the end
     * @throws IOException if reading fails
     */
    int read(ByteBuffer dst, long position) throws IOException;

    static TiffSource of(FileChannel ch) {
        return new TiffSource() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return ch.read(dst, position);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    static TiffSource of(byte[] bytes) {
        return new TiffSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, (int) position, n);
                return n;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "GeoTIFF file not found");
        }
    }

    /** Reads {@code len} bytes at {@code pos}, failing clearly past the end of the file. */
    static ByteBuffer readAt(TiffSource ch, long pos, long len, ByteOrder order) throws IOException {
        long size = ch.size();
        if (pos < 0 || len < 0 || pos + len > size || len > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(len + " bytes at offset " + pos + " lie outside the file ("
                    + size + " bytes): truncated file?");
        }
        ByteBuffer b = ByteBuffer.allocate((int) len);
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new IllegalArgumentException("unexpected end of file at offset " + (pos + b.position()));
            }
        }
        b.flip();
        return b.order(order);
    }
}
