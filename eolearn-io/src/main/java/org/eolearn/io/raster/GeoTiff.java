package org.eolearn.io.raster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.eolearn.core.DType;
import org.eolearn.core.compute.ComputePolicy;

/**
 * A pure-Java GeoTIFF reader and writer for the rasters eo-learn imports and exports.
 *
 * <p>Reading understands classic TIFF and BigTIFF, both byte orders, strips and tiles, chunky and planar
 * layouts, no compression, LZW, Deflate and PackBits, the horizontal and floating-point predictors, 8/16/32/64-bit
 * integer and 32/64-bit float samples, the geotransform ({@code ModelPixelScale} + {@code ModelTiepoint} or
 * {@code ModelTransformation}; {@code PixelIsPoint} rasters are shifted by half a pixel as GDAL does), the EPSG
 * code of the {@code GeoKeyDirectory} and GDAL's {@code GDAL_NODATA} tag. {@link #info(Path)} reads only the
 * header and {@link #readRegion(Path, int, int, int, int)} only the strips or tiles a rectangle touches.
 *
 * <p>Writing produces a little-endian classic TIFF, band-sequential (planar) strips of about 64 KiB (compressed in
 * parallel), with the EPSG code in the GeoKeys, {@code ModelPixelScale} + {@code ModelTiepoint} and
 * {@code GDAL_NODATA}; the file goes to a temporary file in the target folder first and is moved into place when
 * complete, so a failure never leaves a partial file. Files open in GDAL.
 *
 * <h2>Thread-safety</h2>
 * Stateless; calls on different files may run concurrently.
 *
 * <pre>{@code
 * GeoRaster r = GeoTiff.read(Path.of("image.tif"));
 * GeoTiff.write(r, Path.of("copy.tif"), GeoTiff.Compression.DEFLATE);
 * }</pre>
 *
 * @since 0.1
 */
public final class GeoTiff {

    /** Compression of written files (rasterio's {@code compress} values). */
    public enum Compression {
        /** No compression. */
        NONE(1),
        /** Deflate (zlib), TIFF code 8. */
        DEFLATE(8),
        /** LZW, TIFF code 5. */
        LZW(5);

        private final int code;

        Compression(int code) {
            this.code = code;
        }

        /**
         * Parses rasterio's names ({@code null}/"none", "deflate", "lzw"), case-insensitive.
         *
         * @param name the name, or null for none
         * @return the compression
         * @throws IllegalArgumentException for other names
         */
        public static Compression parse(String name) {
            if (name == null) {
                return NONE;
            }
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "none": case "": return NONE;
                case "deflate": case "zip": return DEFLATE;
                case "lzw": return LZW;
                default: throw new IllegalArgumentException("compress must be one of null, \"none\", \"deflate\", "
                        + "\"lzw\"; got \"" + name + "\"");
            }
        }
    }

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int PLANAR_CONFIG = 284;
    private static final int PREDICTOR = 317;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int EXTRA_SAMPLES = 338;
    private static final int SAMPLE_FORMAT = 339;
    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int MODEL_TRANSFORMATION = 34264;
    private static final int GEO_KEY_DIRECTORY = 34735;
    private static final int GDAL_NODATA = 42113;

    private static final int TYPE_BYTE = 1;
    private static final int TYPE_ASCII = 2;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int TYPE_DOUBLE = 12;

    private GeoTiff() {
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * The metadata of a GeoTIFF's first image: size, sample type and georeferencing, without its pixels.
     *
     * @param type         the sample type
     * @param bands        samples per pixel
     * @param height       rows
     * @param width        columns
     * @param geoTransform GDAL's six numbers, or null
     * @param epsg         the EPSG code, or null
     * @param noData       the GDAL_NODATA value, or null
     */
    public record Info(DType type, int bands, int height, int width, double[] geoTransform, Integer epsg,
                       Double noData) {

        /**
         * Copies the geotransform.
         *
         * @param type         the sample type
         * @param bands        samples per pixel
         * @param height       rows
         * @param width        columns
         * @param geoTransform GDAL's six numbers, or null
         * @param epsg         the EPSG code, or null
         * @param noData       the GDAL_NODATA value, or null
         */
        public Info {
            geoTransform = geoTransform == null ? null : geoTransform.clone();
        }

        /**
         * Returns a copy of the geotransform.
         *
         * @return the six numbers, or null
         */
        @Override
        public double[] geoTransform() {
            return geoTransform == null ? null : geoTransform.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info i && type == i.type && bands == i.bands && height == i.height
                    && width == i.width && java.util.Arrays.equals(geoTransform, i.geoTransform)
                    && java.util.Objects.equals(epsg, i.epsg) && java.util.Objects.equals(noData, i.noData);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(type, bands, height, width, java.util.Arrays.hashCode(geoTransform), epsg,
                    noData);
        }

        @Override
        public String toString() {
            return "Info[" + bands + " x " + height + " x " + width + " " + type.numpyName() + ", transform="
                    + java.util.Arrays.toString(geoTransform) + ", epsg=" + epsg + ", noData=" + noData + "]";
        }
    }

    /**
     * Reads the metadata of the first image of a (Geo)TIFF file (only the header is read).
     *
     * @param file the file
     * @return the metadata
     * @throws IOException if the file cannot be read or is not a TIFF this reader understands (naming the file)
     */
    public static Info info(Path file) throws IOException {
        try (Source ch = Source.of(open(file))) {
            Header h = header(ch);
            return new Info(h.type, h.spp, h.height, h.width, geoTransform(h.tags), epsg(h.tags), noData(h.tags));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads the first image of a (Geo)TIFF file.
     *
     * @param file the file
     * @return the raster
     * @throws IOException if the file cannot be read, or is not a TIFF this reader understands (the message names
     *                     the file and the problem)
     */
    public static GeoRaster read(Path file) throws IOException {
        return readRegion(file, 0, 0, -1, -1);
    }

    /**
     * Reads a rectangle of pixels of the first image; only the strips or tiles it touches are read and decoded.
     *
     * @param file   the file
     * @param x0     the first column
     * @param y0     the first row
     * @param width  the number of columns ({@code -1}: to the right edge)
     * @param height the number of rows ({@code -1}: to the bottom edge)
     * @return the pixels, with the geotransform of the rectangle
     * @throws IOException              if the file cannot be read or decoded (naming the file)
     * @throws IllegalArgumentException if the rectangle is not inside the image
     */
    public static GeoRaster readRegion(Path file, int x0, int y0, int width, int height) throws IOException {
        try (Source ch = Source.of(open(file))) {
            Header h = header(ch);
            int w = width < 0 ? h.width - x0 : width;
            int hh = height < 0 ? h.height - y0 : height;
            if (x0 < 0 || y0 < 0 || w < 0 || hh < 0 || x0 + w > h.width || y0 + hh > h.height) {
                throw new IndexOutOfBoundsException("region (" + x0 + ", " + y0 + ", " + w + " x " + hh
                        + ") is not inside the " + h.width + " x " + h.height + " image");
            }
            return decode(ch, h, x0, y0, w, hh);
        } catch (IndexOutOfBoundsException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("region")) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            throw unreadable(file, e);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw unreadable(file, e);
        }
    }

    private static IOException unreadable(Path file, RuntimeException e) {
        return new IOException(file + ": not a readable GeoTIFF (" + (e.getMessage() == null ? e.toString()
                : e.getMessage()) + ")", e);
    }

    /**
     * Reads the first image of a (Geo)TIFF held in memory (e.g. a Sentinel Hub Process API answer); georeferencing is
     * optional there.
     *
     * @param bytes the TIFF file's bytes
     * @param name  what the bytes are, for messages
     * @return the raster
     * @throws IOException naming {@code name} if the bytes are not a TIFF this reader understands
     */
    public static GeoRaster read(byte[] bytes, String name) throws IOException {
        try (Source ch = Source.of(bytes)) {
            Header h = header(ch);
            return decode(ch, h, 0, 0, h.width, h.height);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException(name + ": not a readable TIFF (" + (e.getMessage() == null ? e.toString()
                    : e.getMessage()) + ")", e);
        }
    }

    /** Where the reader's bytes come from: a file channel or an array. */
    private interface Source extends java.io.Closeable {
        long size() throws IOException;

        int read(ByteBuffer dst, long position) throws IOException;

        static Source of(FileChannel ch) {
            return new Source() {
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

        static Source of(byte[] bytes) {
            return new Source() {
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
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "GeoTIFF file not found");
        }
    }

    /** Reads {@code len} bytes at {@code pos}, failing clearly past the end of the file. */
    private static ByteBuffer readAt(Source ch, long pos, long len, ByteOrder order) throws IOException {
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

    /** The parsed first IFD and what is derived from it. */
    private static final class Header {
        ByteOrder order;
        Map<Integer, Object> tags;
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
    }

    private static Header header(Source ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IllegalArgumentException("file too short for a TIFF header (" + size + " bytes)");
        }
        ByteBuffer b = readAt(ch, 0, Math.min(16, size), ByteOrder.LITTLE_ENDIAN);
        Header h = new Header();
        if (b.get(0) == 'I' && b.get(1) == 'I') {
            h.order = ByteOrder.LITTLE_ENDIAN;
        } else if (b.get(0) == 'M' && b.get(1) == 'M') {
            h.order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new IllegalArgumentException("no TIFF byte-order mark");
        }
        b.order(h.order);
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
        Map<Integer, Object> tags = readIfd(ch, h.order, ifd, big);
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

    private static Double noData(Map<Integer, Object> tags) {
        Object nd = tags.get(GDAL_NODATA);
        return nd instanceof String s && !s.isBlank() ? parseNoData(s.trim()) : null;
    }

    private static GeoRaster decode(Source ch, Header h, int x0, int y0, int w, int hh) throws IOException {
        int item = h.type.itemSize();
        int spp = h.spp;
        long total = (long) spp * hh * w * item;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("region of " + total + " bytes is too large for one array");
        }
        int chunkW = h.chunkW;
        int chunkH = h.chunkH;
        int across = (h.width + chunkW - 1) / chunkW;
        int down = (h.height + chunkH - 1) / chunkH;
        int planes = h.planar == 2 ? spp : 1;
        int samplesInChunk = h.planar == 2 ? 1 : spp;
        long chunkBytesLong = (long) chunkW * chunkH * samplesInChunk * item;
        if (chunkBytesLong > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("strip/tile of " + chunkBytesLong + " bytes is too large");
        }
        int chunkBytes = (int) chunkBytesLong;
        // the floating-point predictor yields little-endian values (libtiff: host order) in any file
        boolean swap = h.order == ByteOrder.BIG_ENDIAN && !(h.predictor == 3 && h.type.isFloatingPoint());
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
        // corrupt size tags must fail before any large allocation: no codec expands data more than ~3000 times
        long ratio = h.compression == 1 ? 1 : h.compression == 32773 ? 130 : 3000;
        long bound = 0;
        for (int index : needed) {
            int cy = (index / across) % down;
            long rowsHere = h.tiled ? chunkH : Math.min(chunkH, h.height - (long) cy * chunkH);
            long expected = h.tiled ? chunkBytesLong : (long) chunkW * rowsHere * samplesInChunk * item;
            long cnt = h.counts[index];
            if (h.offsets[index] == 0 && cnt == 0) {
                bound += expected; // a sparse chunk: zeros
                continue;
            }
            if (expected > cnt * ratio + 65536) {
                throw new IllegalArgumentException("strip/tile " + index + " of " + cnt + " bytes cannot hold "
                        + expected + " bytes of pixels (corrupt size tags?)");
            }
            bound += expected;
        }
        if (total > bound) {
            throw new IllegalArgumentException("the strips/tiles cannot hold the " + total + " bytes of the image");
        }
        byte[] out = new byte[(int) total];
        // chunks are read in order and decoded in parallel, a batch at a time (they fill disjoint output areas)
        int batch = h.compression == 1 ? 1 : 4 * ComputePolicy.threads();
        for (int from = 0; from < needed.size(); from += batch) {
            int to = Math.min(needed.size(), from + batch);
            byte[][] raws = new byte[to - from][];
            for (int k = from; k < to; k++) {
                int index = needed.get(k);
                long off = h.offsets[index];
                long cnt = h.counts[index];
                raws[k - from] = off == 0 && cnt == 0 ? new byte[0] : readAt(ch, off, cnt, h.order).array();
            }
            final int base = from;
            ComputePolicy.parallelFor(to - from, kk -> {
                int k = base + kk;
                int index = needed.get(k);
                int plane = index / (down * across);
                int cy = (index / across) % down;
                int cx = index % across;
                int rowsHere = h.tiled ? chunkH : Math.min(chunkH, h.height - cy * chunkH);
                int expected = h.tiled ? chunkBytes : chunkW * rowsHere * samplesInChunk * item;
                byte[] raw = raws[k - base];
                // a sparse chunk (offset and size 0, as GDAL writes them) reads as zeros
                byte[] chunk = raw.length == 0 ? new byte[expected] : decompress(h.compression, raw, expected);
                unpredict(chunk, h.predictor, chunkW, rowsHere, samplesInChunk, item, h.order, h.type);
                for (int r = 0; r < rowsHere; r++) {
                    int y = cy * chunkH + r;
                    if (y < y0 || y >= y0 + hh) {
                        continue;
                    }
                    for (int c = 0; c < chunkW; c++) {
                        int x = cx * chunkW + c;
                        if (x < x0 || x >= x0 + w) {
                            continue;
                        }
                        for (int smp = 0; smp < samplesInChunk; smp++) {
                            int band = h.planar == 2 ? plane : smp;
                            int src = ((r * chunkW + c) * samplesInChunk + smp) * item;
                            int dst = ((band * hh + (y - y0)) * w + (x - x0)) * item;
                            copySample(chunk, src, out, dst, item, swap);
                        }
                    }
                }
            });
        }
        double[] gt = geoTransform(h.tags);
        if (gt != null && (x0 != 0 || y0 != 0)) {
            gt = new double[] {gt[0] + x0 * gt[1] + y0 * gt[2], gt[1], gt[2], gt[3] + x0 * gt[4] + y0 * gt[5],
                gt[4], gt[5]};
        }
        return new GeoRaster(h.type, spp, hh, w, ByteBuffer.wrap(out), gt, epsg(h.tags), noData(h.tags));
    }

    private static Double parseNoData(String s) {
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

    private static void copySample(byte[] src, int from, byte[] dst, int to, int item, boolean swap) {
        if (from + item > src.length) {
            return; // short chunk: leave zeros
        }
        if (!swap || item == 1) {
            System.arraycopy(src, from, dst, to, item);
        } else {
            for (int k = 0; k < item; k++) {
                dst[to + k] = src[from + item - 1 - k];
            }
        }
    }

    private static DType sampleType(int format, int bits) {
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

    private static byte[] decompress(int compression, byte[] raw, int expected) {
        switch (compression) {
            case 1:
                return raw.length >= expected ? raw : java.util.Arrays.copyOf(raw, expected);
            case 5:
                return TiffLzw.decode(raw, expected);
            case 8: case 32946: {
                Inflater inf = new Inflater();
                try {
                    inf.setInput(raw);
                    byte[] out = new byte[expected];
                    int n = 0;
                    while (n < expected && !inf.finished()) {
                        int k = inf.inflate(out, n, expected - n);
                        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                            break;
                        }
                        n += k;
                    }
                    return out;
                } catch (DataFormatException e) {
                    throw new IllegalArgumentException("corrupt Deflate data: " + e.getMessage(), e);
                } finally {
                    inf.end();
                }
            }
            case 32773: {
                byte[] out = new byte[expected];
                int i = 0;
                int o = 0;
                while (i < raw.length && o < expected) {
                    int n = raw[i++];
                    if (n >= 0) {
                        int len = Math.min(n + 1, Math.min(expected - o, raw.length - i));
                        System.arraycopy(raw, i, out, o, len);
                        i += n + 1;
                        o += len;
                    } else if (n != -128 && i < raw.length) {
                        byte v = raw[i++];
                        for (int k = 0; k < -n + 1 && o < expected; k++) {
                            out[o++] = v;
                        }
                    }
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("unsupported TIFF compression " + compression
                        + " (supported: none, LZW, Deflate, PackBits; GDAL reads the others: backend=\"gdal\")");
        }
    }

    private static void unpredict(byte[] chunk, int predictor, int w, int rows, int spp, int item, ByteOrder order,
                                  DType type) {
        if (predictor == 1) {
            return;
        }
        if (predictor == 2) {
            ByteBuffer b = ByteBuffer.wrap(chunk).order(order);
            for (int r = 0; r < rows; r++) {
                for (int c = 1; c < w; c++) {
                    for (int s = 0; s < spp; s++) {
                        int p = ((r * w + c) * spp + s) * item;
                        int q = p - spp * item;
                        if (p + item > chunk.length) {
                            return;
                        }
                        switch (item) {
                            case 1: chunk[p] = (byte) (chunk[p] + chunk[q]); break;
                            case 2: b.putShort(p, (short) (b.getShort(p) + b.getShort(q))); break;
                            case 4: b.putInt(p, b.getInt(p) + b.getInt(q)); break;
                            default: b.putLong(p, b.getLong(p) + b.getLong(q)); break;
                        }
                    }
                }
            }
            return;
        }
        if (predictor == 3 && type.isFloatingPoint()) {
            int rowBytes = w * spp * item;
            byte[] tmp = new byte[rowBytes];
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                if (base + rowBytes > chunk.length) {
                    return;
                }
                for (int i = spp; i < rowBytes; i++) {
                    chunk[base + i] = (byte) (chunk[base + i] + chunk[base + i - spp]);
                }
                // bytes are stored as planes, most significant first: rebuild each value, little-endian
                int n = w * spp;
                for (int v = 0; v < n; v++) {
                    for (int k = 0; k < item; k++) {
                        byte x = chunk[base + k * n + v];
                        int pos = item - 1 - k; // planes are most significant first whatever the file order
                        tmp[v * item + pos] = x;
                    }
                }
                System.arraycopy(tmp, 0, chunk, base, rowBytes);
            }
            return;
        }
        throw new IllegalArgumentException("unsupported TIFF predictor " + predictor);
    }

    private static double[] geoTransform(Map<Integer, Object> tags) {
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

    private static Integer epsg(Map<Integer, Object> tags) {
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

    private static int geoKey(Map<Integer, Object> tags, int key) {
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

    private static long scalar(Map<Integer, Object> tags, int tag, long def) {
        Object v = tags.get(tag);
        if (v instanceof long[] a && a.length > 0) {
            return a[0];
        }
        return def;
    }

    private static long[] longs(Map<Integer, Object> tags, int tag, long[] def) {
        Object v = tags.get(tag);
        return v instanceof long[] a ? a : def;
    }

    private static Map<Integer, Object> readIfd(Source ch, ByteOrder order, long ifd, boolean big)
            throws IOException {
        Map<Integer, Object> tags = new TreeMap<>();
        if (ifd <= 0 || ifd >= ch.size()) {
            throw new IllegalArgumentException("IFD offset " + ifd + " lies outside the file");
        }
        ByteBuffer countBuf = readAt(ch, ifd, big ? 8 : 2, order);
        long n = big ? countBuf.getLong(0) : countBuf.getShort(0) & 0xFFFF;
        int entrySize = big ? 20 : 12;
        int inline = big ? 8 : 4;
        if (n < 0 || n > 100_000) {
            throw new IllegalArgumentException("implausible number of TIFF tags: " + n);
        }
        ByteBuffer entries = readAt(ch, ifd + (big ? 8 : 2), n * entrySize, order);
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
                tags.put(tag, readValues(readAt(ch, valuePos, bytes, order), type, (int) count, 0));
            }
        }
        return tags;
    }

    private static int typeSize(int type) {
        switch (type) {
            case 1: case 2: case 6: case 7: return 1;
            case 3: case 8: return 2;
            case 4: case 9: case 11: case 13: return 4;
            case 5: case 10: case 12: case 16: case 17: case 18: return 8;
            default: return 0;
        }
    }

    private static Object readValues(ByteBuffer b, int type, int count, int pos) {
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

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Writes a raster as a GeoTIFF, atomically: the bytes go to a temporary file next to {@code file}, which is
     * moved onto {@code file} (replacing it) only when complete. Missing parent folders are created.
     *
     * @param raster      the raster; its type must be one of uint8, int8, uint16, int16, uint32, int32, float32,
     *                    float64 (GDAL's GeoTIFF types)
     * @param file        the target file
     * @param compression the compression
     * @throws IOException              if writing fails (no partial file is left behind)
     * @throws IllegalArgumentException for a sample type GeoTIFF cannot hold or a raster over 4 GiB
     */
    public static void write(GeoRaster raster, Path file, Compression compression) throws IOException {
        switch (raster.type()) {
            case UINT8: case INT8: case UINT16: case INT16: case UINT32: case INT32: case FLOAT32: case FLOAT64:
                break;
            default:
                throw new IllegalArgumentException("cannot write " + raster.type().numpyName() + " samples to "
                        + "GeoTIFF (supported: uint8, int8, uint16, int16, uint32, int32, float32, float64)");
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            org.eolearn.core.io.AtomicFiles.write(target, tmp -> {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    encode(raster, ch, compression == null ? Compression.NONE : compression);
                    ch.force(false);
                }
            });
        } catch (IOException e) {
            throw new IOException(file + ": cannot write GeoTIFF: " + e.getMessage(), e);
        }
    }

    private static void encode(GeoRaster r, FileChannel ch, Compression compression) throws IOException {
        int item = r.type().itemSize();
        int w = r.width();
        int h = r.height();
        int bands = r.bands();
        long rowBytes = (long) w * item;
        int rowsPerStrip = (int) Math.max(1, Math.min(Math.max(h, 1), (1L << 16) / Math.max(1, rowBytes)));
        int stripsPerBand = (h + rowsPerStrip - 1) / rowsPerStrip;
        if (h == 0) {
            stripsPerBand = 0;
        }
        int nStrips = stripsPerBand * bands;
        long[] offsets = new long[nStrips];
        long[] counts = new long[nStrips];
        long pos = 8;
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0);
        header.flip();
        ch.write(header, 0);
        ByteBuffer data = r.data();
        final int perBand = stripsPerBand;
        final int stripRows = rowsPerStrip;
        // strips are compressed in parallel, a batch at a time (bounded memory), and written in order
        int batch = compression == Compression.NONE ? 1 : 4 * ComputePolicy.threads();
        for (int first = 0; first < nStrips; first += batch) {
            int last = Math.min(nStrips, first + batch);
            byte[][] encoded = new byte[last - first][];
            final int base = first;
            ComputePolicy.parallelFor(last - first, ss -> {
                int s = base + ss;
                int band = s / perBand;
                int y0 = (s % perBand) * stripRows;
                int rows = Math.min(stripRows, h - y0);
                byte[] raw = new byte[(int) (rows * rowBytes)];
                ByteBuffer src = data.duplicate();
                src.position((int) (((long) band * h + y0) * rowBytes));
                src.get(raw);
                encoded[s - base] = compress(raw, compression);
            });
            for (int s = first; s < last; s++) {
                byte[] enc = encoded[s - first];
                offsets[s] = pos;
                counts[s] = enc.length;
                ch.write(ByteBuffer.wrap(enc), pos);
                pos += enc.length;
                if ((pos & 1) == 1) {
                    ch.write(ByteBuffer.wrap(new byte[1]), pos);
                    pos++;
                }
            }
        }
        if (pos > 0xFFFFFFFFL - (1L << 20)) {
            throw new IllegalArgumentException("raster too large for a classic TIFF (over 4 GiB)");
        }
        // tags
        TreeMap<Integer, byte[]> values = new TreeMap<>();
        TreeMap<Integer, int[]> typeCount = new TreeMap<>();
        putLongs(values, typeCount, IMAGE_WIDTH, TYPE_LONG, w);
        putLongs(values, typeCount, IMAGE_LENGTH, TYPE_LONG, h);
        long[] bps = new long[bands];
        long[] fmt = new long[bands];
        int format = r.type().isFloatingPoint() ? 3 : r.type().isUnsigned() || r.type() == DType.UINT8 ? 1 : 2;
        for (int i = 0; i < bands; i++) {
            bps[i] = 8L * item;
            fmt[i] = format;
        }
        putLongs(values, typeCount, BITS_PER_SAMPLE, TYPE_SHORT, bps);
        putLongs(values, typeCount, COMPRESSION, TYPE_SHORT, compression.code);
        putLongs(values, typeCount, PHOTOMETRIC, TYPE_SHORT, 1);
        putLongs(values, typeCount, STRIP_OFFSETS, TYPE_LONG, offsets);
        putLongs(values, typeCount, SAMPLES_PER_PIXEL, TYPE_SHORT, bands);
        putLongs(values, typeCount, ROWS_PER_STRIP, TYPE_LONG, rowsPerStrip);
        putLongs(values, typeCount, STRIP_BYTE_COUNTS, TYPE_LONG, counts);
        putLongs(values, typeCount, PLANAR_CONFIG, TYPE_SHORT, 2);
        if (bands > 1) {
            putLongs(values, typeCount, EXTRA_SAMPLES, TYPE_SHORT, new long[bands - 1]);
        }
        putLongs(values, typeCount, SAMPLE_FORMAT, TYPE_SHORT, fmt);
        double[] gt = r.geoTransform();
        if (gt != null) {
            if (gt[2] == 0 && gt[4] == 0) {
                putDoubles(values, typeCount, MODEL_PIXEL_SCALE, gt[1], -gt[5], 0);
                putDoubles(values, typeCount, MODEL_TIEPOINT, 0, 0, 0, gt[0], gt[3], 0);
            } else {
                putDoubles(values, typeCount, MODEL_TRANSFORMATION, gt[1], gt[2], 0, gt[0], gt[4], gt[5], 0, gt[3],
                        0, 0, 0, 0, 0, 0, 0, 1);
            }
        }
        if (gt != null || r.epsg() != null) {
            List<long[]> keys = new ArrayList<>();
            if (r.epsg() != null) {
                boolean geographic = Crs.isGeographic(r.epsg());
                keys.add(new long[] {1024, 0, 1, geographic ? 2 : 1});
                keys.add(new long[] {1025, 0, 1, 1});
                keys.add(new long[] {geographic ? 2048 : 3072, 0, 1, r.epsg()});
            } else {
                keys.add(new long[] {1025, 0, 1, 1});
            }
            long[] dir = new long[4 + 4 * keys.size()];
            dir[0] = 1;
            dir[1] = 1;
            dir[2] = 0;
            dir[3] = keys.size();
            for (int i = 0; i < keys.size(); i++) {
                System.arraycopy(keys.get(i), 0, dir, 4 + 4 * i, 4);
            }
            putLongs(values, typeCount, GEO_KEY_DIRECTORY, TYPE_SHORT, dir);
        }
        if (r.noData() != null) {
            byte[] text = (formatNoData(r.noData()) + "\0").getBytes(StandardCharsets.US_ASCII);
            values.put(GDAL_NODATA, text);
            typeCount.put(GDAL_NODATA, new int[] {TYPE_ASCII, text.length});
        }
        // IFD after the data, then the out-of-line values
        long ifdPos = pos;
        int n = values.size();
        long extra = ifdPos + 2 + 12L * n + 4;
        ByteArrayOutputStream extraBytes = new ByteArrayOutputStream();
        ByteBuffer ifd = ByteBuffer.allocate(2 + 12 * n + 4).order(ByteOrder.LITTLE_ENDIAN);
        ifd.putShort((short) n);
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            int[] tc = typeCount.get(e.getKey());
            byte[] v = e.getValue();
            ifd.putShort(e.getKey().shortValue()).putShort((short) tc[0]).putInt(tc[1]);
            if (v.length <= 4) {
                byte[] padded = java.util.Arrays.copyOf(v, 4);
                ifd.put(padded);
            } else {
                long at = extra + extraBytes.size();
                ifd.putInt((int) at);
                extraBytes.write(v, 0, v.length);
                if ((extraBytes.size() & 1) == 1) {
                    extraBytes.write(0);
                }
            }
        }
        ifd.putInt(0);
        ifd.flip();
        ch.write(ifd, ifdPos);
        ch.write(ByteBuffer.wrap(extraBytes.toByteArray()), extra);
        ByteBuffer first = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) ifdPos);
        first.flip();
        ch.write(first, 4);
    }

    /**
     * GDAL's text for a no-data value: integers without a fraction, {@code nan}, {@code inf}, {@code -inf}, or the
     * shortest decimal that reads back exactly.
     *
     * @param v the value
     * @return the text
     */
    static String formatNoData(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace("E", "e");
    }

    private static byte[] compress(byte[] raw, Compression c) {
        switch (c) {
            case NONE:
                return raw;
            case LZW:
                return TiffLzw.encode(raw);
            case DEFLATE: {
                Deflater d = new Deflater(4); // about GDAL's default output size at a third of zlib level 6's time
                try {
                    d.setInput(raw);
                    d.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
                    byte[] buf = new byte[1 << 16];
                    while (!d.finished()) {
                        int k = d.deflate(buf);
                        out.write(buf, 0, k);
                    }
                    return out.toByteArray();
                } finally {
                    d.end();
                }
            }
            default:
                throw new AssertionError(c);
        }
    }

    private static void putLongs(Map<Integer, byte[]> values, Map<Integer, int[]> types, int tag, int type,
                                 long... v) {
        int size = type == TYPE_SHORT ? 2 : type == TYPE_BYTE ? 1 : 4;
        ByteBuffer b = ByteBuffer.allocate(v.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (size == 2) {
                b.putShort((short) x);
            } else if (size == 1) {
                b.put((byte) x);
            } else {
                b.putInt((int) x);
            }
        }
        values.put(tag, b.array());
        types.put(tag, new int[] {type, v.length});
    }

    private static void putDoubles(Map<Integer, byte[]> values, Map<Integer, int[]> types, int tag, double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        values.put(tag, b.array());
        types.put(tag, new int[] {TYPE_DOUBLE, v.length});
    }
}
