package org.eolearn.cloudless.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java predictor against native LightGBM on models trained in the test: raw scores must be equal to the
 * bit, transformed outputs equal after a cast to float32 (as s2cloudless casts them).
 */
class LightGbmModelTest {

    private static final int ROWS = 12_000;
    private static final int FEATURES = 6;

    /** Appends rows whose values sit exactly on the model's split thresholds (and just around them). */
    private static double[] withThresholdRows(double[] x, String model) {
        Matcher m = Pattern.compile("(?m)^threshold=(.*)$").matcher(model);
        Matcher f = Pattern.compile("(?m)^split_feature=(.*)$").matcher(model);
        List<double[]> extra = new ArrayList<>();
        while (m.find() && f.find()) {
            String[] t = m.group(1).trim().split(" ");
            String[] feat = f.group(1).trim().split(" ");
            for (int i = 0; i < t.length && extra.size() < 3000; i++) {
                double thr = Double.parseDouble(t[i]);
                int j = Integer.parseInt(feat[i]);
                for (double v : new double[] {thr, Math.nextUp(thr), Math.nextDown(thr), (float) thr}) {
                    double[] row = Arrays.copyOfRange(x, extra.size() * FEATURES % x.length,
                            extra.size() * FEATURES % x.length + FEATURES);
                    row[j] = v;
                    extra.add(row);
                }
            }
        }
        double[] out = Arrays.copyOf(x, x.length + extra.size() * FEATURES);
        for (int i = 0; i < extra.size(); i++) {
            System.arraycopy(extra.get(i), 0, out, x.length + i * FEATURES, FEATURES);
        }
        return out;
    }

    private static void assertSameAsNative(String modelText, double[] x, boolean checkTransformed) throws Exception {
        LightGbmModel model = LightGbmModel.parse(modelText);
        int n = x.length / FEATURES;
        double[] rawNative = NativeLightGbm.predict(modelText, x, FEATURES, true);
        double[] outNative = NativeLightGbm.predict(modelText, x, FEATURES, false);
        assertThat(rawNative).hasSize(n);
        double[] out = new double[1];
        int rawMismatches = 0;
        int outMismatches = 0;
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOfRange(x, i * FEATURES, (i + 1) * FEATURES);
            model.predictRaw(row, out);
            if (Double.doubleToLongBits(out[0]) != Double.doubleToLongBits(rawNative[i])) {
                rawMismatches++;
            }
            model.predict(row, out);
            if (checkTransformed && (float) out[0] != (float) outNative[i]) {
                outMismatches++;
            }
        }
        assertThat(rawMismatches).as("raw score mismatches of " + n + " rows").isZero();
        assertThat(outMismatches).as("float32 output mismatches of " + n + " rows").isZero();
        assertThat(n).isGreaterThanOrEqualTo(ROWS);
    }

    @Test
    void binaryWithNanAsMissing() throws Exception {
        double[] x = NativeLightGbm.rows(ROWS, FEATURES, 1, -1, 0);
        String model = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsBinary(x, FEATURES, 2),
                "objective=binary num_leaves=31 learning_rate=0.1", 60);
        assertThat(model).contains("objective=binary sigmoid:1");
        assertSameAsNative(model, withThresholdRows(x, model), true);
    }

    @Test
    void binaryWithZeroAsMissingAndSigmoid() throws Exception {
        double[] x = NativeLightGbm.rows(ROWS, FEATURES, 3, -1, 0);
        String model = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsBinary(x, FEATURES, 4),
                "objective=binary sigmoid=0.7 zero_as_missing=true num_leaves=15", 50);
        assertThat(model).contains("sigmoid:0.7");
        assertSameAsNative(model, withThresholdRows(x, model), true);
    }

    @Test
    void regressionWithACategoricalFeature() throws Exception {
        double[] x = NativeLightGbm.rows(ROWS, FEATURES, 5, 0, 12);
        String model = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsRegression(x, FEATURES),
                "objective=regression categorical_feature=0 num_leaves=20 min_data_per_group=5 cat_smooth=1", 40);
        assertThat(model).contains("cat_threshold=");
        assertSameAsNative(model, withThresholdRows(x, model), true);
    }

    @Test
    void randomForestAveragesItsTrees() throws Exception {
        double[] x = NativeLightGbm.rows(ROWS, FEATURES, 7, -1, 0);
        String model = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsBinary(x, FEATURES, 8),
                "objective=binary boosting=rf bagging_freq=1 bagging_fraction=0.6 feature_fraction=0.8", 30);
        assertThat(model).contains("average_output");
        assertSameAsNative(model, withThresholdRows(x, model), true);
    }

    /**
     * Multiclass: lightgbm4j 4.3.0-1 crashes when predicting a multiclass model, so the oracle predicts each class
     * with a single-output model holding that class's trees (class k owns trees k, k+K, ...), whose raw score is the
     * class's raw score. The softmax is then checked against those native raw scores.
     */
    @Test
    void multiclassRawScoresPerClass() throws Exception {
        int classes = 3;
        double[] x = NativeLightGbm.rows(ROWS, FEATURES, 9, -1, 0);
        String modelText = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsClasses(x, FEATURES, classes),
                "objective=multiclass num_class=3 num_leaves=15", 25);
        LightGbmModel model = LightGbmModel.parse(modelText);
        assertThat(model.numOutputs()).isEqualTo(3);
        double[] rows = withThresholdRows(x, modelText);
        int n = rows.length / FEATURES;
        double[][] nativeRaw = new double[classes][];
        for (int c = 0; c < classes; c++) {
            nativeRaw[c] = NativeLightGbm.predict(classModel(modelText, c, classes), rows, FEATURES, true);
        }
        double[] raw = new double[classes];
        double[] prob = new double[classes];
        int mismatches = 0;
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOfRange(rows, i * FEATURES, (i + 1) * FEATURES);
            model.predictRaw(row, raw);
            model.predict(row, prob);
            double max = Math.max(nativeRaw[0][i], Math.max(nativeRaw[1][i], nativeRaw[2][i]));
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                if (Double.doubleToLongBits(raw[c]) != Double.doubleToLongBits(nativeRaw[c][i])) {
                    mismatches++;
                }
                sum += Math.exp(nativeRaw[c][i] - max);
            }
            assertThat((float) prob[1]).isEqualTo((float) (Math.exp(nativeRaw[1][i] - max) / sum));
        }
        assertThat(mismatches).isZero();
    }

    /** The single-output model of one class of a multiclass model. */
    private static String classModel(String text, int cls, int classes) {
        String head = text.substring(0, text.indexOf("\nTree=") + 1)
                .replaceFirst("(?m)^num_class=\\d+$", "num_class=1")
                .replaceFirst("(?m)^num_tree_per_iteration=\\d+$", "num_tree_per_iteration=1")
                .replaceFirst("(?m)^objective=.*$", "objective=regression")
                .replaceFirst("(?m)^tree_sizes=.*\\n", "");
        String[] blocks = text.substring(text.indexOf("\nTree=") + 1, text.indexOf("end of trees")).split("(?=Tree=)");
        StringBuilder b = new StringBuilder(head);
        int k = 0;
        for (int i = cls; i < blocks.length; i += classes) {
            b.append(blocks[i].replaceFirst("^Tree=\\d+", "Tree=" + k++));
        }
        return b.append("end of trees\n").toString();
    }

    @Test
    void iterationRangesAndBulkPrediction() throws Exception {
        double[] x = NativeLightGbm.rows(2000, FEATURES, 11, -1, 0);
        String text = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsBinary(x, FEATURES, 12),
                "objective=binary num_leaves=7", 20);
        LightGbmModel model = LightGbmModel.parse(text);
        assertThat(model.numIterations()).isEqualTo(20);
        double[] row = Arrays.copyOfRange(x, 0, FEATURES);
        double[] all = new double[1];
        double[] first = new double[1];
        double[] rest = new double[1];
        model.predictRaw(row, all);
        model.predictRaw(row, first, 0, 5);
        model.predictRaw(row, rest, 5, -1);
        assertThat(first[0] + rest[0]).isCloseTo(all[0], org.assertj.core.data.Offset.offset(1e-12));
        float[] rows = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            rows[i] = (float) x[i];
        }
        double[] bulk = new double[2000];
        model.predict(rows, 2000, bulk);
        double[] one = new double[1];
        for (int i = 0; i < 2000; i++) {
            double[] r = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                r[j] = rows[i * FEATURES + j];
            }
            model.predict(r, one);
            assertThat(bulk[i]).isEqualTo(one[0]);
        }
    }

    @Test
    void brokenModelsNameLineAndKey() throws Exception {
        double[] x = NativeLightGbm.rows(500, FEATURES, 13, -1, 0);
        String text = NativeLightGbm.train(x, FEATURES, NativeLightGbm.labelsBinary(x, FEATURES, 14),
                "objective=binary num_leaves=7", 3);
        assertThatThrownBy(() -> LightGbmModel.parse(text.substring(0, text.indexOf("Tree=1"))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("end of trees");
        String badThreshold = text.replaceFirst("(?m)^threshold=(\\S+)", "threshold=abc");
        assertThatThrownBy(() -> LightGbmModel.parse(badThreshold)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("key 'threshold'").hasMessageContaining("'abc' is not a number")
                .hasMessageMatching("line \\d+: .*");
        String noNumCat = text.replaceFirst("(?m)^num_cat=0\\n", "");
        assertThatThrownBy(() -> LightGbmModel.parse(noNumCat)).hasMessageContaining("key 'num_cat'");
        String loop = text.replaceFirst("(?m)^left_child=(\\S+)", "left_child=0");
        assertThatThrownBy(() -> LightGbmModel.parse(loop)).hasMessageContaining("reached twice");
        assertThatThrownBy(() -> LightGbmModel.parse("hello world")).isInstanceOf(ModelFormatException.class);
        String unknownObjective = text.replaceFirst("(?m)^objective=.*$", "objective=telepathy");
        assertThatThrownBy(() -> LightGbmModel.parse(unknownObjective)).hasMessageContaining("unknown objective");
    }

    @Test
    void atofEmulatesLightGbm() throws Exception {
        assertThat(LightGbmModel.atof("1", 0)).isEqualTo(1.0);
        assertThat(LightGbmModel.atof("0.7", 0)).isEqualTo(0.7);
        assertThat(LightGbmModel.atof("-2.5e1", 0)).isEqualTo(-25.0);
        assertThatThrownBy(() -> LightGbmModel.atof("x", 0)).isInstanceOf(ModelFormatException.class);
    }
}
