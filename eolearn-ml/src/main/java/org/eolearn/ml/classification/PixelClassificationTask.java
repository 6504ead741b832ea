package org.eolearn.ml.classification;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classifies every pixel of a patch with a {@link PixelClassifier} (pure-Java prediction): the labels go to a
 * MASK_TIMELESS feature (h, w, 1) (int32), and optionally the class probabilities to a DATA_TIMELESS feature
 * (h, w, K) (float32, classes in {@link PixelClassifier#classes()} order). The input features are turned into
 * columns as {@link TrainingTable#fromPatches} does, so give them in the training order. Built with
 * {@link #builder(PixelClassifier, List, Feature)}.
 *
 * @since 0.1
 */
public final class PixelClassificationTask implements PatchTask {

    private final PixelClassifier classifier;
    private final List<Feature> features;
    private final Feature labels;
    private final Feature probabilities;

    /**
     * Creates the task with the default settings: labels only, no probabilities.
     *
     * @param classifier the trained classifier
     * @param features   the image features, in training column order
     * @param labels     the MASK_TIMELESS output for labels
     */
    public PixelClassificationTask(PixelClassifier classifier, List<Feature> features, Feature labels) {
        this(classifier, features, labels, null);
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(PixelClassifier, List, Feature)}, which needs
     * no null for the defaults.
     *
     * @param classifier    the trained classifier
     * @param features      the image features, in training column order
     * @param labels        the MASK_TIMELESS output for labels
     * @param probabilities the DATA_TIMELESS output for probabilities, or null
     */
    public PixelClassificationTask(PixelClassifier classifier, List<Feature> features, Feature labels,
                                   Feature probabilities) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.features = List.copyOf(features);
        Tasks.nonEmpty("features", this.features);
        this.labels = Feature.requireType(labels, FeatureType.MASK_TIMELESS, "labels");
        this.probabilities = probabilities == null ? null
                : Feature.requireType(probabilities, FeatureType.DATA_TIMELESS, "probabilities");
    }

    /**
     * Starts a task writing the labels only (no probabilities by default).
     *
     * <pre>{@code
     * PixelClassificationTask task = PixelClassificationTask.builder(classifier,
     *         List.of(Feature.of(FeatureType.DATA_TIMELESS, "BANDS")), Feature.of(FeatureType.MASK_TIMELESS, "LULC"))
     *         .probabilities(Feature.of(FeatureType.DATA_TIMELESS, "PROBA")).build();
     * }</pre>
     *
     * @param classifier the trained classifier
     * @param features   the image features, in training column order
     * @param labels     the MASK_TIMELESS output for labels
     * @return the builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code features} is empty or {@code labels} is not MASK_TIMELESS
     */
    public static Builder builder(PixelClassifier classifier, List<Feature> features, Feature labels) {
        return new Builder(classifier, features, labels);
    }

    /**
     * Settings of a {@link PixelClassificationTask} (a task of this library, not of eo-learn); every setter is
     * optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final PixelClassifier classifier;
        private final List<Feature> features;
        private final Feature labels;
        private Feature probabilities;

        private Builder(PixelClassifier classifier, List<Feature> features, Feature labels) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            this.features = Tasks.nonEmpty("features", List.copyOf(Objects.requireNonNull(features, "features")));
            this.labels = Feature.requireType(labels, FeatureType.MASK_TIMELESS, "labels");
        }

        /**
         * {@code probabilities}: a DATA_TIMELESS feature receiving the class probabilities (h, w, K) (default: not
         * written).
         *
         * @param feature the feature, or null for none
         * @return this
         * @throws IllegalArgumentException if the feature is not a DATA_TIMELESS feature
         */
        public Builder probabilities(Feature feature) {
            this.probabilities = feature == null ? null
                    : Feature.requireType(feature, FeatureType.DATA_TIMELESS, "probabilities");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public PixelClassificationTask build() {
            return new PixelClassificationTask(classifier, features, labels, probabilities);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        Feature first = features.get(0);
        int[] size = patch.getSpatialDimension(first.type(), first.name());
        int h = size[0];
        int w = size[1];
        TrainingTable.Columns cols = TrainingTable.Columns.of(patch, features, h, w);
        if (cols.count != classifier.model().numFeatures()) {
            throw new IllegalArgumentException("the features give " + cols.count + " columns but the model takes "
                    + classifier.model().numFeatures());
        }
        float[] rows = new float[h * w * cols.count];
        for (int px = 0; px < h * w; px++) {
            cols.row(px, rows, px * cols.count);
        }
        int k = classifier.classes().length;
        double[] p = classifier.probabilities(rows, h * w);
        int[] classes = classifier.classes();
        double[] labelValues = new double[h * w];
        for (int px = 0; px < h * w; px++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[px * k + c] > p[px * k + best]) {
                    best = c;
                }
            }
            labelValues[px] = classes[best];
        }
        patch.put(labels, NdArrays.fromDoubles(DType.INT32, new long[] {h, w, 1}, labelValues));
        if (probabilities != null) {
            patch.put(probabilities, NdArrays.fromDoubles(DType.FLOAT32, new long[] {h, w, k}, p));
        }
        return patch;
    }

    /**
     * Returns the classifier's probabilities of one patch as an array (h, w, K), for callers that want them only.
     *
     * @param patch the patch
     * @return the probabilities
     */
    public INDArray probabilities(EOPatch patch) {
        Feature out = probabilities != null ? probabilities : Feature.of(FeatureType.DATA_TIMELESS, "PROBABILITIES");
        return new PixelClassificationTask(classifier, features, labels, out).execute(patch.copy())
                .getArray(out.type(), out.name());
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("model", classifier.model().toString(), "classes", java.util.Arrays.toString(
                classifier.classes()), "features", features, "labels", labels, "probabilities", probabilities);
    }
}
