package org.eolearn.geometry;

import java.util.function.BiFunction;
import org.eolearn.core.compute.ComputePolicy;

/**
 * Splits a spatial array, flattened in C order as {@code (h, w, d)} or {@code (t, h, w, d)}, into 2-D slices
 * (one per frame and band), maps every slice with a kernel and puts the results back. Slices run in parallel on
 * the common fork-join pool when there is more than one. Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class RasterSlices {

    private RasterSlices() {
    }

    /**
     * Maps every {@code (frame, band)} slice of an array.
     *
     * @param values the array values in C order
     * @param shape  {@code (h, w, d)} or {@code (t, h, w, d)}
     * @param kernel called with a slice ({@code h * w} values, row-major) and its slice index
     *               ({@code frame * d + band}); returns the new slice
     * @return a new array of the same shape
     * @throws IllegalArgumentException if the shape is not 3-D or 4-D or does not match the values
     */
    public static double[] map(double[] values, long[] shape, BiFunction<double[], Integer, double[]> kernel) {
        if (shape.length != 3 && shape.length != 4) {
            throw new IllegalArgumentException("expected a (h, w, d) or (t, h, w, d) array, got " + shape.length
                    + " dimensions");
        }
        int t = shape.length == 4 ? (int) shape[0] : 1;
        int h = (int) shape[shape.length - 3];
        int w = (int) shape[shape.length - 2];
        int d = (int) shape[shape.length - 1];
        if ((long) t * h * w * d != values.length) {
            throw new IllegalArgumentException("array of " + values.length + " values does not match its shape");
        }
        double[] out = new double[values.length];
        ComputePolicy.parallelFor(t * d, s -> {
            int frame = s / d;
            int band = s % d;
            int base = frame * h * w * d;
            double[] slice = new double[h * w];
            for (int p = 0; p < h * w; p++) {
                slice[p] = values[base + p * d + band];
            }
            double[] r = kernel.apply(slice, s);
            if (r.length != h * w) {
                throw new IllegalStateException("kernel returned " + r.length + " values for a " + h + "x" + w
                        + " slice");
            }
            for (int p = 0; p < h * w; p++) {
                out[base + p * d + band] = r[p];
            }
        });
        return out;
    }
}
