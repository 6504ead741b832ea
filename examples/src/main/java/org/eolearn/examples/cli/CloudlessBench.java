package org.eolearn.examples.cli;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eolearn bench cloudless}: the pure-Java LightGBM predictor against native LightGBM. */
@Command(name = "cloudless", mixinStandardHelpOptions = true,
        description = {"Train a binary model of 10 features the size of the s2cloudless model (about 10 MB of text) "
                + "with native LightGBM, then predict the same pixels with the pure-Java predictor and with native "
                + "LightGBM, with 1 and 2 threads, and print pixels per second."})
final class CloudlessBench implements Callable<Integer> {

    @Option(names = "--trees", defaultValue = "3300", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--pixels", defaultValue = "100000", description = "Pixels to predict (default: ${DEFAULT-VALUE}).")
    int pixels;

    @Option(names = "--repeat", defaultValue = "3", description = "Measurements, best kept (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        int features = 10;
        int trainRows = 40_000;
        Random r = new Random(1);
        float[] x = new float[trainRows * features];
        float[] y = new float[trainRows];
        for (int i = 0; i < trainRows; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) (r.nextDouble() * 0.6);
            }
            y[i] = x[i * features + 1] + x[i * features + 9] * x[i * features + 4] + 0.15 * r.nextGaussian() > 0.5
                    ? 1f : 0f;
        }
        long start = System.nanoTime();
        String text;
        try (LGBMDataset ds = LGBMDataset.createFromMat(x, trainRows, features, true, "max_bin=255", null)) {
            ds.setField("label", y);
            try (LGBMBooster booster = LGBMBooster.create(ds, "objective=binary num_leaves=31 learning_rate=0.02 "
                    + "min_data_in_leaf=5 bagging_fraction=0.8 bagging_freq=1 verbose=-1 num_threads=2 seed=3")) {
                for (int i = 0; i < trees; i++) {
                    booster.updateOneIter();
                }
                text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        }
        LightGbmModel model = LightGbmModel.parse(text);
        System.out.printf(Locale.ROOT, "model: %s, %.1f MB of text (s2cloudless: 10.98 MB), trained in %.0f s%n",
                model, text.getBytes(StandardCharsets.UTF_8).length / 1e6, (System.nanoTime() - start) / 1e9);

        float[] rows = new float[pixels * features];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (r.nextDouble() * 0.6);
        }
        double[] javaOut = new double[pixels];
        for (int threads : new int[] {1, 2}) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k < repeat + 1; k++) {
                long t0 = System.nanoTime();
                predictJava(model, rows, javaOut, threads);
                double s = (System.nanoTime() - t0) / 1e9;
                if (k > 0) {
                    best = Math.min(best, s);
                }
            }
            System.out.printf(Locale.ROOT, "pure Java, %d thread%s: %.0f pixels/s%n", threads, threads == 1 ? "" : "s",
                    pixels / best);
        }
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(text)) {
            for (int threads : new int[] {1, 2}) {
                double best = Double.MAX_VALUE;
                double[] nativeOut = null;
                for (int k = 0; k < repeat + 1; k++) {
                    long t0 = System.nanoTime();
                    nativeOut = booster.predictForMat(rows, pixels, features, true,
                            PredictionType.C_API_PREDICT_NORMAL, "num_threads=" + threads);
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (k > 0) {
                        best = Math.min(best, s);
                    }
                }
                int mismatches = 0;
                for (int i = 0; i < pixels; i++) {
                    if ((float) nativeOut[i] != (float) javaOut[i]) {
                        mismatches++;
                    }
                }
                System.out.printf(Locale.ROOT, "native LightGBM, %d thread%s: %.0f pixels/s (float32 mismatches with "
                        + "Java: %d)%n", threads, threads == 1 ? "" : "s", pixels / best, mismatches);
            }
        }
        return 0;
    }

    private static void predictJava(LightGbmModel model, float[] rows, double[] out, int threads) {
        int n = out.length;
        int f = model.numFeatures();
        int chunk = (n + threads - 1) / threads;
        IntStream.range(0, threads).parallel().forEach(t -> {
            int from = t * chunk;
            int to = Math.min(n, from + chunk);
            if (from >= to) {
                return;
            }
            float[] part = java.util.Arrays.copyOfRange(rows, from * f, to * f);
            double[] o = new double[to - from];
            model.predict(part, to - from, o);
            System.arraycopy(o, 0, out, from, to - from);
        });
    }
}
