package org.eolearn.core.task;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies some bands (the last axis) of a feature into a new feature (eo-learn's {@code ExtractBandsTask}).
 *
 * @since 0.1
 */
public final class ExtractBandsTask implements PatchTask {

    private final Feature input;
    private final Feature output;
    private final int[] bands;

    /**
     * Creates the task.
     *
     * @param inputFeature  the feature to read
     * @param outputFeature the feature to write
     * @param bands         band indices, at least one; a negative index counts from the last band, as in numpy
     */
    public ExtractBandsTask(Feature inputFeature, Feature outputFeature, int[] bands) {
        this.input = Objects.requireNonNull(inputFeature, "inputFeature");
        this.output = Objects.requireNonNull(outputFeature, "outputFeature");
        if (bands.length == 0) {
            throw new IllegalArgumentException("bands must be a non-empty list of indices, got "
                    + Arrays.toString(bands));
        }
        this.bands = bands.clone();
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(input.type(), input.name());
        long depth = data.size(data.rank() - 1);
        int[] taken = new int[bands.length];
        for (int i = 0; i < bands.length; i++) {
            int b = bands[i];
            // as numpy indexes: a negative index counts from the last band
            if (b >= depth || b < -depth) {
                throw new IllegalArgumentException("bands " + Arrays.toString(bands) + ": index " + b
                        + " is out of range for " + input + " with " + depth + " bands");
            }
            taken[i] = b < 0 ? (int) (b + depth) : b;
        }
        patch.put(output, NdArrays.take(data, -1, taken));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_feature", input, "output_feature", output, "bands", Arrays.toString(bands));
    }
}
