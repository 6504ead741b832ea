package org.eolearn.features.texture;

/**
 * The histogram-of-oriented-gradients kernel of {@link HOGTask}: scikit-image 0.19's {@code hog} (with
 * {@code feature_vector=False}, {@code transform_sqrt=False}) and its visualisation, on plain arrays.
 *
 * <ul>
 *   <li>The image is float32 for float16 and float32 inputs, else float64; gradients are central differences
 *       (0 on the first and last row or column) in that precision. With several channels, each pixel takes the
 *       gradient of the channel of largest magnitude ({@code hypot}, first one on ties, a NaN wins).</li>
 *   <li>A cell's bin {@code i} is the float32 sum of the magnitudes whose orientation
 *       {@code degrees(atan2(g_row, g_col)) % 180} lies in {@code [180 i / n, 180 (i + 1) / n)}, divided by the
 *       cell's pixel count.</li>
 *   <li>Blocks of {@code cells_per_block} cells are normalised by {@code L1}, {@code L1-sqrt}, {@code L2} or
 *       {@code L2-Hys} (eps 1e-5), in numpy's summation order.</li>
 *   <li>The visualisation draws, per cell and orientation, a Bresenham line through the cell's centre perpendicular
 *       to the bin's mid-orientation and adds the bin's value to its pixels (in the image's precision).</li>
 * </ul>
 *
 * @since 0.9
 */
public final class Hog {

    private static final double EPS = 1e-5;

    private Hog() {
    }

    /** A HOG result. */
    public static final class Result {
        private final double[] blocks;
        private final int blocksRow;
        private final int blocksCol;
        private final double[] image;

        Result(double[] blocks, int blocksRow, int blocksCol, double[] image) {
            this.blocks = blocks;
            this.blocksRow = blocksRow;
            this.blocksCol = blocksCol;
            this.image = image;
        }

        /**
         * The normalised blocks, C-order {@code (blocks_row, blocks_col, cells_row, cells_col, orientations)}, each
         * value already rounded to the image's precision.
         *
         * @return the values
         */
        public double[] blocks() {
            return blocks;
        }

        /**
         * Returns the number of block rows.
         *
         * @return {@code cells_row - cells_per_block_row + 1}, at least 0
         */
        public int blocksRow() {
            return blocksRow;
        }

        /**
         * Returns the number of block columns.
         *
         * @return {@code cells_col - cells_per_block_col + 1}, at least 0
         */
        public int blocksCol() {
            return blocksCol;
        }

        /**
         * The visualisation, row-major (image size), or null when not asked for.
         *
         * @return the image
         */
        public double[] image() {
            return image;
        }
    }

    /**
     * Computes the HOG of one image.
     *
     * @param image        the image, C-order {@code (rows, cols, channels)}
     * @param rows         its rows
     * @param cols         its columns
     * @param channels     its channels (1: a single-channel image)
     * @param float32      whether scikit-image computes in float32 (float16 and float32 inputs)
     * @param orientations the number of orientation bins, at least 1
     * @param cellRow      pixels per cell along rows, at least 1
     * @param cellCol      pixels per cell along columns, at least 1
     * @param blockRow     cells per block along rows, at least 1
     * @param blockCol     cells per block along columns, at least 1
     * @param blockNorm    {@code "L1"}, {@code "L1-sqrt"}, {@code "L2"} or {@code "L2-Hys"}
     * @param visualize    whether to draw the visualisation
     * @return the result
     * @throws IllegalArgumentException for another block norm (when there is a block), fewer cells than a block
     *                                  needs, or a visualisation line outside the image (cells of one pixel)
     */
    public static Result hog(double[] image, int rows, int cols, int channels, boolean float32, int orientations,
                             int cellRow, int cellCol, int blockRow, int blockCol, String blockNorm,
                             boolean visualize) {
        int n = rows * cols;
        double[] gRow = new double[n];
        double[] gCol = new double[n];
        double[] bestMag = new double[n];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double gr = r > 0 && r < rows - 1 ? sub(image[((r + 1) * cols + c) * channels + ch],
                            image[((r - 1) * cols + c) * channels + ch], float32) : 0;
                    double gc = c > 0 && c < cols - 1 ? sub(image[(r * cols + c + 1) * channels + ch],
                            image[(r * cols + c - 1) * channels + ch], float32) : 0;
                    int k = r * cols + c;
                    if (channels == 1) {
                        gRow[k] = gr;
                        gCol[k] = gc;
                        continue;
                    }
                    double mag = float32 ? (float) Math.hypot(gr, gc) : Math.hypot(gr, gc);
                    // np.argmax: the first maximum, or the first NaN
                    boolean take = ch == 0 || (!Double.isNaN(bestMag[k]) && (Double.isNaN(mag) || mag > bestMag[k]));
                    if (take) {
                        bestMag[k] = mag;
                        gRow[k] = gr;
                        gCol[k] = gc;
                    }
                }
            }
        }
        int cellsRow = rows / cellRow;
        int cellsCol = cols / cellCol;
        double[] hist = histograms(gRow, gCol, rows, cols, cellRow, cellCol, cellsRow, cellsCol, orientations);
        double[] vis = visualize ? visualise(hist, rows, cols, cellRow, cellCol, cellsRow, cellsCol, orientations,
                float32) : null;
        int nbr = cellsRow - blockRow + 1;
        int nbc = cellsCol - blockCol + 1;
        if (nbr < 0 || nbc < 0) {
            throw new IllegalArgumentException("the image has " + cellsRow + " x " + cellsCol + " cells of "
                    + cellRow + " x " + cellCol + " pixels, fewer than a block of " + blockRow + " x " + blockCol
                    + " cells needs (numpy: negative dimensions are not allowed)");
        }
        int blockLen = blockRow * blockCol * orientations;
        double[] blocks = new double[nbr * nbc * blockLen];
        double[] block = new double[blockLen];
        for (int br = 0; br < nbr; br++) {
            for (int bc = 0; bc < nbc; bc++) {
                int m = 0;
                for (int i = 0; i < blockRow; i++) {
                    for (int j = 0; j < blockCol; j++) {
                        System.arraycopy(hist, ((br + i) * cellsCol + bc + j) * orientations, block, m,
                                orientations);
                        m += orientations;
                    }
                }
                double[] normed = normalise(block, blockNorm);
                int base = (br * nbc + bc) * blockLen;
                for (int k = 0; k < blockLen; k++) {
                    blocks[base + k] = float32 ? (float) normed[k] : normed[k];
                }
            }
        }
        return new Result(blocks, Math.max(0, nbr), Math.max(0, nbc), vis);
    }

    private static double sub(double a, double b, boolean float32) {
        return float32 ? (float) a - (float) b : a - b;
    }

    /** {@code _hoghistogram.hog_histograms}: C-order {@code (cells_row, cells_col, orientations)}. */
    static double[] histograms(double[] gRow, double[] gCol, int rows, int cols, int cellRow, int cellCol,
                               int cellsRow, int cellsCol, int orientations) {
        int n = rows * cols;
        double[] magnitude = new double[n];
        double[] orientation = new double[n];
        for (int k = 0; k < n; k++) {
            magnitude[k] = Math.hypot(gCol[k], gRow[k]);
            orientation[k] = mod180(StrictMath.atan2(gRow[k], gCol[k]) * (180.0 / Math.PI));
        }
        double[] hist = new double[cellsRow * cellsCol * orientations];
        double per180 = 180.0 / orientations;
        int rowsStart = -(cellRow / 2);
        int rowsStop = (cellRow + 1) / 2;
        int colsStart = -(cellCol / 2);
        int colsStop = (cellCol + 1) / 2;
        for (int i = 0; i < orientations; i++) {
            double start = per180 * (i + 1);
            double end = per180 * i;
            for (int ri = 0; ri < cellsRow; ri++) {
                int r = cellRow / 2 + ri * cellRow;
                for (int ci = 0; ci < cellsCol; ci++) {
                    int c = cellCol / 2 + ci * cellCol;
                    float total = 0f;
                    for (int dr = rowsStart; dr < rowsStop; dr++) {
                        int y = r + dr;
                        if (y < 0 || y >= rows) {
                            continue;
                        }
                        for (int dc = colsStart; dc < colsStop; dc++) {
                            int x = c + dc;
                            if (x < 0 || x >= cols) {
                                continue;
                            }
                            double o = orientation[y * cols + x];
                            if (o >= start || o < end) {
                                continue;
                            }
                            total = (float) (total + magnitude[y * cols + x]);
                        }
                    }
                    hist[(ri * cellsCol + ci) * orientations + i] = total / (float) (cellRow * cellCol);
                }
            }
        }
        return hist;
    }

    /** numpy's float remainder {@code x % 180} (the sign of the divisor, +0 for an exact multiple). */
    static double mod180(double x) {
        double m = x % 180.0;
        if (m != 0) {
            if (m < 0) {
                m += 180.0;
            }
        } else {
            m = 0.0;
        }
        return m;
    }

    static double[] normalise(double[] block, String method) {
        int n = block.length;
        double[] out = new double[n];
        double[] t = new double[n];
        switch (method) {
            case "L1":
            case "L1-sqrt": {
                for (int k = 0; k < n; k++) {
                    t[k] = Math.abs(block[k]);
                }
                double s = NumpySums.sum(t) + EPS;
                for (int k = 0; k < n; k++) {
                    out[k] = method.equals("L1") ? block[k] / s : Math.sqrt(block[k] / s);
                }
                return out;
            }
            case "L2":
            case "L2-Hys": {
                double s = Math.sqrt(sumOfSquares(block, t) + EPS * EPS);
                for (int k = 0; k < n; k++) {
                    out[k] = block[k] / s;
                }
                if (method.equals("L2")) {
                    return out;
                }
                for (int k = 0; k < n; k++) {
                    out[k] = Math.min(out[k], 0.2);
                }
                double s2 = Math.sqrt(sumOfSquares(out, t) + EPS * EPS);
                for (int k = 0; k < n; k++) {
                    out[k] = out[k] / s2;
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("Selected block normalization method is invalid: '" + method
                        + "' (L1, L1-sqrt, L2 or L2-Hys)");
        }
    }

    private static double sumOfSquares(double[] a, double[] scratch) {
        for (int k = 0; k < a.length; k++) {
            scratch[k] = a[k] * a[k];
        }
        return NumpySums.sum(scratch);
    }

    /** scikit-image's HOG image: a line per cell and orientation, each adding the bin's value once per pixel. */
    static double[] visualise(double[] hist, int rows, int cols, int cellRow, int cellCol, int cellsRow,
                              int cellsCol, int orientations, boolean float32) {
        int radius = Math.floorDiv(Math.min(cellRow, cellCol), 2) - 1;
        double[] dr = new double[orientations];
        double[] dc = new double[orientations];
        for (int o = 0; o < orientations; o++) {
            double mid = Math.PI * (o + .5) / orientations;
            dr[o] = radius * StrictMath.sin(mid);
            dc[o] = radius * StrictMath.cos(mid);
        }
        double[] img = new double[rows * cols];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int r = 0; r < cellsRow; r++) {
            for (int c = 0; c < cellsCol; c++) {
                int cr = r * cellRow + cellRow / 2;
                int cc = c * cellCol + cellCol / 2;
                for (int o = 0; o < orientations; o++) {
                    long[][] line = line((long) (cr - dc[o]), (long) (cc + dr[o]), (long) (cr + dc[o]),
                            (long) (cc - dr[o]));
                    double v = hist[(r * cellsCol + c) * orientations + o];
                    seen.clear();
                    for (int k = 0; k < line[0].length; k++) {
                        int y = index(line[0][k], rows);
                        int x = index(line[1][k], cols);
                        int at = y * cols + x;
                        if (!seen.add(at)) {
                            continue; // numpy's fancy-index += adds once per distinct pixel
                        }
                        img[at] = float32 ? (float) img[at] + (float) v : img[at] + v;
                    }
                }
            }
        }
        return img;
    }

    /** A numpy index: negative from the end; beyond the axis an error, as numpy's IndexError. */
    private static int index(long i, int size) {
        if (i < -size || i >= size) {
            throw new IllegalArgumentException("the HOG visualisation draws outside the image (index " + i
                    + " for size " + size + "; cells of one pixel; numpy: IndexError)");
        }
        return (int) (i < 0 ? i + size : i);
    }

    /** scikit-image's {@code draw.line}: Bresenham's line, both ends included. */
    static long[][] line(long r0, long c0, long r1, long c1) {
        long r = r0;
        long c = c0;
        long dr = Math.abs(r1 - r0);
        long dc = Math.abs(c1 - c0);
        int len = (int) Math.max(dc, dr) + 1;
        long[] rr = new long[len];
        long[] cc = new long[len];
        long sc = c1 - c > 0 ? 1 : -1;
        long sr = r1 - r > 0 ? 1 : -1;
        boolean steep = false;
        if (dr > dc) {
            steep = true;
            long t = c;
            c = r;
            r = t;
            t = dc;
            dc = dr;
            dr = t;
            t = sc;
            sc = sr;
            sr = t;
        }
        long d = 2 * dr - dc;
        for (int i = 0; i < dc; i++) {
            if (steep) {
                rr[i] = c;
                cc[i] = r;
            } else {
                rr[i] = r;
                cc[i] = c;
            }
            while (d >= 0) {
                r = r + sr;
                d = d - 2 * dc;
            }
            c = c + sc;
            d = d + 2 * dr;
        }
        rr[(int) dc] = r1;
        cc[(int) dc] = c1;
        return new long[][] {rr, cc};
    }
}
