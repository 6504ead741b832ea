package org.eolearn.ml.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PixelClassificationTask's builder (a task of this library, not registered under an eo-learn name): the default
 * build is the constructor's with no probabilities, the probabilities setting writes them, bad arguments are named.
 */
class PixelClassificationTaskBuilderTest {

    private static final List<Feature> FEATURES = List.of(Feature.of(FeatureType.DATA_TIMELESS, "BANDS"));
    private static final Feature LABELS = Feature.of(FeatureType.MASK_TIMELESS, "LABELS");
    private static final Feature PREDICTED = Feature.of(FeatureType.MASK_TIMELESS, "PREDICTED");
    private static final Feature PROBA = Feature.of(FeatureType.DATA_TIMELESS, "PROBA");

    private static PixelClassifier classifier;

    @BeforeAll
    static void train() {
        int[] classes = {2, 5, 9};
        TrainingTable table = TrainingTable.fromPatches(List.of(PixelClassifierTest.patch(1, classes)), FEATURES,
                LABELS, 0);
        classifier = PixelClassifier.train(table, null, new PixelClassifier.Options(10, 4, 0.3, 0, 1, ""));
    }

    @Test
    void defaultBuildWritesLabelsOnly() {
        PixelClassificationTask built = PixelClassificationTask.builder(classifier, FEATURES, PREDICTED).build();
        PixelClassificationTask full = new PixelClassificationTask(classifier, FEATURES, PREDICTED, null);
        assertThat(built.describe()).isEqualTo(full.describe()).containsEntry("probabilities", null);
        assertThat(new PixelClassificationTask(classifier, FEATURES, PREDICTED).describe())
                .isEqualTo(full.describe());
        EOPatch a = built.execute(PixelClassifierTest.patch(5, new int[] {2, 5, 9}));
        EOPatch b = full.execute(PixelClassifierTest.patch(5, new int[] {2, 5, 9}));
        assertThat(a).isEqualTo(b);
        assertThat(a.names(FeatureType.DATA_TIMELESS)).containsExactly("BANDS");
    }

    @Test
    void probabilitiesSettingWritesThem() {
        EOPatch p = PixelClassificationTask.builder(classifier, FEATURES, PREDICTED).probabilities(PROBA).build()
                .execute(PixelClassifierTest.patch(5, new int[] {2, 5, 9}));
        assertThat(p.getArray(PROBA.type(), PROBA.name()).shape()).containsExactly(60, 60, 3);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> PixelClassificationTask.builder(classifier, FEATURES, PREDICTED)
                .probabilities(Feature.of(FeatureType.DATA, "P"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities");
        assertThatThrownBy(() -> PixelClassificationTask.builder(classifier, List.of(), PREDICTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
        assertThatThrownBy(() -> PixelClassificationTask.builder(null, FEATURES, PREDICTED))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("classifier");
        assertThatThrownBy(() -> PixelClassificationTask.builder(classifier, FEATURES, PROBA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
    }
}
