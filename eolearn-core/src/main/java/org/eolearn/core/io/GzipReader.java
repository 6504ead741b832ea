package org.eolearn.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip file strictly, with errors that name the file: every member's CRC-32 and length are
 * checked, members may follow each other (zero padding between them is skipped, as Python's {@code gzip} does),
 * and anything else after the last member is an error (Java's {@code GZIPInputStream} ignores it). The header's
 * optional CRC-16 is skipped unchecked, as Python does.
 *
 * <p>Errors are {@link EOPatchFormatException}s: "truncated gzip stream (...)" when the file ends early,
 * "corrupt gzip stream (...)" otherwise.
 */
final class GzipReader extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream raw;
    private final Path file;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean inMember;
    private boolean first = true;
    private boolean eof;

    /**
     * Wraps a compressed stream.
     *
     * @param raw  the compressed bytes (closed with this stream)
     * @param file the file name for messages
     */
    GzipReader(InputStream raw, Path file) {
        this.raw = raw;
        this.file = file;
    }

    private int rawByte() throws IOException {
        if (bufPos == bufLen) {
            fill();
            if (bufLen == 0) {
                return -1;
            }
        }
        return buf[bufPos++] & 0xFF;
    }

    private void fill() throws IOException {
        bufPos = 0;
        int n = raw.read(buf);
        bufLen = Math.max(0, n);
    }

    private int need(String what) throws IOException {
        int b = rawByte();
        if (b < 0) {
            throw truncated("the file ends inside " + what);
        }
        return b;
    }

    private EOPatchFormatException truncated(String why) {
        return new EOPatchFormatException(file, "truncated gzip stream (" + why + ")");
    }

    private EOPatchFormatException corrupt(String why) {
        return new EOPatchFormatException(file, "corrupt gzip stream (" + why + ")");
    }

    /** Reads a member header; returns false at the end of the file. */
    private boolean startMember() throws IOException {
        int b1 = rawByte();
        if (b1 < 0) {
            return false;
        }
        int b2 = rawByte();
        if (b1 != 0x1F || b2 != 0x8B) {
            throw corrupt(first ? "not a gzip file" : "unexpected data after the last gzip member");
        }
        first = false;
        int method = need("the gzip header");
        if (method != 8) {
            throw corrupt("unknown compression method " + method);
        }
        int flags = need("the gzip header");
        for (int i = 0; i < 6; i++) {
            need("the gzip header");
        }
        if ((flags & FEXTRA) != 0) {
            int len = need("the gzip header") | need("the gzip header") << 8;
            for (int i = 0; i < len; i++) {
                need("the gzip header's extra field");
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            need("the gzip header");
            need("the gzip header");
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        return true;
    }

    private void skipZeroTerminated() throws IOException {
        int b;
        do {
            b = rawByte();
        } while (b > 0);
    }

    private void endMember() throws IOException {
        int rem = inflater.getRemaining();
        bufPos = bufLen - rem;
        long storedCrc = 0;
        long storedSize = 0;
        for (int i = 0; i < 4; i++) {
            storedCrc |= (long) need("the gzip trailer") << (8 * i);
        }
        for (int i = 0; i < 4; i++) {
            storedSize |= (long) need("the gzip trailer") << (8 * i);
        }
        if (storedCrc != crc.getValue()) {
            throw corrupt("CRC-32 check failed");
        }
        if (storedSize != (memberSize & 0xFFFFFFFFL)) {
            throw corrupt("length check failed");
        }
        inMember = false;
        int b;
        do {
            b = rawByte();
        } while (b == 0);
        if (b > 0) {
            bufPos--; // the first byte of the next member
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember) {
                if (!startMember()) {
                    eof = true;
                    break;
                }
            }
            if (inflater.finished()) {
                endMember();
                continue;
            }
            if (inflater.needsInput()) {
                if (bufPos == bufLen) {
                    fill();
                    if (bufLen == 0) {
                        throw truncated("the file ends inside the compressed data");
                    }
                }
                inflater.setInput(buf, bufPos, bufLen - bufPos);
                bufPos = bufLen;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt(String.valueOf(e.getMessage()));
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.needsDictionary()) {
                throw corrupt("a preset dictionary is required");
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        raw.close();
    }
}
