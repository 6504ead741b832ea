package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;

/**
 * Registers the Sentinel Hub input tasks under eo-learn's class names and parameter names; they use
 * {@link SentinelHubContext#defaultContext()}.
 *
 * <p>Process API tasks (eo-learn 1.5.6): {@code SentinelHubInputTask}, {@code SentinelHubEvalscriptTask},
 * {@code SentinelHubDemTask}. {@code data_collection} is a collection name ({@code "SENTINEL2_L1C"} or
 * {@code "DataCollection.SENTINEL2_L1C"}); {@code size} is {@code [w, h]}; {@code resolution} a number or
 * {@code [rx, ry]}; {@code time_difference} is in seconds (or an ISO-8601 duration); {@code additional_data} is a
 * feature list such as
 * {@code [["mask", "dataMask", "IS_DATA"], ["mask", "CLM"]]}; {@code bands_dtype} a numpy name;
 * {@code aux_request_args} a JSON object. {@code config}, {@code session_loader} and {@code timestamp_filter}
 * cannot be given in JSON.
 *
 * <p>OGC tasks (eo-learn 0.3.3): {@code SentinelHubWMSInput}/{@code SentinelHubWCSInput} (with
 * {@code data_source}), {@code S2L1CWMSInput}, {@code S2L1CWCSInput}, {@code S2L2AWMSInput}, {@code S2L2AWCSInput},
 * {@code L8L1CWMSInput}, {@code L8L1CWCSInput}, {@code S1IWWMSInput}, {@code S1IWWCSInput}, {@code DEMWMSInput},
 * {@code DEMWCSInput}, with {@code layer}, {@code feature}, {@code valid_data_mask_feature}, {@code width}/
 * {@code height} or {@code resx}/{@code resy}, {@code maxcc}, {@code image_format}, {@code custom_url_params}
 * (an object keyed by parameter name, e.g. {@code {"EvalScript": "return [B01]"}}) and {@code time_difference}.
 *
 * @since 0.1
 */
public final class SentinelHubTasks implements TaskProvider {

    private static final String MODULE = "eolearn-io";
    private static final String MAXCC = "the maximal cloud cover of an acquisition, in [0, 1]";
    private static final String TIME_DIFFERENCE = "acquisitions closer than this are one, in seconds or ISO-8601 "
            + "(\"PT1H\")";

    /**
     * The parameters of {@code SentinelHubEvalscriptTask} after {@code data_collection}, in its order; the DEM task
     * takes them too (as keyword arguments).
     */
    private static final String[] EVALSCRIPT_TASK_REST = {"size", "resolution", "maxcc", "time_difference",
        "mosaicking_order", "cache_folder", "config", "max_threads", "upsampling", "downsampling",
        "aux_request_args", "session_loader", "timestamp_filter"};

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public SentinelHubTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        TaskSchema.Builder input = process(TaskSchema.builder(MODULE, "SentinelHubInputTask", "Downloads bands "
                + "and additional data of a collection with the Process API, one request per acquisition."),
                "data_collection", "size", "resolution")
                .optional("bands_feature", Type.FEATURE, "None", "the DATA feature to store the bands in; None "
                        + "downloads no bands")
                .optional("bands", Type.LIST, "None", "the band names to download; None takes all the "
                        + "collection's bands")
                .optional("additional_data", Type.FEATURES, "None", "extra outputs such as dataMask or CLM, as "
                        + "[type, band] or [type, band, new_name] features")
                .optional("evalscript", Type.STRING, "None", "an evalscript to use instead of the generated one");
        input = process(input, "maxcc", "time_difference", "cache_folder", "config", "max_threads")
                .optional("bands_dtype", Type.DTYPE, "None", "the dtype of the bands; None keeps each band's "
                        + "own type")
                .optional("single_scene", Type.BOOLEAN, "False", "whether to mosaic the whole time interval "
                        + "into one image");
        r.register(process(input, "mosaicking_order", "upsampling", "downsampling", "aux_request_args",
                "session_loader", "timestamp_filter").build(), p -> {
            ProcessSettings s = settings(p, null);
            SentinelHubInputTask.Builder b = SentinelHubInputTask.builder(s);
            if (p.has("bands_feature")) {
                b.bandsFeature(p.feature("bands_feature"));
            }
            if (p.has("bands")) {
                b.bands(p.strings("bands"));
            }
            if (p.has("additional_data")) {
                b.additionalData(p.featureList("additional_data"));
            }
            b.evalscript(opt(p, "evalscript"));
            b.bandsDtype(p.dtype("bands_dtype", null));
            b.singleScene(p.bool("single_scene", false));
            return b.build();
        });
        r.register(process(process(TaskSchema.builder(MODULE, "SentinelHubEvalscriptTask", "Downloads the "
                + "outputs of an evalscript with the Process API into features named like the outputs.")
                .required("features", Type.FEATURES, "the features to fill, each named like an output of the "
                        + "evalscript (META_INFO gets userdata)")
                .required("evalscript", Type.STRING, "the evalscript of the request"),
                "data_collection"), EVALSCRIPT_TASK_REST).build(), p -> {
            ProcessSettings s = settings(p, null);
            String script = p.string("evalscript", null);
            return new SentinelHubEvalscriptTask(s, p.featureList("features"), script);
        });
        r.register(process(TaskSchema.builder(MODULE, "SentinelHubDemTask", "Downloads a DEM collection's "
                + "elevation band with the Process API into a DATA_TIMELESS feature.")
                .optional("feature", Type.ANY, "None", "the output: a name, or a timeless [type, name] feature; "
                        + "None uses the DEM band's name")
                .optional("data_collection", Type.STRING, "DataCollection.DEM", "the DEM collection, such as "
                        + "\"DEM\" or \"DEM_COPERNICUS_30\""),
                EVALSCRIPT_TASK_REST).build(), p -> {
            ProcessSettings s = settings(p, SentinelHubDemTask.DEFAULT_DATA_COLLECTION);
            SentinelHubDemTask.Builder b = SentinelHubDemTask.builder(s);
            if (p.has("feature")) {
                JsonNode raw = p.raw("feature");
                // a name, or a timeless feature whose (new) name is the output name
                if (raw.isTextual()) {
                    b.feature(raw.asText());
                } else {
                    b.feature(p.feature("feature"));
                }
            }
            return b.build();
        });
        r.register(ogcSchema("SentinelHubWMSInput", SentinelHubOGCInput.ServiceType.WMS, null),
                p -> ogc(p, SentinelHubOGCInput.ServiceType.WMS, null));
        r.register(ogcSchema("SentinelHubWCSInput", SentinelHubOGCInput.ServiceType.WCS, null),
                p -> ogc(p, SentinelHubOGCInput.ServiceType.WCS, null));
        Map<String, DataSource> prefixes = new LinkedHashMap<>();
        prefixes.put("S2L1C", DataSource.SENTINEL2_L1C);
        prefixes.put("S2L2A", DataSource.SENTINEL2_L2A);
        prefixes.put("L8L1C", DataSource.LANDSAT8);
        prefixes.put("S1IW", DataSource.SENTINEL1_IW);
        prefixes.put("DEM", DataSource.DEM);
        prefixes.forEach((prefix, source) -> {
            r.register(ogcSchema(prefix + "WMSInput", SentinelHubOGCInput.ServiceType.WMS, source),
                    p -> ogc(p, SentinelHubOGCInput.ServiceType.WMS, source));
            r.register(ogcSchema(prefix + "WCSInput", SentinelHubOGCInput.ServiceType.WCS, source),
                    p -> ogc(p, SentinelHubOGCInput.ServiceType.WCS, source));
        });
    }

    /**
     * Adds parameters the Process API tasks share (read by {@link #settings}), each declared here once, in the order
     * given.
     */
    private static TaskSchema.Builder process(TaskSchema.Builder b, String... names) {
        for (String name : names) {
            switch (name) {
                case "data_collection" -> b.required(name, Type.STRING, "the collection to download, such as "
                        + "\"SENTINEL2_L1C\" (or \"DataCollection.SENTINEL2_L1C\")");
                case "size" -> b.optional(name, Type.LIST, "None", "[width, height] in pixels; give this or "
                        + "'resolution'");
                case "resolution" -> b.optional(name, Type.ANY, "None", "metres per pixel, a number or [x, y]; "
                        + "give this or 'size'");
                case "maxcc" -> b.optional(name, Type.NUMBER, "None", MAXCC);
                case "time_difference" -> b.optional(name, Type.ANY, "None", TIME_DIFFERENCE + "; None is 1 s");
                case "mosaicking_order" -> b.choice(name, "None", "which acquisition the service puts on top "
                        + "when mosaicking", "mostRecent", "leastRecent", "leastCC",
                        "MOST_RECENT", "LEAST_RECENT", "LEAST_CC");
                case "cache_folder" -> b.optional(name, Type.PATH, "None", "a folder to cache the responses in; "
                        + "None caches nothing");
                case "config" -> b.optional(name, Type.OBJECT, "None", "an SHConfig; only null is accepted (the "
                        + "service comes from SentinelHubContext)");
                case "max_threads" -> b.optional(name, Type.INTEGER, "None", "the most downloads at a time");
                case "upsampling", "downsampling" -> b.choice(name, "None", "the " + name + " method the service "
                        + "applies (any case)", "NEAREST", "BILINEAR", "BICUBIC");
                case "aux_request_args" -> b.optional(name, Type.OBJECT, "None", "extra fields for the "
                        + "request's input data, such as {\"processing\": {...}}");
                case "session_loader" -> b.optional(name, Type.CALLABLE, "None", "a callable sharing a session; "
                        + "only null is accepted (SentinelHubContext has the session)");
                case "timestamp_filter" -> b.optional(name, Type.CALLABLE, "filter_times", "filters the found "
                        + "acquisitions; only null is accepted (always filter_times)");
                default -> throw new IllegalArgumentException("no shared Process API parameter " + name);
            }
        }
        return b;
    }

    /**
     * The schema of an OGC task of eo-learn 0.3.3: {@code layer}, {@code data_source} unless the task fixes it, the
     * size ({@code width}/{@code height} for WMS, {@code resx}/{@code resy} for WCS; the DEM tasks take
     * {@code feature} before it), then the keyword arguments of {@code SentinelHubOGCInput}.
     */
    private static TaskSchema ogcSchema(String name, SentinelHubOGCInput.ServiceType type, DataSource fixed) {
        boolean wms = type == SentinelHubOGCInput.ServiceType.WMS;
        boolean dem = fixed == DataSource.DEM;
        String what = fixed == null ? "a layer of the Sentinel Hub instance" : switch (fixed) {
            case SENTINEL2_L2A -> "a Sentinel-2 L2A layer";
            case LANDSAT8 -> "a Landsat 8 L1C layer";
            case SENTINEL1_IW -> "a Sentinel-1 IW GRD layer";
            case DEM -> "a DEM layer";
            default -> "a Sentinel-2 L1C layer";
        };
        TaskSchema.Builder b = TaskSchema.builder(MODULE, name, "Downloads " + what + (dem ? "" : " per "
                + "acquisition") + " with OGC " + (wms ? "WMS GetMap" : "WCS GetCoverage")
                + (dem ? " into a DATA_TIMELESS feature" : "") + " (eo-learn 0.3.3).")
                .required("layer", Type.STRING, "the layer of the instance to download");
        if (fixed == null) {
            b.choice("data_source", "None", "the 2018 data source (also \"DataSource.X\", any case); None is "
                    + "SENTINEL2_L1C", "SENTINEL2_L1C", "SENTINEL2_L2A", "SENTINEL1_IW", "SENTINEL1_EW",
                    "SENTINEL1_EW_SH", "DEM", "MODIS", "LANDSAT8");
        }
        String feature = "the output: a name or a [type, name] feature; None is ";
        if (dem) {
            b.optional("feature", Type.ANY, "None", feature + "(DATA_TIMELESS, layer)");
        }
        if (wms) {
            b.optional("width", Type.INTEGER, "None", "the image width in pixels; None derives it from 'height'")
                    .optional("height", Type.INTEGER, "None", "the image height in pixels; None derives it from "
                            + "'width'");
        } else {
            b.optional("resx", Type.STRING, "None", "the x resolution, such as \"20m\"; None is 10m here")
                    .optional("resy", Type.STRING, "None", "the y resolution, such as \"20m\"; None is 10m here");
        }
        if (!dem) {
            b.optional("feature", Type.ANY, "None", feature + "(DATA, layer)");
        }
        return b.optional("valid_data_mask_feature", Type.ANY, "'IS_DATA'", "where the valid-data mask goes: a "
                        + "MASK name or a [type, name] feature")
                .optional("maxcc", Type.NUMBER, "None", MAXCC + "; None is 1.0")
                .optional("image_format", Type.STRING, "MimeType.TIFF_d32f", "the response format, a MIME type "
                        + "(\"image/png\") or a name (\"png\")")
                .optional("instance_id", Type.STRING, "None", "the OGC instance; only null is accepted (it comes "
                        + "from SentinelHubContext)")
                .optional("custom_url_params", Type.OBJECT, "None", "extra URL parameters by name, such as "
                        + "{\"EvalScript\": \"return [B01]\"}")
                .optional("time_difference", Type.ANY, "None", TIME_DIFFERENCE + "; None is -1 s (keep all)")
                .optional("raise_download_errors", Type.BOOLEAN, "True", "accepted for eo-learn compatibility "
                        + "and ignored (a failed download is an error)")
                .build();
    }

    /** The shared settings; {@code defaultCollection} is the task's default, null when the collection is required. */
    private static ProcessSettings settings(TaskParams p, DataCollection defaultCollection) {
        SentinelHubContext ctx = SentinelHubContext.defaultContext();
        DataCollection c;
        if (!p.has("data_collection")) {
            if (defaultCollection == null) {
                throw p.error("data_collection", "is required, e.g. \"SENTINEL2_L1C\"");
            }
            c = defaultCollection;
        } else {
            try {
                c = DataCollection.valueOf(p.string("data_collection", null));
            } catch (IllegalArgumentException e) {
                throw p.error("data_collection", e.getMessage());
            }
        }
        ProcessSettings s = ProcessSettings.of(ctx, c);
        boolean hasSize = p.has("size");
        boolean hasRes = p.has("resolution");
        if (hasSize == hasRes) {
            throw p.error(hasSize ? "resolution" : "size", "exactly one of 'size' and 'resolution' should be given");
        }
        if (hasSize) {
            int[] wh = p.ints("size");
            if (wh.length != 2) {
                throw p.error("size", "must be [width, height]");
            }
            s = s.withSize(wh[0], wh[1]);
        } else {
            JsonNode res = p.raw("resolution");
            if (res.isArray() && res.size() == 2) {
                s = s.withResolution(res.get(0).asDouble(), res.get(1).asDouble());
            } else if (res.isNumber()) {
                s = s.withResolution(res.asDouble(), res.asDouble());
            } else {
                throw p.error("resolution", "must be a number or [resx, resy], got " + res);
            }
        }
        if (p.has("maxcc")) {
            s = s.withMaxcc(p.number("maxcc", 1));
        }
        if (p.has("time_difference")) {
            s = s.withTimeDifference(p.duration("time_difference"));
        }
        if (p.has("mosaicking_order")) {
            try {
                s = s.withMosaickingOrder(MosaickingOrder.parse(p.string("mosaicking_order", null)));
            } catch (IllegalArgumentException e) {
                throw p.error("mosaicking_order", e.getMessage());
            }
        }
        ResamplingType up = p.has("upsampling") ? ResamplingType.parse(p.string("upsampling", null)) : null;
        ResamplingType down = p.has("downsampling") ? ResamplingType.parse(p.string("downsampling", null)) : null;
        ObjectNode aux = null;
        if (p.has("aux_request_args")) {
            JsonNode a = p.raw("aux_request_args");
            if (!a.isObject()) {
                throw p.error("aux_request_args", "must be a JSON object");
            }
            aux = (ObjectNode) a;
        }
        s = s.withRequestOptions(up, down, aux);
        String cache = opt(p, "cache_folder");
        Integer threads = p.has("max_threads") ? p.integer("max_threads", 1) : null;
        s = s.withDownloadOptions(cache == null ? null : Path.of(cache), threads);
        for (String unsupported : List.of("config", "session_loader", "timestamp_filter")) {
            if (p.has(unsupported)) {
                throw p.error(unsupported, "cannot be given in JSON; use the Java API and SentinelHubContext");
            }
        }
        return s;
    }

    private static String opt(TaskParams p, String name) {
        return p.has(name) ? p.string(name, null) : null;
    }

    private static SentinelHubOGCInput ogc(TaskParams p, SentinelHubOGCInput.ServiceType type, DataSource fixed) {
        SentinelHubContext ctx = SentinelHubContext.defaultContext();
        String layer = p.string("layer", null);
        DataSource source = fixed;
        if (fixed == null && p.has("data_source")) {
            try {
                source = DataSource.parse(p.string("data_source", null));
            } catch (IllegalArgumentException e) {
                throw p.error("data_source", e.getMessage());
            }
        }
        SentinelHubOGCInput task;
        if (type == SentinelHubOGCInput.ServiceType.WMS) {
            task = SentinelHubOGCInput.wms(ctx, layer, source, p.has("width") ? p.integer("width", 0) : null,
                    p.has("height") ? p.integer("height", 0) : null);
        } else {
            task = SentinelHubOGCInput.wcs(ctx, layer, source, opt(p, "resx"), opt(p, "resy"));
        }
        if (p.has("maxcc")) {
            task = task.withMaxcc(p.number("maxcc", 1));
        }
        Feature feature = null;
        if (p.has("feature")) {
            JsonNode raw = p.raw("feature");
            feature = raw.isTextual() ? Feature.of(fixed == DataSource.DEM ? FeatureType.DATA_TIMELESS
                    : FeatureType.DATA, raw.asText()) : p.feature("feature");
        } else if (fixed == DataSource.DEM) {
            feature = Feature.of(FeatureType.DATA_TIMELESS, layer);
        }
        Feature mask = null;
        if (p.has("valid_data_mask_feature")) {
            JsonNode raw = p.raw("valid_data_mask_feature");
            mask = raw.isTextual() ? Feature.of(FeatureType.MASK, raw.asText()) : p.feature("valid_data_mask_feature");
        }
        if (feature != null || mask != null) {
            task = task.withFeatures(feature == null ? Feature.of(FeatureType.DATA, layer) : feature, mask);
        }
        if (p.has("custom_url_params")) {
            JsonNode c = p.raw("custom_url_params");
            if (!c.isObject()) {
                throw p.error("custom_url_params", "must be an object keyed by parameter name");
            }
            Map<CustomUrlParam, Object> params = new LinkedHashMap<>();
            c.properties().forEach(e -> params.put(CustomUrlParam.parse(e.getKey()),
                    TaskRegistry.toJava(e.getValue())));
            task = task.withCustomUrlParams(params);
        }
        MimeType format = p.has("image_format") ? MimeType.parse(p.string("image_format", null)) : null;
        Duration diff = p.has("time_difference") ? p.duration("time_difference") : null;
        if (format != null || diff != null) {
            task = task.withFormat(format, diff);
        }
        p.bool("raise_download_errors", true);
        if (p.has("instance_id")) {
            throw p.error("instance_id", "comes from the SentinelHubContext; it cannot be given per task");
        }
        return task;
    }
}
