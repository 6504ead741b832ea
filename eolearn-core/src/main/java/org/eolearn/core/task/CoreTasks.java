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
        r.register("SaveTask", p -> {
            SaveOptions o = SaveOptions.defaults().withFeatures(p.features("features", FeatureSpec.all()))
                    .withOverwrite(p.has("overwrite_permission") ? OverwritePermission.parse(
                            p.raw("overwrite_permission").asText()) : OverwritePermission.ADD_ONLY)
                    .withSaveTimestamps(p.autoBool("save_timestamps"));
            if (p.has("compress")) {
                o = o.withCompress(p.bool("compress", true));
            }
            if (p.has("compression")) {
                o = o.withCompression(Compression.valueOf(p.string("compression", null).toUpperCase(
                        java.util.Locale.ROOT)));
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
            if (shape.isArray() && shape.size() > 0 && shape.get(0).isIntegralNumber()) {
                long[] s = new long[shape.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = shape.get(i).asLong();
                }
                return new InitializeFeatureTask(features, s, init, dtype);
            }
            return new InitializeFeatureTask(features, p.feature("shape"), init, dtype);
        });
        r.register("MoveFeatureTask", p -> new MoveFeatureTask(p.features("features"), p.bool("deep_copy", false)));
        r.register("TemporalSubsetTask", p -> {
            if (!p.has("timestamps")) {
                return new TemporalSubsetTask();
            }
            JsonNode ts = p.raw("timestamps");
            if (ts.isArray() && ts.size() > 0 && ts.get(0).isIntegralNumber()) {
                return new TemporalSubsetTask(p.ints("timestamps"));
            }
            java.util.List<java.time.LocalDateTime> dates = new java.util.ArrayList<>();
            for (JsonNode t : ts) {
                dates.add(ParamValues.dateTime(t.asText(), "timestamps"));
            }
            return new TemporalSubsetTask(dates);
        });
        r.register("MapFeatureTask", p -> new MapFeatureTask(p.features("input_features"),
                p.features("output_features"), Callables.unary(callable(p, "map_function")),
                callable(p, "map_function")));
        r.register("ZipFeatureTask", p -> new ZipFeatureTask(p.features("input_features"), p.feature("output_feature"),
                Callables.varargs(callable(p, "zip_function")), callable(p, "zip_function")));
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
            for (JsonNode pair : m) {
                FeatureSpec f = TaskParams.parseFeatures(pair.get(0));
                FeatureSpec.Item item = f.items().get(0);
                JsonNode bands = pair.get(1);
                int[] b = bands.isArray() ? new int[bands.size()] : new int[] {bands.asInt()};
                for (int i = 0; bands.isArray() && i < b.length; i++) {
                    b[i] = bands.get(i).asInt();
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
        if (v.isObject() && v.has("callable")) {
            return v.get("callable").asText();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        throw p.error(name, "must be {\"callable\": \"lambda ...\"}");
    }
}
