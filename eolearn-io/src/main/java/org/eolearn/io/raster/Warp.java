package org.eolearn.io.raster;

import java.nio.ByteBuffer;
import org.eolearn.core.CRS;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.NoninvertibleTransformException;

/**
 * Nearest-neighbour reprojection of a north-up raster to another CRS, the way eo-learn's export does it with
 * rasterio: the output grid is GDAL's suggested warp output ({@code calculate_default_transform}: the source edges
 * sampled at 21 points each give the extent, the transformed image diagonal gives a square pixel size, the size is
 * rounded half up), and each output pixel takes the source pixel under its centre (outside the source: the no-data
 * value, else 0). Source positions come from Apache SIS through GDAL's approximate transformer (linear along each
 * output row within 0.125 source pixels), so nearly every pixel equals GDAL's.
 *
 * @since 0.1
 */
public final class Warp {

    private static final int STEPS = 21;

    private Warp() {
    }

    /** GDAL's default error threshold of its approximate transformer, in source pixels. */
    private static final double MAX_ERROR = 0.125;

    /** Exact source pixel coordinates of output pixel centres {@code (j + 0.5, i + 0.5)}. */
    private static void exact(MathTransform inverse, double[] gt, double[] dst, int i,
                              int[] js, double[] outX, double[] outY) {
        double[] pts = new double[2 * js.length];
        for (int k = 0; k < js.length; k++) {
            pts[2 * k] = dst[0] + (js[k] + 0.5) * dst[1] + (i + 0.5) * dst[2];
            pts[2 * k + 1] = dst[3] + (js[k] + 0.5) * dst[4] + (i + 0.5) * dst[5];
        }
        Crs.apply(inverse, pts);
        for (int k = 0; k < js.length; k++) {
            outX[k] = (pts[2 * k] - gt[0]) / gt[1];
            outY[k] = (pts[2 * k + 1] - gt[3]) / gt[5];
        }
    }

    /**
     * GDAL's approximate transformer along one output row: the ends and the middle are transformed exactly; when
     * the straight line between the ends misses the middle by at most 0.125 source pixels (x and y errors added),
     * the row is interpolated linearly, else both halves are treated the same way; rows of up to 5 points are
     * transformed exactly.
     */
    static void approxRow(MathTransform inverse, double[] gt, double[] dst, int i,
                          int from, int to, double[] px, double[] py) {
        int n = to - from + 1;
        if (n <= 5) {
            int[] js = new int[n];
            for (int k = 0; k < n; k++) {
                js[k] = from + k;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            exact(inverse, gt, dst, i, js, x, y);
            System.arraycopy(x, 0, px, from, n);
            System.arraycopy(y, 0, py, from, n);
            return;
        }
        int middle = from + (n - 1) / 2;
        double[] x = new double[3];
        double[] y = new double[3];
        exact(inverse, gt, dst, i, new int[] {from, middle, to}, x, y);
        double dx = (x[2] - x[0]) / (to - from);
        double dy = (y[2] - y[0]) / (to - from);
        double error = Math.abs(x[0] + dx * (middle - from) - x[1]) + Math.abs(y[0] + dy * (middle - from) - y[1]);
        if (error > MAX_ERROR) {
            approxRow(inverse, gt, dst, i, from, middle, px, py);
            approxRow(inverse, gt, dst, i, middle, to, px, py);
            return;
        }
        for (int j = from; j <= to; j++) {
            px[j] = x[0] + dx * (j - from);
            py[j] = y[0] + dy * (j - from);
        }
    }

    /**
     * Reprojects a raster.
     *
     * @param src    the raster (georeferenced, north up, with an EPSG code)
     * @param target the target CRS
     * @return the reprojected raster (the same raster when the CRS is equal)
     */
    public static GeoRaster reproject(GeoRaster src, CRS target) {
        if (src.epsg() == null || src.geoTransform() == null) {
            throw new IllegalArgumentException("cannot reproject a raster without CRS and geotransform");
        }
        if (src.epsg() == target.epsg()) {
            return src;
        }
        double[] gt = src.geoTransform();
        if (gt[2] != 0 || gt[4] != 0) {
            throw new IllegalArgumentException("rotated rasters cannot be reprojected");
        }
        MathTransform forward = Crs.transform(Crs.toSis(new CRS(src.epsg())), Crs.toSis(target));
        MathTransform inverse;
        try {
            inverse = forward.inverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("cannot invert the transform to " + target + ": " + e.getMessage(), e);
        }
        int w = src.width();
        int h = src.height();
        double[] pts = new double[2 * 4 * STEPS];
        int k = 0;
        for (int s = 0; s < STEPS; s++) {
            double r = s / (double) (STEPS - 1);
            double[][] px = {{r * w, 0}, {r * w, h}, {0, r * h}, {w, r * h}};
            for (double[] p : px) {
                pts[k++] = gt[0] + p[0] * gt[1];
                pts[k++] = gt[3] + p[1] * gt[5];
            }
        }
        Crs.apply(forward, pts);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pts.length; i += 2) {
            if (!Double.isFinite(pts[i]) || !Double.isFinite(pts[i + 1])) {
                continue;
            }
            minX = Math.min(minX, pts[i]);
            maxX = Math.max(maxX, pts[i]);
            minY = Math.min(minY, pts[i + 1]);
            maxY = Math.max(maxY, pts[i + 1]);
        }
        // the first sample is pixel (0, 0), the last one pixel (w, h)
        double dx = pts[pts.length - 2] - pts[0];
        double dy = pts[pts.length - 1] - pts[1];
        if (dx == 0 || dy == 0) {
            dx = maxX - minX;
            dy = maxY - minY;
        }
        double pixel = Math.sqrt(dx * dx + dy * dy) / Math.sqrt((double) w * w + (double) h * h);
        int outW = Math.max(1, (int) ((maxX - minX) / pixel + 0.5));
        int outH = Math.max(1, (int) ((maxY - minY) / pixel + 0.5));
        double[] out = {minX, pixel, 0, maxY, 0, -pixel};
        int item = src.type().itemSize();
        byte[] fill = RasterWindow.sampleBytes(src.type(), src.noData() == null ? 0 : src.noData());
        byte[] data = new byte[src.bands() * outH * outW * item];
        ByteBuffer in = src.data();
        
        double[] px = new double[outW];
        double[] py = new double[outW];
        for (int i = 0; i < outH; i++) {
            approxRow(inverse, gt, out, i, 0, outW - 1, px, py);
            for (int j = 0; j < outW; j++) {
                double c = px[j];
                double r = py[j];
                boolean inside = c >= 0 && r >= 0 && c < w && r < h;
                int sc = (int) Math.floor(c);
                int sr = (int) Math.floor(r);
                for (int b = 0; b < src.bands(); b++) {
                    int dst = ((b * outH + i) * outW + j) * item;
                    if (inside) {
                        in.get(((b * h + sr) * w + sc) * item, data, dst, item);
                    } else {
                        System.arraycopy(fill, 0, data, dst, item);
                    }
                }
            }
        }
        return new GeoRaster(src.type(), src.bands(), outH, outW, ByteBuffer.wrap(data), out, target.epsg(),
                src.noData());
    }
}
