package org.eolearn.io.raster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the part of a raster that covers given bounds as rasterio 1.3 does for
 * {@code src.read(window=from_bounds(*bounds, transform), boundless=True, fill_value=...)}: the fractional window
 * {@code from_bounds} gives is read into {@code round(height) × round(width)} pixels (rounding half up) through
 * GDAL's VRT logic, which this class reproduces: each output pixel takes the source pixel under its centre
 * (nearest neighbour over the fractional window), and where the window sticks out of the image, the covered part
 * of the output is snapped to whole pixels (so an edge pixel may repeat) and the rest gets the fill value.
 * Checked against GDAL itself on hundreds of random windows ({@code RasterioWindowOracleTest}).
 *
 * @since 0.1
 */
public final class RasterWindow {

    private static final double EPS = 1e-10;
    private static final double SNAP_EPS = 1e-3;

    private RasterWindow() {
    }

    /**
     * Reads a window.
     *
     * @param src  the raster
     * @param minX west
     * @param minY south
     * @param maxX east
     * @param maxY north
     * @param fill the value of pixels outside the source (null: the raster's no-data value, else 0)
     * @return the window's pixels; its geotransform is the window's and its no-data value the source's
     */
    public static GeoRaster read(GeoRaster src, double minX, double minY, double maxX, double maxY, Double fill) {
        Plan plan = plan(src.geoTransform(), minX, minY, maxX, maxY, src.height(), src.width());
        return plan.sample(src, 0, 0, src.height(), src.width(), fill);
    }

    /**
     * Plans a window read on an image of known size (needed for windows that stick out of the image: GDAL snaps
     * the part of the output that the image covers to whole output pixels).
     *
     * @param gt     the source geotransform (north up)
     * @param minX   west
     * @param minY   south
     * @param maxX   east
     * @param maxY   north
     * @param imageH the image height
     * @param imageW the image width
     * @return the plan
     */
    static Plan plan(double[] gt, double minX, double minY, double maxX, double maxY, int imageH, int imageW) {
        if (gt == null) {
            throw new IllegalArgumentException("raster is not georeferenced");
        }
        if (gt[2] != 0 || gt[4] != 0) {
            throw new IllegalArgumentException("rotated rasters are not supported for windowed reads");
        }
        double c0 = (minX - gt[0]) / gt[1];
        double c1 = (maxX - gt[0]) / gt[1];
        double r0 = (maxY - gt[3]) / gt[5];
        double r1 = (minY - gt[3]) / gt[5];
        double colOff = Math.min(c0, c1);
        double rowOff = Math.min(r0, r1);
        double width = Math.max(Math.max(c0, c1) - colOff, 0);
        double height = Math.max(Math.max(r0, r1) - rowOff, 0);
        int outW = (int) Math.floor(width + 0.5);
        int outH = (int) Math.floor(height + 0.5);
        int[] cols = axis(colOff, width, outW, imageW);
        int[] rows = axis(rowOff, height, outH, imageH);
        double[] wt = {gt[0] + colOff * gt[1], gt[1], 0, gt[3] + rowOff * gt[5], 0, gt[5]};
        return new Plan(rows, cols, wt);
    }

    /**
     * One axis of GDAL's boundless read as rasterio sets it up: a VRT whose pixel 0 is the window start, holding the
     * image at {@code -off}, read over {@code [0, size)} into {@code n} pixels. Where the window sticks out of the
     * image GDAL clips the request to the image, snaps the covered part of the output to whole pixels and adjusts
     * the source window to match; inside, each output pixel takes the source pixel under its centre.
     *
     * @param off     the window start in image pixels (may be negative)
     * @param size    the window length in image pixels
     * @param n       output pixels
     * @param srcSize image pixels along the axis
     * @return the image pixel of each output pixel, or -1 for the fill value
     */
    private static int[] axis(double off, double size, int n, int srcSize) {
        int[] idx = new int[n];
        java.util.Arrays.fill(idx, -1);
        if (n == 0 || size <= 0) {
            return idx;
        }
        double dstOff = -off;
        double dstSize = srcSize;
        if (0 >= dstOff + dstSize || size <= dstOff) {
            return idx;
        }
        double rOff = 0;
        double rSize = size;
        boolean modified = false;
        if (rOff < dstOff) {
            rSize = rSize + rOff - dstOff;
            rOff = dstOff;
            modified = true;
        }
        if (rOff + rSize > dstOff + dstSize) {
            rSize = dstOff + dstSize - rOff;
            modified = true;
        }
        double reqOff = rOff - dstOff;
        double reqSize = rSize;
        if (reqOff < 0) {
            reqSize += reqOff;
            reqOff = 0;
            modified = true;
        }
        int nReqOff = (int) Math.floor(reqOff);
        if (reqOff - nReqOff > 1 - SNAP_EPS) {
            nReqOff++;
            reqOff = nReqOff;
        }
        int nReqSize = (int) Math.floor(reqSize + 0.5);
        if (nReqSize == 0) {
            nReqSize = 1;
        }
        if (nReqOff + nReqSize > srcSize) {
            nReqSize = srcSize - nReqOff;
            modified = true;
        }
        if (reqOff + reqSize > srcSize) {
            reqSize = srcSize - reqOff;
            modified = true;
        }
        if (nReqOff >= srcSize || nReqSize <= 0) {
            return idx;
        }
        int outOff = 0;
        int outSize = n;
        if (modified) {
            double dstUl = reqOff + dstOff;
            double dstLr = reqOff + reqSize + dstOff;
            double scale = n / size;
            double outOffD = dstUl * scale;
            outOff = outOffD <= 0 ? 0 : (int) (outOffD + SNAP_EPS);
            double delta = (outOffD - outOff) / scale;
            reqOff -= delta;
            reqSize += delta;
            double outRightD = dstLr * scale;
            if (outRightD < outOffD) {
                return idx;
            }
            int outRight = (int) Math.ceil(outRightD - SNAP_EPS);
            outSize = outRight - outOff;
            if (outOff + outSize > n) {
                outSize = n - outOff;
            }
            reqSize += (outRight - outRightD) / scale;
        }
        if (outSize < 1) {
            return idx;
        }
        double inc = reqSize / outSize;
        for (int i = 0; i < outSize; i++) {
            double src = reqOff + (i + 0.5) * inc;
            idx[outOff + i] = (int) Math.min(Math.max(0, Math.floor(src + EPS)), srcSize - 1);
        }
        return idx;
    }

    /**
     * A planned window read.
     *
     * @param rows         the source row of each output row (may lie outside the source)
     * @param cols         the source column of each output column
     * @param geoTransform the window's geotransform
     */
    record Plan(int[] rows, int[] cols, double[] geoTransform) {

        /**
         * The source rectangle {@code {x0, y0, width, height}} the plan needs, clipped to the image.
         *
         * @param imageH the image height
         * @param imageW the image width
         * @return the rectangle (empty when the window misses the image)
         */
        int[] region(int imageH, int imageW) {
            int rMin = Integer.MAX_VALUE;
            int rMax = Integer.MIN_VALUE;
            int cMin = Integer.MAX_VALUE;
            int cMax = Integer.MIN_VALUE;
            for (int r : rows) {
                if (r >= 0 && r < imageH) {
                    rMin = Math.min(rMin, r);
                    rMax = Math.max(rMax, r);
                }
            }
            for (int c : cols) {
                if (c >= 0 && c < imageW) {
                    cMin = Math.min(cMin, c);
                    cMax = Math.max(cMax, c);
                }
            }
            if (rMin > rMax || cMin > cMax) {
                return new int[] {0, 0, 0, 0};
            }
            return new int[] {cMin, rMin, cMax - cMin + 1, rMax - rMin + 1};
        }

        /**
         * Samples the output from a part of the source.
         *
         * @param part   the source pixels read (a rectangle of the image)
         * @param x0     the rectangle's first column in the image
         * @param y0     the rectangle's first row in the image
         * @param imageH the image height
         * @param imageW the image width
         * @param fill   the value outside the image (null: the no-data value, else 0)
         * @return the window
         */
        GeoRaster sample(GeoRaster part, int x0, int y0, int imageH, int imageW, Double fill) {
            int outW = cols.length;
            int outH = rows.length;
            int item = part.type().itemSize();
            double fillValue = fill != null ? fill : part.noData() != null ? part.noData() : 0;
            byte[] fillBytes = sampleBytes(part.type(), fillValue);
            ByteBuffer in = part.data();
            byte[] out = new byte[part.bands() * outH * outW * item];
            int h = part.height();
            int w = part.width();
            for (int b = 0; b < part.bands(); b++) {
                for (int i = 0; i < outH; i++) {
                    int r = rows[i];
                    for (int j = 0; j < outW; j++) {
                        int c = cols[j];
                        int dst = ((b * outH + i) * outW + j) * item;
                        if (r < 0 || r >= imageH || c < 0 || c >= imageW) {
                            System.arraycopy(fillBytes, 0, out, dst, item);
                        } else {
                            in.get(((b * h + (r - y0)) * w + (c - x0)) * item, out, dst, item);
                        }
                    }
                }
            }
            return new GeoRaster(part.type(), part.bands(), outH, outW, ByteBuffer.wrap(out), geoTransform,
                    part.epsg(), part.noData());
        }
    }

    /**
     * One sample's little-endian bytes, cast as numpy casts a Python number into the array's dtype.
     *
     * @param type  the dtype
     * @param value the value
     * @return {@code itemSize} bytes
     */
    static byte[] sampleBytes(org.eolearn.core.DType type, double value) {
        ByteBuffer b = ByteBuffer.allocate(type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case BOOL: b.put((byte) (value != 0 ? 1 : 0)); break;
            case INT8: case UINT8: b.put((byte) (long) value); break;
            case INT16: case UINT16: b.putShort((short) (long) value); break;
            case INT32: case UINT32: b.putInt((int) (long) value); break;
            case INT64: case UINT64: b.putLong((long) value); break;
            case FLOAT32: b.putFloat((float) value); break;
            case FLOAT64: b.putDouble(value); break;
            default: throw new IllegalArgumentException("unsupported sample type " + type.numpyName());
        }
        return b.array();
    }
}
