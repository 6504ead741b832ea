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
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.Callables;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Registers eolearn-mask's tasks under eo-learn's class names, with eo-learn's parameter names:
 *
 * <ul>
 *   <li>{@code MaskFeatureTask}: {@code feature}, {@code mask_feature}, {@code mask_values} (a list of numbers or
 *       booleans), {@code no_data_value} (default NaN; {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}
 *       are read as such);</li>
 *   <li>{@code JoinMasksTask}: {@code input_features}, {@code output_feature}, {@code join_operation}
 *       ({@code "and"} by default, {@code "or"}, {@code "xor"} or {@code {"callable": "lambda x, y: ..."}});</li>
 *   <li>{@code SnowMaskTask}: {@code data_feature}, {@code band_indices}, {@code ndsi_threshold},
 *       {@code brightness_threshold}, {@code dilation_size}, {@code undefined_value}, {@code mask_name};</li>
 *   <li>{@code AddValidDataMaskTask}: {@code data_mask_feature} (default {@code ["mask", "dataMask"]}),
 *       {@code cloud_mask_feature} (default {@code ["mask", "CLM"]}) and {@code valid_data_feature} (default
 *       {@code ["mask", "VALID_DATA"]}): the predicate of eo-learn's notebook, data and not cloud;</li>
 *   <li>{@code CloudMaskTask}: eo-learn's parameters plus {@code model_path} (the s2cloudless model file; default:
 *       {@link S2PixelCloudDetector#loadDefaultModel()}).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class MaskTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public MaskTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("CloudMaskTask", p -> {
            LightGbmModel model;
            try {
                model = p.has("model_path") ? LightGbmModel.read(Path.of(p.string("model_path", null)))
                        : S2PixelCloudDetector.loadDefaultModel();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new CloudMaskTask(p.feature("data_feature"),
                    p.has("valid_data_feature") ? p.feature("valid_data_feature") : null,
                    p.feature("output_mask_feature"),
                    p.has("output_proba_feature") ? p.feature("output_proba_feature") : null,
                    p.bool("all_bands", true), p.number("threshold", 0.4), p.integer("average_over", 4),
                    p.integer("dilation_size", 2), model);
        });
        r.register("MaskFeatureTask", p -> {
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
            return new MaskFeatureTask(p.feature("feature"), p.feature("mask_feature"), list,
                    number(p, "no_data_value", Double.NaN));
        });
        r.register("JoinMasksTask", p -> {
            List<Feature> inputs = features(p, "input_features");
            Feature output = p.feature("output_feature");
            if (!p.has("join_operation")) {
                return new JoinMasksTask(inputs, output, "and");
            }
            JsonNode op = p.raw("join_operation");
            if (op.isTextual()) {
                try {
                    return new JoinMasksTask(inputs, output, op.asText());
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
                return new JoinMasksTask(inputs, output, (a, b) -> f.apply(List.of(a, b)), source);
            }
            throw p.error("join_operation", "must be \"and\", \"or\", \"xor\" or {\"callable\": ...}, got " + op);
        });
        r.register("SnowMaskTask", p -> new SnowMaskTask(p.feature("data_feature"), p.ints("band_indices"),
                p.number("ndsi_threshold", 0.4), p.number("brightness_threshold", 0.3),
                p.integer("dilation_size", 0), p.integer("undefined_value", 0), p.string("mask_name", "SNOW_MASK")));
        r.register("AddValidDataMaskTask", p -> AddValidDataMaskTask.dataAndNotCloud(
                p.has("data_mask_feature") ? p.feature("data_mask_feature") : Feature.of(FeatureType.MASK, "dataMask"),
                p.has("cloud_mask_feature") ? p.feature("cloud_mask_feature") : Feature.of(FeatureType.MASK, "CLM"),
                p.has("valid_data_feature") ? p.feature("valid_data_feature")
                        : Feature.of(FeatureType.MASK, "VALID_DATA")));
    }

    /** A number that may be written as "NaN", "Infinity" or "-Infinity" (strict JSON has no such literals). */
    private static double number(TaskParams p, String name, double defaultValue) {
        if (!p.has(name)) {
            return defaultValue;
        }
        JsonNode v = p.raw(name);
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN": case "nan": return Double.NaN;
                case "Infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default: throw p.error(name, "must be a number, got " + v);
            }
        }
        return p.number(name, defaultValue);
    }

    /** A list of named features (no whole types). */
    private static List<Feature> features(TaskParams p, String name) {
        FeatureSpec spec = p.features(name);
        if (spec.isAll()) {
            throw p.error(name, "must name the features, not \"...\"");
        }
        List<Feature> out = new ArrayList<>();
        for (FeatureSpec.Item item : spec.items()) {
            if (item.isWholeType()) {
                throw p.error(name, "must name the features, got the whole type " + item.type().value());
            }
            out.add(new Feature(item.type(), item.name(), item.newName()));
        }
        return out;
    }
}
