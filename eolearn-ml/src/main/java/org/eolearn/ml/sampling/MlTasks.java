package org.eolearn.ml.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;

/**
 * Registers eolearn-ml's tasks under eo-learn's class names. Each factory goes through the task's builder, which
 * holds eo-learn's defaults (the schemas' default strings document them).
 *
 * @since 0.1
 */
public final class MlTasks implements TaskProvider {

    private static final String MODULE = "eolearn-ml";

    // the parameters the sampling tasks share, described once
    private static final String FEATURES_TO_SAMPLE = "the image features to sample, optionally with new names";
    private static final String MASK_OF_SAMPLES =
            "a MASK_TIMELESS feature to write how many times each pixel was sampled (None: not written)";
    private static final String REPLACE = "whether to sample with replacement (a pixel may be drawn more than once)";
    private static final String SAMPLE_SIZE = "the [rows, columns] of each sampled block";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public MlTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "FractionSamplingTask",
                        "Samples a fraction of the pixels of each value of a mask, keeping the distribution.")
                .required("features_to_sample", Type.FEATURES, FEATURES_TO_SAMPLE)
                .required("sampling_feature", Type.FEATURE, "the MASK_TIMELESS feature whose values guide sampling")
                .required("fraction", Type.ANY, "the fraction to sample: a number, or an object of fractions by value")
                .optional("exclude_values", Type.LIST, "None", "the values of the sampling feature never sampled")
                .optional("replace", Type.BOOLEAN, "False", REPLACE)
                .optional("mask_of_samples", Type.FEATURE, "None", MASK_OF_SAMPLES)
                .build(), p -> {
            FractionSamplingTask.Builder b = FractionSamplingTask.builderOfAny(p.features("features_to_sample"),
                    p.feature("sampling_feature"), fraction(p));
            if (p.has("exclude_values")) {
                b.excludeValues(values(p, "exclude_values"));
            }
            if (p.has("replace")) {
                b.replace(given(p, "replace"));
            }
            if (p.has("mask_of_samples")) {
                b.maskOfSamples(p.feature("mask_of_samples"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "BlockSamplingTask", "Samples random pixels or blocks of pixels.")
                .required("features_to_sample", Type.FEATURES, FEATURES_TO_SAMPLE)
                .required("amount", Type.NUMBER,
                        "what to sample: a count of blocks if an integer, else a fraction of pixels")
                .optional("sample_size", Type.LIST, "(1, 1)", SAMPLE_SIZE)
                .optional("replace", Type.BOOLEAN, "False", REPLACE)
                .optional("mask_of_samples", Type.FEATURE, "None", MASK_OF_SAMPLES)
                .build(), p -> {
            BlockSamplingTask.Builder b = BlockSamplingTask.builderOfAny(p.features("features_to_sample"),
                    TaskRegistry.toJava(p.raw("amount")));
            if (p.has("sample_size")) {
                int[] size = pair(p, "sample_size");
                b.sampleSize(size[0], size[1]);
            }
            if (p.has("replace")) {
                b.replace(given(p, "replace"));
            }
            if (p.has("mask_of_samples")) {
                b.maskOfSamples(p.feature("mask_of_samples"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "GridSamplingTask", "Samples blocks of pixels on a regular grid.")
                .required("features_to_sample", Type.FEATURES, FEATURES_TO_SAMPLE)
                .optional("sample_size", Type.LIST, "(1, 1)", SAMPLE_SIZE)
                .optional("stride", Type.LIST, "(1, 1)", "the [rows, columns] between corners of neighbouring blocks")
                .optional("mask_of_samples", Type.FEATURE, "None", MASK_OF_SAMPLES)
                .build(), p -> {
            GridSamplingTask.Builder b = GridSamplingTask.builder(p.features("features_to_sample"));
            if (p.has("sample_size")) {
                int[] size = pair(p, "sample_size");
                b.sampleSize(size[0], size[1]);
            }
            if (p.has("stride")) {
                int[] stride = pair(p, "stride");
                b.stride(stride[0], stride[1]);
            }
            if (p.has("mask_of_samples")) {
                b.maskOfSamples(p.feature("mask_of_samples"));
            }
            return b.build();
        });
        r.register(TaskSchema.builder(MODULE, "TrainTestSplitTask",
                        "Randomly assigns pixels, or all pixels of a value, to numbered subsets such as train/test.")
                .required("input_feature", Type.FEATURE, "the MASK_TIMELESS feature that guides the split")
                .required("output_feature", Type.FEATURE, "the MASK_TIMELESS feature to write the subset numbers to")
                .required("bins", Type.ANY, "ascending cumulative probabilities in (0, 1): a number or a list")
                .choice("split_type", "TrainTestSplitType.PER_PIXEL",
                        "how pixels are drawn: alone, by value, or by value alike in all patches (case is ignored)",
                        "per_pixel", "per_class", "per_value")
                .optional("ignore_values", Type.LIST, "None", "the input values put in no subset (they get 0)")
                .build(), p -> {
            TrainTestSplitTask.Builder b = TrainTestSplitTask.builder(p.feature("input_feature"),
                    p.feature("output_feature"), bins(p));
            if (p.has("split_type")) {
                b.splitType(TrainTestSplitTask.SplitType.parse(p.string("split_type", null)));
            }
            if (p.has("ignore_values")) {
                b.ignoreValues(values(p, "ignore_values"));
            }
            return b.build();
        });
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

    /** A given {@code [rows, columns]} pair, checked as the tasks check it. */
    private static int[] pair(TaskParams p, String name) {
        return SamplingTasks.pair(name, p.ints(name));
    }

    /** A given boolean (the defaults live in the tasks' builders; call only when {@code p.has(name)}). */
    private static boolean given(TaskParams p, String name) {
        return p.bool(name, false);
    }

    private static Object fraction(TaskParams p) {
        return TaskRegistry.toJava(p.raw("fraction"));
    }

    private static Set<Long> values(TaskParams p, String name) {
        Set<Long> out = new HashSet<>();
        for (int v : p.ints(name)) {
            out.add((long) v);
        }
        return out;
    }
}
