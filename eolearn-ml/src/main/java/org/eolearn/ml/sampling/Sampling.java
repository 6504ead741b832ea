package org.eolearn.ml.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sampling kernels of eo-learn's {@code ml_tools.sampling}, as static methods: sampling pixels by value,
 * expanding points to blocks, counting samples, and taking the sampled pixels of an image feature.
 *
 * <p>Random draws use Java's {@link SplittableRandom}: a seed gives the same samples every time within this library,
 * but not numpy's (its PCG64 stream is not reproduced). The number of samples per value, the shapes and the
 * mask of samples follow eo-learn exactly.
 *
 * @since 0.1
 */
public final class Sampling {

    private Sampling() {
    }

    /**
     * Row and column indices of sampled points, or of every cell of sampled blocks.
     *
     * @param rows    row indices, one per sample (for blocks: (N * height) rows of width entries, row-major)
     * @param columns column indices, same layout as rows
     * @param width   the width of each grid row (1 for single pixels)
     */
    public record Grid(int[] rows, int[] columns, int width) {
        /**
         * Returns the number of grid rows.
         *
         * @return {@code rows.length / width}
         */
        public int height() {
            return width == 0 ? 0 : rows.length / width;
        }
    }

    /**
     * Samples pixels of a 2-D image: for each value of the map, that many pixels having that value (eo-learn's
     * {@code sample_by_values}), values in the map's order.
     *
     * @param image   the image, h*w values, row-major
     * @param h       its height
     * @param w       its width
     * @param amounts value to number of samples
     * @param random  the random generator
     * @param replace whether a pixel may be drawn more than once
     * @return the sampled points
     * @throws IllegalArgumentException if more samples than pixels are asked for without replacement
     */
    public static Grid sampleByValues(long[] image, int h, int w, Map<Long, Integer> amounts, SplittableRandom random,
                                      boolean replace) {
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : amounts.entrySet()) {
            int[] candidates = java.util.stream.IntStream.range(0, h * w).filter(i -> image[i] == e.getKey()).toArray();
            int n = e.getValue();
            if (n < 0) {
                throw new IllegalArgumentException("cannot sample a negative number (" + n + ") of pixels");
            }
            if (!replace && n > candidates.length) {
                throw new IllegalArgumentException("cannot sample " + n + " pixels of value " + e.getKey()
                        + " without replacement: only " + candidates.length + " have it");
            }
            if (candidates.length == 0 && n > 0) {
                throw new IllegalArgumentException("no pixel has the value " + e.getKey());
            }
            for (int k = 0; k < n; k++) {
                int pick;
                if (replace) {
                    pick = candidates[random.nextInt(candidates.length)];
                } else {
                    int j = k + random.nextInt(candidates.length - k); // partial Fisher-Yates
                    pick = candidates[j];
                    candidates[j] = candidates[k];
                    candidates[k] = pick;
                }
                rows.add(pick / w);
                cols.add(pick % w);
            }
        }
        return new Grid(rows.stream().mapToInt(Integer::intValue).toArray(),
                cols.stream().mapToInt(Integer::intValue).toArray(), 1);
    }

    /**
     * Expands upper-left corners to blocks (eo-learn's {@code expand_to_grids}): each block adds {@code height}
     * grid rows of {@code width} cells.
     *
     * @param corners the corners (a grid of width 1)
     * @param height  the block height
     * @param width   the block width
     * @return the grid of all block cells
     */
    public static Grid expandToGrids(Grid corners, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("sample_size must be positive, got (" + height + ", " + width + ")");
        }
        int n = corners.rows().length;
        int[] rows = new int[n * height * width];
        int[] cols = new int[n * height * width];
        int k = 0;
        for (int s = 0; s < n; s++) {
            for (int dy = 0; dy < height; dy++) {
                for (int dx = 0; dx < width; dx++) {
                    rows[k] = corners.rows()[s] + dy;
                    cols[k] = corners.columns()[s] + dx;
                    k++;
                }
            }
        }
        return new Grid(rows, cols, width);
    }

    /**
     * Counts how often each pixel was sampled (eo-learn's {@code get_mask_of_samples}): uint8 when every count is
     * below 256, uint16 otherwise, shape (h, w, 1).
     *
     * @param h    the image height
     * @param w    the image width
     * @param grid the sampled cells
     * @return the mask
     */
    public static INDArray maskOfSamples(int h, int w, Grid grid) {
        double[] counts = new double[h * w];
        double max = 0;
        for (int i = 0; i < grid.rows().length; i++) {
            if (grid.rows()[i] < 0 || grid.rows()[i] >= h || grid.columns()[i] < 0 || grid.columns()[i] >= w) {
                throw new IllegalArgumentException("sampled cell (" + grid.rows()[i] + ", " + grid.columns()[i]
                        + ") is outside the image of size (" + h + ", " + w + ")");
            }
            int p = grid.rows()[i] * w + grid.columns()[i];
            counts[p]++;
            max = Math.max(max, counts[p]);
        }
        return NdArrays.fromDoubles(max < 256 ? DType.UINT8 : DType.UINT16, new long[] {h, w, 1}, counts);
    }

    /**
     * Takes the sampled cells of an image feature, {@code data[..., rows, columns, :]}: (t, h, w, d) becomes
     * (t, gridHeight, gridWidth, d) and (h, w, d) becomes (gridHeight, gridWidth, d), in the same dtype.
     *
     * @param data the image feature
     * @param grid the cells
     * @return the sampled array
     */
    public static INDArray take(INDArray data, Grid grid) {
        int rank = data.rank();
        boolean temporal = rank == 4;
        long[] s = data.shape();
        int t = temporal ? (int) s[0] : 1;
        int h = (int) s[rank - 3];
        int w = (int) s[rank - 2];
        int d = (int) s[rank - 1];
        DType type = DType.of(data);
        int item = type.itemSize();
        java.nio.ByteBuffer src = data.length() == 0 ? java.nio.ByteBuffer.allocate(0) : NdArrays.toBytes(data);
        int cells = grid.rows().length;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(t * cells * d * item)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] px = new byte[d * item];
        for (int f = 0; f < t; f++) {
            for (int c = 0; c < cells; c++) {
                int y = grid.rows()[c];
                int x = grid.columns()[c];
                if (y < 0 || y >= h || x < 0 || x >= w) {
                    throw new IllegalArgumentException("sampled cell (" + y + ", " + x + ") is outside the image of "
                            + "size (" + h + ", " + w + ")");
                }
                src.position((((f * h) + y) * w + x) * d * item);
                src.get(px);
                out.put(px);
            }
        }
        out.flip();
        long[] shape = temporal ? new long[] {t, grid.height(), grid.width(), d}
                : new long[] {grid.height(), grid.width(), d};
        return NdArrays.fromBytes(type, shape, out);
    }

    /**
     * Python's {@code round} (half to even) of a non-negative number, as eo-learn rounds sample counts.
     *
     * @param x the number
     * @return the rounded integer
     */
    public static int roundHalfEven(double x) {
        return (int) Math.rint(x);
    }
}
