package org.eolearn.cloudless.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Random;

/** Native LightGBM (lightgbm4j) as the test oracle: trains small models and predicts with them. */
final class NativeLightGbm {

    private NativeLightGbm() {
    }

    /** Rows of features with NaN, 0, -0, tiny values and categorical integers mixed in. */
    static double[] rows(int n, int features, long seed, int categoricalColumn, int categories) {
        Random r = new Random(seed);
        double[] x = new double[n * features];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                double v;
                if (j == categoricalColumn) {
                    v = r.nextInt(categories + 2) - 1; // includes -1 and unseen categories
                } else {
                    int kind = r.nextInt(40);
                    v = kind == 0 ? Double.NaN : kind == 1 ? 0.0 : kind == 2 ? -0.0 : kind == 3 ? 1e-38
                            : kind == 4 ? -1e-40 : r.nextGaussian() + (j % 3) * 0.5;
                }
                x[i * features + j] = v;
            }
        }
        return x;
    }

    static float[] labelsBinary(double[] x, int features, long seed) {
        Random r = new Random(seed);
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = Double.isNaN(x[i * features]) ? 0.3 : x[i * features];
            double b = Double.isNaN(x[i * features + 1]) ? -0.2 : x[i * features + 1];
            y[i] = a + 0.5 * b + 0.3 * r.nextGaussian() > 0.4 ? 1f : 0f;
        }
        return y;
    }

    static float[] labelsClasses(double[] x, int features, int classes) {
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = Double.isNaN(x[i * features + 2]) ? 0 : x[i * features + 2];
            y[i] = (float) Math.floorMod((int) Math.floor(a * 2 + 3), classes);
        }
        return y;
    }

    static float[] labelsRegression(double[] x, int features) {
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double c = x[i * features];
            double b = Double.isNaN(x[i * features + 1]) ? 0 : x[i * features + 1];
            y[i] = (float) ((c >= 0 ? c % 4 : 5) * 1.5 + b);
        }
        return y;
    }

    /** Trains a model and returns its text. */
    static String train(double[] x, int features, float[] labels, String params, int iterations)
            throws LGBMException {
        int n = labels.length;
        try (LGBMDataset ds = LGBMDataset.createFromMat(x, n, features, true, "max_bin=63 " + extra(params), null)) {
            ds.setField("label", labels);
            try (LGBMBooster booster = LGBMBooster.create(ds, params + " verbose=-1 num_threads=1 seed=7")) {
                for (int i = 0; i < iterations; i++) {
                    booster.updateOneIter();
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        }
    }

    private static String extra(String params) {
        StringBuilder b = new StringBuilder();
        for (String p : params.split(" ")) {
            if (p.startsWith("categorical_feature") || p.startsWith("zero_as_missing") || p.startsWith("use_missing")) {
                b.append(p).append(' ');
            }
        }
        return b.toString();
    }

    /** Native predictions of a model text: raw scores or transformed outputs, one per row (single-output). */
    static double[] predict(String model, double[] x, int features, boolean raw) throws LGBMException {
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(model)) {
            return booster.predictForMat(x, x.length / features, features, true,
                    raw ? PredictionType.C_API_PREDICT_RAW_SCORE : PredictionType.C_API_PREDICT_NORMAL);
        }
    }
}
