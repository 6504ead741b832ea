package org.eolearn.cloudless.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java predictor against native LightGBM (lightgbm4j 4.3.0-1, i.e. LightGBM 4.3.0) on random models: each
 * case draws a training configuration from LightGBM's parameter space (objective, boosting, tree shape, binning,
 * missing-value handling, categorical features, linear trees), trains it natively on random data, saves it as text,
 * reads the text with {@link LightGbmModel} and predicts random rows full of edge values (NaN, 0, -0.0, ±inf, the
 * double limits, values at LightGBM's zero threshold and exactly on the split thresholds, unseen, negative, fractional
 * and huge categories) in both.
 *
 * <p>Compared, every value bit for bit:
 * <ul>
 *   <li>raw scores of float64 rows ({@code predictRaw} against {@code C_API_PREDICT_RAW_SCORE});</li>
 *   <li>transformed outputs of float64 rows ({@code predict} against {@code C_API_PREDICT_NORMAL}: sigmoid, softmax,
 *       exp, ..., after random-forest averaging);</li>
 *   <li>transformed outputs of float32 rows (the bulk {@code predict(float[], ...)} of the cloud detector against
 *       native float32 input).</li>
 * </ul>
 *
 * <p>{@code -Deolearn.lightgbmModels=N} sets the number of models (default 300), {@code -Deolearn.seed=S} the seed.
 * A failing model's text, rows and parameters are saved under {@code target/lightgbm-differential/}.
 */
class LightGbmDifferentialTest {

    private static final String[] OBJECTIVES = {"binary", "regression", "multiclass", "cross_entropy",
        "multiclassova", "poisson", "regression_sqrt", "huber", "quantile"};

    /** One random configuration and its data. */
    private record Config(String params, int features, int[] categorical, int[] categories, int iterations,
                          int outputs, double[] x, float[] labels) {
    }

    @Test
    void randomModelsPredictAsNativeLightGbm() throws Exception {
        int models = Integer.getInteger("eolearn.lightgbmModels", 300);
        long seed = Long.getLong("eolearn.seed", new Random().nextLong());
        int trained = 0;
        int rejected = 0;
        long rows = 0;
        int[] perObjective = new int[OBJECTIVES.length];
        int linear = 0;
        int withCategorical = 0;
        for (int i = 0; trained < models; i++) {
            if (i > models * 3) {
                fail("only " + trained + " of " + i + " random configurations trained (seed " + seed + ")");
            }
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
            int objective = r.nextInt(OBJECTIVES.length);
            Config c = config(r, OBJECTIVES[objective]);
            String text;
            try {
                text = NativeLightGbm.trainWith(c.x, c.features, c.labels, c.params, c.iterations);
            } catch (LGBMException e) {
                rejected++; // a combination LightGBM refuses to train: nothing to predict
                continue;
            }
            trained++;
            perObjective[objective]++;
            linear += text.contains("is_linear=1") ? 1 : 0;
            withCategorical += text.matches("(?s).*num_cat=[1-9].*") ? 1 : 0;
            double[] x = predictionRows(r, c, text);
            rows += x.length / c.features;
            String problem = compare(text, x, c);
            if (problem != null) {
                Path saved = keep(seed, i, c, text, x);
                fail("model " + i + " (seed " + seed + "; rerun with -Deolearn.seed=" + seed + "), " + c.params
                        + ":\n" + problem + "\nsaved to " + saved);
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < OBJECTIVES.length; k++) {
            b.append(k == 0 ? "" : ", ").append(OBJECTIVES[k]).append(' ').append(perObjective[k]);
        }
        System.out.println("differential LightGBM: " + trained + " random models (" + b + "; " + linear
                + " with linear trees, " + withCategorical + " with categorical splits), " + rows
                + " rows, raw scores bit-identical, transformed outputs " + outputsIdentical + " bit-identical and "
                + outputsClose + " within " + worstUlps + " ulp (D120); " + rejected
                + " configurations refused by LightGBM's training (seed " + seed + ")");
        assertThat(linear).as("models with linear trees").isPositive();
        assertThat(withCategorical).as("models with categorical splits").isPositive();
    }

    private static Config config(Random r, String objective) {
        int features = 1 + r.nextInt(8);
        List<Integer> cat = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            if (r.nextInt(3) == 0) {
                cat.add(j);
            }
        }
        int[] categorical = cat.stream().mapToInt(Integer::intValue).toArray();
        int[] categories = new int[features];
        for (int j : categorical) {
            categories[j] = 2 + r.nextInt(r.nextBoolean() ? 8 : 70);
        }
        int n = 50 + r.nextInt(600);
        double[] x = trainingRows(r, n, features, categories);
        StringBuilder p = new StringBuilder();
        int classes = 1;
        String obj = objective;
        if (objective.equals("regression_sqrt")) {
            obj = "regression";
            p.append(" reg_sqrt=true");
        }
        if (objective.startsWith("multiclass")) {
            classes = 2 + r.nextInt(4);
            p.append(" num_class=").append(classes);
        }
        if (objective.equals("binary") && r.nextInt(3) == 0) {
            p.append(String.format(Locale.ROOT, " sigmoid=%.3f", 0.1 + 3 * r.nextDouble()));
        }
        float[] labels = labels(r, x, features, categories, objective, classes);
        String boosting = new String[] {"gbdt", "gbdt", "rf", "dart"}[r.nextInt(4)];
        p.insert(0, "objective=" + obj + " boosting=" + boosting);
        if (boosting.equals("rf") || r.nextInt(4) == 0) {
            p.append(" bagging_freq=").append(1 + r.nextInt(3));
            p.append(String.format(Locale.ROOT, " bagging_fraction=%.2f", 0.3 + 0.6 * r.nextDouble()));
        }
        if (r.nextInt(3) == 0) {
            p.append(String.format(Locale.ROOT, " feature_fraction=%.2f", 0.3 + 0.7 * r.nextDouble()));
        }
        if (boosting.equals("dart")) {
            p.append(String.format(Locale.ROOT, " drop_rate=%.2f", 0.05 + 0.5 * r.nextDouble()));
        }
        p.append(" num_leaves=").append(2 + r.nextInt(r.nextBoolean() ? 8 : 63));
        p.append(" max_depth=").append(r.nextInt(3) == 0 ? -1 : 1 + r.nextInt(8));
        p.append(" min_data_in_leaf=").append(1 + r.nextInt(30));
        p.append(" min_sum_hessian_in_leaf=").append(r.nextBoolean() ? "0" : "1e-3");
        p.append(" max_bin=").append(new int[] {3, 7, 15, 63, 255}[r.nextInt(5)]);
        p.append(" min_data_in_bin=").append(1 + r.nextInt(5));
        p.append(" use_missing=").append(r.nextInt(4) != 0);
        p.append(" zero_as_missing=").append(r.nextInt(3) == 0);
        p.append(String.format(Locale.ROOT, " learning_rate=%.3f", 0.02 + 0.5 * r.nextDouble()));
        if (categorical.length > 0) {
            p.append(" categorical_feature=").append(String.join(",",
                    Arrays.stream(categorical).mapToObj(Integer::toString).toArray(String[]::new)));
            p.append(" max_cat_to_onehot=").append(1 + r.nextInt(8));
            p.append(" min_data_per_group=").append(1 + r.nextInt(20));
            p.append(" cat_smooth=").append(r.nextInt(12));
            p.append(" cat_l2=").append(r.nextInt(12));
            p.append(" max_cat_threshold=").append(1 + r.nextInt(40));
        }
        if (r.nextInt(4) == 0) {
            p.append(" linear_tree=true");
            p.append(String.format(Locale.ROOT, " linear_lambda=%.2f", r.nextBoolean() ? 0 : r.nextDouble()));
        }
        if (r.nextInt(5) == 0) {
            p.append(String.format(Locale.ROOT, " lambda_l1=%.2f lambda_l2=%.2f", r.nextDouble(), 3 * r.nextDouble()));
        }
        p.append(" verbose=-1 num_threads=1 deterministic=true seed=").append(r.nextInt(1000));
        int iterations = 1 + r.nextInt(r.nextBoolean() ? 5 : 30);
        int outputs = objective.startsWith("multiclass") ? classes : 1;
        return new Config(p.toString(), features, categorical, categories, iterations, outputs, x, labels);
    }

    private static double[] trainingRows(Random r, int n, int features, int[] categories) {
        double[] x = new double[n * features];
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            scale[j] = Math.pow(10, r.nextInt(9) - 4);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                // huge categories only in the rows to predict: a split on category 1e9 needs a 1e9-bit set
                x[i * features + j] = categories[j] > 0 ? category(r, categories[j], 30, 14)
                        : numeric(r, scale[j], 25);
            }
        }
        return x;
    }

    /** A value of a numerical feature: mostly Gaussian, one in {@code rare} an edge value. */
    private static double numeric(Random r, double scale, int rare) {
        if (r.nextInt(rare) != 0) {
            double v = r.nextGaussian() * scale;
            return r.nextInt(6) == 0 ? Math.rint(v) : v; // repeated values make bins
        }
        double[] edges = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-36, -1e-36, Tree.ZERO_THRESHOLD,
            -Tree.ZERO_THRESHOLD, Math.nextUp(Tree.ZERO_THRESHOLD), Math.nextDown(-Tree.ZERO_THRESHOLD), 1e-35, 1e30,
            -1e30, 1e300, Float.MAX_VALUE, Float.MIN_VALUE, 1.0, -1.0};
        return edges[r.nextInt(edges.length)];
    }

    /** A value of a categorical feature: mostly a seen category, one in {@code rare} NaN, negative or unseen. */
    private static double category(Random r, int categories, int rare, int edgeCount) {
        if (r.nextInt(rare) != 0) {
            return r.nextInt(categories);
        }
        double[] edges = {Double.NaN, -1, -2.5, -0.0, 0.5, categories, categories + 1.5, 31, 32, 33, 63, 64, 65, 1000,
            1e9, 2147483647.0, 2147483648.0, 1e10, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-36};
        return edges[r.nextInt(Math.min(edgeCount, edges.length))];
    }

    private static float[] labels(Random r, double[] x, int features, int[] categories, String objective,
                                  int classes) {
        int n = x.length / features;
        double[] w = new double[features];
        double[][] catEffect = new double[features][];
        for (int j = 0; j < features; j++) {
            w[j] = r.nextGaussian();
            if (categories[j] > 0) {
                catEffect[j] = new double[categories[j]];
                for (int k = 0; k < categories[j]; k++) {
                    catEffect[j][k] = r.nextGaussian() * 2;
                }
            }
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.3 * r.nextGaussian();
            for (int j = 0; j < features; j++) {
                double v = x[i * features + j];
                if (categories[j] > 0) {
                    int k = (int) v;
                    s += v == k && k >= 0 && k < categories[j] ? catEffect[j][k] : 0.5;
                } else if (Double.isFinite(v)) {
                    s += w[j] * Math.tanh(v / (1e-300 + Math.abs(v) + 1) * 3 + j);
                } else {
                    s += Double.isNaN(v) ? 1 : Math.signum(v);
                }
            }
            score[i] = s;
        }
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = score[i];
            switch (objective) {
                case "binary":
                    y[i] = s > sorted[n / 2] ? 1f : 0f;
                    break;
                case "multiclass": case "multiclassova": {
                    int c = 0;
                    while (c < classes - 1 && s > sorted[(c + 1) * n / classes]) {
                        c++;
                    }
                    y[i] = c;
                    break;
                }
                case "cross_entropy":
                    y[i] = (float) (1 / (1 + Math.exp(-s)));
                    break;
                case "poisson":
                    y[i] = (float) Math.floor(Math.exp(s / 2) * 2);
                    break;
                case "regression_sqrt":
                    y[i] = (float) (s * Math.abs(s) * 3);
                    break;
                default:
                    y[i] = (float) (s * 10 + (r.nextInt(20) == 0 ? 100 * r.nextGaussian() : 0));
                    break;
            }
        }
        return y;
    }

    /** Random rows like the training data, rows with edge values, and rows sitting on the model's thresholds. */
    private static double[] predictionRows(Random r, Config c, String model) throws ModelFormatException {
        int f = c.features;
        List<double[]> rows = new ArrayList<>();
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            scale[j] = Math.pow(10, r.nextInt(9) - 4);
        }
        int plain = 60 + r.nextInt(60);
        for (int i = 0; i < plain; i++) {
            double[] row = new double[f];
            for (int j = 0; j < f; j++) {
                row[j] = c.categories[j] > 0 ? category(r, c.categories[j], 4, Integer.MAX_VALUE) : numeric(r, scale[j], 4);
            }
            rows.add(row);
        }
        Matcher thr = Pattern.compile("(?m)^threshold=(.*)$").matcher(model);
        Matcher feat = Pattern.compile("(?m)^split_feature=(.*)$").matcher(model);
        Matcher dt = Pattern.compile("(?m)^decision_type=(.*)$").matcher(model);
        while (thr.find() && feat.find() && dt.find() && rows.size() < 600) {
            String[] t = thr.group(1).trim().split("\\s+");
            String[] s = feat.group(1).trim().split("\\s+");
            String[] d = dt.group(1).trim().split("\\s+");
            for (int k = 0; k < t.length && k < s.length && k < d.length && !t[k].isEmpty(); k++) {
                if ((Integer.parseInt(d[k]) & 1) != 0) {
                    continue; // a categorical split's threshold is an index, not a value
                }
                double v = LightGbmModel.parseDouble(t[k], 0, "threshold");
                int j = Integer.parseInt(s[k]);
                for (double u : new double[] {v, Math.nextUp(v), Math.nextDown(v), (float) v,
                    Math.nextUp((float) v), Math.nextDown((float) v)}) {
                    double[] row = rows.get(r.nextInt(plain)).clone();
                    row[j] = u;
                    rows.add(row);
                }
            }
        }
        double[] x = new double[rows.size() * f];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * f, f);
        }
        return x;
    }

    /** Null when the project and native LightGBM agree on every value, else the first differences. */
    private static String compare(String text, double[] x, Config c) throws LGBMException {
        LightGbmModel model;
        try {
            model = LightGbmModel.parse(text);
        } catch (ModelFormatException e) {
            return "the project cannot read the model native LightGBM wrote: " + e.getMessage();
        }
        int f = c.features;
        int n = x.length / f;
        int k = c.outputs;
        if (model.numOutputs() != k || model.numFeatures() != f) {
            return "outputs " + model.numOutputs() + " / features " + model.numFeatures() + ", expected " + k + " / "
                    + f;
        }
        double[] nativeRaw = NativeLightGbm.predictAll(text, x, n, f, k, true);
        double[] nativeOut = NativeLightGbm.predictAll(text, x, n, f, k, false);
        float[] x32 = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x32[i] = (float) x[i];
        }
        double[] nativeOut32 = NativeLightGbm.predictAll(text, x32, n, f, k, false);
        double[] out32 = new double[n * k];
        model.predict(x32, n, out32);
        StringBuilder problems = new StringBuilder();
        int count = 0;
        double[] raw = new double[k];
        double[] out = new double[k];
        for (int i = 0; i < n && count < 5; i++) {
            double[] row = Arrays.copyOfRange(x, i * f, (i + 1) * f);
            model.predictRaw(row, raw);
            model.predict(row, out);
            for (int o = 0; o < k; o++) {
                String what = null;
                double mine = 0;
                double theirs = 0;
                if (!same(raw[o], nativeRaw[i * k + o])) {
                    what = "raw score";
                    mine = raw[o];
                    theirs = nativeRaw[i * k + o];
                } else if (!withinUlps(out[o], nativeOut[i * k + o], c)) {
                    what = "output";
                    mine = out[o];
                    theirs = nativeOut[i * k + o];
                } else if (!withinUlps(out32[i * k + o], nativeOut32[i * k + o], c)) {
                    what = "output of float32 rows";
                    mine = out32[i * k + o];
                    theirs = nativeOut32[i * k + o];
                }
                if (what != null) {
                    count++;
                    problems.append("row ").append(i).append(' ').append(Arrays.toString(row)).append(", output ")
                            .append(o).append(": ").append(what).append(" project ").append(mine)
                            .append(", native ").append(theirs).append('\n');
                    break;
                }
            }
        }
        return count == 0 ? null : problems.toString();
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** Transformed outputs compared: how many were bit-identical, how many within the tolerance, the worst. */
    private static long outputsIdentical;
    private static long outputsClose;
    private static long worstUlps;

    /**
     * A transformed output: bit-identical, or within {@link #MAX_ULPS} units in the last place. Native LightGBM calls
     * the C library's {@code exp} (glibc 2.36 here; on x86-64 glibc picks an FMA variant at run time when the CPU has
     * FMA), the project Java's {@code Math.exp} (documented to 1 ulp): the two differ by an ulp on some arguments,
     * which the sigmoid keeps at about an ulp and the softmax (one exp per class and their sum) at a few. Raw scores
     * involve no library function and are compared bit for bit. Docs: D120.
     */
    private static boolean withinUlps(double a, double b, Config c) {
        if (same(a, b)) {
            outputsIdentical++;
            return true;
        }
        if (Double.isNaN(a) || Double.isNaN(b) || Math.signum(a) != Math.signum(b)) {
            return false;
        }
        long ulps = Math.abs(Double.doubleToLongBits(Math.abs(a)) - Double.doubleToLongBits(Math.abs(b)));
        worstUlps = Math.max(worstUlps, ulps);
        outputsClose++;
        return ulps <= MAX_ULPS;
    }

    /** The tolerance of transformed outputs, in ulps (see {@link #withinUlps}). */
    private static final long MAX_ULPS = 4;

    private static Path keep(long seed, int index, Config c, String text, double[] x) throws IOException {
        Path dir = Path.of("target", "lightgbm-differential", "seed" + seed + "-model" + index);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.txt"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("params.txt"), c.params + "\niterations=" + c.iterations + "\n",
                StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < x.length / c.features; i++) {
            for (int j = 0; j < c.features; j++) {
                b.append(j == 0 ? "" : ",").append(x[i * c.features + j]);
            }
            b.append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), b.toString(), StandardCharsets.UTF_8);
        return dir.toAbsolutePath();
    }
}
