package org.eolearn.ml.classification;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.cloudless.lightgbm.LightGbmModel;

/**
 * A LightGBM pixel classifier: trained with native LightGBM (lightgbm4j), saved in LightGBM's text format (which
 * Python LightGBM loads), and applied with the pure-Java predictor.
 *
 * <pre>{@code
 * PixelClassifier clf = PixelClassifier.train(train, validation, PixelClassifier.Options.defaults());
 * Metrics m = clf.evaluate(test);
 * clf.save(Path.of("landcover.txt"));          // + landcover.txt.classes.json
 * }</pre>
 *
 * <p>Class labels may be any integers; LightGBM sees them as 0..K-1 and the mapping is saved beside the model.
 *
 * @since 0.1
 */
public final class PixelClassifier {

    /**
     * Training settings.
     *
     * @param numIterations       the maximum number of boosting rounds
     * @param numLeaves           leaves per tree
     * @param learningRate        the shrinkage
     * @param earlyStoppingRounds stop when the validation loss has not improved for this many rounds (0 = never)
     * @param seed                the random seed
     * @param extraParameters     more LightGBM parameters, {@code key=value} separated by spaces
     */
    public record Options(int numIterations, int numLeaves, double learningRate, int earlyStoppingRounds, int seed,
                          String extraParameters) {
        /**
         * Validates the settings.
         *
         * @param numIterations       at least 1
         * @param numLeaves           at least 2
         * @param learningRate        positive
         * @param earlyStoppingRounds at least 0
         * @param seed                any
         * @param extraParameters     may be empty
         */
        public Options {
            if (numIterations < 1 || numLeaves < 2 || !(learningRate > 0) || earlyStoppingRounds < 0) {
                throw new IllegalArgumentException("invalid options: iterations " + numIterations + ", leaves "
                        + numLeaves + ", learning rate " + learningRate + ", early stopping " + earlyStoppingRounds);
            }
            extraParameters = extraParameters == null ? "" : extraParameters;
        }

        /**
         * 200 rounds, 31 leaves, learning rate 0.1, early stopping after 20 rounds, seed 42.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(200, 31, 0.1, 20, 42, "");
        }
    }

    private final LightGbmModel model;
    private final String text;
    private final int[] classes;

    private PixelClassifier(LightGbmModel model, String text, int[] classes) {
        this.model = model;
        this.text = text;
        this.classes = classes;
    }

    /**
     * Trains a classifier.
     *
     * @param train      the training pixels
     * @param validation validation pixels for early stopping, or null
     * @param options    the settings
     * @return the classifier
     * @throws IllegalArgumentException if the training table is empty, has one class only, or the validation table
     *                                  has a class the training table lacks
     */
    public static PixelClassifier train(TrainingTable train, TrainingTable validation, Options options) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training sample is empty");
        }
        int[] classes = Arrays.stream(train.labels()).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("training needs at least two classes, got " + Arrays.toString(classes));
        }
        Map<Integer, Integer> index = new TreeMap<>();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
        if (validation != null) {
            if (validation.numFeatures() != train.numFeatures()) {
                throw new IllegalArgumentException("validation has " + validation.numFeatures() + " features, training "
                        + train.numFeatures());
            }
            for (int l : validation.labels()) {
                if (!index.containsKey(l)) {
                    throw new IllegalArgumentException("class " + l + " of the validation sample is missing from the "
                            + "training sample (classes " + Arrays.toString(classes) + ")");
                }
            }
        }
        boolean binary = classes.length == 2;
        String params = (binary ? "objective=binary" : "objective=multiclass num_class=" + classes.length)
                + " num_leaves=" + options.numLeaves() + " learning_rate=" + options.learningRate()
                + " seed=" + options.seed() + " deterministic=true num_threads=2 verbose=-1 "
                + (binary ? "metric=binary_logloss" : "metric=multi_logloss") + " " + options.extraParameters();
        try (LGBMDataset trainSet = dataset(train, index, null);
             LGBMDataset validSet = validation == null ? null : dataset(validation, index, trainSet);
             LGBMBooster booster = LGBMBooster.create(trainSet, params)) {
            if (validSet != null) {
                booster.addValidData(validSet);
            }
            double best = Double.POSITIVE_INFINITY;
            int bestIteration = 0;
            for (int it = 1; it <= options.numIterations(); it++) {
                if (booster.updateOneIter()) {
                    break;
                }
                if (validSet != null) {
                    double loss = booster.getEval(1)[0];
                    if (loss < best) {
                        best = loss;
                        bestIteration = it;
                    } else if (options.earlyStoppingRounds() > 0 && it - bestIteration >= options.earlyStoppingRounds()) {
                        break;
                    }
                } else {
                    bestIteration = it;
                }
            }
            String text = booster.saveModelToString(0, bestIteration, LGBMBooster.FeatureImportanceType.SPLIT);
            return new PixelClassifier(LightGbmModel.parse(text), text, classes);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("LightGBM wrote a model this library cannot read: " + e.getMessage(), e);
        }
    }

    private static LGBMDataset dataset(TrainingTable t, Map<Integer, Integer> index, LGBMDataset reference)
            throws LGBMException {
        LGBMDataset ds = LGBMDataset.createFromMat(t.rows(), t.size(), t.numFeatures(), true, "max_bin=255",
                reference);
        float[] y = new float[t.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = index.get(t.labels()[i]);
        }
        ds.setField("label", y);
        return ds;
    }

    /**
     * Class probabilities of rows, in the order of {@link #classes()}.
     *
     * @param rows    row-major values
     * @param numRows the number of rows
     * @return {@code numRows * classes().length} probabilities
     */
    public double[] probabilities(float[] rows, int numRows) {
        int k = classes.length;
        double[] out = new double[numRows * model.numOutputs()];
        model.predict(rows, numRows, out);
        if (model.numOutputs() == k) {
            return out;
        }
        double[] both = new double[numRows * 2];
        for (int r = 0; r < numRows; r++) {
            both[2 * r] = 1 - out[r];
            both[2 * r + 1] = out[r];
        }
        return both;
    }

    /**
     * Predicted class labels of rows.
     *
     * @param rows    row-major values
     * @param numRows the number of rows
     * @return one label per row
     */
    public int[] predict(float[] rows, int numRows) {
        double[] p = probabilities(rows, numRows);
        int k = classes.length;
        int[] out = new int[numRows];
        for (int r = 0; r < numRows; r++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[r * k + c] > p[r * k + best]) {
                    best = c;
                }
            }
            out[r] = classes[best];
        }
        return out;
    }

    /**
     * Evaluates the classifier on labelled rows.
     *
     * @param test the rows
     * @return accuracy, per-class precision, recall and F1, and the confusion matrix
     */
    public Metrics evaluate(TrainingTable test) {
        return Metrics.of(classes, test.labels(), predict(test.rows(), test.size()));
    }

    /**
     * Returns the class labels, in the order of the probabilities.
     *
     * @return the labels
     */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * Returns the model.
     *
     * @return the LightGBM model
     */
    public LightGbmModel model() {
        return model;
    }

    /**
     * Returns the model in LightGBM's text format.
     *
     * @return the text
     */
    public String modelText() {
        return text;
    }

    /**
     * Saves the model in LightGBM's text format and the class labels in {@code <file>.classes.json}.
     *
     * @param file the model file
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        org.eolearn.core.io.AtomicFiles.writeString(file.resolveSibling(file.getFileName() + ".classes.json"),
                Arrays.toString(classes));
        org.eolearn.core.io.AtomicFiles.writeString(file, text);
    }

    /**
     * Loads a saved classifier (without {@code .classes.json} the classes are 0..K-1).
     *
     * @param file the model file
     * @return the classifier
     * @throws IOException if reading fails or the model is malformed
     */
    public static PixelClassifier load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        LightGbmModel model = LightGbmModel.parse(text);
        Path sidecar = file.resolveSibling(file.getFileName() + ".classes.json");
        int[] classes;
        if (Files.exists(sidecar)) {
            String s = Files.readString(sidecar).replaceAll("[\\[\\]\\s]", "");
            classes = s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
        } else {
            classes = java.util.stream.IntStream.range(0, Math.max(2, model.numOutputs())).toArray();
        }
        return new PixelClassifier(model, text, classes);
    }
}
