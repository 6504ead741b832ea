package org.eolearn.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fast DEFLATE (RFC 1951) encoder for the "fastest" compression setting: greedy LZ77 matching with a
 * one-entry hash table and dynamic Huffman blocks (stored blocks where they are smaller).
 *
 * <p>zlib's level 1 spends most of its time probing hash chains on nearly incompressible data such as float32
 * reflectances; this encoder probes once per position and, after a run of misses, steps faster over the input
 * (still emitting every byte as a literal), which makes it several times faster on such data at a similar size.
 * Its output is plain DEFLATE: any inflater reads it (Python's {@code gzip}, zlib, {@code java.util.zip}).
 *
 * <p>One call encodes one segment: a run of input that may refer back to a preceding history (the previous
 * segment's last 32 KiB), and that ends either with the final block or with an empty stored block that aligns the
 * output to a byte boundary (zlib's "sync flush"). Segments encoded independently, in parallel, concatenate into
 * one valid stream.
 *
 * <h2>Thread-safety</h2>
 * Stateless: each call allocates its own working arrays.
 */
final class FastDeflate {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final int WINDOW = 32768;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    private static final int HASH_BITS = 16;
    /** A block ends after this many symbols, or this many matches (a run of literals and a match each). */
    private static final int BLOCK_SYMBOLS = 1 << 16;
    private static final int BLOCK_SEQUENCES = 1 << 15;
    private static final int SKIP_TRIGGER = 5;
    private static final int MAX_STEP = 16;
    private static final int MATCH_FLAG = 1 << 30;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1,
        15};
    /** Length 0..258 to its code index 0..28. */
    private static final byte[] LENGTH_CODE = new byte[MAX_MATCH + 1];
    /** Distance-1 to the code index 0..29 (one look-up without a branch). */
    private static final byte[] DIST_CODE = new byte[WINDOW];

    static {
        for (int code = 0; code < LENGTH_BASE.length; code++) {
            int span = code == 28 ? 1 : 1 << LENGTH_EXTRA[code];
            for (int l = LENGTH_BASE[code]; l < LENGTH_BASE[code] + span && l <= MAX_MATCH; l++) {
                LENGTH_CODE[l] = (byte) code;
            }
        }
        LENGTH_CODE[258] = 28;
        for (int code = 0; code < DIST_BASE.length; code++) {
            int span = 1 << DIST_EXTRA[code];
            for (int d = DIST_BASE[code]; d < DIST_BASE[code] + span; d++) {
                DIST_CODE[d - 1] = (byte) code;
            }
        }
    }

    private FastDeflate() {
    }

    private static int distCode(int distance) {
        return DIST_CODE[distance - 1];
    }

    /**
     * Encodes {@code data[start, end)}, allowing matches into {@code data[historyStart, start)}.
     *
     * @param data         the bytes
     * @param historyStart where the usable history begins (at most 32 KiB before {@code start})
     * @param start        the first byte to encode
     * @param end          the end of the input
     * @param last         whether this segment ends the stream (final block) or ends with a sync flush
     * @return the encoded bytes
     */
    static byte[] encode(byte[] data, int historyStart, int start, int end, boolean last) {
        Workspace ws = WORKSPACE.get();
        BitWriter out = ws.out;
        out.reset(Math.max(64, (end - start) + (end - start) / 8 + 64));
        // The table is reused without clearing: a stale entry is only a candidate, checked below like any other.
        int[] table = ws.table;
        for (int i = Math.max(historyStart, start - WINDOW); i + MIN_MATCH <= start; i++) {
            table[hash((int) INT_LE.get(data, i))] = i;
        }
        // A block is a list of sequences: a run of literals (counted here, read from the data when written) and
        // the match that follows it (0 for none).
        int[] runs = ws.runs;
        int[] matches = ws.matches;
        int[] litFreq = ws.litFreq;
        int[] distFreq = ws.distFreq;
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
        int sequences = 0;
        int symbolsInBlock = 0;
        int blockStart = start;
        int runStart = start;
        int i = start;
        int misses = 0;
        int limit = end - MIN_MATCH;
        while (i <= limit) {
            if (sequences >= BLOCK_SEQUENCES || symbolsInBlock >= BLOCK_SYMBOLS) {
                runs[sequences] = i - runStart;
                matches[sequences++] = 0;
                writeBlock(out, data, blockStart, i, runs, matches, sequences, litFreq, distFreq, false);
                sequences = 0;
                symbolsInBlock = 0;
                blockStart = i;
                runStart = i;
                Arrays.fill(litFreq, 0);
                Arrays.fill(distFreq, 0);
            }
            int v = (int) INT_LE.get(data, i);
            int h = hash(v);
            int candidate = table[h];
            table[h] = i;
            int distance = i - candidate;
            if (candidate >= historyStart && distance > 0 && distance <= WINDOW
                    && (int) INT_LE.get(data, candidate) == v) {
                int max = Math.min(MAX_MATCH, end - i);
                int len = MIN_MATCH;
                while (len + 8 <= max) {
                    long x = (long) LONG_LE.get(data, i + len) ^ (long) LONG_LE.get(data, candidate + len);
                    if (x != 0) {
                        len += Long.numberOfTrailingZeros(x) >>> 3;
                        break;
                    }
                    len += 8;
                }
                if (len + 8 > max) {
                    while (len < max && data[i + len] == data[candidate + len]) {
                        len++;
                    }
                }
                if (len > max) {
                    len = max;
                }
                int lc = LENGTH_CODE[len];
                int dc = distCode(distance);
                runs[sequences] = i - runStart;
                matches[sequences++] = MATCH_FLAG | (lc << 23) | ((len - LENGTH_BASE[lc]) << 18) | (dc << 13)
                        | (distance - DIST_BASE[dc]);
                symbolsInBlock++;
                litFreq[257 + lc]++;
                distFreq[dc]++;
                int next = i + len;
                if (next - 2 > i && next - 2 + MIN_MATCH <= end) {
                    table[hash((int) INT_LE.get(data, next - 2))] = next - 2;
                }
                i = next;
                runStart = next;
                misses = 0;
            } else if (misses < 1 << SKIP_TRIGGER) {
                misses++;
                symbolsInBlock++;
                litFreq[data[i++] & 0xFF]++;
            } else {
                int step = Math.min(MAX_STEP, 1 + (misses++ >>> SKIP_TRIGGER));
                int stop = Math.min(i + step, end);
                symbolsInBlock += stop - i;
                for (; i < stop; i++) {
                    litFreq[data[i] & 0xFF]++;
                }
            }
        }
        for (; i < end; i++) {
            litFreq[data[i] & 0xFF]++;
        }
        runs[sequences] = end - runStart;
        matches[sequences++] = 0;
        writeBlock(out, data, blockStart, end, runs, matches, sequences, litFreq, distFreq, last);
        if (!last) {
            // sync flush: an empty stored block brings the stream to a byte boundary
            out.bits(0, 1);
            out.bits(0, 2);
            out.alignToByte();
            out.bits(0x0000, 16);
            out.bits(0xFFFF, 16);
        } else {
            out.alignToByte();
        }
        return out.toByteArray();
    }

    private static int hash(int v) {
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private static void writeBlock(BitWriter out, byte[] data, int from, int to, int[] runs, int[] matches,
                                   int sequences, int[] litFreq, int[] distFreq, boolean last) {
        litFreq[256]++;
        int[] litLen = codeLengths(litFreq, 15, 2);
        int[] distLen = codeLengths(distFreq, 15, 2);
        int hlit = 286;
        while (hlit > 257 && litLen[hlit - 1] == 0) {
            hlit--;
        }
        int hdist = 30;
        while (hdist > 1 && distLen[hdist - 1] == 0) {
            hdist--;
        }
        // run-length encode the code lengths
        int[] all = new int[hlit + hdist];
        System.arraycopy(litLen, 0, all, 0, hlit);
        System.arraycopy(distLen, 0, all, hlit, hdist);
        int[] rle = new int[all.length * 2];
        int rleCount = 0;
        int[] clFreq = new int[19];
        for (int k = 0; k < all.length;) {
            int value = all[k];
            int run = 1;
            while (k + run < all.length && all[k + run] == value) {
                run++;
            }
            int consumed;
            if (value == 0 && run >= 11) {
                consumed = Math.min(run, 138);
                rle[rleCount++] = 18 | ((consumed - 11) << 8);
                clFreq[18]++;
            } else if (value == 0 && run >= 3) {
                consumed = run;
                rle[rleCount++] = 17 | ((consumed - 3) << 8);
                clFreq[17]++;
            } else if (value != 0 && run >= 4) {
                rle[rleCount++] = value;
                clFreq[value]++;
                consumed = 1 + Math.min(run - 1, 6);
                rle[rleCount++] = 16 | ((consumed - 1 - 3) << 8);
                clFreq[16]++;
            } else {
                consumed = 1;
                rle[rleCount++] = value;
                clFreq[value]++;
            }
            k += consumed;
        }
        int[] clLen = codeLengths(clFreq, 7, 2);
        int hclen = 19;
        while (hclen > 4 && clLen[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        long bits = 3 + 5 + 5 + 4 + 3L * hclen;
        for (int k = 0; k < rleCount; k++) {
            int sym = rle[k] & 0xFF;
            bits += clLen[sym] + (sym == 16 ? 2 : sym == 17 ? 3 : sym == 18 ? 7 : 0);
        }
        for (int s = 0; s < 286; s++) {
            bits += (long) litFreq[s] * (litLen[s] + (s > 256 ? LENGTH_EXTRA[s - 257] : 0));
        }
        for (int s = 0; s < 30; s++) {
            bits += (long) distFreq[s] * (distLen[s] + DIST_EXTRA[s]);
        }
        int raw = to - from;
        long storedBits = 8L * (raw + 5L * Math.max(1, (raw + 65534) / 65535)) + 7;
        if (storedBits < bits) {
            writeStored(out, data, from, to, last);
            return;
        }
        int[] litCode = canonicalCodes(litLen);
        int[] distCodes = canonicalCodes(distLen);
        int[] clCode = canonicalCodes(clLen);
        out.bits(last ? 1 : 0, 1);
        out.bits(2, 2);
        out.bits(hlit - 257, 5);
        out.bits(hdist - 1, 5);
        out.bits(hclen - 4, 4);
        for (int k = 0; k < hclen; k++) {
            out.bits(clLen[CODE_LENGTH_ORDER[k]], 3);
        }
        for (int k = 0; k < rleCount; k++) {
            int sym = rle[k] & 0xFF;
            out.bits(clCode[sym], clLen[sym]);
            if (sym == 16) {
                out.bits(rle[k] >>> 8, 2);
            } else if (sym == 17) {
                out.bits(rle[k] >>> 8, 3);
            } else if (sym == 18) {
                out.bits(rle[k] >>> 8, 7);
            }
        }
        out.sequences(data, from, runs, matches, sequences, litCode, litLen, distCodes, distLen);
        out.bits(litCode[256], litLen[256]);
    }

    private static void writeStored(BitWriter out, byte[] data, int from, int to, boolean last) {
        int pos = from;
        do {
            int n = Math.min(65535, to - pos);
            boolean final_ = last && pos + n == to;
            out.bits(final_ ? 1 : 0, 1);
            out.bits(0, 2);
            out.alignToByte();
            out.bits(n, 16);
            out.bits(~n & 0xFFFF, 16);
            out.bytes(data, pos, n);
            pos += n;
        } while (pos < to);
    }

    /**
     * Huffman code lengths limited to {@code maxBits}; at least {@code minCodes} symbols get a code (a complete
     * code is what every inflater accepts).
     */
    static int[] codeLengths(int[] freq, int maxBits, int minCodes) {
        int n = freq.length;
        int[] f = freq.clone();
        int used = 0;
        for (int x : f) {
            if (x > 0) {
                used++;
            }
        }
        for (int s = 0; used < minCodes && s < n; s++) {
            if (f[s] == 0) {
                f[s] = 1;
                used++;
            }
        }
        // symbols sorted by frequency, then Huffman lengths with the two-queue method
        // (frequency, symbol) packed in a long: a primitive sort, ties broken by the symbol
        long[] keys = new long[used];
        int k = 0;
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                keys[k++] = (long) f[s] << 32 | s;
            }
        }
        Arrays.sort(keys);
        int[] order = new int[used];
        for (int j = 0; j < used; j++) {
            order[j] = (int) keys[j];
        }
        int[] weight = new int[2 * used];
        int[] parent = new int[2 * used];
        for (int j = 0; j < used; j++) {
            weight[j] = f[order[j]];
        }
        int leaf = 0;
        int inner = used;
        int innerEnd = used;
        for (int node = used; node < 2 * used - 1; node++) {
            int[] pick = new int[2];
            for (int p = 0; p < 2; p++) {
                if (leaf < used && (inner >= innerEnd || weight[leaf] <= weight[inner])) {
                    pick[p] = leaf++;
                } else {
                    pick[p] = inner++;
                }
            }
            weight[node] = weight[pick[0]] + weight[pick[1]];
            parent[pick[0]] = node;
            parent[pick[1]] = node;
            innerEnd++;
        }
        int[] depth = new int[2 * used];
        int[] countPerLength = new int[Math.max(maxBits, 64) + 1];
        for (int node = 2 * used - 3; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        for (int j = 0; j < used; j++) {
            countPerLength[Math.min(depth[j], countPerLength.length - 1)]++;
        }
        // limit the lengths: move overflowing codes up to maxBits, then restore the Kraft sum
        for (int len = maxBits + 1; len < countPerLength.length; len++) {
            countPerLength[maxBits] += countPerLength[len];
            countPerLength[len] = 0;
        }
        long kraft = 0;
        for (int len = 1; len <= maxBits; len++) {
            kraft += (long) countPerLength[len] << (maxBits - len);
        }
        while (kraft > (1L << maxBits)) {
            countPerLength[maxBits]--;
            for (int len = maxBits - 1; len > 0; len--) {
                if (countPerLength[len] > 0) {
                    countPerLength[len]--;
                    countPerLength[len + 1] += 2;
                    break;
                }
            }
            kraft--;
        }
        // the least frequent symbols get the longest codes
        int[] lengths = new int[n];
        int j = 0;
        for (int len = maxBits; len >= 1; len--) {
            for (int c = 0; c < countPerLength[len]; c++) {
                lengths[order[j++]] = len;
            }
        }
        return lengths;
    }

    /** Canonical Huffman codes, bit-reversed for DEFLATE's least-significant-bit-first packing. */
    static int[] canonicalCodes(int[] lengths) {
        int[] blCount = new int[16];
        for (int l : lengths) {
            blCount[l]++;
        }
        blCount[0] = 0;
        int[] next = new int[16];
        int code = 0;
        for (int bits = 1; bits < 16; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int len = lengths[s];
            if (len > 0) {
                codes[s] = Integer.reverse(next[len]++) >>> (32 - len);
            }
        }
        return codes;
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** The working arrays of one thread, reused from call to call. */
    private static final class Workspace {
        final int[] table = new int[1 << HASH_BITS];
        final int[] runs = new int[BLOCK_SEQUENCES + 1];
        final int[] matches = new int[BLOCK_SEQUENCES + 1];
        final int[] litFreq = new int[286];
        final int[] distFreq = new int[30];
        final BitWriter out = new BitWriter();
    }

    /** Packs bits least-significant first into a growing byte array. */
    private static final class BitWriter {
        private byte[] buf = new byte[0];
        private int pos;
        private long acc;
        private int count;

        void reset(int capacity) {
            if (buf.length < capacity) {
                buf = new byte[capacity];
            }
            pos = 0;
            acc = 0;
            count = 0;
        }

        /** Appends the low {@code n} bits of {@code value} (at most 32; the other bits must be zero). */
        void bits(int value, int n) {
            acc |= (value & 0xFFFFFFFFL) << count;
            count += n;
            if (count >= 32) {
                ensure(4);
                INT_LE.set(buf, pos, (int) acc);
                pos += 4;
                acc >>>= 32;
                count -= 32;
            }
        }

        /**
         * Appends a block's sequences with their Huffman codes: the hot loop of the encoder, on local variables.
         * After each step the whole 64-bit accumulator is stored and the write position advances by its whole
         * bytes (at most 7 bits stay pending), so three literals (at most 45 bits) or one match (at most 48 bits)
         * go in between two stores without a test.
         */
        void sequences(byte[] data, int from, int[] runs, int[] matches, int sequences, int[] litCode,
                       int[] litLen, int[] distCode, int[] distLen) {
            // a literal code and its length in one look-up
            int[] lit = new int[286];
            for (int s = 0; s < 286; s++) {
                lit[s] = litCode[s] | litLen[s] << 16;
            }
            int[] dist = new int[30];
            for (int s = 0; s < 30; s++) {
                dist[s] = distCode[s] | distLen[s] << 16;
            }
            long total = 0;
            for (int k = 0; k < sequences; k++) {
                total += runs[k];
            }
            // at most 15 bits per literal, 48 per match, plus the 8 bytes one store may reach past the end
            ensure((int) Math.min(Integer.MAX_VALUE - 64, 2 * total + 6L * sequences + 16));
            flushWhole();
            byte[] b = buf;
            int p = pos;
            long a = acc;
            int n = count;
            int q = from;
            for (int k = 0; k < sequences; k++) {
                int run = runs[k];
                int stop = q + run;
                for (; q + 3 <= stop; q += 3) {
                    int e0 = lit[data[q] & 0xFF];
                    int e1 = lit[data[q + 1] & 0xFF];
                    int e2 = lit[data[q + 2] & 0xFF];
                    a |= (long) (e0 & 0xFFFF) << n;
                    n += e0 >>> 16;
                    a |= (long) (e1 & 0xFFFF) << n;
                    n += e1 >>> 16;
                    a |= (long) (e2 & 0xFFFF) << n;
                    n += e2 >>> 16;
                    LONG_LE.set(b, p, a);
                    p += n >>> 3;
                    a >>>= n & ~7;
                    n &= 7;
                }
                for (; q < stop; q++) {
                    int e = lit[data[q] & 0xFF];
                    a |= (long) (e & 0xFFFF) << n;
                    n += e >>> 16;
                }
                LONG_LE.set(b, p, a);
                p += n >>> 3;
                a >>>= n & ~7;
                n &= 7;
                int m = matches[k];
                if (m != 0) {
                    // a Huffman code and its extra bits go out together, for the length and for the distance
                    int lc = (m >>> 23) & 31;
                    int e = lit[257 + lc];
                    int lenBits = e >>> 16;
                    a |= ((long) (e & 0xFFFF) | (long) ((m >>> 18) & 31) << lenBits) << n;
                    n += lenBits + LENGTH_EXTRA[lc];
                    int dc = (m >>> 13) & 31;
                    int d = dist[dc];
                    int distBits = d >>> 16;
                    a |= ((long) (d & 0xFFFF) | (long) (m & 0x1FFF) << distBits) << n;
                    n += distBits + DIST_EXTRA[dc];
                    LONG_LE.set(b, p, a);
                    p += n >>> 3;
                    a >>>= n & ~7;
                    n &= 7;
                    q += LENGTH_BASE[lc] + ((m >>> 18) & 31);
                }
            }
            pos = p;
            acc = a;
            count = n;
        }

        /** Stores the whole bytes of the accumulator, leaving at most 7 bits pending. */
        private void flushWhole() {
            while (count >= 8) {
                buf[pos++] = (byte) acc;
                acc >>>= 8;
                count -= 8;
            }
        }

        void alignToByte() {
            ensure(8);
            while (count > 0) {
                buf[pos++] = (byte) acc;
                acc >>>= 8;
                count = Math.max(0, count - 8);
            }
            acc = 0;
        }

        void bytes(byte[] src, int from, int n) {
            alignToByte();
            ensure(n);
            System.arraycopy(src, from, buf, pos, n);
            pos += n;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n + 64));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }
}
