package org.eolearn.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.PatchTask;
import org.eolearn.features.NormalizedDifferenceIndexTask;
import org.eolearn.geometry.morphology.ErosionTask;
import org.eolearn.features.interpolation.InterpolationTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eolearn bench features}: median per-patch times of the feature kernels on the TestEOPatch with its 13-band
 * stack, next to eo-learn 1.5.6's medians on this machine kind.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Median per-patch times of NDVI, linear interpolation of NDVI and of the (68,101,100,13) band "
                + "stack (both masked with IS_VALID) and erosion of LULC on the TestEOPatch, next to eo-learn 1.5.6's medians on the same "
                + "machine kind."})
final class FeaturesBench implements Callable<Integer> {

    /** eo-learn 1.5.6 medians on a 2-core machine (the features issue). */
    private static final Map<String, Double> EO_LEARN = Map.of("NDVI", 0.003, "LinearInterpolation NDVI", 0.023,
            "LinearInterpolation bands", 0.25, "Erosion LULC (disk 3)", 0.0004);

    @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--repeat", defaultValue = "41", description = "Measured repetitions (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "30", description = "Warm-up repetitions (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        EOPatch base = BenchData.testPatchWithBands(shared);
        Feature bands = Feature.of(FeatureType.DATA, "BANDS-S2-L1C");
        FeatureSpec valid = FeatureSpec.of(Feature.of(FeatureType.MASK, "IS_VALID"));
        Map<String, PatchTask> tasks = new LinkedHashMap<>();
        tasks.put("NDVI", new NormalizedDifferenceIndexTask(bands, Feature.of(FeatureType.DATA, "NDVI_B"), 7, 3));
        tasks.put("LinearInterpolation NDVI", InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI",
                "NDVI_I")).maskFeature(valid).build());
        tasks.put("LinearInterpolation bands", InterpolationTask.builder(Feature.of(FeatureType.DATA,
                "BANDS-S2-L1C", "BANDS_I")).maskFeature(valid).build());
        tasks.put("Erosion LULC (disk 3)", new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC",
                "LULC_ERODED"), 3, null, 0));
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %10s%n", "task (median per patch)", "eo-learn for Java",
                "eo-learn", "speed-up");
        for (Map.Entry<String, PatchTask> e : tasks.entrySet()) {
            double median = median(e.getValue(), base);
            Double reference = EO_LEARN.get(e.getKey());
            System.out.printf(Locale.ROOT, "%-28s %10.5f s %10s %10s%n", e.getKey(), median,
                    reference == null ? "-" : String.format(Locale.ROOT, "%.4f s", reference),
                    reference == null ? "-" : String.format(Locale.ROOT, "%.1fx", reference / median));
        }
        return 0;
    }

    private double median(PatchTask task, EOPatch base) {
        System.gc(); // start each task from a clean heap, not with the previous task's garbage
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + repeat; i++) {
            EOPatch copy = base.copy();
            long start = System.nanoTime();
            task.execute(copy);
            double s = (System.nanoTime() - start) / 1e9;
            if (i >= warmup) {
                times.add(s);
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    @Override
    public String toString() {
        return "bench features " + Arrays.asList(shared, repeat, warmup);
    }
}
