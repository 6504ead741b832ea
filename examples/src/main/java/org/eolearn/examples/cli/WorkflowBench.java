package org.eolearn.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.task.LoadTask;
import org.eolearn.core.task.SaveTask;
import org.eolearn.features.NormalizedDifferenceIndexTask;
import org.eolearn.features.interpolation.InterpolationTask;
import org.eolearn.geometry.morphology.ErosionTask;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.core.workflow.WorkflowResults;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eolearn bench workflow}: patches per second of the benchmark workflow over copies of the TestEOPatch with
 * the 13-band stack, and the peak resident memory of the process.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = {"Run the benchmark workflow over copies of the TestEOPatch (with a (68,101,100,13) float32 "
                + "band stack from REFERENCE_SCENES.npy) and print patches/s and peak RSS.",
            "The workflow: LoadTask -> NDVI of B08 and B04 (NormalizedDifferenceIndexTask) -> linear interpolation "
                + "of NDVI and of the band stack (masked with IS_VALID) -> erosion of LULC (disk 3) -> SaveTask "
                + "(.npy.gz)."})
final class WorkflowBench implements Callable<Integer> {

    @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--copies", defaultValue = "16", description = "Patches (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--workers", defaultValue = "2", description = "Executor workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--work-dir", description = "Where the input and output patches go (default: a temporary folder).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("eolearn-wf");
        try {
            Path in = work.resolve("in");
            Path out = work.resolve("out");
            prepare(in);
            EONode load = EONode.of(new LoadTask(in));
            Feature bands = Feature.of(FeatureType.DATA, "BANDS-S2-L1C");
            FeatureSpec valid = FeatureSpec.of(Feature.of(FeatureType.MASK, "IS_VALID"));
            EONode ndvi = EONode.of(new NormalizedDifferenceIndexTask(bands, Feature.of(FeatureType.DATA, "NDVI_B"),
                    7, 3), load);
            EONode interpolateNdvi = EONode.of(InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI_B",
                    "NDVI_INTERPOLATED")).maskFeature(valid).build(), ndvi);
            EONode interpolateBands = EONode.of(InterpolationTask.builder(Feature.of(FeatureType.DATA,
                    "BANDS-S2-L1C", "BANDS_INTERPOLATED")).maskFeature(valid).build(), interpolateNdvi);
            EONode erosion = EONode.of(new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_ERODED"),
                    3, null, 0), interpolateBands);
            EONode save = EONode.of(new SaveTask(out), erosion);
            EOWorkflow workflow = new EOWorkflow(List.of(load, ndvi, interpolateNdvi, interpolateBands, erosion,
                    save));
            List<Map<EONode, Map<String, Object>>> args = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                String folder = "patch-" + i;
                args.add(Map.of(load, Map.of("eopatch_folder", folder), save, Map.of("eopatch_folder", folder)));
            }
            BenchData.delete(out);
            long start = System.nanoTime();
            List<WorkflowResults> results = EOExecutor.builder(workflow, args).build().run(workers);
            double seconds = (System.nanoTime() - start) / 1e9;
            long failed = results.stream().filter(WorkflowResults::workflowFailed).count();
            System.out.printf(Locale.ROOT, "workflow: %s; %d patches, %d workers, %d failed%n", workflow, copies,
                    workers, failed);
            System.out.printf(Locale.ROOT, "seconds: %.2f%n", seconds);
            System.out.printf(Locale.ROOT, "patches/s: %.2f%n", copies / seconds);
            System.out.printf(Locale.ROOT, "peak RSS MiB: %.0f%n", peakRssMiB());
            return failed == 0 ? 0 : 3;
        } finally {
            if (workDir == null) {
                BenchData.delete(work);
            }
        }
    }

    private void prepare(Path in) throws IOException {
        EOPatch base = BenchData.testPatchWithBands(shared);
        BenchData.delete(in);
        base.save(in.resolve("patch-0"), SaveOptions.defaults());
        for (int i = 1; i < copies; i++) {
            BenchData.copyTree(in.resolve("patch-0"), in.resolve("patch-" + i));
        }
    }

    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
