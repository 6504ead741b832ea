package org.eolearn.io.sentinelhub;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eolearn.core.DType;

/**
 * A small TIFF reader for Process API answers: the first image of a classic (not Big) TIFF, strips or tiles,
 * chunky or planar, uncompressed or Deflate (8, 32946), optionally with horizontal differencing (predictor 2 on
 * integers), samples of uint8, int8, uint16, int16, uint32, int32, float32 or float64.
 *
 * @since 0.1
 */
public final class TiffDecoder {

    private static final int WIDTH = 256;
    private static final int HEIGHT = 257;
    private static final int BITS = 258;
    private static final int COMPRESSION = 259;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTES = 279;
    private static final int PLANAR = 284;
    private static final int PREDICTOR = 317;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTES = 325;
    private static final int SAMPLE_FORMAT = 339;

    private TiffDecoder() {
    }

    /**
     * Decodes a TIFF.
     *
     * @param bytes the file
     * @param what  a name for messages (e.g. the request or the tar member)
     * @return the image
     * @throws IllegalArgumentException naming {@code what} if the bytes are not a supported TIFF
     */
    public static TiffImage decode(byte[] bytes, String what) {
        try {
            return decode(bytes);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException(what + ": truncated or malformed TIFF (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static TiffImage decode(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("not a TIFF: only " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes[0] == 'I' && bytes[1] == 'I') {
            buf.order(ByteOrder.LITTLE_ENDIAN);
        } else if (bytes[0] == 'M' && bytes[1] == 'M') {
            buf.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IllegalArgumentException("not a TIFF: bad byte-order mark");
        }
        int magic = buf.getShort(2) & 0xffff;
        if (magic == 43) {
            throw new IllegalArgumentException("BigTIFF is not supported");
        }
        if (magic != 42) {
            throw new IllegalArgumentException("not a TIFF: magic number " + magic);
        }
        int ifd = buf.getInt(4);
        int count = buf.getShort(ifd) & 0xffff;
        Map<Integer, long[]> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = buf.getShort(e) & 0xffff;
            int type = buf.getShort(e + 2) & 0xffff;
            int n = buf.getInt(e + 4);
            int size = typeSize(type);
            if (size == 0 || n < 0) {
                continue;
            }
            int valueOffset = (long) size * n <= 4 ? e + 8 : buf.getInt(e + 8);
            long[] values = new long[n];
            for (int k = 0; k < n; k++) {
                int p = valueOffset + k * size;
                values[k] = switch (type) {
                    case 1, 2, 7 -> buf.get(p) & 0xff;
                    case 3 -> buf.getShort(p) & 0xffff;
                    case 4 -> buf.getInt(p) & 0xffffffffL;
                    case 6 -> buf.get(p);
                    case 8 -> buf.getShort(p);
                    case 9 -> buf.getInt(p);
                    default -> 0;
                };
            }
            tags.put(tag, values);
        }
        int width = (int) required(tags, WIDTH, "ImageWidth")[0];
        int height = (int) required(tags, HEIGHT, "ImageLength")[0];
        int samples = (int) first(tags, SAMPLES, 1);
        long[] bits = tags.getOrDefault(BITS, new long[] {1});
        int bps = (int) bits[0];
        for (long b : bits) {
            if (b != bps) {
                throw new IllegalArgumentException("bands of different bit depths are not supported");
            }
        }
        int format = (int) first(tags, SAMPLE_FORMAT, 1);
        DType type = sampleType(format, bps);
        int compression = (int) first(tags, COMPRESSION, 1);
        if (compression != 1 && compression != 8 && compression != 32946) {
            throw new IllegalArgumentException("TIFF compression " + compression + " is not supported (only none "
                    + "and Deflate)");
        }
        int predictor = (int) first(tags, PREDICTOR, 1);
        if (predictor != 1 && !(predictor == 2 && format != 3)) {
            throw new IllegalArgumentException("TIFF predictor " + predictor + " is not supported");
        }
        boolean planar = first(tags, PLANAR, 1) == 2;
        int item = type.itemSize();
        boolean tiled = tags.containsKey(TILE_OFFSETS);
        int blockW;
        int blockH;
        long[] offsets;
        long[] counts;
        if (tiled) {
            blockW = (int) required(tags, TILE_WIDTH, "TileWidth")[0];
            blockH = (int) required(tags, TILE_LENGTH, "TileLength")[0];
            offsets = tags.get(TILE_OFFSETS);
            counts = required(tags, TILE_BYTES, "TileByteCounts");
        } else {
            blockW = width;
            blockH = (int) Math.min(first(tags, ROWS_PER_STRIP, height), height);
            offsets = required(tags, STRIP_OFFSETS, "StripOffsets");
            counts = required(tags, STRIP_BYTES, "StripByteCounts");
        }
        if (blockW <= 0 || blockH <= 0) {
            throw new IllegalArgumentException("bad TIFF block size " + blockW + "x" + blockH);
        }
        int across = (width + blockW - 1) / blockW;
        int down = (height + blockH - 1) / blockH;
        int planes = planar ? samples : 1;
        int blockSamples = planar ? 1 : samples;
        if (offsets.length < (long) across * down * planes || counts.length < offsets.length) {
            throw new IllegalArgumentException("TIFF has " + offsets.length + " blocks, expected "
                    + (across * down * planes));
        }
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width * height, samples), item)];
        ByteOrder order = buf.order();
        int blockRowBytes = blockW * blockSamples * item;
        for (int plane = 0; plane < planes; plane++) {
            for (int by = 0; by < down; by++) {
                for (int bx = 0; bx < across; bx++) {
                    int index = (plane * down + by) * across + bx;
                    int off = (int) offsets[index];
                    int len = (int) counts[index];
                    if (off < 0 || len < 0 || (long) off + len > bytes.length) {
                        throw new IllegalArgumentException("TIFF block " + index + " lies outside the file");
                    }
                    int rowsInBlock = tiled ? blockH : Math.min(blockH, height - by * blockH);
                    byte[] block = compression == 1 ? java.util.Arrays.copyOfRange(bytes, off, off + len)
                            : inflate(bytes, off, len, rowsInBlock * blockRowBytes);
                    if (block.length < rowsInBlock * blockRowBytes) {
                        throw new IllegalArgumentException("TIFF block " + index + " holds " + block.length
                                + " bytes, expected " + (rowsInBlock * blockRowBytes));
                    }
                    ByteBuffer bb = ByteBuffer.wrap(block).order(order);
                    for (int r = 0; r < rowsInBlock; r++) {
                        int y = by * blockH + r;
                        if (y >= height) {
                            break;
                        }
                        if (predictor == 2) {
                            undoPredictor(bb, r * blockRowBytes, blockW, blockSamples, type);
                        }
                        for (int c = 0; c < blockW; c++) {
                            int x = bx * blockW + c;
                            if (x >= width) {
                                break;
                            }
                            for (int s = 0; s < blockSamples; s++) {
                                int src = r * blockRowBytes + (c * blockSamples + s) * item;
                                int band = planar ? plane : s;
                                int dst = ((y * width + x) * samples + band) * item;
                                for (int k = 0; k < item; k++) {
                                    // copy into little-endian order
                                    out[dst + k] = order == ByteOrder.LITTLE_ENDIAN ? block[src + k]
                                            : block[src + item - 1 - k];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new TiffImage(width, height, samples, type, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static void undoPredictor(ByteBuffer bb, int rowStart, int w, int spp, DType type) {
        int item = type.itemSize();
        for (int c = 1; c < w; c++) {
            for (int s = 0; s < spp; s++) {
                int cur = rowStart + (c * spp + s) * item;
                int prev = cur - spp * item;
                switch (item) {
                    case 1 -> bb.put(cur, (byte) (bb.get(cur) + bb.get(prev)));
                    case 2 -> bb.putShort(cur, (short) (bb.getShort(cur) + bb.getShort(prev)));
                    case 4 -> bb.putInt(cur, bb.getInt(cur) + bb.getInt(prev));
                    default -> throw new IllegalArgumentException("predictor 2 on " + item + "-byte samples");
                }
            }
        }
    }

    private static byte[] inflate(byte[] bytes, int off, int len, int expected) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(bytes, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 64));
            byte[] chunk = new byte[Math.max(8192, Math.min(expected, 1 << 20))];
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt Deflate data in TIFF: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    private static DType sampleType(int format, int bits) {
        if (format == 3) {
            if (bits == 32) {
                return DType.FLOAT32;
            }
            if (bits == 64) {
                return DType.FLOAT64;
            }
        } else if (format == 1 || format == 4) {
            switch (bits) {
                case 8:
                    return DType.UINT8;
                case 16:
                    return DType.UINT16;
                case 32:
                    return DType.UINT32;
                default:
                    break;
            }
        } else if (format == 2) {
            switch (bits) {
                case 8:
                    return DType.INT8;
                case 16:
                    return DType.INT16;
                case 32:
                    return DType.INT32;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("TIFF sample format " + format + " with " + bits
                + " bits is not supported");
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    private static long[] required(Map<Integer, long[]> tags, int tag, String name) {
        long[] v = tags.get(tag);
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException("TIFF lacks the " + name + " tag");
        }
        return v;
    }

    private static long first(Map<Integer, long[]> tags, int tag, long def) {
        long[] v = tags.get(tag);
        return v == null || v.length == 0 ? def : v[0];
    }
}
