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

import static org.eolearn.io.raster.TiffDirectory.*;

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
        try (TiffSource ch = TiffSource.of(TiffSource.open(file))) {
            TiffDirectory h = TiffDirectory.first(ch);
            return new Info(h.type, h.spp, h.height, h.width, h.geoTransform(), h.epsg(), h.noData());
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
        try (TiffSource ch = TiffSource.of(TiffSource.open(file))) {
            TiffDirectory h = TiffDirectory.first(ch);
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
        try (TiffSource ch = TiffSource.of(bytes)) {
            TiffDirectory h = TiffDirectory.first(ch);
            return decode(ch, h, 0, 0, h.width, h.height);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException(name + ": not a readable TIFF (" + (e.getMessage() == null ? e.toString()
                    : e.getMessage()) + ")", e);
        }
    }


    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "GeoTIFF file not found");
        }
    }





    static GeoRaster decode(TiffSource ch, TiffDirectory h, int x0, int y0, int w, int hh) throws IOException {
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
        int samplesInChunk = h.planar == 2 ? 1 : spp;
        long chunkBytesLong = (long) chunkW * chunkH * samplesInChunk * item;
        if (chunkBytesLong > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("strip/tile of " + chunkBytesLong + " bytes is too large");
        }
        int chunkBytes = (int) chunkBytesLong;
        // the floating-point predictor yields little-endian values (libtiff: host order) in any file
        boolean swap = h.order == ByteOrder.BIG_ENDIAN && !(h.predictor == 3 && h.type.isFloatingPoint());
        List<Integer> needed = h.chunksFor(x0, y0, w, hh);
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
                raws[k - from] = off == 0 && cnt == 0 ? new byte[0] : TiffSource.readAt(ch, off, cnt, h.order).array();
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
        double[] gt = h.geoTransform();
        if (gt != null && (x0 != 0 || y0 != 0)) {
            gt = new double[] {gt[0] + x0 * gt[1] + y0 * gt[2], gt[1], gt[2], gt[3] + x0 * gt[4] + y0 * gt[5],
                gt[4], gt[5]};
        }
        return new GeoRaster(h.type, spp, hh, w, ByteBuffer.wrap(out), gt, h.epsg(), h.noData());
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
