package org.eolearn.io.raster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the part of a raster that covers given bounds as rasterio 1.3 does for
 * {@code src.read(window=from_bounds(*bounds, transform), boundless=True, fill_value=...)}: the fractional window
 * {@code from_bounds} gives is read into {@code round(height) × round(width)} pixels (rounding half up), each
 * output pixel taking the source pixel under its centre (nearest neighbour over the fractional window, GDAL's
 * rule), and pixels outside the source get the fill value.
 *
 * @since 0.1
 */
public final class RasterWindow {

    private static final double EPS = 1e-10;

    private RasterWindow() {
    }

    /**
     * The fractional window {@code {colOff, rowOff, width, height}} of bounds in a north-up raster
     * (rasterio's {@code windows.from_bounds}).
     *
     * @param src  the raster (georeferenced, north up)
     * @param minX west
     * @param minY south
     * @param maxX east
     * @param maxY north
     * @return the window in pixel units
     */
    public static double[] window(GeoRaster src, double minX, double minY, double maxX, double maxY) {
        double[] gt = src.geoTransform();
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
        return new double[] {colOff, rowOff, Math.max(Math.max(c0, c1) - colOff, 0),
            Math.max(Math.max(r0, r1) - rowOff, 0)};
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
        double[] win = window(src, minX, minY, maxX, maxY);
        int outW = (int) Math.floor(win[2] + 0.5);
        int outH = (int) Math.floor(win[3] + 0.5);
        int item = src.type().itemSize();
        double fillValue = fill != null ? fill : src.noData() != null ? src.noData() : 0;
        byte[] fillBytes = sampleBytes(src.type(), fillValue);
        int[] cols = new int[outW];
        int[] rows = new int[outH];
        for (int j = 0; j < outW; j++) {
            cols[j] = (int) Math.floor(win[0] + (j + 0.5) * (win[2] / outW) + EPS);
        }
        for (int i = 0; i < outH; i++) {
            rows[i] = (int) Math.floor(win[1] + (i + 0.5) * (win[3] / outH) + EPS);
        }
        ByteBuffer in = src.data();
        byte[] out = new byte[src.bands() * outH * outW * item];
        int h = src.height();
        int w = src.width();
        for (int b = 0; b < src.bands(); b++) {
            for (int i = 0; i < outH; i++) {
                int r = rows[i];
                for (int j = 0; j < outW; j++) {
                    int c = cols[j];
                    int dst = ((b * outH + i) * outW + j) * item;
                    if (r < 0 || r >= h || c < 0 || c >= w) {
                        System.arraycopy(fillBytes, 0, out, dst, item);
                    } else {
                        in.get(((b * h + r) * w + c) * item, out, dst, item);
                    }
                }
            }
        }
        double[] gt = src.geoTransform();
        double[] wt = {gt[0] + win[0] * gt[1], gt[1], 0, gt[3] + win[1] * gt[5], 0, gt[5]};
        return new GeoRaster(src.type(), src.bands(), outH, outW, ByteBuffer.wrap(out), wt, src.epsg(),
                src.noData());
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
