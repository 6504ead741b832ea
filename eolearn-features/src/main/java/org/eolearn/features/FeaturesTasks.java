package org.eolearn.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.Callables;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.features.interpolation.InterpolationTask;
import org.eolearn.features.interpolation.Interpolator;
import org.eolearn.features.interpolation.ResampleRange;

/**
 * Registers eolearn-features' tasks under eo-learn's class names and parameter names.
 *
 * <p>{@code SpatialResizeTask}: {@code resize_type} ({@code "new_size"}, {@code "scale_factors"},
 * {@code "resolution"}), {@code height_param}, {@code width_param}, {@code features} (default {@code "..."}),
 * {@code resize_method} ({@code "linear"} by default, {@code "nearest"}, {@code "cubic"}) and {@code resize_library}
 * (only {@code "cv2"}, the default).
 *
 * <p>Interpolation objects are named as in Python: {@code "numpy.interp"}, {@code "scipy.interpolate.interp1d"}
 * with {@code kind} (linear, slinear, nearest, previous, next, cubic), {@code "scipy.interpolate.CubicSpline"},
 * {@code "scipy.interpolate.make_interp_spline"} with {@code k} 1 or 3, {@code "scipy.interpolate.UnivariateSpline"}
 * with {@code k} 1 or 3 and {@code s = 0} (smoothing splines are not supported) and
 * {@code "scipy.interpolate.Akima1DInterpolator"}. {@code KrigingInterpolationTask} is not provided.
 *
 * @since 0.1
 */
public final class FeaturesTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public FeaturesTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("NormalizedDifferenceIndexTask", p -> {
            int[] bands = p.ints("bands");
            if (bands.length != 2) {
                throw p.error("bands", "must be two band indices, got " + bands.length);
            }
            return new NormalizedDifferenceIndexTask(p.feature("input_feature"), p.feature("output_feature"),
                    bands[0], bands[1], p.number("acorvi_constant", 0), number(p, "undefined_value", Double.NaN));
        });
        r.register("SpatialResizeTask", p -> {
            String library = p.string("resize_library", "cv2");
            if (!library.equals("cv2")) {
                throw p.error("resize_library", "must be \"cv2\"; the PIL backend is not available, got \""
                        + library + "\"");
            }
            SpatialResizeTask.ResizeType type;
            Resize.Method method;
            try {
                type = SpatialResizeTask.ResizeType.parse(p.string("resize_type", null));
            } catch (IllegalArgumentException e) {
                throw p.error("resize_type", e.getMessage());
            }
            try {
                method = Resize.Method.parse(p.string("resize_method", "linear"));
            } catch (IllegalArgumentException e) {
                throw p.error("resize_method", e.getMessage());
            }
            if (!p.has("height_param")) {
                throw p.error("height_param", "is required");
            }
            if (!p.has("width_param")) {
                throw p.error("width_param", "is required");
            }
            return new SpatialResizeTask(type, p.number("height_param", 0), p.number("width_param", 0),
                    p.features("features", FeatureSpec.all()), method);
        });
        r.register("SimpleFilterTask", p -> {
            FeatureSpec filtered = p.features("filter_features", FeatureSpec.all());
            JsonNode feature = p.raw("feature");
            String source = callable(p, "filter_func");
            if (feature.isTextual() && feature.asText().equals("timestamps")) {
                throw p.error("filter_func", "on timestamps cannot be given in JSON; use FilterTimeSeriesTask or "
                        + "the Java API");
            }
            return new SimpleFilterTask(p.feature("feature"), Callables.predicate(source), filtered);
        });
        r.register("WaterDetectionTask", p -> new WaterDetectionTask(p.feature("ndwi_feature"),
                p.feature("nominal_water_feature"), p.feature("water_mask_feature"), p.feature("water_level_feature"),
                p.has("threshold_feature") ? p.feature("threshold_feature") : null));
        r.register("FilterTimeSeriesTask", p -> new FilterTimeSeriesTask(date(p, "start_date"), date(p, "end_date"),
                p.features("filter_features", FeatureSpec.all())));
        r.register("InterpolationTask", p -> interpolation(p, object(p), false, objectName(p)));
        r.register("LinearInterpolationTask", p -> {
            p.bool("parallel", false); // always parallel here
            return interpolation(p, null, false, "numpy.interp");
        });
        r.register("CubicInterpolationTask", p -> interpolation(p, Interpolator.Kind.CUBIC, false, "interp1d"));
        r.register("AkimaInterpolationTask", p -> interpolation(p, Interpolator.Kind.AKIMA, false,
                "Akima1DInterpolator"));
        r.register("SplineInterpolationTask", p -> interpolation(p, spline(p, "spline_degree",
                p.number("smoothing_factor", 0)), false, "UnivariateSpline"));
        r.register("BSplineInterpolationTask", p -> interpolation(p, spline(p, "spline_degree", 0), false,
                "make_interp_spline"));
        r.register("ResamplingTask", p -> interpolation(p, resamplingObject(p), true, objectName(p)));
        r.register("NearestResamplingTask", p -> interpolation(p, Interpolator.Kind.NEAREST, true, "interp1d"));
        r.register("LinearResamplingTask", p -> interpolation(p, Interpolator.Kind.LINEAR, true, "interp1d"));
        r.register("CubicResamplingTask", p -> interpolation(p, Interpolator.Kind.CUBIC, true, "interp1d"));
    }

    /**
     * @param object the interpolation object's short name ({@code interp1d}, {@code make_interp_spline}, ...): what
     *               scipy checks and does outside the samples. interp1d's {@code bounds_error} (default: true, with
     *               the default NaN fill value) fails the task; make_interp_spline, CubicSpline and
     *               UnivariateSpline extrapolate; make_interp_spline and CubicSpline refuse infinite values.
     *               Resampling evaluates only inside the samples, so only the last applies there.
     */
    private static InterpolationTask interpolation(TaskParams p, Interpolator.Kind kind, boolean resampling,
            String object) {
        boolean interp1d = object.equals("interp1d");
        InterpolationTask.Builder b = InterpolationTask.builder(p.feature("feature"));
        if (kind != null) {
            if (resampling) {
                b.resampling(kind);
            } else {
                b.generic(kind);
            }
        }
        if (p.has("resample_range")) {
            b.resampleRange(range(p));
        }
        if (p.has("result_interval")) {
            JsonNode ri = p.raw("result_interval");
            if (!ri.isArray() || ri.size() != 2) {
                throw p.error("result_interval", "must be [min, max], got " + ri);
            }
            b.resultInterval(ri.get(0).asDouble(), ri.get(1).asDouble());
        }
        if (p.has("mask_feature")) {
            b.maskFeature(p.features("mask_feature"));
        }
        if (p.has("copy_features")) {
            b.copyFeatures(p.features("copy_features"));
        }
        b.unknownValue(number(p, "unknown_value", Double.NaN));
        if (p.has("filling_factor")) {
            b.fillingFactor(p.integer("filling_factor", 10));
        }
        if (p.has("scale_time")) {
            b.scaleTime(p.integer("scale_time", 3600));
        }
        b.interpolatePixelWise(p.bool("interpolate_pixel_wise", false));
        boolean boundsError = !p.has("bounds_error") || p.bool("bounds_error", true);
        b.boundsError(interp1d && !resampling && boundsError);
        b.extrapolate(!resampling && (object.equals("make_interp_spline") || object.equals("CubicSpline")
                || object.equals("UnivariateSpline")));
        b.requireFinite(object.equals("make_interp_spline") || object.equals("CubicSpline"));
        p.has("assume_sorted");
        p.has("copy");
        if (p.has("fill_value") && !isNan(p.raw("fill_value"))) {
            throw p.error("fill_value", "other than NaN is not supported");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw p.error("resample_range", e.getMessage());
        }
    }

    private static boolean isNan(JsonNode v) {
        return v.isTextual() && v.asText().equalsIgnoreCase("nan") || v.isNumber() && Double.isNaN(v.asDouble());
    }

    /**
     * The method of ResamplingTask's {@code interpolation_object}: eo-learn builds it with {@code axis=0}, which
     * {@code numpy.interp} and {@code UnivariateSpline} do not take (it fails with a TypeError), so they are refused.
     */
    private static Interpolator.Kind resamplingObject(TaskParams p) {
        String name = p.string("interpolation_object", "");
        String n = name.replace("scipy.interpolate.", "").replace("np.", "numpy.");
        if (n.equals("numpy.interp") || n.equals("UnivariateSpline")) {
            throw p.error("interpolation_object", "ResamplingTask calls it with axis=0, which " + name
                    + " does not take; use scipy.interpolate.interp1d, CubicSpline, make_interp_spline or "
                    + "Akima1DInterpolator");
        }
        return object(p);
    }

    private static String objectName(TaskParams p) {
        return p.string("interpolation_object", "").replace("scipy.interpolate.", "");
    }

    /** The method of an {@code interpolation_object} with its keyword arguments. */
    private static Interpolator.Kind object(TaskParams p) {
        String name = p.string("interpolation_object", null);
        if (name == null) {
            throw p.error("interpolation_object", "is required, e.g. \"scipy.interpolate.interp1d\"");
        }
        String n = name.replace("scipy.interpolate.", "").replace("np.", "numpy.");
        switch (n) {
            case "numpy.interp":
                return Interpolator.Kind.NP_INTERP;
            case "interp1d":
                try {
                    return Interpolator.Kind.ofInterp1d(p.string("kind", "linear"));
                } catch (IllegalArgumentException e) {
                    throw p.error("kind", e.getMessage());
                }
            case "CubicSpline":
                return Interpolator.Kind.CUBIC_SPLINE;
            case "Akima1DInterpolator":
                return Interpolator.Kind.AKIMA;
            case "make_interp_spline":
                return spline(p, "k", 0);
            case "UnivariateSpline":
                if (!p.has("s")) {
                    throw p.error("s", "must be given as 0: UnivariateSpline's default smoothing is not supported");
                }
                return spline(p, "k", p.number("s", 0));
            default:
                throw p.error("interpolation_object", "must be numpy.interp or scipy.interpolate's interp1d, "
                        + "CubicSpline, Akima1DInterpolator, make_interp_spline or UnivariateSpline, got " + name);
        }
    }

    private static Interpolator.Kind spline(TaskParams p, String degree, double smoothing) {
        if (smoothing != 0) {
            throw p.error("smoothing_factor", "must be 0: smoothing splines are not supported, got " + smoothing);
        }
        int k = p.integer(degree, 3);
        if (k == 1) {
            return Interpolator.Kind.LINEAR;
        }
        if (k == 3) {
            return Interpolator.Kind.CUBIC;
        }
        throw p.error(degree, "must be 1 or 3, got " + k);
    }

    private static ResampleRange range(TaskParams p) {
        JsonNode v = p.raw("resample_range");
        if (!v.isArray() || v.isEmpty()) {
            throw p.error("resample_range", "must be [start, end, step_days] or a list of dates, got " + v);
        }
        int step = v.size() == 3 && v.get(2).isIntegralNumber() ? p.intOf("resample_range", v.get(2), "step_days")
                : 0;
        try {
            if (v.size() == 3 && v.get(2).isIntegralNumber()) {
                return ResampleRange.of(v.get(0).asText(), v.get(1).asText(), step);
            }
            List<LocalDateTime> dates = new ArrayList<>();
            for (JsonNode d : v) {
                dates.add(ResampleRange.parse(d.asText()));
            }
            return new ResampleRange(dates);
        } catch (IllegalArgumentException e) {
            throw p.error("resample_range", e.getMessage());
        }
    }

    private static LocalDateTime date(TaskParams p, String name) {
        String text = p.string(name, null);
        if (text == null) {
            throw p.error(name, "is required (an ISO date or date-time)");
        }
        try {
            return ResampleRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw p.error(name, "is not an ISO date or date-time: '" + text + "'");
        }
    }

    private static String callable(TaskParams p, String name) {
        JsonNode v = p.raw(name);
        JsonNode source = v.isObject() ? v.get("callable") : v;
        if (source == null || !source.isTextual()) {
            throw p.error(name, "must be a Python lambda, e.g. {\"callable\": \"lambda frame: np.mean(frame) < 0.1\"}");
        }
        return source.asText();
    }

    private static double number(TaskParams p, String name, double defaultValue) {
        if (!p.has(name)) {
            return defaultValue;
        }
        JsonNode v = p.raw(name);
        if (v.isTextual()) {
            switch (v.asText().toLowerCase(Locale.ROOT)) {
                case "nan": return Double.NaN;
                case "infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default: throw p.error(name, "must be a number, got " + v);
            }
        }
        return p.number(name, defaultValue);
    }
}
