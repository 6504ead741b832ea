package org.eolearn.mask;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eolearn.cloudless.S2PixelCloudDetector;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.Callables;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Registers eolearn-mask's tasks under eo-learn's class names, with eo-learn's parameter names; each task's
 * parameters are declared in its {@link TaskSchema} below. JSON forms beyond eo-learn's: {@code no_data_value} may be
 * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"} (strict JSON has no such literals); {@code join_operation}
 * may be {@code {"callable": "lambda x, y: ..."}}; {@code AddValidDataMaskTask} computes the predicate of eo-learn's
 * notebook, data and not cloud; {@code CloudMaskTask} also takes {@code model_path} (the s2cloudless model file;
 * default: {@link S2PixelCloudDetector#loadDefaultModel()}).
 *
 * @since 0.1
 */
public final class MaskTasks implements TaskProvider {

    private static final String MODULE = "eolearn-mask";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public MaskTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "CloudMaskTask",
                        "Detects clouds in Sentinel-2 L1C bands with the s2cloudless model.")
                .required("data_feature", Type.FEATURE, "the raw Sentinel-2 L1C reflectance bands")
                .optional("valid_data_feature", Type.FEATURE, "None",
                        "the mask of valid pixels; clouds are kept only there (None: every pixel is valid)")
                .required("output_mask_feature", Type.FEATURE, "where to write the cloud mask")
                .optional("output_proba_feature", Type.FEATURE, "None",
                        "where to write the cloud probabilities (None: they are not kept)")
                .optional("all_bands", Type.BOOLEAN, "True",
                        "whether the data holds all 13 L1C bands, not just the 10 the model uses")
                .optional("threshold", Type.NUMBER, "0.4", "the cloud probability above which a pixel is cloudy")
                .optional("average_over", Type.INTEGER, "4",
                        "radius of the disk the probabilities are averaged over (0: no averaging)")
                .optional("dilation_size", Type.INTEGER, "2", "radius of the disk the mask is dilated with (0: none)")
                .optional("model_path", Type.PATH, "None",
                        "the s2cloudless LightGBM model file; None: the bundled one (this project's extension)")
                .build(), p -> {
            LightGbmModel model;
            try {
                model = p.has("model_path") ? LightGbmModel.read(Path.of(p.string("model_path", null)))
                        : S2PixelCloudDetector.loadDefaultModel();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CloudMaskTask.Builder b = CloudMaskTask.builder(p.feature("data_feature"),
                    p.feature("output_mask_feature"));
            if (p.has("valid_data_feature")) {
                b.validDataFeature(p.feature("valid_data_feature"));
            }
            if (p.has("output_proba_feature")) {
                b.outputProbaFeature(p.feature("output_proba_feature"));
            }
            if (p.has("all_bands")) {
                b.allBands(p.bool("all_bands", true));
            }
            if (p.has("threshold")) {
                b.threshold(p.number("threshold", 0.4));
            }
            if (p.has("average_over")) {
                b.averageOver(p.integer("average_over", 4));
            }
            if (p.has("dilation_size")) {
                b.dilationSize(p.integer("dilation_size", 2));
            }
            return b.model(model).build();
        });
        r.register(TaskSchema.builder(MODULE, "MaskFeatureTask",
                        "Replaces a feature's values where a mask feature has one of the given values.")
                .required("feature", Type.FEATURE, "the feature to mask, and optionally the name of the result")
                .required("mask_feature", Type.FEATURE, "the mask whose values decide what is masked")
                .required("mask_values", Type.LIST, "the mask values (numbers or booleans) at which to mask")
                .optional("no_data_value", Type.NUMBER, "np.nan",
                        "the value put where masked; may be \"NaN\", \"Infinity\", \"-Infinity\" (or nan, inf, -inf)")
                .build(), p -> {
            JsonNode values = p.raw("mask_values");
            if (!values.isArray()) {
                throw p.error("mask_values", "must be a list, got " + values);
            }
            List<Object> list = new ArrayList<>();
            for (JsonNode v : values) {
                if (v.isBoolean()) {
                    list.add(v.asBoolean());
                } else if (v.isNumber()) {
                    list.add(v.asDouble());
                } else {
                    throw p.error("mask_values", "must be a list of numbers, got " + values);
                }
            }
            MaskFeatureTask.Builder b = MaskFeatureTask.builder(p.feature("feature"), p.feature("mask_feature"),
                    list);
            if (p.has("no_data_value")) {
                b.noDataValue(p.number("no_data_value", Double.NaN));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "JoinMasksTask", "Joins masks into one with a logical operation.")
                .required("input_features", Type.FEATURES, "the masks to join, in order")
                .required("output_feature", Type.FEATURE, "where to write the joined mask")
                .optional("join_operation", Type.ANY, "'and'",
                        "\"and\", \"or\", \"xor\", or {\"callable\": \"lambda x, y: ...\"} joining two masks")
                .build(), p -> {
            JoinMasksTask.Builder b = JoinMasksTask.builder(p.featureList("input_features"),
                    p.feature("output_feature"));
            if (!p.has("join_operation")) {
                return b.build();
            }
            JsonNode op = p.raw("join_operation");
            if (op.isTextual()) {
                try {
                    return b.joinOperation(op.asText()).build();
                } catch (IllegalArgumentException e) {
                    throw p.error("join_operation", e.getMessage());
                }
            }
            if (op.isObject() && op.has("callable") && op.get("callable").isTextual()) {
                String source = op.get("callable").asText();
                Function<List<INDArray>, INDArray> f;
                try {
                    f = Callables.varargs(source);
                } catch (IllegalArgumentException e) {
                    throw p.error("join_operation", e.getMessage());
                }
                return b.joinOperation((x, y) -> f.apply(List.of(x, y)), source).build();
            }
            throw p.error("join_operation", "must be \"and\", \"or\", \"xor\" or {\"callable\": ...}, got " + op);
        });
        r.register(TaskSchema.builder(MODULE, "SnowMaskTask",
                        "Computes a snow mask from Sentinel-2 bands with NDSI, NDVI and brightness thresholds.")
                .required("data_feature", Type.FEATURE, "the DATA feature with the bands")
                .required("band_indices", Type.LIST, "the indices of bands B03, B04, B08 and B11 in it, in this order")
                .optional("ndsi_threshold", Type.NUMBER, "0.4", "the least NDSI for a pixel to be snow")
                .optional("brightness_threshold", Type.NUMBER, "0.3", "the least B03 value for a pixel to be bright")
                .optional("dilation_size", Type.INTEGER, "0", "radius of the dilation of the mask (0: none)")
                .optional("undefined_value", Type.INTEGER, "0", "the value used where an index is undefined")
                .optional("mask_name", Type.STRING, "'SNOW_MASK'", "the name of the MASK feature to write")
                .build(), p -> {
            SnowMaskTask.Builder b = SnowMaskTask.builder(p.feature("data_feature"), p.ints("band_indices"));
            if (p.has("ndsi_threshold")) {
                b.ndsiThreshold(p.number("ndsi_threshold", 0.4));
            }
            if (p.has("brightness_threshold")) {
                b.brightnessThreshold(p.number("brightness_threshold", 0.3));
            }
            if (p.has("dilation_size")) {
                b.dilationSize(p.integer("dilation_size", 0));
            }
            if (p.has("undefined_value")) {
                b.undefinedValue(p.integer("undefined_value", 0));
            }
            if (p.has("mask_name")) {
                b.maskName(p.string("mask_name", "SNOW_MASK"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "AddValidDataMaskTask",
                        "Adds a mask of valid pixels: those with data and without clouds.")
                .optional("data_mask_feature", Type.FEATURE, "(FeatureType.MASK, 'dataMask')",
                        "the mask of pixels with data (this project's extension)")
                .optional("cloud_mask_feature", Type.FEATURE, "(FeatureType.MASK, 'CLM')",
                        "the cloud mask (this project's extension)")
                .optional("valid_data_feature", Type.FEATURE, "(FeatureType.MASK, 'VALID_DATA')",
                        "where to write the mask of valid pixels")
                .build(), p -> {
            AddValidDataMaskTask.Builder b = AddValidDataMaskTask.builder();
            if (p.has("data_mask_feature")) {
                b.dataMaskFeature(p.feature("data_mask_feature"));
            }
            if (p.has("cloud_mask_feature")) {
                b.cloudMaskFeature(p.feature("cloud_mask_feature"));
            }
            if (p.has("valid_data_feature")) {
                b.validDataFeature(p.feature("valid_data_feature"));
            }
            return b.build();
        });
    }
}
