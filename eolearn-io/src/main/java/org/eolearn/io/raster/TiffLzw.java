package org.eolearn.io.raster;

import java.io.ByteArrayOutputStream;

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
        // entry k: its last byte, the entry it extends, its first byte and its length
        int[] prefix = new int[MAX_CODE + 1];
        byte[] suffix = new byte[MAX_CODE + 1];
        byte[] first = new byte[MAX_CODE + 1];
        int[] length = new int[MAX_CODE + 1];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
            prefix[i] = -1;
        }
        int outPos = 0;
        int next = 258;
        int width = 9;
        long bitPos = 0;
        long totalBits = (long) in.length * 8;
        int previous = -1;
        while (outPos < expected && bitPos + width <= totalBits) {
            int code = readCode(in, bitPos, width);
            bitPos += width;
            if (code == EOI) {
                break;
            }
            if (code == CLEAR) {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }
            int entry;
            if (code < next && (code < 256 || code >= 258)) {
                entry = code;
                if (previous >= 0 && next <= MAX_CODE) {
                    add(prefix, suffix, first, length, next++, previous, first[code]);
                }
            } else if (code == next && previous >= 0) {
                if (next > MAX_CODE) {
                    throw new IllegalArgumentException("corrupt LZW data: table overflow");
                }
                add(prefix, suffix, first, length, next++, previous, first[previous]);
                entry = code;
            } else {
                throw new IllegalArgumentException("corrupt LZW data: code " + code + " not in the table");
            }
            int len = length[entry];
            int end = outPos + len;
            int e = entry;
            for (int p = end - 1; p >= outPos; p--) {
                if (p < expected) {
                    out[p] = suffix[e];
                }
                e = prefix[e];
            }
            outPos = Math.min(end, expected);
            previous = entry;
            if (next >= (1 << width) - 1 && width < 12) {
                width++;
            }
        }
        return out;
    }

    private static void add(int[] prefix, byte[] suffix, byte[] first, int[] length, int code, int previous,
                            byte last) {
        prefix[code] = previous;
        suffix[code] = last;
        first[code] = first[previous];
        length[code] = length[previous] + 1;
    }

    private static int readCode(byte[] in, long bitPos, int width) {
        int b = (int) (bitPos >>> 3);
        int acc = (in[b] & 0xFF) << 16;
        if (b + 1 < in.length) {
            acc |= (in[b + 1] & 0xFF) << 8;
        }
        if (b + 2 < in.length) {
            acc |= in[b + 2] & 0xFF;
        }
        return (acc >>> (24 - (int) (bitPos & 7) - width)) & ((1 << width) - 1);
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
        Table dict = TABLE.get();
        dict.clear();
        int next = 258;
        int current = in[0] & 0xFF;
        for (int i = 1; i < in.length; i++) {
            int b = in[i] & 0xFF;
            int key = (current << 8) | b;
            int found = dict.get(key);
            if (found >= 0) {
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

    private static final ThreadLocal<Table> TABLE = ThreadLocal.withInitial(Table::new);

    /** The encoder's string table: (code, next byte) to code, cleared in O(1) by a generation stamp. */
    private static final class Table {
        private final int[] codes = new int[(MAX_CODE + 1) << 8];
        private final int[] stamps = new int[(MAX_CODE + 1) << 8];
        private int generation;

        void clear() {
            generation++;
            if (generation == Integer.MAX_VALUE) {
                java.util.Arrays.fill(stamps, 0);
                generation = 1;
            }
        }

        int get(int key) {
            return stamps[key] == generation ? codes[key] : -1;
        }

        void put(int key, int code) {
            stamps[key] = generation;
            codes[key] = code;
        }
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
