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
import org.eolearn.core.task.TaskParam.Type;

/**
 * Registers eolearn-core's tasks under eo-learn's class names, with eo-learn's parameter names.
 *
 * @since 0.1
 */
public final class CoreTasks implements TaskProvider {

    private static final String MODULE = "eolearn-core";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public CoreTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "CopyTask", "Makes a shallow or deep copy of a patch's features.")
                .optional("features", Type.FEATURES, "...", "the features to copy")
                .optional("deep", Type.BOOLEAN, "False", "copy the arrays too, not only the references")
                .optional("copy_timestamps", Type.ANY, "'auto'", "true, false or \"auto\": copy the timestamps "
                        + "(auto: when a temporal feature is copied)")
                .build(), p -> {
            CopyTask.Builder b = CopyTask.builder();
            if (p.has("features")) {
                b.features(p.features("features"));
            }
            if (p.has("deep")) {
                b.deep(p.bool("deep", false));
            }
            Boolean copyTimestamps = p.autoBool("copy_timestamps");
            if (copyTimestamps != null) {
                b.copyTimestamps(copyTimestamps);
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "DeepCopyTask", "Makes a deep copy of a patch's features "
                        + "(eo-learn's deprecated form of CopyTask with deep=True).")
                .optional("features", Type.FEATURES, "...", "the features to copy")
                .optional("deep", Type.BOOLEAN, "False", "copy the arrays too, not only the references")
                .optional("copy_timestamps", Type.ANY, "'auto'", "true, false or \"auto\": copy the timestamps "
                        + "(auto: when a temporal feature is copied)")
                .build(), p -> {
            // eo-learn's deprecated DeepCopyTask takes CopyTask's arguments but always copies deeply, with the
            // "auto" timestamps rule: deep and copy_timestamps are read and have no effect
            p.bool("deep", false);
            p.autoBool("copy_timestamps");
            CopyTask.Builder b = CopyTask.builder().deep(true);
            if (p.has("features")) {
                b.features(p.features("features"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "SaveTask", "Saves the patch to a folder in eo-learn's format.")
                .required("path", Type.PATH, "the patch folder; an execute-time eopatch_folder is appended to it")
                .optional("features", Type.FEATURES, "...", "the features to save")
                .choice("overwrite_permission", "OverwritePermission.ADD_ONLY", "what may be replaced in an existing "
                        + "patch (or 0, 1, 2)", "ADD_ONLY", "OVERWRITE_FEATURES", "OVERWRITE_PATCH")
                .optional("save_timestamps", Type.ANY, "'auto'", "true, false or \"auto\": save the timestamps "
                        + "(auto: when a temporal feature is saved)")
                .optional("compress_level", Type.INTEGER, "None", "accepted and ignored, as eo-learn 1.5 deprecates it "
                        + "(data is always compressed)")
                .optional("compress", Type.BOOLEAN, "True", "gzip the arrays (this project's extension)")
                .choice("compression", "'gzip'", "how the arrays are compressed (this project's extension)",
                        "none", "gzip", "gzip_zlib")
                .build(), p -> {
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
        r.register(TaskSchema.builder(MODULE, "LoadTask", "Loads a patch from a folder in eo-learn's format.")
                .required("path", Type.PATH, "the patch folder; an execute-time eopatch_folder is appended to it")
                .optional("features", Type.FEATURES, "...", "the features to load")
                .optional("lazy_loading", Type.BOOLEAN, "False", "read arrays only when they are first used")
                .optional("load_timestamps", Type.ANY, "'auto'", "true, false or \"auto\": load the timestamps "
                        + "(auto: when a temporal feature is loaded)")
                .build(), p -> new LoadTask(p.path("path"), LoadOptions.defaults()
                .withFeatures(p.features("features", FeatureSpec.all())).withLazy(p.bool("lazy_loading", false))
                .withLoadTimestamps(p.autoBool("load_timestamps"))));
        r.register(TaskSchema.builder(MODULE, "AddFeatureTask", "Adds the execute-time data as a feature.")
                .required("feature", Type.FEATURE, "the feature to add")
                .build(), p -> new AddFeatureTask(p.feature("feature")));
        r.register(TaskSchema.builder(MODULE, "RemoveFeatureTask", "Removes features from the patch.")
                .required("features", Type.FEATURES, "the features to remove")
                .build(), p -> new RemoveFeatureTask(p.features("features")));
        r.register(TaskSchema.builder(MODULE, "RenameFeatureTask", "Renames features.")
                .required("features", Type.FEATURES, "[type, old name, new name] for each feature")
                .build(), p -> new RenameFeatureTask(p.features("features")));
        r.register(TaskSchema.builder(MODULE, "DuplicateFeatureTask", "Copies features under new names.")
                .required("features", Type.FEATURES, "[type, name, name of the copy] for each feature")
                .optional("deep_copy", Type.BOOLEAN, "False", "copy the arrays, not only the references")
                .build(), p -> {
            DuplicateFeatureTask.Builder b = DuplicateFeatureTask.builder(p.features("features"));
            if (p.has("deep_copy")) {
                b.deepCopy(p.bool("deep_copy", false));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "InitializeFeatureTask", "Adds features filled with one value.")
                .required("features", Type.FEATURES, "the features to create")
                .required("shape", Type.ANY, "the shape as a list of integers, or a feature whose shape to take")
                .optional("init_value", Type.NUMBER, "0", "the value to fill with")
                .optional("dtype", Type.DTYPE, "np.uint8", "the dtype of the new arrays")
                .build(), p -> {
            FeatureSpec features = p.features("features");
            Double init = p.has("init_value") ? p.number("init_value", 0) : null;
            DType dtype = p.dtype("dtype", null);
            JsonNode shape = p.raw("shape");
            boolean fixed = shape.isArray() && (shape.isEmpty() || !shape.get(0).isTextual());
            InitializeFeatureTask.Builder b = fixed ? InitializeFeatureTask.builder(features, p.longs("shape"))
                    : InitializeFeatureTask.builder(features, p.feature("shape"));
            if (init != null) {
                b.initValue(init);
            }
            if (dtype != null) {
                b.dtype(dtype);
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                if (!fixed) {
                    throw e;
                }
                throw p.error(e.getMessage().startsWith("shape ") ? "shape" : "init_value", e.getMessage());
            }
        });
        r.register(TaskSchema.builder(MODULE, "MoveFeatureTask", "Copies features from the first patch into the "
                        + "second.")
                .required("features", Type.FEATURES, "the features to move")
                .optional("deep_copy", Type.BOOLEAN, "False", "copy the arrays, not only the references")
                .build(), p -> {
            MoveFeatureTask.Builder b = MoveFeatureTask.builder(p.features("features"));
            if (p.has("deep_copy")) {
                b.deepCopy(p.bool("deep_copy", false));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "TemporalSubsetTask", "Keeps only some time frames of the patch.")
                .optional("timestamps", Type.LIST, "None", "the frames to keep, as indices or ISO dates (None: given "
                        + "at execute time)")
                .build(), p -> {
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
        r.register(TaskSchema.builder(MODULE, "MapFeatureTask", "Applies a function to each input feature.")
                .required("input_features", Type.FEATURES, "the features to map")
                .required("output_features", Type.FEATURES, "the features to write, one per input")
                .required("map_function", Type.CALLABLE, "the function, as {\"callable\": \"lambda x: ...\"}")
                .build(), p -> MapFeatureTask.builder(p.features("input_features"),
                p.features("output_features"), lambda(p, "map_function", Callables::unary))
                .functionName(p.callable("map_function")).build());
        r.register(TaskSchema.builder(MODULE, "ZipFeatureTask", "Combines several features into one with a "
                        + "function.")
                .required("input_features", Type.FEATURES, "the features passed to the function, in order")
                .required("output_feature", Type.FEATURE, "the feature to write")
                .required("zip_function", Type.CALLABLE, "the function, as {\"callable\": \"lambda *a: ...\"}")
                .build(), p -> ZipFeatureTask.builder(p.features("input_features"), p.feature("output_feature"),
                lambda(p, "zip_function", Callables::varargs)).functionName(p.callable("zip_function")).build());
        r.register(TaskSchema.builder(MODULE, "MergeFeatureTask", "Concatenates features along an axis.")
                .required("input_features", Type.FEATURES, "the features to concatenate, in order")
                .required("output_feature", Type.FEATURE, "the feature to write")
                .optional("axis", Type.INTEGER, "-1", "the axis to concatenate along")
                .optional("dtype", Type.DTYPE, "None", "the dtype of the result (None: numpy's promotion)")
                .build(), p -> {
            MergeFeatureTask.Builder b = MergeFeatureTask.builder(p.features("input_features"),
                    p.feature("output_feature"));
            if (p.has("axis")) {
                b.axis(p.integer("axis", 0));
            }
            DType dtype = p.dtype("dtype", null);
            if (dtype != null) {
                b.dtype(dtype);
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "ExtractBandsTask", "Copies some bands of a feature into a new "
                        + "feature.")
                .required("input_feature", Type.FEATURE, "the feature to take bands from")
                .required("output_feature", Type.FEATURE, "the feature to write")
                .required("bands", Type.LIST, "the band indices, in the order wanted")
                .build(), p -> new ExtractBandsTask(p.feature("input_feature"),
                p.feature("output_feature"), p.ints("bands")));
        r.register(TaskSchema.builder(MODULE, "ExplodeBandsTask", "Splits the bands of a feature into several "
                        + "features.")
                .required("input_feature", Type.FEATURE, "the feature to split")
                .required("output_mapping", Type.LIST, "[feature, band or list of bands] pairs")
                .build(), p -> {
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
        r.register(TaskSchema.builder(MODULE, "CreateEOPatchTask", "Creates a patch from execute-time data, "
                + "bbox and timestamps.").build(), p -> new CreateEOPatchTask());
        r.register(TaskSchema.builder(MODULE, "MergeEOPatchesTask", "Merges the features of several patches "
                        + "into one.")
                .optional("features", Type.FEATURES, "...", "the features to merge")
                .choice("time_dependent_op", "None", "how temporal arrays of equal timestamps are joined (None: they "
                        + "must be equal)", "none", "concatenate", "min", "max", "mean", "median")
                .choice("timeless_op", "None", "how timeless arrays of the same name are joined (None: they must be "
                        + "equal)", "none", "concatenate", "min", "max", "mean", "median")
                .build(), p -> {
            MergeEOPatchesTask.Builder b = MergeEOPatchesTask.builder();
            if (p.has("features")) {
                b.features(p.features("features"));
            }
            if (p.has("time_dependent_op")) {
                b.timeDependentOp(p.mergeOperation("time_dependent_op"));
            }
            if (p.has("timeless_op")) {
                b.timelessOp(p.mergeOperation("timeless_op"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "InputTask", "Feeds a value into a workflow.")
                .optional("value", Type.ANY, "None", "the value (an execute-time value replaces it)")
                .build(), p -> new InputTask(p.has("value") ? TaskRegistry.toJava(p.raw("value")) : null));
        r.register(TaskSchema.builder(MODULE, "OutputTask", "Puts the patch (or some of its features) into the "
                        + "workflow's results.")
                .optional("name", Type.STRING, "None", "the key in the results (None: the node's name)")
                .optional("features", Type.FEATURES, "...", "the features to keep")
                .build(), p -> {
            OutputTask.Builder b = OutputTask.builder();
            String name = p.has("name") ? p.string("name", null) : null;
            if (name != null) {
                b.name(name);
            }
            if (p.has("features")) {
                b.features(p.features("features"));
            }
            return b.build();
        });
    }

    private static <T> T lambda(TaskParams p, String name, java.util.function.Function<String, T> parse) {
        String source = p.callable(name);
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
