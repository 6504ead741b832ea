package org.eolearn.ml.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
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
                p.feature("sampling_feature"), fraction(p), values(p, "exclude_values"), p.bool("replace", false),
                p.has("mask_of_samples") ? p.feature("mask_of_samples") : null));
        r.register("BlockSamplingTask", p -> {
            Object amount = TaskRegistry.toJava(p.raw("amount"));
            return new BlockSamplingTask(p.features("features_to_sample"), amount, pair(p, "sample_size"),
                    p.bool("replace", false), p.has("mask_of_samples") ? p.feature("mask_of_samples") : null);
        });
        r.register("GridSamplingTask", p -> new GridSamplingTask(p.features("features_to_sample"),
                pair(p, "sample_size"), pair(p, "stride"), p.has("mask_of_samples") ? p.feature("mask_of_samples")
                        : null));
        r.register("TrainTestSplitTask", p -> new TrainTestSplitTask(p.feature("input_feature"),
                p.feature("output_feature"), bins(p), TrainTestSplitTask.SplitType.parse(p.string("split_type",
                        "per_pixel")), values(p, "ignore_values")));
    }

    private static double[] bins(TaskParams p) {
        JsonNode b = p.raw("bins");
        if (b.isNumber()) {
            return new double[] {b.asDouble()};
        }
        if (!b.isArray()) {
            throw p.error("bins", "must be a number or a list of ascending numbers in (0, 1)");
        }
        double[] out = new double[b.size()];
        for (int i = 0; i < out.length; i++) {
            if (!b.get(i).isNumber()) {
                throw p.error("bins", "must hold numbers, got " + b.get(i));
            }
            out[i] = b.get(i).asDouble();
        }
        return out;
    }

    private static int[] pair(TaskParams p, String name) {
        return p.has(name) ? p.ints(name) : new int[] {1, 1};
    }

    private static Object fraction(TaskParams p) {
        return TaskRegistry.toJava(p.raw("fraction"));
    }

    private static Set<Long> values(TaskParams p, String name) {
        Set<Long> out = new HashSet<>();
        if (p.has(name)) {
            for (int v : p.ints(name)) {
                out.add((long) v);
            }
        }
        return out;
    }
}
