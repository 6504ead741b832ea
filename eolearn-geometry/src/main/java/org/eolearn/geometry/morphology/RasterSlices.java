package org.eolearn.geometry.morphology;

import java.util.function.BiFunction;
import org.eolearn.core.NdArrays;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.compute.ComputePolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Splits a spatial array, flattened in C order as {@code (h, w, d)} or {@code (t, h, w, d)}, into 2-D slices
 * (one per frame and band), maps every slice with a kernel and puts the results back. Slices run in parallel
 * under the {@link ComputePolicy} when there is more than one. Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class RasterSlices {

    private RasterSlices() {
    }

    /**
     * Maps every {@code (frame, band)} slice of an array into a new array of its dtype and shape. Each slice is read
     * from the array's memory into a scratch image and the kernel's result is written, cast to the dtype as
     * {@link NdArrays#fromDoubles} casts, straight into the new array: the whole array is never copied into a Java
     * array.
     *
     * @param array  a {@code (h, w, d)} or {@code (t, h, w, d)} array
     * @param kernel called with a slice ({@code h * w} values, row-major) and its slice index
     *               ({@code frame * d + band}); returns the new slice
     * @return a new array of the same dtype and shape
     * @throws IllegalArgumentException if the array is not 3-D or 4-D
     */
    public static INDArray map(INDArray array, BiFunction<double[], Integer, double[]> kernel) {
        long[] shape = array.shape();
        if (shape.length != 3 && shape.length != 4) {
            throw new IllegalArgumentException("expected a (h, w, d) or (t, h, w, d) array, got " + shape.length
                    + " dimensions");
        }
        int t = shape.length == 4 ? (int) shape[0] : 1;
        int h = (int) shape[shape.length - 3];
        int w = (int) shape[shape.length - 2];
        int d = (int) shape[shape.length - 1];
        NdBuffer in = NdBuffer.read(array);
        NdBuffer out = NdBuffer.allocate(in.dtype(), shape);
        if (in.length() == 0) {
            return out.array();
        }
        ComputePolicy.parallelFor(t * d, s -> {
            int frame = s / d;
            int band = s % d;
            int first = frame * h * w * d + band;
            double[] slice = new double[h * w];
            in.gather(first, d, slice, 0, h * w);
            double[] r = kernel.apply(slice, s);
            if (r.length != h * w) {
                throw new IllegalStateException("kernel returned " + r.length + " values for a " + h + "x" + w
                        + " slice");
            }
            out.scatter(r, 0, h * w, first, d);
        });
        return out.array();
    }
}
