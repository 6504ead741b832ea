package org.eolearn.features.texture;

import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;

/**
 * The grey-level co-occurrence matrix (GLCM) kernel of {@link HaralickTask}, as eo-learn's 2018 {@code HaralickTask}
 * computes it with scikit-image 0.19's {@code graycomatrix} and {@code graycoprops}: plain arrays, one image (one
 * frame and band) at a time.
 *
 * <ol>
 *   <li>Quantisation: {@code np.digitize(image, [min + k * (max - min) / levels for k < levels - 1])}, with the bin
 *       edges computed in the image's own dtype (float32 and float16 arithmetic for those, an integer dtype's
 *       wrap-around in {@code max - min}) and numpy's NaN ordering (a NaN image puts NaN above every number).</li>
 *   <li>A {@code window_size} window around every pixel of the edge-padded image, moved by {@code stride}.</li>
 *   <li>The symmetric, normalised GLCM of the window at one offset ({@code round(sin(angle) * distance)} rows (scikit-image's own rounding),
 *       {@code round(cos(angle) * distance)} columns, pairs outside the window not counted).</li>
 *   <li>One texture of it, in numpy's summation order.</li>
 * </ol>
 *
 * @since 0.9
 */
public final class Glcm {

    private static final double EPS = Math.ulp(1.0);

    private Glcm() {
    }

    /** The textures of {@link HaralickTask}, by eo-learn's names. */
    public enum Texture {
        /** {@code sum P(i,j) (i-j)^2} (scikit-image). */
        CONTRAST("contrast"),
        /** {@code sum P(i,j) |i-j|} (scikit-image). */
        DISSIMILARITY("dissimilarity"),
        /** {@code sum P(i,j) / (1 + (i-j)^2)} (scikit-image). */
        HOMOGENEITY("homogeneity"),
        /** The angular second moment {@code sum P(i,j)^2} (scikit-image). */
        ASM("ASM"),
        /** {@code sqrt(ASM)} (scikit-image). */
        ENERGY("energy"),
        /** The GLCM correlation, 1 where a standard deviation is below 1e-15 (scikit-image). */
        CORRELATION("correlation"),
        /** eo-learn's {@code sum (i - mean(P))^2 P(i,j)}, the mean being that of the matrix's entries. */
        SUM_OF_SQUARE_VARIANCE("sum_of_square_variance"),
        /** eo-learn's {@code sum P(i,j) / (1 + (i-j)^2)}. */
        INVERSE_DIFFERENCE_MOMENT("inverse_difference_moment"),
        /** eo-learn's {@code sum k p(k)} over the sums {@code k = i + j < levels}. */
        SUM_AVERAGE("sum_average"),
        /** eo-learn's {@code sum (k - sum_average)^2} over {@code k < levels} (unweighted). */
        SUM_VARIANCE("sum_variance"),
        /** eo-learn's {@code -sum p(k) log(p(k) + eps)} over the sums {@code k = i + j < levels}. */
        SUM_ENTROPY("sum_entropy"),
        /** eo-learn's difference variance (its difference histogram reads column {@code -j}, numpy's wrap-around). */
        DIFFERENCE_VARIANCE("difference_variance"),
        /** eo-learn's difference entropy (the same difference histogram). */
        DIFFERENCE_ENTROPY("difference_entropy");

        private final String pythonName;

        Texture(String pythonName) {
            this.pythonName = pythonName;
        }

        /**
         * Returns eo-learn's name.
         *
         * @return the name, e.g. {@code "ASM"}
         */
        public String pythonName() {
            return pythonName;
        }

        /**
         * Parses eo-learn's name (exactly, as eo-learn does).
         *
         * @param name the name
         * @return the texture
         * @throws IllegalArgumentException for another name
         */
        public static Texture parse(String name) {
            for (Texture t : values()) {
                if (t.pythonName.equals(name)) {
                    return t;
                }
            }
            StringBuilder all = new StringBuilder();
            for (Texture t : values()) {
                all.append(all.length() == 0 ? "" : ", ").append(t.pythonName);
            }
            throw new IllegalArgumentException("Haralick texture feature must be one of these: " + all + "; got '"
                    + name + "'");
        }
    }

    /**
     * Quantises an image to {@code 0..levels-1} as the legacy task does ({@code np.digitize} on its bin edges).
     *
     * @param image  the image, row-major, as doubles
     * @param dtype  the image's dtype (its arithmetic makes the bin edges)
     * @param levels the number of levels, at least 1
     * @return the levels, row-major
     * @throws IllegalArgumentException for an empty or boolean image, or bin edges numpy finds not monotonic
     */
    public static int[] quantise(double[] image, DType dtype, int levels) {
        if (image.length == 0) {
            throw new IllegalArgumentException("an empty image has no minimum (numpy: zero-size array to reduction "
                    + "operation minimum which has no identity)");
        }
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("boolean images cannot be quantised (numpy: boolean subtract)");
        }
        double min = image[0];
        double max = image[0];
        boolean nan = false;
        for (double v : image) {
            if (Double.isNaN(v)) {
                nan = true;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (nan) {
            min = Double.NaN;
            max = Double.NaN;
        }
        double[] bins = new double[Math.max(0, levels - 1)];
        if (dtype == DType.FLOAT32) {
            float fmin = (float) min;
            float coef = ((float) max - fmin) / levels;
            for (int k = 0; k < bins.length; k++) {
                bins[k] = fmin + k * coef;
            }
        } else if (dtype == DType.FLOAT16) {
            double coef = h((float) h((float) max - (float) min) / (float) h(levels));
            for (int k = 0; k < bins.length; k++) {
                bins[k] = h((float) min + (float) h((float) h(k) * (float) coef));
            }
        } else if (dtype == DType.FLOAT64) {
            double coef = (max - min) / levels;
            for (int k = 0; k < bins.length; k++) {
                bins[k] = min + k * coef;
            }
        } else {
            long diff = wrap((long) max - (long) min, dtype);
            double coef = diff / (double) levels;
            for (int k = 0; k < bins.length; k++) {
                bins[k] = min + k * coef;
            }
        }
        return digitize(image, bins);
    }

    private static double h(double v) {
        return NdArrays.roundToFloat16(v);
    }

    /** {@code max - min} in an integer dtype (numpy's scalar wrap-around). */
    private static long wrap(long v, DType dtype) {
        switch (dtype) {
            case INT8:
                return (byte) v;
            case INT16:
                return (short) v;
            case INT32:
                return (int) v;
            default:
                return v;
        }
    }

    /**
     * {@code np.digitize(x, bins)} (right = False), with numpy's monotonicity test and NaN ordering.
     *
     * @param x    the values
     * @param bins the bin edges
     * @return the bin indices
     * @throws IllegalArgumentException when numpy finds the edges neither increasing nor decreasing
     */
    static int[] digitize(double[] x, double[] bins) {
        int mono = monotonicity(bins);
        if (mono == 0) {
            throw new IllegalArgumentException("bins must be monotonically increasing or decreasing");
        }
        int n = bins.length;
        double[] sorted = bins;
        if (mono < 0) {
            sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = bins[n - 1 - i];
            }
        }
        int[] out = new int[x.length];
        for (int k = 0; k < x.length; k++) {
            int idx = searchSortedRight(sorted, x[k]);
            out[k] = mono < 0 ? n - idx : idx;
        }
        return out;
    }

    /** numpy's {@code _monotonicity}: 1 increasing (or constant), -1 decreasing (NaN included), 0 neither. */
    static int monotonicity(double[] a) {
        int n = a.length;
        if (n == 0) {
            return 1;
        }
        double last = a[0];
        int i = 1;
        while (i < n && a[i] == last) {
            i++;
        }
        if (i == n) {
            return 1;
        }
        double next = a[i];
        if (last < next) {
            for (i++; i < n; i++) {
                last = next;
                next = a[i];
                if (last > next) {
                    return 0;
                }
            }
            return 1;
        }
        for (i++; i < n; i++) {
            last = next;
            next = a[i];
            if (last < next) {
                return 0;
            }
        }
        return -1;
    }

    /** numpy's NaN-aware less-than (NaN after every number). */
    private static boolean lt(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private static int searchSortedRight(double[] a, double key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = lo + ((hi - lo) >> 1);
            if (!lt(key, a[mid])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * scikit-image's own {@code round} (interpolation.pxd): {@code (long) (x + 0.5)} for positive {@code x}, else
     * {@code (long) (x - 0.5)}, truncating, so that {@code 0.49999999999999994} rounds to 1 (its sum with 0.5 is 1.0).
     */
    static long cRound(double x) {
        return (long) (x > 0 ? x + 0.5 : x - 0.5);
    }

    /**
     * The Haralick texture image of one image, as the legacy task's sliding window computes it.
     *
     * @param image      the image, row-major, as doubles
     * @param height     its rows
     * @param width      its columns
     * @param dtype      its dtype (see {@link #quantise})
     * @param texture    the texture
     * @param distance   the GLCM distance
     * @param angle      the GLCM angle in radians
     * @param levels     the grey levels, at least 1
     * @param windowSize the window size, odd and positive
     * @param stride     the window's step, 1 (or any when the image is a single pixel)
     * @return the texture per pixel, row-major
     */
    public static double[] haralick(double[] image, int height, int width, DType dtype, Texture texture,
                                    double distance, double angle, int levels, int windowSize, int stride) {
        int[] q = quantise(image, dtype, levels);
        int pad = windowSize / 2;
        int ph = height + 2 * pad;
        int pw = width + 2 * pad;
        int[] padded = new int[ph * pw];
        for (int r = 0; r < ph; r++) {
            int sr = Math.min(height - 1, Math.max(0, r - pad));
            for (int c = 0; c < pw; c++) {
                int sc = Math.min(width - 1, Math.max(0, c - pad));
                padded[r * pw + c] = q[sr * width + sc];
            }
        }
        long offRow = cRound(StrictMath.sin(angle) * distance);
        long offCol = cRound(StrictMath.cos(angle) * distance);
        double[] out = new double[height * width];
        long[] counts = new long[levels * levels];
        double[] glcm = new double[levels * levels];
        int[] window = new int[windowSize * windowSize];
        for (int i = 0; i < height; i += stride) {
            for (int j = 0; j < width; j += stride) {
                for (int r = 0; r < windowSize; r++) {
                    System.arraycopy(padded, (i + r) * pw + j, window, r * windowSize, windowSize);
                }
                cooccurrence(window, windowSize, offRow, offCol, levels, counts, glcm);
                out[i * width + j] = texture(glcm, levels, texture);
            }
        }
        return out;
    }

    /**
     * The symmetric, normalised GLCM ({@code graycomatrix(..., symmetric=True, normed=True)}) of a square window.
     *
     * @param window the levels of the window, row-major
     * @param size   its side
     * @param offRow the row offset of the pair
     * @param offCol the column offset of the pair
     * @param levels the number of levels
     * @param counts scratch of {@code levels * levels}
     * @param glcm   the matrix, written, row-major
     */
    static void cooccurrence(int[] window, int size, long offRow, long offCol, int levels, long[] counts,
                             double[] glcm) {
        java.util.Arrays.fill(counts, 0);
        long startRow = Math.max(0, -offRow);
        long endRow = Math.min(size, size - offRow);
        long startCol = Math.max(0, -offCol);
        long endCol = Math.min(size, size - offCol);
        for (long r = startRow; r < endRow; r++) {
            for (long c = startCol; c < endCol; c++) {
                int a = window[(int) (r * size + c)];
                int b = window[(int) ((r + offRow) * size + c + offCol)];
                if (a >= 0 && a < levels && b >= 0 && b < levels) {
                    counts[a * levels + b]++;
                }
            }
        }
        long total = 0;
        for (int a = 0; a < levels; a++) {
            for (int b = 0; b < levels; b++) {
                total += counts[a * levels + b] + counts[b * levels + a];
            }
        }
        double norm = total == 0 ? 1 : total;
        for (int a = 0; a < levels; a++) {
            for (int b = 0; b < levels; b++) {
                glcm[a * levels + b] = (counts[a * levels + b] + counts[b * levels + a]) / norm;
            }
        }
    }

    /**
     * One texture of a normalised GLCM (scikit-image's {@code graycoprops} renormalises it; eo-learn's own
     * textures read it as it is).
     *
     * @param glcm    the matrix, row-major
     * @param levels  its side
     * @param texture the texture
     * @return the value
     */
    public static double texture(double[] glcm, int levels, Texture texture) {
        int n = levels * levels;
        switch (texture) {
            case CONTRAST:
            case DISSIMILARITY:
            case HOMOGENEITY:
            case ASM:
            case ENERGY:
            case CORRELATION:
                return graycoprops(glcm, levels, texture);
            case SUM_OF_SQUARE_VARIANCE: {
                double mean = NumpySums.sum(glcm) / n;
                double[] a = new double[n];
                for (int r = 0; r < levels; r++) {
                    double d = r - mean;
                    for (int c = 0; c < levels; c++) {
                        a[r * levels + c] = d * d * glcm[r * levels + c];
                    }
                }
                return sumRowsThenColumns(a, levels);
            }
            case INVERSE_DIFFERENCE_MOMENT: {
                double[] a = new double[n];
                for (int r = 0; r < levels; r++) {
                    for (int c = 0; c < levels; c++) {
                        double d = (double) c - r;
                        a[r * levels + c] = glcm[r * levels + c] / (d * d + 1);
                    }
                }
                return sumRowsThenColumns(a, levels);
            }
            case SUM_AVERAGE:
                return average(sumHistogram(glcm, levels));
            case SUM_VARIANCE:
                return spread(sumHistogram(glcm, levels));
            case SUM_ENTROPY:
                return entropy(sumHistogram(glcm, levels));
            case DIFFERENCE_VARIANCE:
                return spread(differenceHistogram(glcm, levels));
            case DIFFERENCE_ENTROPY:
                return entropy(differenceHistogram(glcm, levels));
            default:
                throw new IllegalArgumentException("unknown texture " + texture);
        }
    }

    private static double graycoprops(double[] glcm, int levels, Texture texture) {
        int n = levels * levels;
        double s = NumpySums.sum(glcm);
        if (s == 0) {
            s = 1;
        }
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = glcm[k] / s;
        }
        double[] t = new double[n];
        switch (texture) {
            case CONTRAST:
            case DISSIMILARITY:
            case HOMOGENEITY:
                for (int i = 0; i < levels; i++) {
                    for (int j = 0; j < levels; j++) {
                        long d = i - j;
                        double w = texture == Texture.CONTRAST ? d * d : texture == Texture.DISSIMILARITY
                                ? Math.abs(d) : 1.0 / (1.0 + d * d);
                        t[i * levels + j] = p[i * levels + j] * w;
                    }
                }
                return NumpySums.sum(t);
            case ASM:
            case ENERGY: {
                for (int k = 0; k < n; k++) {
                    t[k] = p[k] * p[k];
                }
                double asm = NumpySums.sum(t);
                return texture == Texture.ASM ? asm : Math.sqrt(asm);
            }
            default: {
                double[] u = new double[n];
                for (int i = 0; i < levels; i++) {
                    for (int j = 0; j < levels; j++) {
                        t[i * levels + j] = i * p[i * levels + j];
                        u[i * levels + j] = j * p[i * levels + j];
                    }
                }
                double muI = NumpySums.sum(t);
                double muJ = NumpySums.sum(u);
                double[] v = new double[n];
                for (int i = 0; i < levels; i++) {
                    double di = i - muI;
                    for (int j = 0; j < levels; j++) {
                        double dj = j - muJ;
                        double pij = p[i * levels + j];
                        t[i * levels + j] = pij * (di * di);
                        u[i * levels + j] = pij * (dj * dj);
                        v[i * levels + j] = pij * (di * dj);
                    }
                }
                double stdI = Math.sqrt(NumpySums.sum(t));
                double stdJ = Math.sqrt(NumpySums.sum(u));
                double cov = NumpySums.sum(v);
                if (stdI < 1e-15 || stdJ < 1e-15) {
                    return 1;
                }
                return cov / (stdI * stdJ);
            }
        }
    }

    /** {@code np.apply_over_axes(np.sum, a, (0, 1))}: column sums row by row, then their pairwise sum. */
    private static double sumRowsThenColumns(double[] a, int levels) {
        double[] cols = new double[levels];
        for (int r = 0; r < levels; r++) {
            for (int c = 0; c < levels; c++) {
                cols[c] += a[r * levels + c];
            }
        }
        return NumpySums.sum(cols);
    }

    /** eo-learn's {@code _get_pxy}: {@code p[k] = sum P(i, j)} over {@code i + j = k}, {@code k < levels}. */
    private static double[] sumHistogram(double[] glcm, int levels) {
        double[] p = new double[levels];
        double[] picked = new double[levels];
        for (int k = 0; k < levels; k++) {
            int m = 0;
            for (int i = 0; i < levels; i++) {
                int j = k - i;
                if (j >= 0 && j < levels) {
                    picked[m++] = glcm[i * levels + j];
                }
            }
            p[k] = NumpySums.sum(picked, 0, m);
        }
        return p;
    }

    /**
     * eo-learn's {@code _get_pxy_for_diff}: {@code p[k] = sum P(i, -j)} over {@code |i - j| = k}, {@code -j} being
     * numpy's negative index (column {@code levels - j}, column 0 for {@code j = 0}).
     */
    private static double[] differenceHistogram(double[] glcm, int levels) {
        double[] p = new double[levels];
        double[] picked = new double[levels * levels];
        for (int k = 0; k < levels; k++) {
            int m = 0;
            for (int i = 0; i < levels; i++) {
                for (int j = 0; j < levels; j++) {
                    if (Math.abs(i - j) == k) {
                        picked[m++] = glcm[i * levels + (j == 0 ? 0 : levels - j)];
                    }
                }
            }
            p[k] = NumpySums.sum(picked, 0, m);
        }
        return p;
    }

    private static double average(double[] p) {
        double[] t = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            t[k] = p[k] * k;
        }
        return NumpySums.sum(t);
    }

    private static double spread(double[] p) {
        double avg = average(p);
        double[] t = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double d = k - avg;
            t[k] = d * d;
        }
        return NumpySums.sum(t);
    }

    private static double entropy(double[] p) {
        double[] t = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            t[k] = p[k] * Math.log(p[k] + EPS);
        }
        return NumpySums.sum(t) * -1.0;
    }
}
