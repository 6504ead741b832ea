package org.eolearn.ml.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Registers eolearn-ml's tasks under eo-learn's class names.
 *
 * @since 0.1
 */
public final class MlTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public MlTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("FractionSamplingTask", p -> new FractionSamplingTask(p.features("features_to_sample"),
                p.feature("sampling_feature"), fraction(p), excluded(p), p.bool("replace", false),
                p.has("mask_of_samples") ? p.feature("mask_of_samples") : null));
        r.register("BlockSamplingTask", p -> {
            JsonNode a = p.raw("amount");
            Number amount = a.isIntegralNumber() ? (Number) a.asLong() : (Number) a.asDouble();
            return new BlockSamplingTask(p.features("features_to_sample"), amount, pair(p, "sample_size"),
                    p.bool("replace", false), p.has("mask_of_samples") ? p.feature("mask_of_samples") : null);
        });
        r.register("GridSamplingTask", p -> new GridSamplingTask(p.features("features_to_sample"),
                pair(p, "sample_size"), pair(p, "stride"), p.has("mask_of_samples") ? p.feature("mask_of_samples")
                        : null));
    }

    private static int[] pair(TaskParams p, String name) {
        return p.has(name) ? p.ints(name) : new int[] {1, 1};
    }

    private static Object fraction(TaskParams p) {
        JsonNode f = p.raw("fraction");
        if (f.isNumber()) {
            return f.asDouble();
        }
        if (!f.isObject()) {
            throw p.error("fraction", "must be a number or an object of mask values to numbers");
        }
        Map<String, Double> map = new LinkedHashMap<>();
        f.properties().forEach(e -> map.put(e.getKey(), e.getValue().asDouble()));
        return map;
    }

    private static Set<Long> excluded(TaskParams p) {
        Set<Long> out = new HashSet<>();
        if (p.has("exclude_values")) {
            for (int v : p.ints("exclude_values")) {
                out.add((long) v);
            }
        }
        return out;
    }
}
