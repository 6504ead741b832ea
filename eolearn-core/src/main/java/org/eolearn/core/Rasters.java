package org.eolearn.core;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Raster utilities of eo-learn's {@code eolearn.core.utils.raster}: {@link #fastNanPercentile} and
 * {@link #constantPad}.
 *
 * @since 0.1
 */
public final class Rasters {

    private Rasters() {
    }

    /** numpy's percentile methods supported by {@link #fastNanPercentile}. */
    public enum PercentileMethod {
        /** Linear interpolation between the two nearest ranks (numpy's default). */
        LINEAR,
        /** The lower of the two nearest ranks. */
        LOWER,
        /** The higher of the two nearest ranks. */
        HIGHER,
        /** The nearest rank (a tie goes to the even index, as numpy rounds). */
        NEAREST,
        /** The mean of the two nearest ranks. */
        MIDPOINT;

        /**
         * Parses numpy's method name.
         *
         * @param name for example {@code "linear"}
         * @return the method
         */
        public static PercentileMethod parse(String name) {
            for (PercentileMethod m : values()) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("method must be linear, lower, higher, nearest or midpoint, got '"
                    + name + "'");
        }
    }

    /**
     * The percentile of every series along the first axis, ignoring NaN (eo-learn's {@code fast_nanpercentile}):
     * a series of only NaN (or an empty first axis) gives NaN; the result has the input's shape without its first
     * axis and the input's dtype (numpy computes in float64; the result is cast back as eo-learn does).
     *
     * @param data       an array of at least one dimension
     * @param percentile between 0 and 100
     * @param method     how ranks are interpolated
     * @return the percentiles
     */
    public static INDArray fastNanPercentile(INDArray data, double percentile, PercentileMethod method) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
        }
        if (data.rank() < 1) {
            throw new IllegalArgumentException("data must have at least one dimension");
        }
        long[] shape = data.shape();
        int t = (int) shape[0];
        long[] outShape = Arrays.copyOfRange(shape, 1, shape.length);
        int n = (int) NdArrays.length(outShape);
        double[] v = NdArrays.toDoubles(data);
        double[] out = new double[n];
        double[] series = new double[t];
        for (int c = 0; c < n; c++) {
            int m = 0;
            for (int i = 0; i < t; i++) {
                double x = v[i * n + c];
                if (!Double.isNaN(x)) {
                    series[m++] = x;
                }
            }
            out[c] = m == 0 ? Double.NaN : percentileOfSorted(sort(series, m), m, percentile, method);
        }
        return NdArrays.fromDoubles(DType.of(data), outShape, out);
    }

    private static double[] sort(double[] series, int m) {
        Arrays.sort(series, 0, m);
        return series;
    }

    private static double percentileOfSorted(double[] a, int n, double q, PercentileMethod method) {
        double index = (n - 1) * (q / 100.0);
        int lo = (int) Math.floor(index);
        int hi = Math.min(n - 1, lo + 1);
        double gamma = index - lo;
        switch (method) {
            case LOWER:
                return a[lo];
            case HIGHER:
                return a[(int) Math.ceil(index)];
            case NEAREST:
                return a[(int) Math.rint(index)];
            case MIDPOINT:
                return gamma == 0 ? a[lo] : (a[lo] + a[hi]) / 2;
            default: {
                // numpy's _lerp: a + (b - a) * t, or b - (b - a) * (1 - t) from t = 0.5 on
                double diff = a[hi] - a[lo];
                return gamma >= 0.5 ? a[hi] - diff * (1 - gamma) : a[lo] + diff * gamma;
            }
        }
    }

    /** Where padding rows or columns go. */
    public enum PadRule {
        /** Half before, half after (the odd one after). */
        EVEN,
        /** All before: on top (rows) or left (columns). */
        BEFORE,
        /** All after: at the bottom (rows) or right (columns). */
        AFTER
    }

    /**
     * Pads the first two axes of a (rows, columns, ...) array with a constant up to the next multiples of
     * {@code multipleOf} (eo-learn's {@code constant_pad}; eo-learn's rules "up"/"left" are {@link PadRule#BEFORE},
     * "down"/"right" {@link PadRule#AFTER}). Unlike eo-learn's, which works on 2-D arrays only, further axes are
     * kept.
     *
     * @param array      the array, at least 2-D
     * @param multipleOf the row and column multiples (positive)
     * @param rows       where padded rows go
     * @param columns    where padded columns go
     * @param padValue   the value of padded cells
     * @return a new array, in the input's dtype
     */
    public static INDArray constantPad(INDArray array, int[] multipleOf, PadRule rows, PadRule columns,
                                       double padValue) {
        if (array.rank() < 2) {
            throw new IllegalArgumentException("array must have at least 2 dimensions, got shape "
                    + Arrays.toString(array.shape()));
        }
        if (multipleOf == null || multipleOf.length != 2 || multipleOf[0] < 1 || multipleOf[1] < 1) {
            throw new IllegalArgumentException("multiple_of must be two positive integers, got "
                    + Arrays.toString(multipleOf));
        }
        long[] shape = array.shape();
        int h = (int) shape[0];
        int w = (int) shape[1];
        int rowPad = h % multipleOf[0] == 0 ? 0 : (h / multipleOf[0] + 1) * multipleOf[0] - h;
        int colPad = w % multipleOf[1] == 0 ? 0 : (w / multipleOf[1] + 1) * multipleOf[1] - w;
        int up = split(rowPad, rows);
        int left = split(colPad, columns);
        long[] outShape = shape.clone();
        outShape[0] = h + rowPad;
        outShape[1] = w + colPad;
        int inner = (int) (NdArrays.length(shape) / ((long) h * w));
        double[] v = NdArrays.toDoubles(array);
        double[] out = new double[(int) NdArrays.length(outShape)];
        Arrays.fill(out, padValue);
        int outW = w + colPad;
        for (int r = 0; r < h; r++) {
            System.arraycopy(v, r * w * inner, out, ((r + up) * outW + left) * inner, w * inner);
        }
        return NdArrays.fromDoubles(DType.of(array), outShape, out);
    }

    /** Padding before the data for a rule; the rest goes after. */
    private static int split(int padding, PadRule rule) {
        switch (rule) {
            case BEFORE:
                return padding;
            case AFTER:
                return 0;
            default:
                return padding / 2;
        }
    }

    /**
     * Parses eo-learn's rule names: {@code even}, {@code up}/{@code left}, {@code down}/{@code right}.
     *
     * @param name the name
     * @return the rule
     */
    public static PadRule padRule(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "even":
                return PadRule.EVEN;
            case "up":
            case "left":
                return PadRule.BEFORE;
            case "down":
            case "right":
                return PadRule.AFTER;
            default:
                throw new IllegalArgumentException("padding rule must be even, up, down, left or right, got '"
                        + name + "'");
        }
    }
}
