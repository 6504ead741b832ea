package org.eolearn.ml.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, evaluation, saving and prediction of the LightGBM pixel classifier. */
class PixelClassifierTest {

    @TempDir
    Path dir;

    /** A 60 x 60 patch whose 4 bands separate classes {2, 5, 9} with noise (and label 0 = no data). */
    static EOPatch patch(long seed, int[] classValues) {
        Random r = new Random(seed);
        int h = 60;
        int w = 60;
        double[] bands = new double[h * w * 4];
        double[] labels = new double[h * w];
        for (int i = 0; i < h * w; i++) {
            int which = r.nextInt(classValues.length);
            int cls = r.nextInt(10) == 0 ? 0 : classValues[which];
            labels[i] = cls;
            for (int b = 0; b < 4; b++) {
                bands[i * 4 + b] = (which == b ? 0.6 : 0.2) + 0.08 * r.nextGaussian();
            }
        }
        EOPatch p = new EOPatch();
        p.put(FeatureType.DATA_TIMELESS, "BANDS", NdArrays.fromDoubles(DType.FLOAT32, new long[] {h, w, 4}, bands));
        p.put(FeatureType.MASK_TIMELESS, "LABELS", NdArrays.fromDoubles(DType.UINT8, new long[] {h, w, 1}, labels));
        return p;
    }

    private static final List<Feature> FEATURES = List.of(Feature.of(FeatureType.DATA_TIMELESS, "BANDS"));
    private static final Feature LABELS = Feature.of(FeatureType.MASK_TIMELESS, "LABELS");

    @Test
    void trainEvaluateSaveLoadAndClassifyPatches() throws Exception {
        int[] classes = {2, 5, 9};
        TrainingTable train = TrainingTable.fromPatches(List.of(patch(1, classes), patch(2, classes)), FEATURES,
                LABELS, 0);
        TrainingTable valid = TrainingTable.fromPatches(List.of(patch(3, classes)), FEATURES, LABELS, 0);
        TrainingTable test = TrainingTable.fromPatches(List.of(patch(4, classes)), FEATURES, LABELS, 0);
        PixelClassifier clf = PixelClassifier.train(train, valid, PixelClassifier.Options.defaults());
        assertThat(clf.classes()).containsExactly(2, 5, 9);
        Metrics m = clf.evaluate(test);
        assertThat(m.accuracy()).isGreaterThan(0.9);
        assertThat(m.confusion()).hasDimensions(3, 3);
        assertThat(m.report()).contains("accuracy").contains("confusion matrix");
        assertThat(clf.model().numIterations()).as("early stopping keeps the best iteration").isLessThanOrEqualTo(200);

        Path file = dir.resolve("model.txt");
        clf.save(file);
        PixelClassifier loaded = PixelClassifier.load(file);
        assertThat(loaded.classes()).containsExactly(2, 5, 9);
        assertThat(loaded.predict(test.rows(), test.size())).containsExactly(clf.predict(test.rows(), test.size()));

        EOPatch p = patch(5, classes);
        new PixelClassificationTask(loaded, FEATURES, Feature.of(FeatureType.MASK_TIMELESS, "PREDICTED"),
                Feature.of(FeatureType.DATA_TIMELESS, "PROBA")).execute(p);
        assertThat(p.getArray(FeatureType.MASK_TIMELESS, "PREDICTED").shape()).containsExactly(60, 60, 1);
        assertThat(DType.of(p.getArray(FeatureType.MASK_TIMELESS, "PREDICTED"))).isEqualTo(DType.INT32);
        assertThat(p.getArray(FeatureType.DATA_TIMELESS, "PROBA").shape()).containsExactly(60, 60, 3);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.MASK_TIMELESS, "PREDICTED"))).containsOnly(2, 5, 9);
    }

    @Test
    void javaPredictionsEqualNativeLightGbm() throws Exception {
        int[] classes = {0, 1};
        TrainingTable train = TrainingTable.fromPatches(List.of(patch(6, classes)), FEATURES, LABELS);
        PixelClassifier clf = PixelClassifier.train(train, null, new PixelClassifier.Options(50, 15, 0.1, 0, 1, ""));
        double[] ours = clf.probabilities(train.rows(), train.size());
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(clf.modelText())) {
            double[] nativeP = booster.predictForMat(train.rows(), train.size(), train.numFeatures(), true,
                    PredictionType.C_API_PREDICT_NORMAL);
            for (int i = 0; i < train.size(); i++) {
                assertThat((float) ours[2 * i + 1]).isEqualTo((float) nativeP[i]);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        int[] classes = {2, 5, 9};
        EOPatch wrongShape = patch(7, classes);
        wrongShape.put(FeatureType.MASK_TIMELESS, "LABELS", NdArrays.zeros(DType.UINT8, 30, 30, 1));
        assertThatThrownBy(() -> TrainingTable.fromPatches(List.of(wrongShape), FEATURES, LABELS))
                .hasMessageContaining("30 x 30").hasMessageContaining("60 x 60");
        EOPatch allNoData = patch(8, classes);
        allNoData.put(FeatureType.MASK_TIMELESS, "LABELS", NdArrays.zeros(DType.UINT8, 60, 60, 1));
        assertThatThrownBy(() -> TrainingTable.fromPatches(List.of(allNoData), FEATURES, LABELS, 0))
                .hasMessageContaining("empty sample");
        TrainingTable train = TrainingTable.fromPatches(List.of(patch(9, new int[] {2, 5})), FEATURES, LABELS, 0);
        TrainingTable valid = TrainingTable.fromPatches(List.of(patch(10, classes)), FEATURES, LABELS, 0);
        assertThatThrownBy(() -> PixelClassifier.train(train, valid, PixelClassifier.Options.defaults()))
                .hasMessageContaining("class 9").hasMessageContaining("missing from the training sample");
        TrainingTable one = TrainingTable.fromPatches(List.of(patch(11, new int[] {5})), FEATURES, LABELS, 0);
        assertThatThrownBy(() -> PixelClassifier.train(one, null, PixelClassifier.Options.defaults()))
                .hasMessageContaining("two classes");
    }
}
