package org.eolearn.io.raster;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eolearn.core.DType;

/**
 * Reads windows of a cloud-optimised GeoTIFF (or any tiled or stripped GeoTIFF) through a {@link RangeReader}:
 * from an HTTP server by range requests, or from a local file, with the same code.
 *
 * <p>Opening reads the first 16 KiB, where a COG keeps its directories and tile indexes (more is fetched when a
 * file keeps them elsewhere); the full-resolution image and its overviews become {@linkplain #levels() levels}
 * (masks are skipped). {@link #read(int, int, int, int, int)} fetches only the tiles a window touches: their byte
 * ranges sorted, neighbours at most {@value #MERGE_GAP} bytes apart merged into one request of at most
 * {@value #MAX_REQUEST} bytes, the requests issued together (a remote reader runs them in parallel), and decodes
 * them with the project's TIFF decoder ({@link GeoTiff}'s codecs and predictors).
 *
 * <p>Thread-safe: windows may be read concurrently.
 *
 * <pre>{@code
 * try (RangeReader file = RangeReader.of(Path.of("B04.tif")); CogReader cog = CogReader.open(file)) {
 *     int level = cog.levelFor(2.0);                   // the overview for pixels twice as large
 *     GeoRaster window = cog.read(level, 100, 200, 64, 64);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CogReader implements Closeable {

    /** The bytes read when opening, where a COG keeps its directories. */
    public static final int HEADER_BYTES = 16384;
    /** Ranges at most this many bytes apart are fetched by one request. */
    public static final int MERGE_GAP = 4096;
    /** The largest merged request, in bytes. */
    public static final int MAX_REQUEST = 16 << 20;
    private static final int MAX_DIRECTORIES = 64;

    /**
     * One resolution level: the full image (index 0) or an overview.
     *
     * @param index        the level, 0 for the full resolution
     * @param width        columns
     * @param height       rows
     * @param geoTransform GDAL's six numbers of this level (null when the file has none)
     */
    public record Level(int index, int width, int height, double[] geoTransform) {
        /**
         * Copies the geotransform.
         *
         * @param index        the level
         * @param width        columns
         * @param height       rows
         * @param geoTransform the geotransform, or null
         */
        public Level {
            geoTransform = geoTransform == null ? null : geoTransform.clone();
        }

        /**
         * A copy of the geotransform.
         *
         * @return the six numbers, or null
         */
        @Override
        public double[] geoTransform() {
            return geoTransform == null ? null : geoTransform.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Level l && index == l.index && width == l.width && height == l.height
                    && java.util.Arrays.equals(geoTransform, l.geoTransform);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(index, width, height, java.util.Arrays.hashCode(geoTransform));
        }

        @Override
        public String toString() {
            return "Level[" + index + ": " + width + " x " + height + "]";
        }
    }

    private final RangeReader reader;
    private final long size;
    private final HeaderSource header;
    private final List<TiffDirectory> dirs;
    private final List<Level> levels;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private CogReader(RangeReader reader, byte[] head) throws IOException {
        this.reader = reader;
        requests.incrementAndGet();
        bytes.addAndGet(head.length);
        this.size = reader.size();
        this.header = new HeaderSource(head);
        try {
            List<TiffDirectory> all = TiffDirectory.read(header, MAX_DIRECTORIES);
            TiffDirectory full = all.get(0);
            List<TiffDirectory> images = new ArrayList<>();
            for (TiffDirectory d : all) {
                if ((d.subfileType & TiffDirectory.SUBFILE_MASK) != 0) {
                    continue;
                }
                if (d.spp != full.spp || d.type != full.type || (d != full
                        && (d.subfileType & TiffDirectory.SUBFILE_REDUCED) == 0)) {
                    continue; // another image of a multi-page file, not an overview of the first
                }
                images.add(d);
            }
            images.sort(Comparator.comparingInt((TiffDirectory d) -> d.width).reversed());
            this.dirs = List.copyOf(images);
            double[] gt = full.geoTransform();
            List<Level> ls = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                TiffDirectory d = dirs.get(i);
                double sx = (double) full.width / d.width;
                double sy = (double) full.height / d.height;
                ls.add(new Level(i, d.width, d.height, gt == null ? null
                        : new double[] {gt[0], gt[1] * sx, gt[2] * sy, gt[3], gt[4] * sx, gt[5] * sy}));
            }
            this.levels = List.copyOf(ls);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException(reader.name() + ": not a readable GeoTIFF (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens a (cloud-optimised) GeoTIFF: reads its directories.
     *
     * @param reader where the bytes come from; closed by {@link #close()}
     * @return the reader
     * @throws IOException if the bytes cannot be read or are not a GeoTIFF this reader understands (naming
     *                     {@link RangeReader#name()})
     */
    public static CogReader open(RangeReader reader) throws IOException {
        byte[] head = reader.read(0, HEADER_BYTES);
        return new CogReader(reader, head);
    }

    /**
     * What is read.
     *
     * @return the reader's name
     */
    public String name() {
        return reader.name();
    }

    /**
     * The resolution levels, the full resolution first, then the overviews from the largest.
     *
     * @return the levels
     */
    public List<Level> levels() {
        return levels;
    }

    /**
     * The sample type.
     *
     * @return the type
     */
    public DType type() {
        return dirs.get(0).type;
    }

    /**
     * Samples per pixel.
     *
     * @return the number of bands
     */
    public int bands() {
        return dirs.get(0).spp;
    }

    /**
     * The EPSG code of the GeoKeys.
     *
     * @return the code, or null
     */
    public Integer epsg() {
        return dirs.get(0).epsg();
    }

    /**
     * The GDAL_NODATA value.
     *
     * @return the value, or null
     */
    public Double noData() {
        return dirs.get(0).noData();
    }

    /**
     * Whether the full-resolution image is tiled (a COG is; a stripped file reads whole strips).
     *
     * @return true for tiles
     */
    public boolean tiled() {
        return dirs.get(0).tiled;
    }

    /**
     * The level GDAL's warper reads for a target pixel size ({@code gdalwarp -ovr AUTO}): with {@code ratio} the
     * target pixel size over the full-resolution one ({@link GridWarp#overviewRatio}), the coarsest level whose
     * own ratio is below it, or one within 0.1 of it, found in GDAL's order; the coarsest overview when all are
     * below it.
     *
     * @param ratio the target pixel size divided by the full-resolution pixel size
     * @return the level index
     */
    public int levelFor(double ratio) {
        if (!(ratio > 1)) {
            return 0;
        }
        int full = levels.get(0).width();
        int overviews = levels.size() - 1;
        int i = -1;
        for (; i < overviews - 1; i++) {
            double here = i < 0 ? 1.0 : (double) full / levels.get(i + 1).width();
            double next = (double) full / levels.get(i + 2).width();
            if (here < ratio && next > ratio) {
                break;
            }
            if (Math.abs(here - ratio) < 0.1) {
                break;
            }
        }
        return i + 1;
    }

    /**
     * Reads a window of a level; only the tiles it touches are fetched.
     *
     * @param level  the level index
     * @param x0     the first column
     * @param y0     the first row
     * @param width  columns
     * @param height rows
     * @return the pixels, band-sequential, with the window's geotransform, the file's EPSG code and no-data value
     * @throws IOException              if fetching or decoding fails (naming the file)
     * @throws IllegalArgumentException if the window is not inside the level
     */
    public GeoRaster read(int level, int x0, int y0, int width, int height) throws IOException {
        Level l = levels.get(level);
        if (x0 < 0 || y0 < 0 || width < 0 || height < 0 || x0 + width > l.width() || y0 + height > l.height()) {
            throw new IllegalArgumentException(name() + ": window (" + x0 + ", " + y0 + ", " + width + " x " + height
                    + ") is not inside level " + level + " of " + l.width() + " x " + l.height());
        }
        TiffDirectory d = dirs.get(level);
        List<long[]> wanted = new ArrayList<>();
        for (int index : d.chunksFor(x0, y0, width, height)) {
            if (d.counts[index] > 0) {
                wanted.add(new long[] {d.offsets[index], d.counts[index]});
            }
        }
        List<long[]> merged = merge(wanted);
        List<byte[]> got = merged.isEmpty() ? List.of() : reader.read(merged);
        requests.addAndGet(merged.size());
        TreeMap<Long, byte[]> blocks = new TreeMap<>();
        for (int i = 0; i < merged.size(); i++) {
            long[] r = merged.get(i);
            byte[] b = got.get(i);
            bytes.addAndGet(b.length);
            if (b.length != r[1]) {
                throw new IOException(name() + ": " + r[1] + " bytes asked at offset " + r[0] + ", " + b.length
                        + " received (truncated file or answer)");
            }
            blocks.put(r[0], b);
        }
        GeoRaster raw;
        try {
            raw = GeoTiff.decode(new BlockSource(size, blocks), d, x0, y0, width, height);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException(name() + ": cannot decode level " + level + " (" + e.getMessage() + ")", e);
        }
        double[] gt = l.geoTransform();
        if (gt != null) {
            gt = new double[] {gt[0] + x0 * gt[1] + y0 * gt[2], gt[1], gt[2], gt[3] + x0 * gt[4] + y0 * gt[5], gt[4],
                gt[5]};
        }
        return new GeoRaster(raw.type(), raw.bands(), raw.height(), raw.width(), raw.data(), gt, epsg(), noData());
    }

    /**
     * Range requests made so far (opening included).
     *
     * @return the count
     */
    public long requests() {
        return requests.get() + header.extraRequests;
    }

    /**
     * Bytes fetched so far (opening included).
     *
     * @return the count
     */
    public long bytesRead() {
        return bytes.get() + header.extraBytes;
    }

    /** Closes the range reader. */
    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Sorts byte ranges and merges neighbours at most {@link #MERGE_GAP} apart, up to {@link #MAX_REQUEST}. */
    static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        long[] cur = null;
        for (long[] r : sorted) {
            if (cur != null && r[0] <= cur[0] + cur[1] + MERGE_GAP
                    && Math.max(cur[0] + cur[1], r[0] + r[1]) - cur[0] <= MAX_REQUEST) {
                cur[1] = Math.max(cur[0] + cur[1], r[0] + r[1]) - cur[0];
            } else {
                cur = new long[] {r[0], r[1]};
                out.add(cur);
            }
        }
        return out;
    }

    /** The file's first bytes, extended by further requests when directories lie beyond them. */
    private final class HeaderSource implements TiffSource {
        private final TreeMap<Long, byte[]> blocks = new TreeMap<>();
        long extraRequests;
        long extraBytes;

        HeaderSource(byte[] head) {
            blocks.put(0L, head);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            if (position >= size) {
                return -1;
            }
            Map.Entry<Long, byte[]> e = blocks.floorEntry(position);
            if (e == null || position >= e.getKey() + e.getValue().length) {
                int len = (int) Math.min(Math.max(dst.remaining(), HEADER_BYTES), size - position);
                byte[] b = reader.read(position, len);
                extraRequests++;
                extraBytes += b.length;
                if (b.length == 0) {
                    return -1;
                }
                blocks.put(position, b);
                e = blocks.floorEntry(position);
            }
            int from = (int) (position - e.getKey());
            int n = Math.min(dst.remaining(), e.getValue().length - from);
            dst.put(e.getValue(), from, n);
            return n;
        }

        @Override
        public void close() {
            // the range reader is closed by the COG reader
        }
    }

    /** Fetched tile ranges. */
    private static final class BlockSource implements TiffSource {
        private final long size;
        private final TreeMap<Long, byte[]> blocks;

        BlockSource(long size, TreeMap<Long, byte[]> blocks) {
            this.size = size;
            this.blocks = blocks;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            Map.Entry<Long, byte[]> e = blocks.floorEntry(position);
            if (e == null || position >= e.getKey() + e.getValue().length) {
                throw new IllegalStateException("bytes at offset " + position + " were not fetched");
            }
            int from = (int) (position - e.getKey());
            int n = Math.min(dst.remaining(), e.getValue().length - from);
            dst.put(e.getValue(), from, n);
            return n;
        }

        @Override
        public void close() {
            // memory only
        }
    }
}
