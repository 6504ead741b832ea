package org.eolearn.features.texture;

import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn's 2018 {@code HOGTask}: the histogram of oriented gradients of every frame of a DATA feature (all bands
 * as channels; the kernel is {@link Hog}).
 *
 * <p>The result is float32 of shape {@code (t, nb * cb_row, nc * cb_col, orientations)}, {@code nb} and {@code nc}
 * being the numbers of blocks ({@code h // ppc_row - cb_row + 1} and the same along columns): the block
 * {@code (i, j)}'s cell {@code (k, l)} at row {@code i * cb_row + k}, column {@code j * cb_col + l}, so overlapping
 * blocks stand side by side. The visualisation, float64 {@code (t, h, w, 1)}, goes to
 * {@code visualize_feature_name}, or {@code <new name>_VISU} when that is empty.
 *
 * <p>Differences (docs/differences.md D151): {@code visualize=False} and {@code hog_feature_vector=True} are refused
 * (eo-learn fails on both with {@code ValueError: not enough values to unpack}).
 *
 * @since 0.9
 */
public final class HOGTask implements PatchTask {

    private final Feature feature;
    private final int orientations;
    private final int[] pixelsPerCell;
    private final int[] cellsPerBlock;
    private final String blockNorm;
    private final String visualizeName;

    /**
     * Creates the task.
     *
     * @param feature          the DATA feature, maybe renamed (the result's name)
     * @param orientations     the number of orientation bins, at least 1
     * @param pixelsPerCell    pixels per cell (rows, columns), positive
     * @param cellsPerBlock    cells per block (rows, columns), positive
     * @param visualize        must be true (D151)
     * @param hogFeatureVector must be false (D151)
     * @param blockNorm        {@code "L1"}, {@code "L1-sqrt"}, {@code "L2"} or {@code "L2-Hys"} (checked when a block
     *                         is normalised, as scikit-image does)
     * @param visualizeName    the visualisation's name, or null or empty for {@code <new name>_VISU}
     * @throws IllegalArgumentException for another feature type or a parameter outside its range
     */
    public HOGTask(Feature feature, int orientations, int[] pixelsPerCell, int[] cellsPerBlock, boolean visualize,
                   boolean hogFeatureVector, String blockNorm, String visualizeName) {
        this.feature = Feature.requireType(feature, FeatureType.DATA, "feature");
        if (!visualize) {
            throw new IllegalArgumentException("visualize=False is refused: eo-learn's HOGTask then fails (ValueError: "
                    + "not enough values to unpack) (D151)");
        }
        if (hogFeatureVector) {
            throw new IllegalArgumentException("hog_feature_vector=True is refused: eo-learn's HOGTask then fails "
                    + "(ValueError: not enough values to unpack) (D151)");
        }
        if (orientations < 1) {
            throw new IllegalArgumentException("orientations must be at least 1, got " + orientations);
        }
        this.orientations = orientations;
        this.pixelsPerCell = pair(pixelsPerCell, "pixels_per_cell");
        this.cellsPerBlock = pair(cellsPerBlock, "cells_per_block");
        this.blockNorm = blockNorm == null ? "L2-Hys" : blockNorm;
        this.visualizeName = visualizeName;
        if (visualizeName != null && !visualizeName.isEmpty()) {
            Feature.checkName(visualizeName);
        }
    }

    /**
     * Creates the task with eo-learn's defaults (9 orientations, 8 x 8 pixels per cell, 3 x 3 cells per block,
     * L2-Hys, visualisation as {@code <new name>_VISU}).
     *
     * @param feature the DATA feature, maybe renamed
     */
    public HOGTask(Feature feature) {
        this(feature, 9, new int[] {8, 8}, new int[] {3, 3}, true, false, "L2-Hys", null);
    }

    private static int[] pair(int[] v, String name) {
        if (v == null || v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(name + " must be two positive integers, got "
                    + java.util.Arrays.toString(v));
        }
        return v.clone();
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(feature.type(), feature.name());
        long[] shape = data.shape();
        int t = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int d = (int) shape[3];
        int outRows = (h / pixelsPerCell[0] - cellsPerBlock[0] + 1) * cellsPerBlock[0];
        int outCols = (w / pixelsPerCell[1] - cellsPerBlock[1] + 1) * cellsPerBlock[1];
        if (outRows < 0 || outCols < 0) {
            throw new IllegalArgumentException("a " + h + " x " + w + " image has fewer cells of " + pixelsPerCell[0]
                    + " x " + pixelsPerCell[1] + " pixels than a block of " + cellsPerBlock[0] + " x "
                    + cellsPerBlock[1] + " cells needs (eo-learn: negative dimensions are not allowed)");
        }
        if (d == 0 && t > 0) {
            throw new IllegalArgumentException("HOG needs at least one band (numpy: attempt to get argmax of an empty "
                    + "sequence)");
        }
        DType dtype = DType.of(data);
        boolean float32 = dtype == DType.FLOAT32 || dtype == DType.FLOAT16;
        NdBuffer in = NdBuffer.read(data);
        NdBuffer out = NdBuffer.allocate(DType.FLOAT32, t, outRows, outCols, orientations);
        NdBuffer vis = NdBuffer.allocate(DType.FLOAT64, t, h, w, 1);
        int frame = h * w * d;
        double[] image = new double[frame];
        int cbr = cellsPerBlock[0];
        int cbc = cellsPerBlock[1];
        for (int f = 0; f < t; f++) {
            for (int k = 0; k < frame; k++) {
                image[k] = in.get(f * frame + k);
            }
            Hog.Result r = Hog.hog(image, h, w, d, float32, orientations, pixelsPerCell[0], pixelsPerCell[1], cbr,
                    cbc, blockNorm, true);
            double[] blocks = r.blocks();
            for (int br = 0; br < r.blocksRow(); br++) {
                for (int bc = 0; bc < r.blocksCol(); bc++) {
                    for (int cr = 0; cr < cbr; cr++) {
                        for (int cc = 0; cc < cbc; cc++) {
                            int src = (((br * r.blocksCol() + bc) * cbr + cr) * cbc + cc) * orientations;
                            int row = br * cbr + cr;
                            int col = bc * cbc + cc;
                            int dst = ((f * outRows + row) * outCols + col) * orientations;
                            for (int o = 0; o < orientations; o++) {
                                out.set(dst + o, blocks[src + o]);
                            }
                        }
                    }
                }
            }
            double[] image2 = r.image();
            for (int k = 0; k < h * w; k++) {
                vis.set(f * h * w + k, image2[k]);
            }
        }
        String newName = feature.outputName();
        patch.put(feature.type(), newName, out.array());
        String visName = visualizeName == null || visualizeName.isEmpty() ? newName + "_VISU" : visualizeName;
        patch.put(feature.type(), visName, vis.array());
        return patch;
    }
}
