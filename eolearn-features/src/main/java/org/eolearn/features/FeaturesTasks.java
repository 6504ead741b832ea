package org.eolearn.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.Callables;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.eolearn.features.interpolation.InterpolationTask;
import org.eolearn.features.interpolation.Interpolator;
import org.eolearn.features.interpolation.ResampleRange;

/**
 * Registers eolearn-features' tasks under eo-learn's class names and parameter names, each with its schema (its
 * parameters, their defaults and meanings: {@code eolearn task NAME --help}).
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

    private static final String MODULE = "eolearn-features";
    private static final String EXTENSION = " (this project's extension)";
    private static final String NON_FINITE = "(a number, \"nan\", \"inf\" or \"-inf\")";
    private static final String FILTER_FEATURES = "the features to filter into the new EOPatch";
    private static final String SPLINE_DEGREE = "spline degree: 1 or 3";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public FeaturesTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "NormalizedDifferenceIndexTask",
                        "Computes the normalized difference (A - B + c) / (A + B + c) of two bands of a feature.")
                .required("input_feature", Type.FEATURE, "the feature to take the two bands from")
                .required("output_feature", Type.FEATURE, "the feature to write the index to")
                .required("bands", Type.LIST, "the indices [A, B] of the two bands")
                .optional("acorvi_constant", Type.NUMBER, "0", "the constant c added to numerator and denominator")
                .optional("undefined_value", Type.NUMBER, "np.nan", "the value of non-finite results " + NON_FINITE)
                .build(), p -> {
                    int[] bands = p.ints("bands");
                    if (bands.length != 2) {
                        throw p.error("bands", "must be two band indices, got " + bands.length);
                    }
                    NormalizedDifferenceIndexTask.Builder b = NormalizedDifferenceIndexTask.builder(
                            p.feature("input_feature"), p.feature("output_feature"), bands[0], bands[1]);
                    if (p.has("acorvi_constant")) {
                        b.acorviConstant(p.number("acorvi_constant", 0));
                    }
                    if (p.has("undefined_value")) {
                        b.undefinedValue(p.number("undefined_value", Double.NaN));
                    }
                    return b.build();
                });
        r.register(TaskSchema.builder(MODULE, "SpatialResizeTask",
                        "Resizes the spatial raster features of an EOPatch to a size, by factors or to a resolution.")
                .choice("resize_type", null, "how height_param and width_param are read", "new_size",
                        "scale_factors", "resolution")
                .required("height_param", Type.NUMBER, "the new height, its scale factor or its resolution")
                .required("width_param", Type.NUMBER, "the new width, its scale factor or its resolution")
                .optional("features", Type.FEATURES, "...", "the features to resize (spatial arrays), maybe renamed")
                .choice("resize_method", "'linear'", "how values are resampled", "nearest", "linear", "cubic")
                .choice("resize_library", "'cv2'", "the resizing library: only OpenCV (PIL is not available)", "cv2")
                .build(), p -> {
                    SpatialResizeTask.ResizeType type;
                    try {
                        type = SpatialResizeTask.ResizeType.parse(p.string("resize_type", null));
                    } catch (IllegalArgumentException e) {
                        throw p.error("resize_type", e.getMessage());
                    }
                    if (!p.has("height_param")) {
                        throw p.error("height_param", "is required");
                    }
                    if (!p.has("width_param")) {
                        throw p.error("width_param", "is required");
                    }
                    SpatialResizeTask.Builder b = SpatialResizeTask.builder(type, p.number("height_param", 0),
                            p.number("width_param", 0));
                    if (p.has("features")) {
                        b.features(p.features("features"));
                    }
                    if (p.has("resize_method")) {
                        try {
                            b.resizeMethod(Resize.Method.parse(p.string("resize_method", null)));
                        } catch (IllegalArgumentException e) {
                            throw p.error("resize_method", e.getMessage());
                        }
                    }
                    if (p.has("resize_library")) {
                        try {
                            b.resizeLibrary(p.string("resize_library", null));
                        } catch (IllegalArgumentException e) {
                            throw p.error("resize_library", e.getMessage());
                        }
                    }
                    return b.build();
                });
        r.register(TaskSchema.builder(MODULE, "SimpleFilterTask",
                        "Keeps the frames of the temporal features for which a predicate on a feature's frame is true.")
                .required("feature", Type.FEATURE, "the temporal array feature whose frames are tested "
                        + "(\"timestamps\" is refused in JSON)")
                .required("filter_func", Type.CALLABLE, "a Python lambda of one frame returning a bool, as "
                        + "{\"callable\": \"lambda f: ...\"}")
                .optional("filter_features", Type.FEATURES, "...", FILTER_FEATURES)
                .build(), p -> {
                    FeatureSpec filtered = p.has("filter_features") ? p.features("filter_features") : null;
                    JsonNode feature = p.raw("feature");
                    String source = p.callable("filter_func");
                    if (feature.isTextual() && feature.asText().equals("timestamps")) {
                        throw p.error("filter_func", "on timestamps cannot be given in JSON; use "
                                + "FilterTimeSeriesTask or the Java API");
                    }
                    SimpleFilterTask.Builder b = SimpleFilterTask.builder(p.feature("feature"),
                            Callables.predicate(source));
                    if (filtered != null) {
                        b.filterFeatures(filtered);
                    }
                    return b.build();
                });
        r.register(TaskSchema.builder(MODULE, "WaterDetectionTask",
                        "Detects water per frame by Otsu's threshold of a water index inside the nominal water extent, "
                        + "as eo-learn's water-monitor example does.")
                .required("ndwi_feature", Type.FEATURE, "the DATA water index (t, h, w, 1)" + EXTENSION)
                .required("nominal_water_feature", Type.FEATURE, "the MASK_TIMELESS nominal water extent" + EXTENSION)
                .required("water_mask_feature", Type.FEATURE, "the MASK to write the water to" + EXTENSION)
                .required("water_level_feature", Type.FEATURE, "the SCALAR to write the water fraction of the "
                        + "nominal extent to" + EXTENSION)
                .optional("threshold_feature", Type.FEATURE, "None", "the SCALAR to write the thresholds to, if any"
                        + EXTENSION)
                .build(), p -> {
                    WaterDetectionTask.Builder b = WaterDetectionTask.builder(p.feature("ndwi_feature"),
                            p.feature("nominal_water_feature"), p.feature("water_mask_feature"),
                            p.feature("water_level_feature"));
                    if (p.has("threshold_feature")) {
                        b.thresholdFeature(p.feature("threshold_feature"));
                    }
                    return b.build();
                });
        r.register(TaskSchema.builder(MODULE, "FilterTimeSeriesTask",
                        "Keeps the frames whose timestamps lie between two dates, both included.")
                .required("start_date", Type.DATE, "the first date to keep")
                .required("end_date", Type.DATE, "the last date to keep")
                .optional("filter_features", Type.FEATURES, "...", FILTER_FEATURES)
                .build(), p -> {
                    FilterTimeSeriesTask.Builder b = FilterTimeSeriesTask.builder(date(p, "start_date"),
                            date(p, "end_date"));
                    if (p.has("filter_features")) {
                        b.filterFeatures(p.features("filter_features"));
                    }
                    return b.build();
                });
        r.register(interpolationSchema("InterpolationTask", "Fills NaN and masked values of a feature along time, "
                        + "maybe at new dates, with numpy.interp or scipy.interpolate's interp1d, CubicSpline, "
                        + "Akima1DInterpolator, make_interp_spline or UnivariateSpline.", Family.INTERPOLATION_BY_NAME,
                        UnaryOperator.identity()),
                p -> interpolation(p, interpolationObject(p), false, objectName(p)));
        r.register(interpolationSchema("LinearInterpolationTask", "Fills NaN and masked values of a feature linearly "
                        + "along time (numpy.interp), maybe at new dates.", Family.INTERPOLATION,
                        b -> b.optional("parallel", Type.BOOLEAN, "False", "numba's parallel run: accepted and "
                                + "ignored (always parallel here)")),
                p -> {
                    p.bool("parallel", false); // always parallel here
                    return interpolation(p, null, false, "numpy.interp");
                });
        r.register(interpolationSchema("CubicInterpolationTask", "Fills NaN and masked values of a feature along "
                        + "time with cubic interp1d, maybe at new dates (deprecated in eo-learn).",
                        Family.INTERPOLATION, UnaryOperator.identity()),
                p -> interpolation(p, Interpolator.Kind.CUBIC, false, "interp1d"));
        r.register(interpolationSchema("AkimaInterpolationTask", "Fills NaN and masked values of a feature along "
                        + "time with Akima1DInterpolator, maybe at new dates (deprecated in eo-learn).",
                        Family.INTERPOLATION, UnaryOperator.identity()),
                p -> interpolation(p, Interpolator.Kind.AKIMA, false, "Akima1DInterpolator"));
        r.register(interpolationSchema("SplineInterpolationTask", "Fills NaN and masked values of a feature along "
                        + "time with an interpolating UnivariateSpline, maybe at new dates (deprecated in eo-learn).",
                        Family.INTERPOLATION, b -> b
                                .optional("spline_degree", Type.INTEGER, "3", "the " + SPLINE_DEGREE)
                                .optional("smoothing_factor", Type.NUMBER, "0", "the smoothing factor: only 0 (an "
                                        + "interpolating spline) is supported")),
                p -> interpolation(p, spline(p, "spline_degree", p.number("smoothing_factor", 0)), false,
                        "UnivariateSpline"));
        r.register(interpolationSchema("BSplineInterpolationTask", "Fills NaN and masked values of a feature along "
                        + "time with make_interp_spline, maybe at new dates (deprecated in eo-learn).",
                        Family.INTERPOLATION,
                        b -> b.optional("spline_degree", Type.INTEGER, "3", "the " + SPLINE_DEGREE)),
                p -> interpolation(p, spline(p, "spline_degree", 0), false, "make_interp_spline"));
        r.register(interpolationSchema("ResamplingTask", "Resamples a feature without missing values to new dates "
                        + "with scipy.interpolate's interp1d, CubicSpline, Akima1DInterpolator or make_interp_spline.",
                        Family.RESAMPLING_BY_NAME, UnaryOperator.identity()),
                p -> interpolation(p, resamplingObject(p), true, objectName(p)));
        r.register(interpolationSchema("NearestResamplingTask", "Resamples a feature without missing values to new "
                        + "dates with nearest interp1d (deprecated in eo-learn).", Family.RESAMPLING,
                        UnaryOperator.identity()),
                p -> interpolation(p, Interpolator.Kind.NEAREST, true, "interp1d"));
        r.register(interpolationSchema("LinearResamplingTask", "Resamples a feature without missing values to new "
                        + "dates with linear interp1d (deprecated in eo-learn).", Family.RESAMPLING,
                        UnaryOperator.identity()),
                p -> interpolation(p, Interpolator.Kind.LINEAR, true, "interp1d"));
        r.register(interpolationSchema("CubicResamplingTask", "Resamples a feature without missing values to new "
                        + "dates with cubic interp1d (deprecated in eo-learn).", Family.RESAMPLING,
                        UnaryOperator.identity()),
                p -> interpolation(p, Interpolator.Kind.CUBIC, true, "interp1d"));
    }

    /** Which of eo-learn's interpolation task families a schema is for. */
    private enum Family {
        /** InterpolationTask's subclasses with a fixed interpolation object. */
        INTERPOLATION(false, false),
        /** InterpolationTask itself, whose object is named. */
        INTERPOLATION_BY_NAME(false, true),
        /** ResamplingTask's subclasses with a fixed interpolation object. */
        RESAMPLING(true, false),
        /** ResamplingTask itself, whose object is named. */
        RESAMPLING_BY_NAME(true, true);

        private final boolean resampling;
        private final boolean byName;

        Family(boolean resampling, boolean byName) {
            this.resampling = resampling;
            this.byName = byName;
        }
    }

    /**
     * The schema of an interpolation task, as {@link #interpolation} reads it, in eo-learn's order: the feature, the
     * named object, the task's own parameters ({@code own}), InterpolationTask's keywords (ResamplingTask takes
     * resample_range, result_interval and unknown_value itself and hands the others on to InterpolationTask), then
     * the keyword arguments of the interpolation object.
     */
    private static TaskSchema interpolationSchema(String name, String summary, Family family,
            UnaryOperator<TaskSchema.Builder> own) {
        TaskSchema.Builder b = TaskSchema.builder(MODULE, name, summary)
                .required("feature", Type.FEATURE, "the DATA or MASK feature to interpolate, maybe with a new name");
        if (family.byName) {
            b.required("interpolation_object", Type.CALLABLE, "the interpolation function or class by name, such "
                    + "as \"scipy.interpolate.interp1d\"");
        }
        own.apply(b);
        String range = "the dates to resample to: [start, end, step_days] or a list of ISO dates";
        if (family.resampling) {
            b.required("resample_range", Type.LIST, range);
        } else {
            b.optional("resample_range", Type.LIST, "None", range + " (None: keep them)");
        }
        b.optional("result_interval", Type.LIST, "None", "the interval [min, max] to clip the results to");
        if (!family.resampling) {
            masking(b);
        }
        b.optional("unknown_value", Type.NUMBER, "np.nan", "the value where nothing can be interpolated "
                + NON_FINITE);
        if (family.resampling) {
            masking(b);
        }
        b.optional("filling_factor", Type.INTEGER, "10", "the factor (> 1) of the time gap between the series of "
                        + "pixels")
                .optional("scale_time", Type.INTEGER, "3600", "seconds per unit of time, e.g. 3600 for hours")
                .optional("interpolate_pixel_wise", Type.BOOLEAN, "False", "one interpolation per pixel instead of "
                        + "one for the whole image");
        if (family.byName) {
            b.choice("kind", "'linear'", "interp1d's kind of interpolation", "linear", "slinear", "nearest",
                    "previous", "next", "cubic");
        }
        b.optional("copy", Type.BOOLEAN, "True", "interp1d's copying of the samples: accepted and ignored")
                .optional("bounds_error", Type.BOOLEAN, "None", "interp1d only: fail on times outside the samples "
                        + "(None means true, fill_value being NaN)")
                .optional("fill_value", Type.NUMBER, "np.nan", "interp1d's value outside the samples: only NaN "
                        + "(\"nan\") is supported")
                .optional("assume_sorted", Type.BOOLEAN, "False", "interp1d's promise of sorted samples: accepted "
                        + "and ignored");
        if (family.byName) {
            b.optional("k", Type.INTEGER, "3", "make_interp_spline's or UnivariateSpline's " + SPLINE_DEGREE)
                    .optional("s", Type.NUMBER, "None", "UnivariateSpline's smoothing factor: must be given, as 0 "
                            + "(smoothing is not supported)");
        }
        return b.build();
    }

    /** InterpolationTask's mask_feature and copy_features. */
    private static void masking(TaskSchema.Builder b) {
        b.optional("mask_feature", Type.FEATURES, "None", "masks (MASK, MASK_TIMELESS or LABEL) whose false pixels "
                        + "count as missing")
                .optional("copy_features", Type.FEATURES, "None", "features copied into the resampled EOPatch, maybe "
                        + "renamed");
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
        b.unknownValue(p.number("unknown_value", Double.NaN));
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

    /**
     * InterpolationTask's object: as {@link #object}, except that interp1d's linear kind is numpy.interp there.
     * eo-learn gives it one-dimensional float64 series (its merged data is float64), for which scipy's interp1d
     * delegates the linear kind to numpy.interp: a sample's own position gives the sample exactly, also next to an
     * infinite one, where interp1d's own formula gives NaN. ResamplingTask passes a two-dimensional array, which
     * keeps interp1d's formula.
     */
    private static Interpolator.Kind interpolationObject(TaskParams p) {
        Interpolator.Kind kind = object(p);
        boolean linearInterp1d = objectName(p).equals("interp1d") && p.string("kind", "linear")
                .equalsIgnoreCase("linear");
        return kind == Interpolator.Kind.LINEAR && linearInterp1d ? Interpolator.Kind.NP_INTERP : kind;
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
            return Interpolator.Kind.SLINEAR;
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

}
