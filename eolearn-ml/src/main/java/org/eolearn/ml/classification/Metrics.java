package org.eolearn.ml.classification;

import java.util.Arrays;
import java.util.Locale;

/**
 * Classification metrics: accuracy, per-class precision, recall and F1, and the confusion matrix (rows = true
 * class, columns = predicted class, both in the order of {@link #classes()}).
 *
 * @param classes   the class labels
 * @param confusion the confusion matrix
 * @param accuracy  the share of correct predictions
 * @param precision per class
 * @param recall    per class
 * @param f1        per class
 * @since 0.1
 */
public record Metrics(int[] classes, long[][] confusion, double accuracy, double[] precision, double[] recall,
                      double[] f1) {

    /**
     * Computes the metrics.
     *
     * @param classes   the class labels
     * @param truth     true labels
     * @param predicted predicted labels
     * @return the metrics
     * @throws IllegalArgumentException for a label outside the classes or arrays of different lengths
     */
    public static Metrics of(int[] classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int k = classes.length;
        long[][] cm = new long[k][k];
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            int t = indexOf(classes, truth[i]);
            int p = indexOf(classes, predicted[i]);
            cm[t][p]++;
            correct += t == p ? 1 : 0;
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            long predictedC = 0;
            long trueC = 0;
            for (int j = 0; j < k; j++) {
                predictedC += cm[j][c];
                trueC += cm[c][j];
            }
            precision[c] = predictedC == 0 ? 0 : tp / (double) predictedC;
            recall[c] = trueC == 0 ? 0 : tp / (double) trueC;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        return new Metrics(classes.clone(), cm, truth.length == 0 ? 0 : correct / (double) truth.length, precision,
                recall, f1);
    }

    private static int indexOf(int[] classes, int label) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("label " + label + " is not one of the classes " + Arrays.toString(classes));
    }

    /**
     * Formats the metrics as a small text report.
     *
     * @return the report
     */
    public String report() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "accuracy: %.4f%n", accuracy));
        b.append(String.format(Locale.ROOT, "%8s %10s %10s %10s%n", "class", "precision", "recall", "f1"));
        for (int c = 0; c < classes.length; c++) {
            b.append(String.format(Locale.ROOT, "%8d %10.4f %10.4f %10.4f%n", classes[c], precision[c], recall[c],
                    f1[c]));
        }
        b.append("confusion matrix (rows: true, columns: predicted):\n");
        for (long[] row : confusion) {
            b.append(Arrays.toString(row)).append('\n');
        }
        return b.toString();
    }

    /**
     * Equality by value.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics && Arrays.equals(classes, ((Metrics) o).classes)
                && Arrays.deepEquals(confusion, ((Metrics) o).confusion);
    }

    /**
     * Hash of the classes and matrix.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(classes) + Arrays.deepHashCode(confusion);
    }

    /**
     * Returns {@link #report()}.
     *
     * @return the report
     */
    @Override
    public String toString() {
        return report();
    }
}
