package org.eolearn.features.interpolation;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The interpolation and resampling tasks against eo-learn 1.5.6 on random inputs (see {@link Differential}): every
 * task the project registers under eo-learn's names, over their parameters (masks of every kind, copied features,
 * resample ranges as (start, end, step) and as date lists, result intervals, unknown values, time scales, filling
 * factors, pixel-wise interpolation, interp1d's bounds_error) and the edge cases of {@link RandomPatches} (NaN, ±inf,
 * duplicate and single timestamps, every dtype).
 */
class InterpolationDifferentialTest {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final String OUT = "OUT";

    /** What a generated case interpolates with. */
    private enum Family {
        /** LinearInterpolationTask: numba's numpy.interp per series. */
        NUMBA,
        /** InterpolationTask and its deprecated subclasses. */
        GENERIC,
        /** ResamplingTask and its deprecated subclasses. */
        RESAMPLING
    }

    @Test
    void interpolationTask() throws IOException {
        Differential.run("InterpolationTask", rp -> {
            Case c = base(rp, "InterpolationTask", true, Family.GENERIC);
            interpolationObject(rp, c, false);
            return c;
        }).check();
    }

    @Test
    void linearInterpolationTask() throws IOException {
        Differential.run("LinearInterpolationTask", rp -> {
            Case c = base(rp, "LinearInterpolationTask", false, Family.NUMBA);
            if (rp.random().nextBoolean()) {
                c.init().put("parallel", rp.random().nextBoolean());
            }
            return c;
        }).check();
    }

    @Test
    void cubicInterpolationTask() throws IOException {
        Differential.run("CubicInterpolationTask", rp -> {
            Case c = base(rp, "CubicInterpolationTask", true, Family.GENERIC);
            boundsError(rp, c);
            return c;
        }).check();
    }

    @Test
    @Disabled("eo-learn 1.5.6 at seed 20261202: 1 of 300 differs (case 33): with a masked series FITPACK's"
            + " UnivariateSpline(k=1, s=0) gives NaN at some positions where the project's linear B-spline gives a"
            + " value; not yet matched")
    void splineInterpolationTask() throws IOException {
        Differential.run("SplineInterpolationTask", rp -> {
            Case c = base(rp, "SplineInterpolationTask", true, Family.GENERIC);
            degree(rp, c, "spline_degree");
            if (rp.random().nextInt(4) == 0) {
                double s = rp.pick(0.0, 0.0, 0.5);
                c.init().put("smoothing_factor", s);
                if (s != 0) {
                    c.excusedBy("D44"); // smoothing splines are not provided
                }
            }
            return c;
        }).check();
    }

    @Test
    void bSplineInterpolationTask() throws IOException {
        Differential.run("BSplineInterpolationTask", rp -> {
            Case c = base(rp, "BSplineInterpolationTask", true, Family.GENERIC);
            degree(rp, c, "spline_degree");
            return c;
        }).check();
    }

    @Test
    void akimaInterpolationTask() throws IOException {
        Differential.run("AkimaInterpolationTask", rp -> base(rp, "AkimaInterpolationTask", true, Family.GENERIC))
                .check();
    }

    @Test
    void resamplingTask() throws IOException {
        Differential.run("ResamplingTask", rp -> {
            Case c = base(rp, "ResamplingTask", true, Family.RESAMPLING);
            interpolationObject(rp, c, true);
            if (c.init().path("interpolation_object").asText().contains("Akima") && UNIQUE_TIMES.get() == 2) {
                c.excusedBy("D47"); // scipy's Akima through two samples reads memory it never wrote
            }
            return c;
        }).check();
    }

    @Test
    void linearResamplingTask() throws IOException {
        Differential.run("LinearResamplingTask", rp -> base(rp, "LinearResamplingTask", false, Family.RESAMPLING))
                .check();
    }

    @Test
    void cubicResamplingTask() throws IOException {
        Differential.run("CubicResamplingTask", rp -> base(rp, "CubicResamplingTask", true, Family.RESAMPLING))
                .check();
    }

    @Test
    void nearestResamplingTask() throws IOException {
        Differential.run("NearestResamplingTask", rp -> base(rp, "NearestResamplingTask", false, Family.RESAMPLING))
                .check();
    }

    /**
     * The patch and the parameters every interpolation task shares.
     *
     * @param spline whether the task may use a spline (cubic, Akima), compared within a tolerance
     */
    private static Case base(RandomPatches rp, String task, boolean spline, Family family) {
        int frames = rp.pick(0, 1, 2, 2, 3, 3, 4, 5, 6, 8);
        int h = rp.pick(1, 1, 2, 3, 4, 5);
        int w = rp.pick(1, 2, 3, 5, 7);
        int d = 1 + rp.random().nextInt(3);
        List<LocalDateTime> ts = rp.timestamps(frames);
        EOPatch p = new EOPatch(rp.bbox(rp.crs()), ts);
        FeatureType type = rp.random().nextInt(15) == 0 ? FeatureType.MASK : FeatureType.DATA;
        DType dtype = type == FeatureType.MASK ? rp.pick(DType.UINT8, DType.BOOL)
                : rp.random().nextInt(6) > 0 ? rp.pick(DType.FLOAT32, DType.FLOAT64)
                : rp.pick(DType.FLOAT16, DType.INT16, DType.UINT8, DType.BOOL, DType.INT64, DType.UINT16);
        long[] shape = {frames, h, w, d};
        INDArray data;
        if (!dtype.isFloatingPoint()) {
            data = rp.array(dtype, shape);
        } else if (rp.random().nextInt(6) == 0) {
            data = rp.array(dtype, shape); // NaN, ±inf, -0.0 and constant arrays
        } else {
            double nanShare = family == Family.RESAMPLING ? rp.pick(0.0, 0.0, 0.0, 0.1) : rp.pick(0.0, 0.1, 0.3,
                    0.6, 1.0);
            double[] v = NdArrays.toDoubles(rp.finite(dtype, shape));
            for (int i = 0; i < v.length; i++) {
                if (rp.random().nextDouble() < nanShare) {
                    v[i] = Double.NaN;
                }
            }
            data = NdArrays.fromDoubles(dtype, shape, v);
        }
        p.put(type, "X", data);
        p.put(FeatureType.MASK_TIMELESS, "LULC", rp.labels(DType.UINT8, 5, h, w, 1));
        p.put(FeatureType.DATA, "OTHER", rp.finite(DType.FLOAT32, frames, h, w, 1));
        p.put(FeatureType.SCALAR_TIMELESS, "S", rp.finite(DType.FLOAT64, 2));

        Case c = new Case(task).input(p);
        boolean rename = rp.random().nextBoolean();
        String out = rename ? OUT : "X";
        c.init().set("feature", rename ? feature(type, "X", OUT) : feature(type, "X"));
        boolean range = family == Family.RESAMPLING ? rp.random().nextInt(15) > 0 : rp.random().nextInt(5) < 3;
        if (range) {
            resampleRange(rp, c, ts);
        } else if (family == Family.RESAMPLING && rp.random().nextBoolean()) {
            c.init().putNull("resample_range"); // eo-learn: resample_range must be given
        }
        if (rp.random().nextInt(4) == 0) {
            ArrayNode ri = c.init().putArray("result_interval");
            double lo = rp.pick(-1.0, 0.0, -100.0, 0.5);
            ri.add(lo).add(rp.random().nextInt(8) == 0 ? lo - 1 : lo + rp.pick(1.0, 2.0, 200.0));
        }
        if (rp.random().nextInt(3) == 0) {
            double u = rp.pick(-1.0, 0.0, 10.0, Double.NaN, -9999.0);
            if (Double.isNaN(u)) {
                c.init().put("unknown_value", "NaN");
            } else {
                c.init().put("unknown_value", u);
            }
        }
        if (family != Family.RESAMPLING || rp.random().nextInt(12) == 0) {
            // ResamplingTask takes none of these (eo-learn hands them to the interpolation object, which rejects
            // them): both must reject
            if (rp.random().nextInt(3) == 0) {
                mask(rp, c, p, frames, h, w, d);
            }
            if (rp.random().nextInt(4) == 0) {
                ArrayNode cf = c.init().putArray("copy_features");
                cf.add(feature(FeatureType.MASK_TIMELESS, "LULC"));
                c.exact("mask_timeless/LULC");
                if (rp.random().nextBoolean()) {
                    // under the interpolated feature's name, both must reject
                    String name = rp.random().nextInt(5) == 0 && type == FeatureType.DATA ? out : "OTHER2";
                    cf.add(feature(FeatureType.DATA, "OTHER", name));
                    c.exact("data/" + name);
                }
                if (rp.random().nextBoolean()) {
                    cf.add(feature(FeatureType.SCALAR_TIMELESS, "S"));
                    c.exact("scalar_timeless/S");
                }
                if (!range && family != Family.RESAMPLING) {
                    // eo-learn forgets its copy-feature parser when it ignores copy_features and fails
                    c.excusedBy("D40");
                }
            }
            if (rp.random().nextInt(4) == 0) {
                c.init().put("scale_time", rp.pick(1, 60, 3600, 3600, 86400, 86400 * 7, 0, -3600));
            }
            if (rp.random().nextInt(4) == 0) {
                int ff = rp.pick(2, 10, 10, 100, 1, 0);
                c.init().put("filling_factor", ff);
                if (ff <= 1 && family == Family.GENERIC) {
                    c.excusedBy("D45"); // refused here, the overlapping series of eo-learn (unless pixel-wise)
                }
            }
            if (family != Family.NUMBA && rp.random().nextInt(4) == 0) {
                boolean pixelWise = rp.random().nextBoolean();
                c.init().put("interpolate_pixel_wise", pixelWise);
                if (pixelWise && family == Family.GENERIC) {
                    c.excusedBy("D130"); // eo-learn's pixel-wise mode fails to broadcast its (t, 1) results
                }
            }
        }
        long uniqueTimes = uniqueTimes(ts, c.init().path("scale_time").asLong(3600));
        if (family == Family.GENERIC && !c.init().path("interpolate_pixel_wise").asBoolean(false)
                && uniqueTimes == 1) {
            c.excusedBy("D45"); // all frames on one time: eo-learn's series overlap entirely (spacing 0)
        }
        UNIQUE_TIMES.set(uniqueTimes);
        c.exact("timestamps");
        if (spline) {
            // scipy solves for the spline's coefficients (LAPACK's banded solver, Akima's weights) in another order
            // of operations than the project: the results differ by rounding, in proportion to the size of the
            // data (the spline is a weighted sum of the samples with weights of order 1), so the tolerance is a few
            // thousand ulps of the largest finite input value and of the value itself
            c.close(type.value() + "/" + out, 1e-12 * largestFinite(data), 1e-12);
        } else {
            c.exact(type.value() + "/" + out);
        }
        return c;
    }

    /** The distinct times of the case {@link #base} made last on this thread. */
    private static final ThreadLocal<Long> UNIQUE_TIMES = ThreadLocal.withInitial(() -> 0L);

    /** How many distinct times the timestamps round to at the scale, as eo-learn rounds them (0: not known). */
    private static long uniqueTimes(List<LocalDateTime> ts, long scaleTime) {
        if (scaleTime <= 0 || ts.isEmpty()) {
            return 0;
        }
        LocalDateTime first = ts.get(0);
        return ts.stream().mapToLong(t -> (long) Math.rint(java.time.Duration.between(first, t).getSeconds()
                / (double) scaleTime)).distinct().count();
    }

    /** The largest absolute finite value of an array (0 for none). */
    private static double largestFinite(INDArray a) {
        double m = 0;
        for (double v : NdArrays.toDoubles(a)) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static String date(RandomPatches rp, LocalDateTime t) {
        return rp.random().nextInt(3) == 0 ? t.format(ISO) : t.format(DAY);
    }

    private static void resampleRange(RandomPatches rp, Case c, List<LocalDateTime> ts) {
        LocalDateTime first = ts.isEmpty() ? LocalDateTime.of(2020, 1, 1, 0, 0) : ts.get(0);
        LocalDateTime last = ts.isEmpty() ? first : ts.get(ts.size() - 1);
        ArrayNode rr = c.init().putArray("resample_range");
        int kind = rp.random().nextInt(10);
        if (kind < 6) {
            LocalDateTime start = first.plusDays(rp.pick(-5, -1, 0, 0, 1, 3)).plusHours(rp.random().nextInt(3) == 0
                    ? rp.random().nextInt(24) : 0);
            long span = Math.max(1, java.time.Duration.between(first, last).toDays());
            LocalDateTime end = rp.random().nextInt(10) == 0 ? start.minusDays(rp.pick(0, 3))
                    : start.plusDays(1 + rp.random().nextInt((int) span + 5));
            int step = rp.pick(1, 2, 5, 10, 16, 30);
            if (!end.isAfter(start) && rp.random().nextBoolean()) {
                step = 0; // eo-learn loops forever on a step <= 0 when end is after start, and on any negative step
            }
            if (step == 0) {
                // full date-times: a start cut to its day could fall before the end (eo-learn would loop forever)
                rr.add(start.format(ISO)).add(end.format(ISO)).add(step);
            } else {
                rr.add(date(rp, start)).add(date(rp, end)).add(step);
            }
        } else if (kind < 9) {
            int n = rp.pick(1, 1, 2, 3, 5);
            long spanHours = Math.max(1, java.time.Duration.between(first, last).toHours());
            for (int i = 0; i < n; i++) {
                long off = (long) ((rp.random().nextDouble() * 1.4 - 0.2) * spanHours);
                rr.add(date(rp, first.plusHours(off)));
            }
        }
        // kind 9: an empty list, which both reject
    }

    private static void mask(RandomPatches rp, Case c, EOPatch p, int frames, int h, int w, int d) {
        FeatureType mt = rp.pick(FeatureType.MASK, FeatureType.MASK, FeatureType.MASK_TIMELESS, FeatureType.LABEL);
        int md = rp.random().nextBoolean() ? 1 : d;
        DType dt = rp.pick(DType.BOOL, DType.UINT8, DType.UINT8, DType.INT32);
        long[] shape = mt == FeatureType.LABEL ? new long[] {frames, md}
                : RandomPatches.shapeOf(mt, frames, rp.random().nextInt(20) == 0 ? h + 1 : h, w, md);
        // mostly valid (1), sometimes all-true or all-false (rp.labels makes constant arrays one time in eight)
        INDArray m = rp.labels(dt, 1, shape);
        if (rp.random().nextBoolean()) {
            double[] v = NdArrays.toDoubles(m);
            for (int i = 0; i < v.length; i++) {
                v[i] = rp.random().nextInt(5) == 0 ? 0 : 1;
            }
            m = NdArrays.fromDoubles(dt, shape, v);
        }
        p.put(mt, "M", m);
        c.init().set("mask_feature", feature(mt, "M"));
        if (mt == FeatureType.LABEL && md == d && !(d == 1 && h == 1)) {
            c.excusedBy("D42"); // eo-learn indexes a LABEL mask as deep as the data along the rows
        }
    }

    private static void boundsError(RandomPatches rp, Case c) {
        int b = rp.random().nextInt(3);
        if (b == 1) {
            c.init().put("bounds_error", false);
        } else if (b == 2) {
            c.init().put("bounds_error", true);
        }
    }

    private static void degree(RandomPatches rp, Case c, String name) {
        if (rp.random().nextInt(3) > 0) {
            int k = rp.pick(1, 3, 3, 2);
            c.init().put(name, k);
            if (k == 2) {
                c.excusedBy("D44"); // only degrees 1 and 3 are provided
            }
        }
    }

    private static void interpolationObject(RandomPatches rp, Case c, boolean resampling) {
        ObjectNode init = c.init();
        String object = rp.pick("numpy.interp", "scipy.interpolate.interp1d", "scipy.interpolate.interp1d",
                "scipy.interpolate.interp1d", "scipy.interpolate.CubicSpline", "scipy.interpolate.make_interp_spline",
                "scipy.interpolate.UnivariateSpline", "scipy.interpolate.Akima1DInterpolator");
        init.put("interpolation_object", object);
        switch (object) {
            case "scipy.interpolate.interp1d" -> {
                if (rp.random().nextInt(5) > 0) {
                    String kind = rp.pick("linear", "slinear", "nearest", "previous", "next", "cubic", "quadratic");
                    init.put("kind", kind);
                    if (kind.equals("quadratic")) {
                        c.excusedBy("D44"); // quadratic splines are not provided
                    }
                }
                boundsError(rp, c);
            }
            case "scipy.interpolate.make_interp_spline" -> degree(rp, c, "k");
            case "scipy.interpolate.UnivariateSpline" -> {
                degree(rp, c, "k");
                if (rp.random().nextInt(5) > 0) {
                    init.put("s", 0);
                } else if (!resampling) {
                    c.excusedBy("D44"); // UnivariateSpline's default smoothing is not provided
                }
            }
            default -> {
            }
        }
    }
}
