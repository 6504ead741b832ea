package org.eolearn.features.compositing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A composite of a time series (eo-learn's 2018 {@code BaseCompositingTask}): per pixel, the frame whose reference
 * band (blue, HOT, NDVI, ...) is nearest to a percentile of the pixel's reference values over time gives the
 * composite's bands.
 *
 * <p>The percentile is numpy's {@code nanpercentile} with the {@code interpolation} {@code 'linear'},
 * {@code 'lower'}, {@code 'higher'}, {@code 'nearest'} or {@code 'midpoint'}, and the frame is the first with the
 * smallest {@code |reference - percentile|}; or, with {@code 'geoville'} (any case), the frame at position
 * {@code floor((valid - 1) * percentile / 100 + 0.5)} of the pixel's stable sort by reference, {@code valid} being
 * the number of finite values and NaN sorting last. A pixel without a percentile (no valid value) gets the index
 * {@code max_index} (255), which selects frame 255 if there is one, else leaves {@code no_data_value} (NaN).
 *
 * <p>All of it in the legacy code's dtypes: the reference band's (float32 for most methods), the linear and
 * midpoint percentiles in float64 unless the first pixel has no valid value (numpy's {@code apply_along_axis}
 * keeps the first pixel's dtype), and the composite in the promotion of the data's dtype with float32 (float32 for
 * 8- and 16-bit data, float64 for 32- and 64-bit integers and float64).
 *
 * <p><b>Refused</b> (IllegalArgumentException): a feature without frames; a pixel whose valid values are all
 * infinite of the percentile's sign (numpy: "All-NaN slice encountered"); numpy's other percentile methods
 * ({@code 'hazen'}, {@code 'weibull'}, ...; docs/differences.md D144).
 *
 * @since 0.1
 */
public abstract class BaseCompositingTask implements PatchTask {

    /** eo-learn's default {@code max_index}. */
    public static final double DEFAULT_MAX_INDEX = 255;
    /** eo-learn's default {@code interpolation}. */
    public static final String DEFAULT_INTERPOLATION = "lower";

    /** How the percentile is found. */
    public enum Interpolation {
        /** The custom GeoVille method: a position in the pixel's stable sort. */
        GEOVILLE,
        /** numpy's linear interpolation between the neighbouring values. */
        LINEAR,
        /** numpy's lower neighbour. */
        LOWER,
        /** numpy's higher neighbour. */
        HIGHER,
        /** numpy's nearest neighbour (halves to even). */
        NEAREST,
        /** numpy's midpoint of the neighbours. */
        MIDPOINT;

        /**
         * Parses eo-learn's {@code interpolation}: {@code 'geoville'} in any case (as the legacy code compares it),
         * numpy's method names in lower case (as numpy does).
         *
         * @param name the name
         * @return the interpolation
         * @throws IllegalArgumentException for another name
         */
        public static Interpolation parse(String name) {
            Objects.requireNonNull(name, "interpolation");
            if (name.toLowerCase(Locale.ROOT).equals("geoville")) {
                return GEOVILLE;
            }
            for (Interpolation i : values()) {
                if (i != GEOVILLE && i.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("interpolation must be 'geoville', 'linear', 'lower', 'higher', "
                    + "'nearest' or 'midpoint', got '" + name + "'" + (NUMPY_OTHERS.contains(name)
                    ? " (numpy's other percentile methods are not supported: docs/differences.md D144)" : ""));
        }

        private static final java.util.Set<String> NUMPY_OTHERS = java.util.Set.of("inverted_cdf",
                "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull",
                "median_unbiased", "normal_unbiased");
    }

    /**
     * A reference band: one value per frame and pixel, {@code (t, h, w)} in C order, in the dtype numpy computes it
     * in (the values are already rounded to it).
     *
     * @param values the values
     * @param dtype  FLOAT16, FLOAT32 or FLOAT64
     */
    protected record ReferenceBand(double[] values, DType dtype) {
    }

    private final Feature feature;
    private final Feature featureComposite;
    private final int percentile;
    private final double maxIndex;
    private final Interpolation interpolation;
    private final String interpolationName;
    private final double noDataValue;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param percentile       the percentile, 0 to 100 ({@code percentile})
     * @param maxIndex         the index of pixels without a percentile ({@code max_index}, 255; NaN selects none)
     * @param interpolation    the method ({@code interpolation}, see {@link Interpolation#parse})
     * @param noDataValue      the composite's value where no frame is selected ({@code no_data_value}, NaN)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation or a percentile outside 0 to 100
     */
    protected BaseCompositingTask(Feature feature, Feature featureComposite, int percentile, double maxIndex,
                                  String interpolation, double noDataValue) {
        this.feature = Objects.requireNonNull(feature, "feature");
        this.featureComposite = Objects.requireNonNull(featureComposite, "feature_composite");
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be from 0 to 100, got " + percentile);
        }
        this.percentile = percentile;
        this.maxIndex = maxIndex;
        this.interpolationName = interpolation;
        this.interpolation = Interpolation.parse(interpolation);
        this.noDataValue = noDataValue;
    }

    /**
     * Computes the reference band of the time series.
     *
     * @param data  the values {@code (t, h, w, d)} in C order
     * @param dtype the data's dtype
     * @param shape the data's shape
     * @return the band {@code (t, h, w)}
     */
    protected abstract ReferenceBand referenceBand(double[] data, DType dtype, long[] shape);

    /**
     * The frame index per pixel (eo-learn's {@code _get_indices}): by default the index at this task's percentile.
     *
     * @param band   the reference band
     * @param frames the number of frames
     * @param pixels the number of pixels
     * @return one index per pixel (maybe {@code max_index})
     */
    protected double[] indices(ReferenceBand band, int frames, int pixels) {
        return indexByPercentile(band, frames, pixels, percentile);
    }

    /**
     * The frame index at a percentile per pixel, by this task's interpolation.
     *
     * @param band   the reference band
     * @param frames the number of frames
     * @param pixels the number of pixels
     * @param q      the percentile, 0 to 100
     * @return one index per pixel (maybe {@code max_index})
     */
    protected final double[] indexByPercentile(ReferenceBand band, int frames, int pixels, int q) {
        return interpolation == Interpolation.GEOVILLE ? geoville(band, frames, pixels, q)
                : numpyIndex(band, frames, pixels, q);
    }

    /** A value rounded to a float dtype. */
    static double round(DType type, double v) {
        return switch (type) {
            case FLOAT16 -> NdArrays.roundToFloat16(v);
            case FLOAT32 -> (float) v;
            default -> v;
        };
    }

    private double[] numpyIndex(ReferenceBand band, int t, int n, int q) {
        double[] ref = band.values();
        DType refType = band.dtype();
        double quantile = q / 100.0;
        double[] perc = new double[n];
        DType bufType = null;
        double[] vals = new double[t];
        for (int px = 0; px < n; px++) {
            int cnt = 0;
            for (int s = 0; s < t; s++) {
                double v = ref[s * n + px];
                if (!Double.isNaN(v)) {
                    vals[cnt++] = v;
                }
            }
            double r;
            DType rType = refType;
            if (cnt == 0) {
                r = Double.NaN;
            } else {
                Arrays.sort(vals, 0, cnt);
                double virtual = (cnt - 1) * quantile;
                switch (interpolation) {
                    case LOWER -> r = vals[(int) Math.floor(virtual)];
                    case HIGHER -> r = vals[(int) Math.ceil(virtual)];
                    case NEAREST -> r = vals[(int) Math.rint(virtual)];
                    default -> {
                        rType = DType.FLOAT64;
                        if (interpolation == Interpolation.MIDPOINT) {
                            virtual = 0.5 * (Math.floor(virtual) + Math.ceil(virtual));
                        }
                        double prevIndex = Math.floor(virtual);
                        int prev = (int) prevIndex;
                        int next = prev + 1;
                        if (virtual >= cnt - 1) {
                            prevIndex = -1;
                            prev = cnt - 1;
                            next = cnt - 1;
                        } else if (virtual < 0) {
                            prevIndex = 0;
                            prev = 0;
                            next = 0;
                        }
                        double gamma = virtual - prevIndex;
                        if (interpolation == Interpolation.MIDPOINT) {
                            gamma = virtual % 1 == 0 ? 0 : 0.5;
                        }
                        double a = vals[prev];
                        double b = vals[next];
                        double diff = round(refType, b - a);
                        r = a + diff * gamma;
                        if (gamma >= 0.5) {
                            r = b - diff * (1 - gamma);
                        }
                    }
                }
            }
            if (px == 0) {
                bufType = rType;
            }
            perc[px] = round(bufType, r);
        }
        DType diffType = bufType == DType.FLOAT64 ? DType.FLOAT64 : refType;
        double[] out = new double[n];
        for (int px = 0; px < n; px++) {
            double p = perc[px];
            if (Double.isNaN(p)) {
                out[px] = maxIndex;
                continue;
            }
            int best = -1;
            double least = Double.POSITIVE_INFINITY;
            for (int s = 0; s < t; s++) {
                double d = Math.abs(round(diffType, ref[s * n + px] - p));
                if (Double.isNaN(d)) {
                    continue;
                }
                if (best < 0 || d < least) {
                    best = s;
                    least = d;
                }
            }
            if (best < 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": pixel " + px + " has only "
                        + "infinite values of its percentile's sign (numpy's nanargmin: All-NaN slice encountered)");
            }
            // nanargmin counts NaN as +inf: with all distances infinite the first frame is the minimum
            out[px] = least == Double.POSITIVE_INFINITY ? 0 : best;
        }
        return out;
    }

    private double[] geoville(ReferenceBand band, int t, int n, int q) {
        double[] ref = band.values();
        double max = Double.NaN;
        for (double v : ref) {
            if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                max = v;
            }
        }
        double fill = round(band.dtype(), max + 1);
        double[] out = new double[n];
        Integer[] order = new Integer[t];
        double[] vals = new double[t];
        Comparator<Integer> byValue = (x, y) -> {
            double a = vals[x];
            double b = vals[y];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
            }
            return a < b ? -1 : a > b ? 1 : 0;
        };
        for (int px = 0; px < n; px++) {
            int valid = 0;
            for (int s = 0; s < t; s++) {
                double v = ref[s * n + px];
                if (Double.isFinite(v)) {
                    valid++;
                }
                vals[s] = Double.isNaN(v) ? fill : v;
                order[s] = s;
            }
            if (valid == 0) {
                out[px] = maxIndex;
                continue;
            }
            Arrays.sort(order, byValue); // stable, as numpy's mergesort
            double k = (valid - 1) * (q / 100.0);
            int position = (int) Math.floor(Math.max(k, 0) + 0.5);
            out[px] = order[position];
        }
        return out;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray array = patch.getArray(feature.type(), feature.name());
        long[] shape = array.shape();
        String task = getClass().getSimpleName();
        if (shape.length != 4) {
            throw new IllegalArgumentException(task + ": feature " + feature + " must be a temporal raster "
                    + "(t, h, w, d), got the shape " + Arrays.toString(shape));
        }
        int t = (int) shape[0];
        if (t == 0) {
            throw new IllegalArgumentException(task + ": feature " + feature + " has no frames (numpy: attempt to "
                    + "get argmin of an empty sequence)");
        }
        int n = (int) (shape[1] * shape[2]);
        int d = (int) shape[3];
        DType type = DType.of(array);
        double[] data = NdArrays.toDoubles(array);
        ReferenceBand band = referenceBand(data, type, shape);
        double[] idx = indices(band, t, n);
        DType outType = DType.promote(type, DType.FLOAT32);
        double initial = (float) noDataValue;
        double[] out = new double[n * d];
        for (int px = 0; px < n; px++) {
            double s = idx[px];
            boolean selected = s >= 0 && s < t && s == Math.rint(s);
            for (int b = 0; b < d; b++) {
                out[px * d + b] = selected ? round(outType, data[((int) s * n + px) * d + b]) : initial;
            }
        }
        patch.put(featureComposite, NdArrays.fromDoubles(outType, new long[] {shape[1], shape[2], d}, out));
        return patch;
    }

    /**
     * A band index checked against the data's bands, negative from the end as in Python.
     *
     * @param index the index
     * @param bands the number of bands
     * @param name  the parameter, for the message
     * @return the index from 0
     */
    protected final int band(int index, long bands, String name) {
        long i = index < 0 ? index + bands : index;
        if (i < 0 || i >= bands) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " " + index + " is out of "
                    + "range for a feature of " + bands + " bands");
        }
        return (int) i;
    }

    /**
     * The parameters shared by the compositing tasks, for {@link #describe()}.
     *
     * @param own the task's own parameters (names and values)
     * @return the description
     */
    protected final Map<String, Object> describe(Object... own) {
        Object[] all = new Object[own.length + 6];
        all[0] = "feature";
        all[1] = feature;
        all[2] = "feature_composite";
        all[3] = featureComposite;
        System.arraycopy(own, 0, all, 4, own.length);
        all[own.length + 4] = "interpolation";
        all[own.length + 5] = interpolationName;
        return Tasks.describe(all);
    }

    /**
     * The settings eo-learn's base class keeps: percentile, max_index and no_data_value.
     *
     * @return the percentile
     */
    protected final int percentile() {
        return percentile;
    }

    /**
     * Returns {@code max_index}.
     *
     * @return the index of pixels without a percentile
     */
    protected final double maxIndex() {
        return maxIndex;
    }

    /**
     * Returns {@code no_data_value}.
     *
     * @return the composite's value where no frame is selected
     */
    protected final double noDataValue() {
        return noDataValue;
    }
}
