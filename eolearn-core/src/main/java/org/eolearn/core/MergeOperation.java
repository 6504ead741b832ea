package org.eolearn.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How {@link EOPatches#merge} joins array values: eo-learn's {@code time_dependent_op} and {@code timeless_op}.
 *
 * <ul>
 *   <li>{@link #equal()} (eo-learn's {@code None}): values that meet must be equal (NaN equals NaN), one is kept;
 *       otherwise the merge fails.</li>
 *   <li>{@link #concatenate()}: temporal frames are all kept (duplicate timestamps too); timeless arrays are joined
 *       along the last (band) axis.</li>
 *   <li>{@link #min()}, {@link #max()}, {@link #mean()}, {@link #median()}: NaN-ignoring reductions
 *       ({@code np.nanmin} ... {@code np.nanmedian}). Mean and median of integer or bool arrays give float64,
 *       as in numpy; min and max keep the dtype.</li>
 *   <li>{@link #custom(Function)}: a function of the values that meet (the frames with equal timestamps, without
 *       their time axis; or the timeless arrays) returning one value.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class MergeOperation {

    /** The kinds of operation. */
    public enum Kind {
        /** eo-learn's {@code None}. */
        EQUAL,
        /** {@code "concatenate"}. */
        CONCATENATE,
        /** {@code "min"}. */
        MIN,
        /** {@code "max"}. */
        MAX,
        /** {@code "mean"}. */
        MEAN,
        /** {@code "median"}. */
        MEDIAN,
        /** A user function. */
        CUSTOM
    }

    private static final MergeOperation EQUAL = new MergeOperation(Kind.EQUAL, null);
    private static final MergeOperation CONCATENATE = new MergeOperation(Kind.CONCATENATE, null);
    private static final MergeOperation MIN = new MergeOperation(Kind.MIN, null);
    private static final MergeOperation MAX = new MergeOperation(Kind.MAX, null);
    private static final MergeOperation MEAN = new MergeOperation(Kind.MEAN, null);
    private static final MergeOperation MEDIAN = new MergeOperation(Kind.MEDIAN, null);

    private final Kind kind;
    private final Function<List<INDArray>, INDArray> function;

    private MergeOperation(Kind kind, Function<List<INDArray>, INDArray> function) {
        this.kind = kind;
        this.function = function;
    }

    /**
     * Values must be equal.
     *
     * @return the operation
     */
    public static MergeOperation equal() {
        return EQUAL;
    }

    /**
     * Keep everything.
     *
     * @return the operation
     */
    public static MergeOperation concatenate() {
        return CONCATENATE;
    }

    /**
     * NaN-ignoring minimum.
     *
     * @return the operation
     */
    public static MergeOperation min() {
        return MIN;
    }

    /**
     * NaN-ignoring maximum.
     *
     * @return the operation
     */
    public static MergeOperation max() {
        return MAX;
    }

    /**
     * NaN-ignoring mean.
     *
     * @return the operation
     */
    public static MergeOperation mean() {
        return MEAN;
    }

    /**
     * NaN-ignoring median.
     *
     * @return the operation
     */
    public static MergeOperation median() {
        return MEDIAN;
    }

    /**
     * A user function.
     *
     * @param function maps the values that meet to one value
     * @return the operation
     */
    public static MergeOperation custom(Function<List<INDArray>, INDArray> function) {
        return new MergeOperation(Kind.CUSTOM, Objects.requireNonNull(function, "function"));
    }

    /**
     * Parses eo-learn's names: {@code null} or {@code "none"} for {@link #equal()}, {@code "concatenate"},
     * {@code "min"}, {@code "max"}, {@code "mean"}, {@code "median"}.
     *
     * @param name the name or null
     * @return the operation
     * @throws IllegalArgumentException for other names
     */
    public static MergeOperation parse(String name) {
        if (name == null) {
            return EQUAL;
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none": case "null": case "equal": return EQUAL;
            case "concatenate": return CONCATENATE;
            case "min": return MIN;
            case "max": return MAX;
            case "mean": return MEAN;
            case "median": return MEDIAN;
            default:
                throw new IllegalArgumentException("merge operation '" + name + "' is not supported; use none, "
                        + "concatenate, min, max, mean or median");
        }
    }

    /**
     * Returns the kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Reduces values of equal shape to one value (not for {@link Kind#CONCATENATE}).
     *
     * @param values the values that meet, at least one
     * @return the joined value
     * @throws IllegalArgumentException for {@link Kind#EQUAL} when the values differ
     */
    INDArray reduce(List<INDArray> values) {
        INDArray first = values.get(0);
        switch (kind) {
            case EQUAL:
                for (INDArray v : values.subList(1, values.size())) {
                    if (!Arrays.equals(v.shape(), first.shape()) || !NdArrays.nanEquals(first, castLike(v, first))) {
                        throw new IllegalArgumentException("cannot merge arrays whose values are not the same; choose "
                                + "another merge operation (concatenate, min, max, mean, median)");
                    }
                }
                return first;
            case CUSTOM:
                return function.apply(values);
            case CONCATENATE:
                throw new IllegalStateException("concatenate does not reduce");
            default:
                return nanReduce(values);
        }
    }

    private static INDArray castLike(INDArray v, INDArray like) {
        return DType.of(v) == DType.of(like) ? v : v.castTo(like.dataType());
    }

    private INDArray nanReduce(List<INDArray> values) {
        DType type = DType.of(values.get(0));
        for (INDArray v : values) {
            if (!Arrays.equals(v.shape(), values.get(0).shape())) {
                throw new IllegalArgumentException("cannot merge arrays of shapes "
                        + Arrays.toString(values.get(0).shape()) + " and " + Arrays.toString(v.shape()));
            }
            if (DType.of(v) != type) {
                throw new IllegalArgumentException("cannot merge arrays of dtypes " + type.numpyName() + " and "
                        + DType.of(v).numpyName());
            }
        }
        int k = values.size();
        double[][] data = new double[k][];
        for (int i = 0; i < k; i++) {
            data[i] = NdArrays.toDoubles(values.get(i));
        }
        int n = data[0].length;
        double[] out = new double[n];
        boolean singlePrecision = type == DType.FLOAT32 || type == DType.FLOAT16;
        double[] buf = new double[k];
        for (int j = 0; j < n; j++) {
            int m = 0;
            for (int i = 0; i < k; i++) {
                double x = data[i][j];
                if (!Double.isNaN(x)) {
                    buf[m++] = x;
                }
            }
            if (m == 0) {
                out[j] = Double.NaN;
                continue;
            }
            switch (kind) {
                case MIN: {
                    double r = buf[0];
                    for (int i = 1; i < m; i++) {
                        r = Math.min(r, buf[i]);
                    }
                    out[j] = r;
                    break;
                }
                case MAX: {
                    double r = buf[0];
                    for (int i = 1; i < m; i++) {
                        r = Math.max(r, buf[i]);
                    }
                    out[j] = r;
                    break;
                }
                case MEAN: {
                    if (singlePrecision) {
                        float s = 0;
                        for (int i = 0; i < m; i++) {
                            s += (float) buf[i];
                        }
                        out[j] = (double) s / m;
                    } else {
                        double s = 0;
                        for (int i = 0; i < m; i++) {
                            s += buf[i];
                        }
                        out[j] = s / m;
                    }
                    break;
                }
                case MEDIAN: {
                    Arrays.sort(buf, 0, m);
                    if (m % 2 == 1) {
                        out[j] = buf[m / 2];
                    } else if (singlePrecision) {
                        out[j] = ((float) buf[m / 2 - 1] + (float) buf[m / 2]) / 2f;
                    } else {
                        out[j] = (buf[m / 2 - 1] + buf[m / 2]) / 2;
                    }
                    break;
                }
                default:
                    throw new AssertionError(kind);
            }
        }
        DType outType = (kind == Kind.MEAN || kind == Kind.MEDIAN) && !type.isFloatingPoint() ? DType.FLOAT64 : type;
        return NdArrays.fromDoubles(outType, values.get(0).shape(), out);
    }

    /**
     * Returns the eo-learn name of the operation.
     *
     * @return for example {@code "mean"}, or {@code "None"} for {@link #equal()}
     */
    @Override
    public String toString() {
        return kind == Kind.EQUAL ? "None" : kind.name().toLowerCase(Locale.ROOT);
    }
}
