package org.eolearn.io.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.NoninvertibleTransformException;

/**
 * Reprojects and resamples a raster onto a given grid, as {@code gdalwarp -t_srs -te -ts -r near|bilinear} does:
 * each target pixel centre goes to the source through GDAL's approximate transformer (see {@link Warp}); nearest
 * takes the source pixel under it, bilinear weighs the four nearest source pixels (or, when the target pixel spans
 * more than 1.05 source pixels, GDAL's widened triangle kernel), skipping pixels outside the source and no-data
 * pixels and renormalising the weights; integers are rounded half up and clamped to the type. Target pixels no
 * source pixel reaches are not valid and hold the no-data value (0 without one).
 *
 * <pre>{@code
 * GridWarp.Grid grid = GridWarp.Grid.of(patchBox, 64, 64);
 * GridWarp.Result r = GridWarp.warp(window, grid, GridWarp.Resampling.NEAREST);
 * }</pre>
 *
 * @since 0.1
 */
public final class GridWarp {

    /** GDAL's tolerance when flooring a source coordinate, so that exact pixel edges do not flicker. */
    private static final double EDGE = 1e-10;

    private GridWarp() {
    }

    /** The resampling methods. */
    public enum Resampling {
        /** The source pixel under the target pixel's centre. */
        NEAREST,
        /** Bilinear interpolation of the nearest source pixels. */
        BILINEAR;

        /**
         * Parses {@code "nearest"} / {@code "near"} or {@code "bilinear"} (case-insensitive).
         *
         * @param name the name
         * @return the method
         * @throws IllegalArgumentException for other names
         */
        public static Resampling parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "nearest": case "near": return NEAREST;
                case "bilinear": return BILINEAR;
                default: throw new IllegalArgumentException("resampling must be \"nearest\" or \"bilinear\", got \""
                        + name + "\"");
            }
        }
    }

    /**
     * A target grid: a CRS and a north-up geotransform of a size.
     *
     * @param epsg         the CRS
     * @param geoTransform GDAL's six numbers
     * @param width        columns
     * @param height       rows
     */
    public record Grid(int epsg, double[] geoTransform, int width, int height) {
        /**
         * Validates and copies.
         *
         * @param epsg         the CRS
         * @param geoTransform the geotransform
         * @param width        columns (at least 1)
         * @param height       rows (at least 1)
         */
        public Grid {
            if (geoTransform == null || geoTransform.length != 6) {
                throw new IllegalArgumentException("a geotransform has six numbers");
            }
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("a grid has at least one pixel, got " + width + " x " + height);
            }
            geoTransform = geoTransform.clone();
        }

        /**
         * The grid of a box divided into pixels, as eo-learn lays a patch out.
         *
         * @param bbox   the box and its CRS
         * @param width  columns
         * @param height rows
         * @return the grid
         */
        public static Grid of(BBox bbox, int width, int height) {
            return new Grid(bbox.crs().epsg(), GeoRaster.transformFromBounds(bbox.minX(), bbox.minY(), bbox.maxX(),
                    bbox.maxY(), width, height), width, height);
        }

        /**
         * A copy of the geotransform.
         *
         * @return the six numbers
         */
        @Override
        public double[] geoTransform() {
            return geoTransform.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Grid g && epsg == g.epsg && width == g.width && height == g.height
                    && java.util.Arrays.equals(geoTransform, g.geoTransform);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(epsg, width, height, java.util.Arrays.hashCode(geoTransform));
        }

        @Override
        public String toString() {
            return "Grid[EPSG:" + epsg + ", " + width + " x " + height + ", " + java.util.Arrays.toString(geoTransform)
                    + "]";
        }
    }

    /**
     * A warped raster and which of its pixels some valid source pixel reached.
     *
     * @param raster the raster on the grid (band-sequential, the source's type and no-data value)
     * @param valid  one flag per pixel, row by row
     */
    public record Result(GeoRaster raster, boolean[] valid) {
        /**
         * Keeps the arguments.
         *
         * @param raster the raster
         * @param valid  the flags
         */
        public Result {
            java.util.Objects.requireNonNull(raster, "raster");
            java.util.Objects.requireNonNull(valid, "valid");
        }
    }

    private static MathTransform toSource(int srcEpsg, int dstEpsg) {
        MathTransform forward = Crs.transform(Crs.toSis(new CRS(srcEpsg)), Crs.toSis(new CRS(dstEpsg)));
        try {
            return forward.inverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("cannot invert the transform from EPSG:" + srcEpsg + " to EPSG:"
                    + dstEpsg + ": " + e.getMessage(), e);
        }
    }

    /**
     * GDAL's "target ratio" of an overview choice ({@code gdalwarp -ovr AUTO}): how many source pixels of the full
     * resolution one target pixel spans, from the suggested warp output of the whole source in target pixels.
     *
     * @param target  the target grid
     * @param srcEpsg the source CRS
     * @param fullGt  the source's full-resolution geotransform
     * @param fullW   its columns
     * @param fullH   its rows
     * @return the ratio (at most 1 means: no overview)
     */
    public static double overviewRatio(Grid target, int srcEpsg, double[] fullGt, int fullW, int fullH) {
        MathTransform forward = Crs.transform(Crs.toSis(new CRS(srcEpsg)), Crs.toSis(new CRS(target.epsg())));
        double[] dst = target.geoTransform;
        double[] pts = {fullGt[0], fullGt[3], fullGt[0] + fullW * fullGt[1] + fullH * fullGt[2],
            fullGt[3] + fullW * fullGt[4] + fullH * fullGt[5]};
        Crs.apply(forward, pts);
        double dx = (pts[2] - pts[0]) / dst[1];
        double dy = (pts[3] - pts[1]) / dst[5];
        double pixel = Math.sqrt(dx * dx + dy * dy) / Math.sqrt((double) fullW * fullW + (double) fullH * fullH);
        return 1.0 / pixel;
    }

    /**
     * The source pixels a target grid needs, with a margin: the target's edges (21 points each) and centres taken
     * to the source, their bounding pixels widened by {@code margin} and clipped to the image.
     *
     * @param target  the target grid
     * @param srcEpsg the source CRS
     * @param srcGt   the source level's geotransform
     * @param srcW    its columns
     * @param srcH    its rows
     * @param margin  pixels added on each side
     * @return {@code {x0, y0, width, height}}, or null when the grid misses the source
     */
    public static int[] sourceWindow(Grid target, int srcEpsg, double[] srcGt, int srcW, int srcH, int margin) {
        MathTransform inverse = toSource(srcEpsg, target.epsg());
        int steps = 21;
        double[] dst = target.geoTransform;
        double[] pts = new double[2 * 4 * steps];
        int k = 0;
        for (int s = 0; s < steps; s++) {
            double r = s / (double) (steps - 1);
            double[][] px = {{r * target.width(), 0}, {r * target.width(), target.height()}, {0, r * target.height()},
                {target.width(), r * target.height()}};
            for (double[] p : px) {
                pts[k++] = dst[0] + p[0] * dst[1] + p[1] * dst[2];
                pts[k++] = dst[3] + p[0] * dst[4] + p[1] * dst[5];
            }
        }
        Crs.apply(inverse, pts);
        double minC = Double.POSITIVE_INFINITY;
        double minR = Double.POSITIVE_INFINITY;
        double maxC = Double.NEGATIVE_INFINITY;
        double maxR = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pts.length; i += 2) {
            if (!Double.isFinite(pts[i]) || !Double.isFinite(pts[i + 1])) {
                continue;
            }
            double c = (pts[i] - srcGt[0]) / srcGt[1];
            double r = (pts[i + 1] - srcGt[3]) / srcGt[5];
            minC = Math.min(minC, c);
            maxC = Math.max(maxC, c);
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        if (!(minC <= maxC)) {
            return null;
        }
        int x0 = (int) Math.max(0, Math.floor(minC) - margin);
        int y0 = (int) Math.max(0, Math.floor(minR) - margin);
        int x1 = (int) Math.min(srcW, Math.ceil(maxC) + margin);
        int y1 = (int) Math.min(srcH, Math.ceil(maxR) + margin);
        if (x0 >= x1 || y0 >= y1) {
            return null;
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    /**
     * Warps a raster onto a grid; the raster's no-data value marks pixels that are not used.
     *
     * @param src        the raster (georeferenced, north up, with an EPSG code), e.g. a window of a COG level
     *                   that covers the grid (see {@link #sourceWindow})
     * @param target     the grid
     * @param resampling the method
     * @return the warped raster and its validity
     */
    public static Result warp(GeoRaster src, Grid target, Resampling resampling) {
        if (src.epsg() == null || src.geoTransform() == null) {
            throw new IllegalArgumentException("cannot warp a raster without CRS and geotransform");
        }
        double[] gt = src.geoTransform();
        if (gt[2] != 0 || gt[4] != 0) {
            throw new IllegalArgumentException("rotated rasters cannot be warped");
        }
        MathTransform inverse = toSource(src.epsg(), target.epsg());
        int w = src.width();
        int h = src.height();
        int outW = target.width();
        int outH = target.height();
        int bands = src.bands();
        DType type = src.type();
        Double noData = src.noData();
        double fill = noData == null ? 0 : noData;
        double[] values = new double[bands * w * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = src.sample(i);
        }
        boolean[] usable = new boolean[w * h];
        for (int p = 0; p < w * h; p++) {
            boolean any = false;
            for (int b = 0; b < bands && !any; b++) {
                double v = values[b * w * h + p];
                any = noData == null || !(v == noData || (Double.isNaN(v) && Double.isNaN(noData)));
            }
            usable[p] = any;
        }
        double[] out = new double[bands * outW * outH];
        java.util.Arrays.fill(out, fill);
        boolean[] valid = new boolean[outW * outH];
        double[] px = new double[outW];
        double[] py = new double[outW];
        double[] dst = target.geoTransform;
        double[] acc = new double[bands];
        for (int i = 0; i < outH; i++) {
            Warp.approxRow(inverse, gt, dst, i, 0, outW - 1, px, py);
            double xScale = 1;
            double yScale = 1;
            if (resampling == Resampling.BILINEAR) {
                double[] qx = new double[Math.min(outW, 2)];
                double[] qy = new double[qx.length];
                xScale = outW > 1 ? Math.min(1, 1 / Math.abs((px[outW - 1] - px[0]) / (outW - 1))) : 1;
                if (outH > 1) {
                    Warp.approxRow(inverse, gt, dst, i == outH - 1 ? i - 1 : i + 1, 0, qx.length - 1, qx, qy);
                    yScale = Math.min(1, 1 / Math.abs(qy[0] - py[0]));
                }
            }
            for (int j = 0; j < outW; j++) {
                double c = px[j];
                double r = py[j];
                if (!(c >= 0 && r >= 0 && c < w && r < h)) {
                    continue;
                }
                int o = i * outW + j;
                if (resampling == Resampling.NEAREST) {
                    int sc = Math.min(w - 1, (int) Math.floor(c + EDGE));
                    int sr = Math.min(h - 1, (int) Math.floor(r + EDGE));
                    int p = sr * w + sc;
                    if (!usable[p]) {
                        continue;
                    }
                    for (int b = 0; b < bands; b++) {
                        out[(b * outH + i) * outW + j] = values[b * w * h + p];
                    }
                    valid[o] = true;
                } else if (interpolate(values, usable, w, h, bands, c, r, xScale, yScale, acc)) {
                    for (int b = 0; b < bands; b++) {
                        out[(b * outH + i) * outW + j] = acc[b];
                    }
                    valid[o] = true;
                }
            }
        }
        ByteBuffer data = ByteBuffer.allocate(out.length * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : out) {
            put(data, type, resampling == Resampling.BILINEAR ? round(type, v) : v);
        }
        data.flip();
        double[] dgt = target.geoTransform();
        return new Result(new GeoRaster(type, bands, outH, outW, data, dgt, target.epsg(), noData), valid);
    }

    /**
     * Reads and warps what a grid needs of a (cloud-optimised) GeoTIFF, as {@code gdalwarp} would: the overview
     * {@code -ovr AUTO} picks, only the window the grid covers (plus a margin of 3 pixels), then {@link #warp}.
     *
     * @param cog        the file
     * @param srcEpsg    its CRS (the file's GeoKeys, or what a catalogue says)
     * @param target     the grid
     * @param resampling the method
     * @return the warped raster; all pixels invalid when the grid misses the file
     * @throws IOException if reading fails
     */
    public static Result read(CogReader cog, int srcEpsg, Grid target, Resampling resampling) throws IOException {
        CogReader.Level full = cog.levels().get(0);
        if (full.geoTransform() == null) {
            throw new IOException(cog.name() + ": the file has no geotransform");
        }
        double ratio = overviewRatio(target, srcEpsg, full.geoTransform(), full.width(), full.height());
        CogReader.Level level = cog.levels().get(ratio > 1 ? cog.levelFor(ratio) : 0);
        int[] win = sourceWindow(target, srcEpsg, level.geoTransform(), level.width(), level.height(), 3);
        if (win == null) {
            int n = target.width() * target.height();
            Double nd = cog.noData();
            byte[] fill = RasterWindow.sampleBytes(cog.type(), nd == null ? 0 : nd);
            ByteBuffer data = ByteBuffer.allocate(cog.bands() * n * fill.length);
            for (int i = 0; i < cog.bands() * n; i++) {
                data.put(fill);
            }
            data.flip();
            return new Result(new GeoRaster(cog.type(), cog.bands(), target.height(), target.width(), data,
                    target.geoTransform(), target.epsg(), nd), new boolean[n]);
        }
        GeoRaster src = cog.read(level.index(), win[0], win[1], win[2], win[3]);
        if (src.epsg() == null || src.epsg() != srcEpsg) {
            src = new GeoRaster(src.type(), src.bands(), src.height(), src.width(), src.data(), src.geoTransform(),
                    srcEpsg, src.noData());
        }
        return warp(src, target, resampling);
    }

    /** GDAL's bilinear: four samples when not downsampling, else the triangle kernel widened by the scale. */
    private static boolean interpolate(double[] values, boolean[] usable, int w, int h, int bands, double c,
                                       double r, double xScale, double yScale, double[] acc) {
        double sx = c - 0.5;
        double sy = r - 0.5;
        int ix = (int) Math.floor(sx);
        int iy = (int) Math.floor(sy);
        double dx = sx - ix;
        double dy = sy - iy;
        boolean four = xScale >= 0.95 && yScale >= 0.95;
        int rx = four ? 1 : (int) Math.ceil(1 / xScale);
        int ry = four ? 1 : (int) Math.ceil(1 / yScale);
        double xs = four ? 1 : xScale;
        double ys = four ? 1 : yScale;
        java.util.Arrays.fill(acc, 0);
        double weights = 0;
        for (int jj = 1 - ry; jj <= ry; jj++) {
            int y = iy + jj;
            if (y < 0 || y >= h) {
                continue;
            }
            double wy = Math.max(0, 1 - Math.abs((jj - dy) * ys));
            if (wy == 0) {
                continue;
            }
            for (int ii = 1 - rx; ii <= rx; ii++) {
                int x = ix + ii;
                if (x < 0 || x >= w || !usable[y * w + x]) {
                    continue;
                }
                double wx = Math.max(0, 1 - Math.abs((ii - dx) * xs));
                double wt = wx * wy;
                if (wt == 0) {
                    continue;
                }
                for (int b = 0; b < bands; b++) {
                    acc[b] += wt * values[b * w * h + y * w + x];
                }
                weights += wt;
            }
        }
        if (weights < 1e-5) {
            return false;
        }
        for (int b = 0; b < bands; b++) {
            acc[b] /= weights;
        }
        return true;
    }

    private static double round(DType type, double v) {
        if (type.isFloatingPoint()) {
            return v;
        }
        double x = Math.floor(v + 0.5);
        switch (type) {
            case UINT8: return Math.max(0, Math.min(255, x));
            case INT8: return Math.max(-128, Math.min(127, x));
            case UINT16: return Math.max(0, Math.min(65535, x));
            case INT16: return Math.max(-32768, Math.min(32767, x));
            case UINT32: return Math.max(0, Math.min(4294967295.0, x));
            case INT32: return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, x));
            default: return x;
        }
    }

    private static void put(ByteBuffer b, DType type, double v) {
        switch (type) {
            case UINT8: case INT8: b.put((byte) (long) v); break;
            case UINT16: case INT16: b.putShort((short) (long) v); break;
            case UINT32: case INT32: b.putInt((int) (long) v); break;
            case FLOAT32: b.putFloat((float) v); break;
            case FLOAT64: b.putDouble(v); break;
            default: b.put(RasterWindow.sampleBytes(type, v)); break;
        }
    }
}
