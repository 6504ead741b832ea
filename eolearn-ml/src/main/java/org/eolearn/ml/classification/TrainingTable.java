package org.eolearn.ml.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pixels as rows of features with their labels: the training data of a pixel classifier.
 *
 * <p>{@link #fromPatches} turns image features into one row per pixel: a timeless feature (h, w, d) gives d columns,
 * a temporal one (t, h, w, d) gives t*d columns (frame-major), concatenated in the order given. Labels come from a
 * timeless integer mask (h, w, 1); pixels whose label is in {@code ignoreLabels} are skipped.
 *
 * @param rows     row-major values, {@code size() * numFeatures}
 * @param labels   one integer label per row
 * @param numFeatures the number of columns
 * @since 0.1
 */
public record TrainingTable(float[] rows, int[] labels, int numFeatures) {

    /**
     * Validates the table.
     *
     * @param rows        the values
     * @param labels      the labels
     * @param numFeatures the columns
     */
    public TrainingTable {
        if (numFeatures < 1 || rows.length != (long) labels.length * numFeatures) {
            throw new IllegalArgumentException("a table of " + labels.length + " rows and " + numFeatures
                    + " features needs " + (long) labels.length * numFeatures + " values, got " + rows.length);
        }
    }

    /**
     * Returns the number of rows.
     *
     * @return the row count
     */
    public int size() {
        return labels.length;
    }

    /**
     * Builds the table of every labelled pixel of some patches.
     *
     * @param patches      the patches
     * @param features     image features (timeless or temporal), in column order
     * @param labels       a MASK_TIMELESS integer feature (h, w, 1)
     * @param ignoreLabels labels whose pixels are left out (e.g. no-data 0)
     * @return the table
     * @throws IllegalArgumentException if a feature's spatial size differs from the labels' or nothing is left
     */
    public static TrainingTable fromPatches(List<EOPatch> patches, List<Feature> features, Feature labels,
                                            int... ignoreLabels) {
        Feature.requireType(labels, FeatureType.MASK_TIMELESS, "labels");
        List<float[]> chunks = new ArrayList<>();
        List<int[]> labelChunks = new ArrayList<>();
        int numFeatures = -1;
        for (EOPatch p : patches) {
            INDArray lab = p.getArray(labels.type(), labels.name());
            if (lab.rank() != 3 || lab.size(2) != 1) {
                throw new IllegalArgumentException("labels " + labels + " must have shape (h, w, 1), got "
                        + Arrays.toString(lab.shape()));
            }
            int h = (int) lab.size(0);
            int w = (int) lab.size(1);
            double[] labelValues = NdArrays.toDoubles(lab);
            Columns cols = Columns.of(p, features, h, w);
            if (numFeatures >= 0 && cols.count != numFeatures) {
                throw new IllegalArgumentException("patches give " + numFeatures + " and " + cols.count + " features");
            }
            numFeatures = cols.count;
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < h * w; i++) {
                int label = (int) labelValues[i];
                if (Arrays.stream(ignoreLabels).noneMatch(x -> x == label)) {
                    keep.add(i);
                }
            }
            float[] rows = new float[keep.size() * numFeatures];
            int[] ls = new int[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                int px = keep.get(k);
                cols.row(px, rows, k * numFeatures);
                ls[k] = (int) labelValues[px];
            }
            chunks.add(rows);
            labelChunks.add(ls);
        }
        int total = labelChunks.stream().mapToInt(a -> a.length).sum();
        if (total == 0) {
            throw new IllegalArgumentException("no labelled pixel to train on (empty sample)");
        }
        float[] rows = new float[total * numFeatures];
        int[] ls = new int[total];
        int pos = 0;
        for (int c = 0; c < chunks.size(); c++) {
            System.arraycopy(chunks.get(c), 0, rows, pos * numFeatures, chunks.get(c).length);
            System.arraycopy(labelChunks.get(c), 0, ls, pos, labelChunks.get(c).length);
            pos += labelChunks.get(c).length;
        }
        return new TrainingTable(rows, ls, numFeatures);
    }

    /**
     * Splits the table by a per-row flag.
     *
     * @param test which rows go to the second table
     * @return {first, second}
     */
    public TrainingTable[] split(boolean[] test) {
        if (test.length != size()) {
            throw new IllegalArgumentException("split flags: " + test.length + " for " + size() + " rows");
        }
        int nTest = 0;
        for (boolean b : test) {
            nTest += b ? 1 : 0;
        }
        float[][] rowsOut = {new float[(size() - nTest) * numFeatures], new float[nTest * numFeatures]};
        int[][] labelsOut = {new int[size() - nTest], new int[nTest]};
        int[] pos = new int[2];
        for (int i = 0; i < size(); i++) {
            int t = test[i] ? 1 : 0;
            System.arraycopy(rows, i * numFeatures, rowsOut[t], pos[t] * numFeatures, numFeatures);
            labelsOut[t][pos[t]++] = labels[i];
        }
        return new TrainingTable[] {new TrainingTable(rowsOut[0], labelsOut[0], numFeatures),
            new TrainingTable(rowsOut[1], labelsOut[1], numFeatures)};
    }

    /** Image features as per-pixel columns. */
    static final class Columns {
        final int count;
        private final double[][] values;
        private final int[] frames;
        private final int[] depths;
        private final int pixels;

        private Columns(double[][] values, int[] frames, int[] depths, int pixels) {
            this.values = values;
            this.frames = frames;
            this.depths = depths;
            this.pixels = pixels;
            int c = 0;
            for (int i = 0; i < values.length; i++) {
                c += frames[i] * depths[i];
            }
            this.count = c;
        }

        static Columns of(EOPatch p, List<Feature> features, int h, int w) {
            double[][] values = new double[features.size()][];
            int[] frames = new int[features.size()];
            int[] depths = new int[features.size()];
            for (int i = 0; i < features.size(); i++) {
                Feature f = features.get(i);
                if (!f.type().isImage()) {
                    throw new IllegalArgumentException("feature " + f + " is not an image feature");
                }
                INDArray a = p.getArray(f.type(), f.name());
                int[] size = p.getSpatialDimension(f.type(), f.name());
                if (size[0] != h || size[1] != w) {
                    throw new IllegalArgumentException("feature " + f + " is " + size[0] + " x " + size[1]
                            + " but the labels are " + h + " x " + w);
                }
                values[i] = NdArrays.toDoubles(a);
                frames[i] = f.type().isTemporal() ? (int) a.size(0) : 1;
                depths[i] = (int) a.size(a.rank() - 1);
            }
            return new Columns(values, frames, depths, h * w);
        }

        void row(int pixel, float[] out, int offset) {
            int k = offset;
            for (int i = 0; i < values.length; i++) {
                for (int t = 0; t < frames[i]; t++) {
                    int base = (t * pixels + pixel) * depths[i];
                    for (int d = 0; d < depths[i]; d++) {
                        out[k++] = (float) values[i][base + d];
                    }
                }
            }
        }
    }
}
