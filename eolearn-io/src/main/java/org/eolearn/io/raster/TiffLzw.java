package org.eolearn.io.raster;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** TIFF's LZW (MSB-first codes of 9 to 12 bits, clear code 256, end code 257, "early change"). */
final class TiffLzw {

    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int MAX_CODE = 4095;

    private TiffLzw() {
    }

    /**
     * Decodes one chunk.
     *
     * @param in       the compressed bytes
     * @param expected the decoded size (decoding stops there)
     * @return the decoded bytes (exactly {@code expected}, zero-padded when the stream is short)
     */
    static byte[] decode(byte[] in, int expected) {
        byte[] out = new byte[expected];
        int outPos = 0;
        byte[][] table = new byte[MAX_CODE + 1][];
        for (int i = 0; i < 256; i++) {
            table[i] = new byte[] {(byte) i};
        }
        int next = 258;
        int width = 9;
        long bitPos = 0;
        long totalBits = (long) in.length * 8;
        byte[] previous = null;
        while (outPos < expected && bitPos + width <= totalBits) {
            int code = readCode(in, bitPos, width);
            bitPos += width;
            if (code == EOI) {
                break;
            }
            if (code == CLEAR) {
                next = 258;
                width = 9;
                previous = null;
                continue;
            }
            byte[] entry;
            if (code < next && table[code] != null) {
                entry = table[code];
                if (previous != null && next <= MAX_CODE) {
                    table[next++] = concat(previous, entry[0]);
                }
            } else if (code == next && previous != null) {
                entry = concat(previous, previous[0]);
                if (next <= MAX_CODE) {
                    table[next++] = entry;
                }
            } else {
                throw new IllegalArgumentException("corrupt LZW data: code " + code + " not in the table");
            }
            int n = Math.min(entry.length, expected - outPos);
            System.arraycopy(entry, 0, out, outPos, n);
            outPos += n;
            previous = entry;
            if (next >= (1 << width) - 1 && width < 12) {
                width++;
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte b) {
        byte[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    private static int readCode(byte[] in, long bitPos, int width) {
        int value = 0;
        for (int i = 0; i < width; i++) {
            long p = bitPos + i;
            int bit = (in[(int) (p >>> 3)] >> (7 - (int) (p & 7))) & 1;
            value = (value << 1) | bit;
        }
        return value;
    }

    /**
     * Encodes one chunk.
     *
     * @param in the bytes
     * @return the compressed stream (starting with a clear code, ending with the end code)
     */
    static byte[] encode(byte[] in) {
        BitWriter w = new BitWriter();
        int width = 9;
        w.put(CLEAR, width);
        if (in.length == 0) {
            w.put(EOI, width);
            return w.toByteArray();
        }
        java.util.HashMap<Integer, Integer> dict = new java.util.HashMap<>();
        int next = 258;
        int current = in[0] & 0xFF;
        for (int i = 1; i < in.length; i++) {
            int b = in[i] & 0xFF;
            int key = (current << 8) | b;
            Integer found = dict.get(key);
            if (found != null) {
                current = found;
                continue;
            }
            w.put(current, width);
            dict.put(key, next++);
            if (next == MAX_CODE - 1) {
                w.put(CLEAR, width);
                dict.clear();
                next = 258;
                width = 9;
            } else if (next > (1 << width) - 1) {
                width++;
            }
            current = b;
        }
        w.put(current, width);
        next++;
        if (next == MAX_CODE - 1) {
            w.put(CLEAR, width);
            width = 9;
        } else if (next > (1 << width) - 1) {
            width++;
        }
        w.put(EOI, width);
        return w.toByteArray();
    }

    /** MSB-first bit packing. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int bits;

        void put(int code, int width) {
            acc = (acc << width) | code;
            bits += width;
            while (bits >= 8) {
                out.write((int) (acc >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
            acc &= (1L << bits) - 1;
        }

        byte[] toByteArray() {
            if (bits > 0) {
                out.write((int) (acc << (8 - bits)) & 0xFF);
                bits = 0;
                acc = 0;
            }
            return out.toByteArray();
        }
    }
}
