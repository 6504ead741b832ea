package org.eolearn.io.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.core.DType;

/**
 * One image file directory (IFD) of a TIFF file and what is derived from it: size, sample layout, strips or tiles,
 * georeferencing. {@link #read(TiffSource, int)} parses the first directories of a file (a COG's full-resolution
 * image, then its overviews and masks).
 */
final class TiffDirectory {

    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int PLANAR_CONFIG = 284;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int EXTRA_SAMPLES = 338;
    static final int SAMPLE_FORMAT = 339;
    static final int MODEL_PIXEL_SCALE = 33550;
    static final int MODEL_TIEPOINT = 33922;
    static final int MODEL_TRANSFORMATION = 34264;
    static final int GEO_KEY_DIRECTORY = 34735;
    static final int GDAL_NODATA = 42113;

    static final int TYPE_BYTE = 1;
    static final int TYPE_ASCII = 2;
    static final int TYPE_SHORT = 3;
    static final int TYPE_LONG = 4;
    static final int TYPE_DOUBLE = 12;

    /** NewSubfileType bit: a reduced-resolution version of another image (an overview). */
    static final int SUBFILE_REDUCED = 1;
    /** NewSubfileType bit: a transparency mask. */
    static final int SUBFILE_MASK = 4;
    private static final int NEW_SUBFILE_TYPE = 254;

    ByteOrder order;
    boolean big;
    Map<Integer, Object> tags;
    int subfileType;
    int width;
    int height;
    int spp;
    DType type;
    int compression;
    int planar;
    int predictor;
    boolean tiled;
    int chunkW;
    int chunkH;
    long[] offsets;
    long[] counts;

    private TiffDirectory() {
    }

    /** The first directory of a file. */
    static TiffDirectory first(TiffSource ch) throws IOException {
        return read(ch, 1).get(0);
    }

    /**
     * Parses up to {@code max} directories of a file, following the chain of next-IFD offsets.
     *
     * @param ch  the file
     * @param max how many directories at most (at least one is read)
     * @return the directories, in file order
     * @throws IOException              if reading fails
     * @throws IllegalArgumentException if the file is not a TIFF this reader understands
     */
    static List<TiffDirectory> read(TiffSource ch, int max) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IllegalArgumentException("file too short for a TIFF header (" + size + " bytes)");
        }
        ByteBuffer b = TiffSource.readAt(ch, 0, Math.min(16, size), ByteOrder.LITTLE_ENDIAN);
        ByteOrder order;
        if (b.get(0) == 'I' && b.get(1) == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b.get(0) == 'M' && b.get(1) == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new IllegalArgumentException("no TIFF byte-order mark");
        }
        b.order(order);
        int magic = b.getShort(2) & 0xFFFF;
        boolean big;
        long ifd;
        if (magic == 42) {
            big = false;
            ifd = b.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            big = true;
            if (b.limit() < 16) {
                throw new IllegalArgumentException("file too short for a BigTIFF header");
            }
            ifd = b.getLong(8);
        } else {
            throw new IllegalArgumentException("bad TIFF magic number " + magic);
        }
        List<TiffDirectory> dirs = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (ifd != 0 && dirs.size() < Math.max(1, max)) {
            if (!seen.add(ifd)) {
                throw new IllegalArgumentException("the chain of TIFF directories loops at offset " + ifd);
            }
            long[] next = new long[1];
            Map<Integer, Object> tags = readIfd(ch, order, ifd, big, next);
            dirs.add(of(tags, order, big));
            ifd = next[0];
        }
        return dirs;
    }

    private static TiffDirectory of(Map<Integer, Object> tags, ByteOrder order, boolean big) {
        TiffDirectory h = new TiffDirectory();
        h.order = order;
        h.big = big;
        h.subfileType = (int) scalar(tags, NEW_SUBFILE_TYPE, 0);
        h.tags = tags;
        h.width = (int) scalar(tags, IMAGE_WIDTH, -1);
        h.height = (int) scalar(tags, IMAGE_LENGTH, -1);
        if (h.width < 0 || h.height < 0) {
            throw new IllegalArgumentException("missing ImageWidth/ImageLength");
        }
        h.spp = (int) scalar(tags, SAMPLES_PER_PIXEL, 1);
        long[] bps = longs(tags, BITS_PER_SAMPLE, new long[] {1});
        long[] formats = longs(tags, SAMPLE_FORMAT, new long[] {1});
        int bits = (int) bps[0];
        for (long x : bps) {
            if (x != bits) {
                throw new IllegalArgumentException("bands with different bit depths are not supported");
            }
        }
        h.type = sampleType((int) formats[0], bits);
        h.compression = (int) scalar(tags, COMPRESSION, 1);
        h.planar = (int) scalar(tags, PLANAR_CONFIG, 1);
        h.predictor = (int) scalar(tags, PREDICTOR, 1);
        h.tiled = tags.containsKey(TILE_OFFSETS);
        h.chunkW = h.tiled ? (int) scalar(tags, TILE_WIDTH, -1) : h.width;
        h.chunkH = h.tiled ? (int) scalar(tags, TILE_LENGTH, -1)
                : (int) Math.min(scalar(tags, ROWS_PER_STRIP, h.height), Math.max(h.height, 1));
        if (h.chunkW <= 0 || h.chunkH <= 0) {
            throw new IllegalArgumentException("invalid tile or strip size");
        }
        h.offsets = longs(tags, h.tiled ? TILE_OFFSETS : STRIP_OFFSETS, null);
        h.counts = longs(tags, h.tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS, null);
        if (h.offsets == null || h.counts == null || h.offsets.length != h.counts.length) {
            throw new IllegalArgumentException("missing or inconsistent strip/tile offsets");
        }
        int across = (h.width + h.chunkW - 1) / h.chunkW;
        int down = (h.height + h.chunkH - 1) / h.chunkH;
        int planes = h.planar == 2 ? h.spp : 1;
        if ((long) across * down * planes > h.offsets.length) {
            throw new IllegalArgumentException("expected " + (long) across * down * planes + " strips/tiles, found "
                    + h.offsets.length);
        }
        return h;
    }

    /**
     * The strips or tiles a rectangle of pixels touches, as indexes into {@link #offsets}, plane by plane and in
     * row order.
     */
    List<Integer> chunksFor(int x0, int y0, int w, int hh) {
        int across = (width + chunkW - 1) / chunkW;
        int down = (height + chunkH - 1) / chunkH;
        int planes = planar == 2 ? spp : 1;
        int cx0 = x0 / chunkW;
        int cx1 = w == 0 ? cx0 - 1 : (x0 + w - 1) / chunkW;
        int cy0 = y0 / chunkH;
        int cy1 = hh == 0 ? cy0 - 1 : (y0 + hh - 1) / chunkH;
        List<Integer> needed = new ArrayList<>();
        for (int plane = 0; plane < planes; plane++) {
            for (int cy = cy0; cy <= cy1 && cy < down; cy++) {
                for (int cx = cx0; cx <= cx1 && cx < across; cx++) {
                    needed.add((plane * down + cy) * across + cx);
                }
            }
        }
        return needed;
    }

    /** The GDAL geotransform of this image, or null. */
    double[] geoTransform() {
        return geoTransform(tags);
    }

    /** The EPSG code of this image, or null. */
    Integer epsg() {
        return epsg(tags);
    }

    /** The GDAL_NODATA value of this image, or null. */
    Double noData() {
        return noData(tags);
    }

    static Double noData(Map<Integer, Object> tags) {
        Object nd = tags.get(GDAL_NODATA);
        return nd instanceof String s && !s.isBlank() ? parseNoData(s.trim()) : null;
    }
    static Double parseNoData(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.equals("nan") || t.equals("-nan")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GDAL_NODATA tag '" + s + "' is not a number");
        }
    }
    static DType sampleType(int format, int bits) {
        switch (format) {
            case 1:
                switch (bits) {
                    case 8: return DType.UINT8;
                    case 16: return DType.UINT16;
                    case 32: return DType.UINT32;
                    case 64: return DType.UINT64;
                    default: break;
                }
                break;
            case 2:
                switch (bits) {
                    case 8: return DType.INT8;
                    case 16: return DType.INT16;
                    case 32: return DType.INT32;
                    case 64: return DType.INT64;
                    default: break;
                }
                break;
            case 3:
                switch (bits) {
                    case 32: return DType.FLOAT32;
                    case 64: return DType.FLOAT64;
                    default: break;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("unsupported sample format " + format + " with " + bits
                + " bits per sample");
    }
    static double[] geoTransform(Map<Integer, Object> tags) {
        double[] gt = null;
        Object mt = tags.get(MODEL_TRANSFORMATION);
        Object scale = tags.get(MODEL_PIXEL_SCALE);
        Object tie = tags.get(MODEL_TIEPOINT);
        if (mt instanceof double[] m && m.length >= 16) {
            gt = new double[] {m[3], m[0], m[1], m[7], m[4], m[5]};
        } else if (scale instanceof double[] s && tie instanceof double[] t && s.length >= 2 && t.length >= 6) {
            gt = new double[] {t[3] - t[0] * s[0], s[0], 0, t[4] + t[1] * s[1], 0, -s[1]};
        }
        if (gt != null && geoKey(tags, 1025) == 2) { // RasterPixelIsPoint: GDAL's corner convention
            gt[0] -= 0.5 * gt[1] + 0.5 * gt[2];
            gt[3] -= 0.5 * gt[4] + 0.5 * gt[5];
        }
        return gt;
    }

    static Integer epsg(Map<Integer, Object> tags) {
        int projected = geoKey(tags, 3072);
        if (projected > 0 && projected != 32767) {
            return projected;
        }
        int geographic = geoKey(tags, 2048);
        if (geographic > 0 && geographic != 32767) {
            return geographic;
        }
        return null;
    }

    static int geoKey(Map<Integer, Object> tags, int key) {
        Object dir = tags.get(GEO_KEY_DIRECTORY);
        if (!(dir instanceof long[] d) || d.length < 4) {
            return -1;
        }
        int n = (int) d[3];
        for (int i = 0; i < n && 4 + 4 * i + 3 < d.length; i++) {
            int base = 4 + 4 * i;
            if (d[base] == key && d[base + 1] == 0) {
                return (int) d[base + 3];
            }
        }
        return -1;
    }

    static long scalar(Map<Integer, Object> tags, int tag, long def) {
        Object v = tags.get(tag);
        if (v instanceof long[] a && a.length > 0) {
            return a[0];
        }
        return def;
    }

    static long[] longs(Map<Integer, Object> tags, int tag, long[] def) {
        Object v = tags.get(tag);
        return v instanceof long[] a ? a : def;
    }

    /** Reads one directory's tags; {@code next[0]} receives the offset of the next directory (0: none). */
    static Map<Integer, Object> readIfd(TiffSource ch, ByteOrder order, long ifd, boolean big, long[] next)
            throws IOException {
        Map<Integer, Object> tags = new TreeMap<>();
        if (ifd <= 0 || ifd >= ch.size()) {
            throw new IllegalArgumentException("IFD offset " + ifd + " lies outside the file");
        }
        ByteBuffer countBuf = TiffSource.readAt(ch, ifd, big ? 8 : 2, order);
        long n = big ? countBuf.getLong(0) : countBuf.getShort(0) & 0xFFFF;
        int entrySize = big ? 20 : 12;
        int inline = big ? 8 : 4;
        if (n < 0 || n > 100_000) {
            throw new IllegalArgumentException("implausible number of TIFF tags: " + n);
        }
        long nextAt = ifd + (big ? 8 : 2) + n * entrySize;
        ByteBuffer entries = TiffSource.readAt(ch, ifd + (big ? 8 : 2), n * entrySize
                + (nextAt + (big ? 8 : 4) <= ch.size() ? (big ? 8 : 4) : 0), order);
        next[0] = entries.limit() > n * entrySize
                ? (big ? entries.getLong((int) (n * entrySize)) : entries.getInt((int) (n * entrySize)) & 0xFFFFFFFFL)
                : 0;
        for (int i = 0; i < n; i++) {
            int e = i * entrySize;
            int tag = entries.getShort(e) & 0xFFFF;
            int type = entries.getShort(e + 2) & 0xFFFF;
            long count = big ? entries.getLong(e + 4) : entries.getInt(e + 4) & 0xFFFFFFFFL;
            int size = typeSize(type);
            if (size == 0) {
                continue; // unknown type: skip the tag
            }
            long bytes = count * size;
            if (count > Integer.MAX_VALUE / 8) {
                throw new IllegalArgumentException("tag " + tag + " has an implausible count " + count);
            }
            if (bytes <= inline) {
                tags.put(tag, readValues(entries, type, (int) count, e + (big ? 12 : 8)));
            } else {
                long valuePos = big ? entries.getLong(e + 12) : entries.getInt(e + 8) & 0xFFFFFFFFL;
                tags.put(tag, readValues(TiffSource.readAt(ch, valuePos, bytes, order), type, (int) count, 0));
            }
        }
        return tags;
    }

    static int typeSize(int type) {
        switch (type) {
            case 1: case 2: case 6: case 7: return 1;
            case 3: case 8: return 2;
            case 4: case 9: case 11: case 13: return 4;
            case 5: case 10: case 12: case 16: case 17: case 18: return 8;
            default: return 0;
        }
    }

    static Object readValues(ByteBuffer b, int type, int count, int pos) {
        switch (type) {
            case TYPE_ASCII: {
                byte[] s = new byte[count];
                for (int i = 0; i < count; i++) {
                    s[i] = b.get(pos + i);
                }
                String text = new String(s, StandardCharsets.ISO_8859_1);
                int nul = text.indexOf('\0');
                return nul >= 0 ? text.substring(0, nul) : text;
            }
            case 11: case 12: {
                double[] d = new double[count];
                for (int i = 0; i < count; i++) {
                    d[i] = type == 11 ? b.getFloat(pos + 4 * i) : b.getDouble(pos + 8 * i);
                }
                return d;
            }
            case 5: case 10: {
                long[] r = new long[count];
                for (int i = 0; i < count; i++) {
                    long num = type == 5 ? b.getInt(pos + 8 * i) & 0xFFFFFFFFL : b.getInt(pos + 8 * i);
                    long den = type == 5 ? b.getInt(pos + 8 * i + 4) & 0xFFFFFFFFL : b.getInt(pos + 8 * i + 4);
                    r[i] = den == 0 ? 0 : num / den;
                }
                return r;
            }
            default: {
                long[] r = new long[count];
                for (int i = 0; i < count; i++) {
                    switch (type) {
                        case 1: case 7: r[i] = b.get(pos + i) & 0xFF; break;
                        case 6: r[i] = b.get(pos + i); break;
                        case 3: r[i] = b.getShort(pos + 2 * i) & 0xFFFF; break;
                        case 8: r[i] = b.getShort(pos + 2 * i); break;
                        case 4: case 13: r[i] = b.getInt(pos + 4 * i) & 0xFFFFFFFFL; break;
                        case 9: r[i] = b.getInt(pos + 4 * i); break;
                        default: r[i] = b.getLong(pos + 8 * i); break;
                    }
                }
                return r;
            }
        }
    }
}
