package org.eolearn.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.io.Compression;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;

/**
 * Registers eolearn-core's tasks under eo-learn's class names, with eo-learn's parameter names.
 *
 * @since 0.1
 */
public final class CoreTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public CoreTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("CopyTask", p -> new CopyTask(p.features("features", FeatureSpec.all()), p.bool("deep", false),
                p.autoBool("copy_timestamps")));
        r.register("DeepCopyTask", p -> {
            // eo-learn's deprecated DeepCopyTask takes CopyTask's arguments but always copies deeply, with the
            // "auto" timestamps rule: deep and copy_timestamps are read and have no effect
            p.bool("deep", false);
            p.autoBool("copy_timestamps");
            return new CopyTask(p.features("features", FeatureSpec.all()), true, null);
        });
        r.register("SaveTask", p -> {
            if (p.has("compress_level") && !p.raw("compress_level").isNull()) {
                // eo-learn 1.5.6 accepts it, warns that it is deprecated and ignores it (data is always compressed)
                p.intOf("compress_level", p.raw("compress_level"), "the compression level");
            }
            SaveOptions o = SaveOptions.defaults().withFeatures(p.features("features", FeatureSpec.all()))
                    .withOverwrite(p.has("overwrite_permission") ? overwrite(p) : OverwritePermission.ADD_ONLY)
                    .withSaveTimestamps(p.autoBool("save_timestamps"));
            if (p.has("compress")) {
                o = o.withCompress(p.bool("compress", true));
            }
            if (p.has("compression")) {
                String c = p.string("compression", null);
                try {
                    o = o.withCompression(Compression.valueOf(c.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw p.error("compression", "'" + c + "' is not one of "
                            + java.util.Arrays.toString(Compression.values()));
                }
            }
            return new SaveTask(p.path("path"), o);
        });
        r.register("LoadTask", p -> new LoadTask(p.path("path"), LoadOptions.defaults()
                .withFeatures(p.features("features", FeatureSpec.all())).withLazy(p.bool("lazy_loading", false))
                .withLoadTimestamps(p.autoBool("load_timestamps"))));
        r.register("AddFeatureTask", p -> new AddFeatureTask(p.feature("feature")));
        r.register("RemoveFeatureTask", p -> new RemoveFeatureTask(p.features("features")));
        r.register("RenameFeatureTask", p -> new RenameFeatureTask(p.features("features")));
        r.register("DuplicateFeatureTask", p -> new DuplicateFeatureTask(p.features("features"),
                p.bool("deep_copy", false)));
        r.register("InitializeFeatureTask", p -> {
            FeatureSpec features = p.features("features");
            double init = p.number("init_value", 0);
            DType dtype = p.dtype("dtype", DType.UINT8);
            JsonNode shape = p.raw("shape");
            if (shape.isArray() && (shape.isEmpty() || !shape.get(0).isTextual())) {
                long[] s = p.longs("shape");
                try {
                    return new InitializeFeatureTask(features, s, init, dtype);
                } catch (IllegalArgumentException e) {
                    throw p.error(e.getMessage().startsWith("shape ") ? "shape" : "init_value", e.getMessage());
                }
            }
            return new InitializeFeatureTask(features, p.feature("shape"), init, dtype);
        });
        r.register("MoveFeatureTask", p -> new MoveFeatureTask(p.features("features"), p.bool("deep_copy", false)));
        r.register("TemporalSubsetTask", p -> {
            if (!p.has("timestamps")) {
                return new TemporalSubsetTask();
            }
            JsonNode ts = p.raw("timestamps");
            if (!ts.isArray()) {
                throw p.error("timestamps", "must be a list of frame indices or of ISO dates, got "
                        + TaskParams.describe(ts));
            }
            if (ts.size() > 0 && ts.get(0).isNumber()) {
                return new TemporalSubsetTask(p.ints("timestamps"));
            }
            java.util.List<java.time.LocalDateTime> dates = new java.util.ArrayList<>();
            int i = 0;
            for (JsonNode t : ts) {
                if (!t.isTextual()) {
                    throw p.error("timestamps", "must be a list of frame indices or of ISO dates, but item " + i
                            + " is " + TaskParams.describe(t));
                }
                try {
                    dates.add(ParamValues.dateTime(t.asText(), "item " + i));
                } catch (IllegalArgumentException e) {
                    throw p.error("timestamps", e.getMessage());
                }
                i++;
            }
            return new TemporalSubsetTask(dates);
        });
        r.register("MapFeatureTask", p -> new MapFeatureTask(p.features("input_features"),
                p.features("output_features"), lambda(p, "map_function", Callables::unary),
                callable(p, "map_function")));
        r.register("ZipFeatureTask", p -> new ZipFeatureTask(p.features("input_features"), p.feature("output_feature"),
                lambda(p, "zip_function", Callables::varargs), callable(p, "zip_function")));
        r.register("MergeFeatureTask", p -> new MergeFeatureTask(p.features("input_features"),
                p.feature("output_feature"), p.integer("axis", -1), p.dtype("dtype", null)));
        r.register("ExtractBandsTask", p -> new ExtractBandsTask(p.feature("input_feature"),
                p.feature("output_feature"), p.ints("bands")));
        r.register("ExplodeBandsTask", p -> {
            Map<Feature, int[]> mapping = new LinkedHashMap<>();
            JsonNode m = p.raw("output_mapping");
            if (!m.isArray()) {
                throw p.error("output_mapping", "must be a list of [feature, bands] pairs");
            }
            int k = 0;
            for (JsonNode pair : m) {
                String where = "item " + k++;
                if (!pair.isArray() || pair.size() != 2) {
                    throw p.error("output_mapping", where + " must be a [feature, bands] pair, got "
                            + TaskParams.describe(pair));
                }
                FeatureSpec f;
                try {
                    f = TaskParams.parseFeatures(pair.get(0));
                } catch (IllegalArgumentException e) {
                    throw p.error("output_mapping", where + ": " + e.getMessage());
                }
                if (f.isAll() || f.items().size() != 1 || f.items().get(0).isWholeType()) {
                    throw p.error("output_mapping", where + " must name exactly one feature, like [\"data\", \"B\"]");
                }
                FeatureSpec.Item item = f.items().get(0);
                JsonNode bands = pair.get(1);
                int[] b = new int[bands.isArray() ? bands.size() : 1];
                for (int i = 0; i < b.length; i++) {
                    JsonNode x = bands.isArray() ? bands.get(i) : bands;
                    if (!x.isIntegralNumber() || !x.canConvertToInt()) {
                        throw p.error("output_mapping", where + ": bands must be a 32-bit integer or a list of them, "
                                + "got " + TaskParams.describe(x));
                    }
                    b[i] = x.intValue();
                }
                mapping.put(Feature.of(item.type(), item.name()), b);
            }
            return new ExplodeBandsTask(p.feature("input_feature"), mapping);
        });
        r.register("CreateEOPatchTask", p -> new CreateEOPatchTask());
        r.register("MergeEOPatchesTask", p -> new MergeEOPatchesTask(p.features("features", FeatureSpec.all()),
                p.mergeOperation("time_dependent_op"), p.mergeOperation("timeless_op")));
        r.register("InputTask", p -> new InputTask(p.has("value") ? TaskRegistry.toJava(p.raw("value")) : null));
        r.register("OutputTask", p -> new OutputTask(p.has("name") ? p.string("name", null) : null,
                p.features("features", FeatureSpec.all())));
    }

    private static String callable(TaskParams p, String name) {
        JsonNode v = p.raw(name);
        if (v.isObject() && v.size() == 1 && v.has("callable") && v.get("callable").isTextual()) {
            return v.get("callable").asText();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        throw p.error(name, "must be {\"callable\": \"lambda ...\"}, got " + TaskParams.describe(v));
    }

    private static <T> T lambda(TaskParams p, String name, java.util.function.Function<String, T> parse) {
        String source = callable(p, name);
        try {
            return parse.apply(source);
        } catch (IllegalArgumentException e) {
            throw p.error(name, e.getMessage());
        }
    }

    private static OverwritePermission overwrite(TaskParams p) {
        JsonNode v = p.raw("overwrite_permission");
        if (!v.isTextual() && !(v.isIntegralNumber() && v.canConvertToInt())) {
            throw p.error("overwrite_permission", "must be ADD_ONLY, OVERWRITE_FEATURES, OVERWRITE_PATCH or 0 to 2, "
                    + "got " + TaskParams.describe(v));
        }
        try {
            return OverwritePermission.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw p.error("overwrite_permission", e.getMessage());
        }
    }
}
