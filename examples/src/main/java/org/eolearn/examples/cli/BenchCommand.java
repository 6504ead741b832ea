package org.eolearn.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.io.Compression;
import org.eolearn.core.io.EOPatchIO;
import org.eolearn.core.io.SaveOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eolearn bench io}: load and save times of the full TestEOPatch, beside eo-learn's figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (figures are printed, "
        + "never asserted).", subcommands = {BenchCommand.Io.class, ExecutorBench.class, WorkflowBench.class, FeaturesBench.class, DownloadBench.class,
        CloudlessBench.class, SparkBench.class})
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("choose a benchmark: io, executor, workflow, features, download, cloudless or spark");
        return 2;
    }

    /** The I/O benchmark. */
    @Command(name = "io", mixinStandardHelpOptions = true,
            description = "Time loading and saving eo-learn's TestEOPatch as .npy and .npy.gz (median of the "
                    + "repetitions after warm-up), next to eo-learn 1.5.6's figures on this machine kind.")
    static final class Io implements Callable<Integer> {

        // eo-learn 1.5.6 on a 2-core machine, full TestEOPatch with BANDS-S2-L1C (48.8 MiB of arrays)
        private static final double EO_LOAD_NPY = 0.043;
        private static final double EO_LOAD_GZ = 0.18;
        private static final double EO_SAVE_NPY = 0.083;
        private static final double EO_SAVE_GZ = 0.38;

        @Option(names = "--shared", defaultValue = "../shared",
                description = "The shared reference folder (default: ${DEFAULT-VALUE}).")
        Path shared;

        @Option(names = "--repeat", defaultValue = "15", description = "Measured repetitions (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--warmup", defaultValue = "5", description = "Warm-up repetitions (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--no-bands", description = "Do not add the 13-band BANDS-S2-L1C stack made from "
                + "REFERENCE_SCENES.npy (eo-learn's TestEOPatch has it; the shared copy does not).")
        boolean noBands;

        @Option(names = "--zlib", description = "Compress with zlib level 1 instead of the built-in encoder.")
        boolean zlib;

        @Option(names = "--work-dir", description = "Where to write (default: a temporary folder).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            EOPatch patch = BenchData.testPatchWithBands(shared);
            if (noBands) {
                patch.remove(FeatureType.DATA, "BANDS-S2-L1C");
            }
            double mib = arrayBytes(patch) / (1024.0 * 1024.0);
            Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("eolearn-bench");
            try {
                Path npy = work.resolve("npy");
                Path gz = work.resolve("gz");
                double saveNpy = time(() -> BenchData.delete(npy), () -> save(patch, npy, Compression.NONE));
                double saveGz = time(() -> BenchData.delete(gz), () -> save(patch, gz, zlib ? Compression.GZIP_ZLIB
                        : Compression.GZIP));
                double loadNpy = time(() -> { }, () -> release(EOPatch.load(npy)));
                double loadGz = time(() -> { }, () -> release(EOPatch.load(gz)));
                System.out.printf(Locale.ROOT, "TestEOPatch: %d features, %.1f MiB of arrays%s%n",
                        patch.getFeatures().size(), mib, noBands ? "" : " (with BANDS-S2-L1C from REFERENCE_SCENES)");
                System.out.printf(Locale.ROOT, "median of %d runs after %d warm-up runs; %d cores; gzip by %s%n", repeat,
                        warmup, Runtime.getRuntime().availableProcessors(), zlib ? "zlib level 1" : "the built-in "
                        + "encoder");
                System.out.printf(Locale.ROOT, "%-16s %10s %12s %8s%n", "operation", "Java s", "eo-learn s", "ratio");
                row("load .npy", loadNpy, EO_LOAD_NPY);
                row("load .npy.gz", loadGz, EO_LOAD_GZ);
                row("save .npy", saveNpy, EO_SAVE_NPY);
                row("save .npy.gz", saveGz, EO_SAVE_GZ);
            } finally {
                if (workDir == null) {
                    BenchData.delete(work);
                }
            }
            return 0;
        }

        private static void save(EOPatch patch, Path dir, Compression compression) throws IOException {
            EOPatchIO.save(patch, dir, SaveOptions.defaults().withCompression(compression));
        }

        /**
         * Frees the loaded arrays' off-heap memory at once, as Python's reference counting does when a loaded
         * patch is dropped; otherwise ND4J frees it only when the garbage collector runs and every repetition
         * pays for fresh memory pages.
         */
        private static void release(EOPatch loaded) {
            for (Feature f : loaded.getFeatures()) {
                if (f.type().isArray()) {
                    loaded.getArray(f.type(), f.name()).close();
                }
            }
        }

        private static void row(String name, double java, double eo) {
            System.out.printf(Locale.ROOT, "%-16s %10.4f %12.3f %7.1fx%n", name, java, eo, eo / java);
        }

        /** Median time of {@code measured}, each run preceded by an untimed {@code setup}. */
        private double time(ThrowingRunnable setup, ThrowingRunnable measured) throws Exception {
            for (int i = 0; i < warmup; i++) {
                setup.run();
                measured.run();
            }
            double[] t = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                setup.run();
                long start = System.nanoTime();
                measured.run();
                t[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(t);
            return t[t.length / 2];
        }

        private static long arrayBytes(EOPatch patch) {
            long total = 0;
            for (Feature f : patch.getFeatures()) {
                if (f.type().isArray()) {
                    INDArray a = patch.getArray(f.type(), f.name());
                    total += a.length() * DType.of(a).itemSize();
                }
            }
            return total;
        }

        @FunctionalInterface
        private interface ThrowingRunnable {
            void run() throws Exception;
        }
    }
}
