package org.eolearn.examples.water;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The invalid fraction of every frame (eo-learn's water-monitor {@code AddValidDataCoverageTask}):
 * {@code COVERAGE = 1 - count_nonzero(VALID_DATA) / size}, a SCALAR (t, 1) float64.
 *
 * @since 0.1
 */
public final class ValidDataCoverageTask implements PatchTask {

    private final Feature validData;
    private final Feature coverage;

    /**
     * Creates the task.
     *
     * @param validData the MASK of valid pixels
     * @param coverage  the SCALAR output
     */
    public ValidDataCoverageTask(Feature validData, Feature coverage) {
        this.validData = Feature.requireType(validData, FeatureType.MASK, "valid_data_feature");
        this.coverage = Feature.requireType(coverage, FeatureType.SCALAR, "coverage_feature");
    }

    /**
     * The invalid fraction of one frame.
     *
     * @param frame the frame's valid-data mask
     * @return 1 - valid pixels / pixels
     */
    public static double invalidFraction(INDArray frame) {
        double[] v = NdArrays.toDoubles(frame);
        long valid = 0;
        for (double x : v) {
            valid += x != 0 ? 1 : 0;
        }
        return v.length == 0 ? 1 : 1 - (double) valid / v.length;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray valid = patch.getArray(validData.type(), validData.name());
        int t = (int) valid.size(0);
        int n = (int) (valid.length() / Math.max(1, t));
        double[] v = NdArrays.toDoubles(valid);
        double[] out = new double[t];
        for (int f = 0; f < t; f++) {
            long count = 0;
            for (int i = f * n; i < (f + 1) * n; i++) {
                count += v[i] != 0 ? 1 : 0;
            }
            out[f] = 1 - (double) count / n;
        }
        patch.put(coverage, NdArrays.fromDoubles(DType.FLOAT64, new long[] {t, 1}, out));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("valid_data_feature", validData, "coverage_feature", coverage);
    }
}
