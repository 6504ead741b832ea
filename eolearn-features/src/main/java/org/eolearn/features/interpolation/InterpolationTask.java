package org.eolearn.features.interpolation;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ArrayPool;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.eolearn.features.internal.ArrayAccess;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal interpolation and resampling of a (t, h, w, d) feature (eo-learn's {@code InterpolationTask},
 * {@code LinearInterpolationTask} and {@code ResamplingTask} with their deprecated variants), built with
 * {@link #builder(Feature)}.
 *
 * <p>Steps, as eo-learn takes them: the data is copied; pixels where a mask feature is false become NaN; times are
 * {@code round(seconds since the first timestamp / scale_time)} (hours by default); frames whose rounded times are
 * equal are merged with a NaN-ignoring mean; the series are interpolated; values are clipped to
 * {@code result_interval}; NaN becomes {@code unknown_value}. The output is float64. Without a resample range the
 * feature is replaced (or written under its new name) in the same patch, on the patch's own timestamps; with one,
 * the result is a <b>new</b> patch holding the bbox, the new timestamps, the interpolated feature and the
 * {@code copy_features}.
 *
 * <p>The three modes:
 * <ul>
 *   <li>{@link Mode#LINEAR} ({@code LinearInterpolationTask}): per pixel series, {@code numpy.interp} over its
 *       valid points, NaN before the first and after the last valid time.</li>
 *   <li>{@link Mode#GENERIC} ({@code InterpolationTask}): eo-learn's trick of one interpolation function over all
 *       pixel series laid end to end, each shifted in time by {@code filling_factor * (max - min)}, with NaN where a
 *       resampled time is nearest to a leading or trailing NaN of its series and outside the observed times; or,
 *       with {@code interpolatePixelWise}, one function per pixel.</li>
 *   <li>{@link Mode#RESAMPLING} ({@code ResamplingTask}): NaN-free data only, each series resampled on its own,
 *       NaN outside the observed times.</li>
 * </ul>
 * Pixel series are processed in parallel.
 *
 * <p>Too few points, as in eo-learn: in the generic mode one function is built over all series, so with no or one
 * valid value in the whole feature the result is NaN, and with fewer than the method needs (4 for a cubic, 2
 * otherwise) the task fails as scipy does; in the resampling mode every series has the same times, and fewer
 * distinct times than the method needs fail the task (interp1d's linear kind takes one time and gives NaN). In the
 * pixel-wise mode a series with too few valid points gives NaN (docs/differences.md D130: eo-learn's pixel-wise mode
 * fails on its own results).
 *
 * <p>Positions outside the samples: resampled times outside the observed times are NaN in every mode, as in
 * eo-learn. Inside them, where a series has no valid point before or after the position, the generic mode gives NaN
 * at the resampled time nearest to its leading or trailing NaN, as eo-learn does, and the function's value over the
 * series laid end to end elsewhere; outside that function's samples the result is NaN, or, with
 * {@link Builder#boundsError} (interp1d's default), the task fails as scipy's {@code interp1d} does, or, with
 * {@link Builder#extrapolate}, the spline's end pieces are extended as {@code make_interp_spline},
 * {@code CubicSpline} and {@code UnivariateSpline} do. The pixel-wise mode gives NaN
 * outside each series' valid points.
 *
 * <p>Differences from eo-learn, on purpose (docs/differences.md): the pixel-wise mode works (D130); a LABEL mask as
 * deep as the data masks each band of a frame (D42); {@code filling_factor <= 1} is refused in the generic mode
 * (D45).
 *
 * @since 0.1
 */
public final class InterpolationTask implements PatchTask {

    private static final Logger LOG = LoggerFactory.getLogger(InterpolationTask.class);
    private static final int BLOCK = 512;
    /** Each thread's block buffers, reused from block to block and patch to patch (fully overwritten before use). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[5][0]);

    /** How the series are interpolated. */
    public enum Mode {
        /** LinearInterpolationTask: numpy.interp per pixel series. */
        LINEAR,
        /** InterpolationTask: one function over all series, or one per series. */
        GENERIC,
        /** ResamplingTask: NaN-free series resampled one by one. */
        RESAMPLING
    }

    private final Feature feature;
    private final Mode mode;
    private final Interpolator.Kind kind;
    private final ResampleRange resampleRange;
    private final double[] resultInterval;
    private final double lowest;
    private final double highest;
    private final FeatureParser maskFeatures;
    private final FeatureParser copyFeatures;
    private final double unknownValue;
    private final int fillingFactor;
    private final int scaleTime;
    private final boolean pixelWise;
    private final boolean boundsError;
    private final boolean extrapolate;
    private final boolean requireFinite;

    private InterpolationTask(Builder b) {
        this.feature = b.feature;
        this.mode = b.mode;
        this.kind = b.kind;
        this.resampleRange = b.resampleRange;
        this.resultInterval = b.resultInterval;
        this.lowest = resultInterval == null ? Double.NEGATIVE_INFINITY : resultInterval[0];
        this.highest = resultInterval == null ? Double.POSITIVE_INFINITY : resultInterval[1];
        this.maskFeatures = b.maskFeatures == null ? null : FeatureParser.allowing(b.maskFeatures, FeatureType.MASK,
                FeatureType.MASK_TIMELESS, FeatureType.LABEL);
        if (b.copyFeatures != null && resampleRange == null) {
            LOG.warn("EOUserWarning: without resample_range the task works in place; copy_features are ignored");
            this.copyFeatures = null;
        } else {
            this.copyFeatures = b.copyFeatures == null ? null : new FeatureParser(b.copyFeatures);
        }
        this.unknownValue = b.unknownValue;
        this.fillingFactor = b.fillingFactor;
        this.scaleTime = b.scaleTime;
        this.pixelWise = b.pixelWise;
        this.boundsError = b.boundsError;
        this.extrapolate = b.extrapolate;
        this.requireFinite = b.requireFinite;
    }

    /**
     * Starts a task for a feature (DATA or MASK, with an optional new name): by default
     * {@code LinearInterpolationTask}'s linear per-pixel interpolation.
     *
     * @param feature the feature
     * @return the builder
     */
    public static Builder builder(Feature feature) {
        return new Builder(feature);
    }

    /** Settings of an {@link InterpolationTask}; every setter is optional. */
    public static final class Builder {
        private final Feature feature;
        private Mode mode = Mode.LINEAR;
        private Interpolator.Kind kind = Interpolator.Kind.NP_INTERP;
        private ResampleRange resampleRange;
        private double[] resultInterval;
        private FeatureSpec maskFeatures;
        private FeatureSpec copyFeatures;
        private double unknownValue = Double.NaN;
        private int fillingFactor = 10;
        private int scaleTime = 3600;
        private boolean pixelWise;
        private boolean boundsError;
        private boolean extrapolate;
        private boolean requireFinite;

        private Builder(Feature feature) {
            Objects.requireNonNull(feature, "feature");
            if (feature.type() != FeatureType.DATA && feature.type() != FeatureType.MASK) {
                throw new IllegalArgumentException("feature must be a DATA or MASK feature, got " + feature);
            }
            this.feature = feature;
        }

        /**
         * eo-learn's {@code InterpolationTask} with an interpolation method (one function over all series).
         *
         * @param method the method
         * @return this
         */
        public Builder generic(Interpolator.Kind method) {
            this.mode = Mode.GENERIC;
            this.kind = Objects.requireNonNull(method, "interpolation method");
            return this;
        }

        /**
         * eo-learn's {@code ResamplingTask} with an interpolation method; needs a resample range.
         *
         * @param method the method
         * @return this
         */
        public Builder resampling(Interpolator.Kind method) {
            this.mode = Mode.RESAMPLING;
            this.kind = Objects.requireNonNull(method, "interpolation method");
            return this;
        }

        /**
         * The dates to resample to (a new patch is returned).
         *
         * @param range the range, or null to interpolate in place
         * @return this
         */
        public Builder resampleRange(ResampleRange range) {
            this.resampleRange = range;
            return this;
        }

        /**
         * Clips the result to {@code [min, max]} as {@code numpy.clip} does (everything is {@code max} when
         * {@code min > max}).
         *
         * @param min the minimum
         * @param max the maximum
         * @return this
         */
        public Builder resultInterval(double min, double max) {
            this.resultInterval = new double[] {min, max};
            return this;
        }

        /**
         * Masks (MASK, MASK_TIMELESS or LABEL): where a mask is false (0) the data counts as missing.
         *
         * @param masks the mask features
         * @return this
         */
        public Builder maskFeature(FeatureSpec masks) {
            this.maskFeatures = masks;
            return this;
        }

        /**
         * Features copied into the new patch when resampling (renames allowed).
         *
         * @param features the features
         * @return this
         */
        public Builder copyFeatures(FeatureSpec features) {
            this.copyFeatures = features;
            return this;
        }

        /**
         * The value of results that cannot be computed (NaN by default).
         *
         * @param value the value
         * @return this
         */
        public Builder unknownValue(double value) {
            this.unknownValue = value;
            return this;
        }

        /**
         * The gap between series in the generic mode, in multiples of the observed time span (10 by default).
         *
         * @param factor a factor greater than 1
         * @return this
         */
        public Builder fillingFactor(int factor) {
            this.fillingFactor = factor;
            return this;
        }

        /**
         * The time unit in seconds (3600: hours, the default).
         *
         * @param seconds the unit
         * @return this
         */
        public Builder scaleTime(int seconds) {
            if (seconds == 0) {
                throw new IllegalArgumentException("scale_time must be a non-zero number of seconds, got 0");
            }
            this.scaleTime = seconds;
            return this;
        }

        /**
         * In the generic mode, one interpolation function per pixel series instead of one over all of them.
         *
         * @param pixelWise whether to interpolate pixel by pixel
         * @return this
         */
        public Builder interpolatePixelWise(boolean pixelWise) {
            this.pixelWise = pixelWise;
            return this;
        }

        /**
         * scipy's {@code interp1d(bounds_error=True)}, its default: in the generic mode (one function over all
         * series), the task fails when a position to evaluate lies outside the samples of the series laid end to end
         * (before the first series' first valid time or after the last one's last), as eo-learn does; otherwise
         * such positions give NaN. Off by default (the other scipy objects have no such check).
         *
         * @param boundsError whether positions outside the samples fail the task
         * @return this
         */
        public Builder boundsError(boolean boundsError) {
            this.boundsError = boundsError;
            return this;
        }

        /**
         * In the generic mode (one function over all series), evaluates the spline's first and last pieces outside
         * the samples of the series laid end to end, as scipy's {@code make_interp_spline}, {@code CubicSpline} and
         * {@code UnivariateSpline} do by default, instead of giving NaN. Off by default.
         *
         * @param extrapolate whether to extrapolate
         * @return this
         */
        public Builder extrapolate(boolean extrapolate) {
            this.extrapolate = extrapolate;
            return this;
        }

        /**
         * Fails the task when a value to interpolate is infinite, as scipy's {@code make_interp_spline} and
         * {@code CubicSpline} do (they check their input). Off by default.
         *
         * @param requireFinite whether infinite values fail the task
         * @return this
         */
        public Builder requireFinite(boolean requireFinite) {
            this.requireFinite = requireFinite;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public InterpolationTask build() {
            if (mode == Mode.GENERIC && !pixelWise && fillingFactor <= 1) {
                // eo-learn does not check it, and its series then overlap in time (docs/differences.md D45)
                throw new IllegalArgumentException("filling_factor must be greater than 1, got " + fillingFactor);
            }
            if (mode == Mode.RESAMPLING && resampleRange == null) {
                throw new IllegalArgumentException("resample_range is required for resampling, e.g. "
                        + "('2018-01-01', '2018-06-01', 16)");
            }
            return new InterpolationTask(this);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray source = patch.getArray(feature.type(), feature.name());
        if (source.rank() != 4) {
            throw new IllegalArgumentException("feature " + feature + " must have shape (t, h, w, d), got "
                    + Arrays.toString(source.shape()));
        }
        int t = (int) source.size(0);
        int h = (int) source.size(1);
        int w = (int) source.size(2);
        int d = (int) source.size(3);
        if (t <= 1) {
            throw new IllegalArgumentException("feature " + feature + " has temporal dimension " + t
                    + ", required at least size 2");
        }
        List<LocalDateTime> timestamps = patch.timestamps();
        if (timestamps == null || timestamps.size() != t) {
            throw new IllegalArgumentException("feature " + feature + " has " + t + " frames but the patch has "
                    + (timestamps == null ? "no" : String.valueOf(timestamps.size())) + " timestamps");
        }
        int n = h * w * d;
        Masks masks = Masks.of(patch, maskFeatures, t, h, w, d);
        DType sourceType = DType.of(source);
        if (masks.any() && !sourceType.isFloatingPoint() && sourceType != DType.BOOL) {
            // eo-learn writes NaN into a copy of the data in its own dtype
            throw new IllegalArgumentException("feature " + feature + " of dtype " + sourceType.numpyName()
                    + " cannot be masked: masked values become NaN, which needs float data");
        }

        long[] times = relativeTimes(timestamps, timestamps.get(0));
        List<LocalDateTime> newTimestamps = resampleRange == null ? timestamps : resampleRange.dates();
        long[] resampled = relativeTimes(newTimestamps, newTimestamps.get(0));
        long totalDiff = Duration.between(timestamps.get(0).toLocalDate().atStartOfDay(),
                newTimestamps.get(0).toLocalDate().atStartOfDay()).getSeconds();
        long offset = Math.floorDiv(totalDiff, scaleTime);
        for (int j = 0; j < resampled.length; j++) {
            resampled[j] += offset;
        }
        // unique times: groups of frames whose rounded times are equal
        long[] unique = Arrays.stream(times).distinct().sorted().toArray();
        int[][] groups = new int[unique.length][];
        for (int u = 0; u < unique.length; u++) {
            long time = unique[u];
            groups[u] = IntStream.range(0, t).filter(i -> times[i] == time).toArray();
        }
        // a mask is applied as for interpolation: eo-learn's ResamplingTask then refuses the data only if a masked
        // (NaN) value is left after merging frames of the same time (checked per series below)
        if (mode == Mode.RESAMPLING && kind != Interpolator.Kind.LINEAR && unique.length < kind.minPoints()) {
            // eo-learn builds one interpolation object over all series at the same times, which scipy refuses
            // (interp1d's linear kind takes one time and gives NaN, as the per-series path does here)
            throw new IllegalArgumentException("ResamplingTask: " + kind.name().toLowerCase(Locale.ROOT)
                    + " interpolation needs at least " + kind.minPoints() + " distinct times, got " + unique.length);
        }
        Series series = new Series(source, masks, groups, n);
        INDArray result = ArrayPool.uninitialized(DataType.DOUBLE, resampled.length, h, w, d);
        DoubleBuffer target0 = result.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        if (mode == Mode.GENERIC && !pixelWise) {
            double[] out = genericAll(series, unique, resampled, n);
            for (int i = 0; i < out.length; i++) {
                out[i] = finish(out[i]);
            }
            target0.put(0, out);
        } else {
            perSeries(series, unique, resampled, n, target0);
        }
        EOPatch target = resampleRange == null ? patch : new EOPatch(patch.bbox(), newTimestamps);
        target.put(feature.type(), feature.outputName(), result);
        if (copyFeatures != null) {
            for (Feature f : copyFeatures.getRenamedFeatures(patch)) {
                if (target.contains(f.type(), f.outputName())) {
                    throw new IllegalArgumentException("copy_features: feature " + f.outputName() + " of " + f.type()
                            + " already exists in the new patch");
                }
                target.put(f.type(), f.outputName(), patch.get(f.type(), f.name()));
            }
        }
        return target;
    }


    /** With {@link Builder#requireFinite}: fails on an infinite value among the first {@code m}. */
    private void checkFinite(double[] ys, int m) {
        if (!requireFinite) {
            return;
        }
        for (int i = 0; i < m; i++) {
            if (Double.isInfinite(ys[i])) {
                throw new IllegalArgumentException("feature " + feature + ": the interpolation object refuses "
                        + "infinite values, got " + ys[i]);
            }
        }
    }

    /** Clips to result_interval, NaN to unknown_value. */
    private double finish(double v) {
        // numpy.clip: minimum(maximum(v, min), max), so max wins when min > max
        return Double.isNaN(v) ? unknownValue : Math.min(Math.max(v, lowest), highest);
    }

    /** eo-learn's times: round(seconds since the reference / scale_time), half to even. */
    private long[] relativeTimes(List<LocalDateTime> ts, LocalDateTime ref) {
        long[] out = new long[ts.size()];
        for (int i = 0; i < out.length; i++) {
            Duration dt = Duration.between(ref, ts.get(i));
            double seconds = dt.getSeconds() + dt.getNano() / 1e9;
            out[i] = (long) Math.rint(seconds / scaleTime);
        }
        return out;
    }

    /** The masked, time-merged series of a feature, read block by block. */
    private static final class Series {
        private final FloatBuffer floats;
        private final double[] doubles;
        private final Masks masks;
        /** NaN, or 1 (true) for bool data, where eo-learn's NaN written into a bool array is true. */
        private final double maskedValue;
        /** float16 data: numpy sums duplicates in float16. */
        private final boolean half;
        private final int[][] groups;
        private final int n;

        Series(INDArray source, Masks masks, int[][] groups, int n) {
            if (DType.of(source) == DType.FLOAT32) {
                this.floats = ArrayAccess.floats(source);
                this.doubles = null;
            } else {
                this.floats = null;
                this.doubles = NdArrays.toDoubles(source);
            }
            this.masks = masks;
            this.maskedValue = DType.of(source) == DType.BOOL ? 1.0 : Double.NaN;
            this.half = DType.of(source) == DType.FLOAT16;
            this.groups = groups;
            this.n = n;
        }

        /** Copies frame {@code f}, columns {@code c0 .. c0 + width}, masked, into {@code row}. */
        private void frame(int f, int c0, int width, double[] row, int offset, float[] floatScratch) {
            int base = f * n + c0;
            if (floats != null) {
                floats.get(base, floatScratch, 0, width); // absolute bulk read: safe from several threads
                for (int k = 0; k < width; k++) {
                    row[offset + k] = floatScratch[k];
                }
            } else {
                System.arraycopy(doubles, base, row, offset, width);
            }
            masks.apply(f, c0, width, row, offset, maskedValue);
        }

        /**
         * Fills {@code block[u * width + k]} with the merged value of unique time u for column {@code c0 + k}.
         * Duplicate frames are averaged ignoring NaN as numpy's nanmean does: float32 data is summed in float32 and
         * the sum divided in float64; float16 data is summed in float32 (numpy's half loops accumulate in float),
         * the sum rounded to float16, divided in float64 and rounded to float16 again.
         */
        void read(int c0, int width, double[] block, double[] scratch) {
            float[] floatScratch = new float[width];
            for (int u = 0; u < groups.length; u++) {
                int[] g = groups[u];
                int base = u * width;
                if (g.length == 1) {
                    frame(g[0], c0, width, block, base, floatScratch);
                    continue;
                }
                int[] count = new int[width];
                double[] sum = new double[width];
                float[] sumF = new float[width];
                for (int f : g) {
                    frame(f, c0, width, scratch, 0, floatScratch);
                    for (int k = 0; k < width; k++) {
                        double v = scratch[k];
                        if (!Double.isNaN(v)) {
                            count[k]++;
                            sum[k] += v;
                            sumF[k] += (float) v;
                        }
                    }
                }
                for (int k = 0; k < width; k++) {
                    block[base + k] = count[k] == 0 ? Double.NaN : floats != null ? (float) ((double) sumF[k]
                            / count[k]) : half ? NdArrays.roundToFloat16(NdArrays.roundToFloat16(sumF[k]) / count[k]) : sum[k] / count[k];
                }
            }
        }
    }

    /**
     * LINEAR, RESAMPLING and pixel-wise GENERIC: each column on its own, blocks of columns in parallel, results
     * clipped and written straight into the output array's rows.
     */
    private void perSeries(Series series, long[] unique, long[] resampled, int n, DoubleBuffer target) {
        int tu = unique.length;
        int tr = resampled.length;
        double minTime = unique[0];
        double maxTime = unique[tu - 1];
        int blocks = (n + BLOCK - 1) / BLOCK;
        boolean sortedResampled = IntStream.range(1, tr).allMatch(j -> resampled[j] >= resampled[j - 1]);
        ComputePolicy.parallelFor(blocks, bi -> {
            int c0 = bi * BLOCK;
            int width = Math.min(BLOCK, n - c0);
            double[] block = scratch(0, tu * width);
            series.read(c0, width, block, scratch(1, width));
            double[] outBlock = scratch(2, tr * width);
            if (mode == Mode.LINEAR && sortedResampled) {
                linearBlock(block, width, unique, resampled, outBlock);
            } else {
                double[] xs = new double[tu];
                double[] ys = new double[tu];
                double[] column = new double[tr];
                for (int k = 0; k < width; k++) {
                    int m = 0;
                    for (int u = 0; u < tu; u++) {
                        double v = block[u * width + k];
                        if (!Double.isNaN(v)) {
                            xs[m] = unique[u];
                            ys[m] = v;
                            m++;
                        } else if (mode == Mode.RESAMPLING) {
                            throw new IllegalArgumentException("ResamplingTask: data must not contain masked, invalid or "
                                    + "NaN values");
                        }
                    }
                    if (mode == Mode.LINEAR) {
                        linearColumn(xs, ys, m, resampled, column);
                    } else {
                        if (requireFinite) {
                            checkFinite(ys, m);
                        }
                        Interpolator f = m >= kind.minPoints() ? Interpolator.of(kind, xs.clone(), ys.clone(), m) : null;
                        for (int j = 0; j < tr; j++) {
                            double r = resampled[j];
                            boolean inside = mode != Mode.RESAMPLING || (r >= minTime && r <= maxTime);
                            column[j] = f != null && inside ? f.value(r) : Double.NaN;
                        }
                    }
                    for (int j = 0; j < tr; j++) {
                        outBlock[j * width + k] = finish(column[j]);
                    }
                }
            }
            for (int j = 0; j < tr; j++) {
                target.put(j * n + c0, outBlock, j * width, width);
            }
        });
    }

    /** This thread's buffer {@code slot} of at least {@code size} values (contents undefined). */
    private static double[] scratch(int slot, int size) {
        double[][] all = SCRATCH.get();
        if (all[slot].length < size) {
            all[slot] = new double[size];
        }
        return all[slot];
    }

    /**
     * eo-learn's numba kernel for a block of columns at once (ascending resampled times): a forward sweep finds each
     * column's last valid sample at or before each resampled time, a backward sweep its first valid sample after
     * it; the value is numpy.interp's (see {@link Interpolator#npInterp}), bit for bit, NaN outside the valid times.
     */
    private void linearBlock(double[] block, int width, long[] unique, long[] resampled, double[] out) {
        int tu = unique.length;
        int tr = resampled.length;
        double[] prevX = scratch(3, tr * width);
        double[] prevY = scratch(4, tr * width);
        double[] lastX = new double[width];
        double[] lastY = new double[width];
        Arrays.fill(lastX, Double.NaN);
        int u = 0;
        for (int j = 0; j < tr; j++) {
            while (u < tu && unique[u] <= resampled[j]) {
                double x = unique[u];
                int base = u * width;
                for (int k = 0; k < width; k++) {
                    double v = block[base + k];
                    if (v == v) {
                        lastX[k] = x;
                        lastY[k] = v;
                    }
                }
                u++;
            }
            System.arraycopy(lastX, 0, prevX, j * width, width);
            System.arraycopy(lastY, 0, prevY, j * width, width);
        }
        double[] nextX = lastX;
        double[] nextY = lastY;
        Arrays.fill(nextX, Double.NaN);
        u = tu - 1;
        for (int j = tr - 1; j >= 0; j--) {
            double r = resampled[j];
            while (u >= 0 && unique[u] > r) {
                double x = unique[u];
                int base = u * width;
                for (int k = 0; k < width; k++) {
                    double v = block[base + k];
                    if (v == v) {
                        nextX[k] = x;
                        nextY[k] = v;
                    }
                }
                u--;
            }
            int base = j * width;
            for (int k = 0; k < width; k++) {
                double x0 = prevX[base + k];
                double v;
                if (x0 != x0) {
                    v = Double.NaN; // before the first valid time (or no valid time at all)
                } else if (x0 == r) {
                    v = prevY[base + k]; // numpy.interp returns a sample's value exactly at its position
                } else {
                    double x1 = nextX[k];
                    if (x1 != x1) {
                        v = Double.NaN; // after the last valid time
                    } else {
                        v = Interpolator.npInterp(x0, prevY[base + k], x1, nextY[k], r);
                    }
                }
                out[base + k] = finish(v);
            }
        }
    }

    /** eo-learn's numba kernel: numpy.interp on the valid points, NaN outside the first and last valid times. */
    private static void linearColumn(double[] xs, double[] ys, int m, long[] resampled, double[] out) {
        if (m == 0) {
            Arrays.fill(out, Double.NaN);
            return;
        }
        double first = xs[0];
        double last = xs[m - 1];
        int seg = 0;
        for (int j = 0; j < resampled.length; j++) {
            double r = resampled[j];
            double v;
            if (r < first || r > last) {
                v = Double.NaN;
            } else if (r == last) {
                v = ys[m - 1];
            } else {
                // resampled times ascend: move the segment forward (restart if they do not)
                if (seg > 0 && xs[seg] > r) {
                    seg = 0;
                }
                while (xs[seg + 1] <= r) {
                    seg++;
                }
                if (xs[seg] == r) {
                    out[j] = ys[seg];
                    continue;
                }
                v = Interpolator.npInterp(xs[seg], ys[seg], xs[seg + 1], ys[seg + 1], r);
            }
            out[j] = v;
        }
        // the kernel blanks everything up to the last resampled time before the first valid time and from the first
        // one after the last valid time on (the same as per position when the resampled times ascend)
        int lastBelow = -1;
        int firstAbove = resampled.length;
        for (int j = 0; j < resampled.length; j++) {
            if (resampled[j] < first) {
                lastBelow = j;
            }
            if (resampled[j] > last && firstAbove == resampled.length) {
                firstAbove = j;
            }
        }
        Arrays.fill(out, 0, lastBelow + 1, Double.NaN);
        Arrays.fill(out, Math.max(firstAbove, lastBelow + 1), resampled.length, Double.NaN);
    }

    /** eo-learn's generic trick: one interpolation function over all series laid end to end. */
    private double[] genericAll(Series series, long[] unique, long[] resampled, int n) {
        int tu = unique.length;
        int tr = resampled.length;
        double[] data = new double[tu * n];
        for (int c0 = 0; c0 < n; c0 += BLOCK) {
            int width = Math.min(BLOCK, n - c0);
            double[] block = new double[tu * width];
            series.read(c0, width, block, new double[width]);
            for (int u = 0; u < tu; u++) {
                System.arraycopy(block, u * width, data, u * n + c0, width);
            }
        }
        long minRes = Arrays.stream(resampled).min().getAsLong();
        long maxRes = Arrays.stream(resampled).max().getAsLong();
        // index of the resampled time nearest to each observed time inside the resampled span (-1 outside)
        int[] ori2res = new int[tu];
        for (int u = 0; u < tu; u++) {
            ori2res[u] = -1;
            if (unique[u] >= minRes && unique[u] <= maxRes) {
                long best = Long.MAX_VALUE;
                for (int j = 0; j < tr; j++) {
                    long dist = Math.abs(resampled[j] - unique[u]);
                    if (dist < best) {
                        best = dist;
                        ori2res[u] = j;
                    }
                }
            }
        }
        long minTime = unique[0];
        long maxTime = unique[tu - 1];
        double spacing = (long) (fillingFactor * (double) (maxTime - minTime));
        double[] evalAt = new double[tr * n];
        for (int j = 0; j < tr; j++) {
            boolean inside = resampled[j] >= minTime && resampled[j] <= maxTime;
            for (int c = 0; c < n; c++) {
                evalAt[j * n + c] = inside ? resampled[j] + spacing * c : Double.NaN;
            }
        }
        // leading and trailing NaN of each series blank the resampled time nearest to them
        for (int c = 0; c < n; c++) {
            for (int u = 0; u < tu && Double.isNaN(data[u * n + c]); u++) {
                if (ori2res[u] >= 0) {
                    evalAt[ori2res[u] * n + c] = Double.NaN;
                }
            }
            for (int u = tu - 1; u >= 0 && Double.isNaN(data[u * n + c]); u--) {
                if (ori2res[u] >= 0) {
                    evalAt[ori2res[u] * n + c] = Double.NaN;
                }
            }
        }
        int valid = 0;
        for (double v : data) {
            valid += Double.isNaN(v) ? 0 : 1;
        }
        double[] xs = new double[valid];
        double[] ys = new double[valid];
        int k = 0;
        for (int c = 0; c < n; c++) {
            for (int u = 0; u < tu; u++) {
                double v = data[u * n + c];
                if (!Double.isNaN(v)) {
                    xs[k] = unique[u] + spacing * c;
                    ys[k] = v;
                    k++;
                }
            }
        }
        double[] out = new double[tr * n];
        Arrays.fill(out, Double.NaN);
        if (valid <= 1) {
            return out;
        }
        if (spacing == 0) {
            throw new IllegalArgumentException("all frames of " + feature + " fall on one time (scale_time "
                    + scaleTime + " s): nothing to interpolate between");
        }
        checkFinite(ys, valid);
        Interpolator f = Interpolator.of(kind, xs, ys, valid);
        if (boundsError) {
            for (double x : evalAt) {
                if (x < xs[0] || x > xs[valid - 1]) {
                    throw new IllegalArgumentException("bounds_error: a position (" + x + ") is "
                            + (x < xs[0] ? "below the interpolation range's minimum (" + xs[0] : "above the "
                            + "interpolation range's maximum (" + xs[valid - 1]) + "); pass bounds_error=false for "
                            + "NaN there");
                }
            }
        }
        ComputePolicy.parallelFor(tr, j -> {
            for (int c = 0; c < n; c++) {
                double x = evalAt[j * n + c];
                if (!Double.isNaN(x)) {
                    out[j * n + c] = extrapolate ? f.extrapolated(x) : f.value(x);
                }
            }
        });
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "mode", mode.name().toLowerCase(Locale.ROOT), "method",
                kind.name().toLowerCase(Locale.ROOT), "resample_range", resampleRange == null ? null
                        : resampleRange.dates().size() + " dates from " + resampleRange.dates().get(0),
                "result_interval", resultInterval == null ? null : Arrays.toString(resultInterval),
                "mask_feature", maskFeatures == null ? null : maskFeatures.spec(), "copy_features",
                copyFeatures == null ? null : copyFeatures.spec(), "unknown_value", unknownValue, "filling_factor",
                fillingFactor, "scale_time", scaleTime, "interpolate_pixel_wise", pixelWise);
    }

    /**
     * The masks of a patch combined into one set of "missing" flags: per (frame, pixel) when every mask applies to
     * all bands, per (frame, pixel, band) when one masks band by band (a mask as deep as the data; any other depth
     * uses its band 0, as in eo-learn).
     */
    private static final class Masks {
        private final boolean[] off;
        private final boolean perBand;
        private final int d;
        private final int hw;

        private Masks(boolean[] off, boolean perBand, int hw, int d) {
            this.off = off;
            this.perBand = perBand;
            this.hw = hw;
            this.d = d;
        }

        static Masks of(EOPatch patch, FeatureParser parser, int t, int h, int w, int d) {
            int hw = h * w;
            if (parser == null) {
                return new Masks(null, false, hw, d);
            }
            List<Feature> features = parser.getFeatures(patch);
            if (features.isEmpty()) {
                return new Masks(null, false, hw, d);
            }
            boolean perBand = false;
            for (Feature f : features) {
                long[] s = patch.getArray(f.type(), f.name()).shape();
                perBand |= d > 1 && s[s.length - 1] == d;
            }
            int depth = perBand ? d : 1;
            boolean[] off = new boolean[t * hw * depth];
            for (Feature f : features) {
                INDArray mask = patch.getArray(f.type(), f.name());
                long[] s = mask.shape();
                boolean spatialWrong = f.type().isSpatial() && (s[s.length - 3] != h || s[s.length - 2] != w);
                boolean temporalWrong = f.type().isTemporal() && s[0] != t;
                if (spatialWrong || temporalWrong) {
                    throw new IllegalArgumentException("mask_feature " + f + " of shape " + Arrays.toString(s)
                            + " does not match the data's (" + t + ", " + h + ", " + w + ", " + d + ")");
                }
                boolean[] zero = zeros(mask);
                int md = (int) s[s.length - 1];
                boolean ownBands = md == d;
                if (f.type() == FeatureType.MASK && (md == depth || depth == 1 && md == 1)) {
                    for (int i = 0; i < off.length; i++) {
                        off[i] |= zero[i];
                    }
                    continue;
                }
                for (int f0 = 0; f0 < t; f0++) {
                    for (int px = 0; px < hw; px++) {
                        for (int b = 0; b < depth; b++) {
                            int mb = ownBands ? b : 0;
                            int index;
                            if (f.type() == FeatureType.MASK) {
                                index = (f0 * hw + px) * md + mb;
                            } else if (f.type() == FeatureType.MASK_TIMELESS) {
                                index = px * md + mb;
                            } else {
                                index = f0 * md + mb;
                            }
                            if (zero[index]) {
                                off[(f0 * hw + px) * depth + b] = true;
                            }
                        }
                    }
                }
            }
            return new Masks(off, perBand, hw, d);
        }

        /** Which elements of a mask are 0 (false); byte-sized masks are read straight from their buffer. */
        private static boolean[] zeros(INDArray mask) {
            DType type = DType.of(mask);
            boolean[] zero = new boolean[(int) mask.length()];
            if (type.itemSize() == 1) {
                java.nio.ByteBuffer bytes = NdArrays.contiguousBytes(mask);
                for (int i = 0; i < zero.length; i++) {
                    zero[i] = bytes.get(i) == 0;
                }
            } else {
                double[] v = NdArrays.toDoubles(mask);
                for (int i = 0; i < zero.length; i++) {
                    zero[i] = v[i] == 0;
                }
            }
            return zero;
        }

        boolean any() {
            return off != null;
        }

        /** Sets {@code value} in {@code row[offset + k]} where frame {@code f}, column {@code c0 + k} is masked out. */
        void apply(int f, int c0, int width, double[] row, int offset, double value) {
            if (off == null) {
                return;
            }
            if (perBand) {
                int base = f * hw * d + c0;
                for (int k = 0; k < width; k++) {
                    if (off[base + k]) {
                        row[offset + k] = value;
                    }
                }
            } else {
                int px = f * hw + c0 / d;
                int band = c0 % d;
                for (int k = 0; k < width; k++) {
                    if (off[px]) {
                        row[offset + k] = value;
                    }
                    if (++band == d) {
                        band = 0;
                        px++;
                    }
                }
            }
        }
    }
}
