package org.eolearn.core.testing;

import java.util.Arrays;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NaN-aware summary statistics of an array, as {@code sentinelhub.testing_utils.assert_statistics_match} and the
 * parity corpus compute them.
 *
 * @param min          nanmin
 * @param max          nanmax
 * @param mean         nanmean
 * @param median       nanmedian
 * @param std          nanstd (population)
 * @param countNonzero non-zero count (NaN counts as non-zero)
 * @param countNan     NaN count
 * @param sum          nansum
 */
public record Stats(double min, double max, double mean, double median, double std, long countNonzero,
                    long countNan, double sum) {

    /**
     * Computes the statistics.
     *
     * @param array the array
     * @return its statistics
     */
    public static Stats of(INDArray array) {
        double[] v = NdArrays.toDoubles(array);
        double[] finite = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        long nan = v.length - finite.length;
        long nonzero = Arrays.stream(v).filter(x -> x != 0).count();
        if (finite.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nonzero, nan, 0);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : finite) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / finite.length;
        double ss = 0;
        for (double x : finite) {
            ss += (x - mean) * (x - mean);
        }
        double[] sorted = finite.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(min, max, mean, median, Math.sqrt(ss / n), nonzero, nan, sum);
    }
}
