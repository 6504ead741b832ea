package org.eolearn.features.compositing;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Histogram matching of a time series to a reference composite (eo-learn's 2018 {@code HistogramMatchingTask}): each
 * band of each frame is scaled and shifted so that its mean and standard deviation are the reference's, both taken
 * over the pixels valid (not NaN) in the frame and in the reference: {@code x * (std_ref / std_src) + (mean_ref -
 * mean_src * std_ref / std_src)}.
 *
 * <p>As the legacy code does: the statistics are numpy's {@code nanmean} and {@code nanstd} in float64, with the
 * deviations from the mean rounded to the masked data's dtype (float32 for float32 data); the result has the
 * data's dtype. When the feature is not renamed the legacy code overwrites it with zeros before matching, so the
 * "matched" frames are zeros scaled by {@code std_ref / 0}: NaN wherever the reference is valid and non-constant.
 * The result is the same here.
 *
 * <p><b>Refused</b> (docs/differences.md D146): integer data (numpy casts the float results into the integer array
 * with C's undefined conversion of NaN and of values out of range), and a reference whose height and width are not
 * the data's (numpy broadcasts a one-pixel reference).
 *
 * @since 0.1
 */
public final class HistogramMatchingTask implements PatchTask {

    private static final String TASK = "HistogramMatchingTask";

    private final Feature feature;
    private final Feature reference;

    /**
     * Creates the task.
     *
     * @param feature   the DATA time series, maybe renamed ({@code feature})
     * @param reference the DATA_TIMELESS reference composite ({@code reference})
     * @throws NullPointerException if a feature is null
     */
    public HistogramMatchingTask(Feature feature, Feature reference) {
        this.feature = Objects.requireNonNull(feature, "feature");
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray ref = patch.getArray(reference.type(), reference.name());
        INDArray data = patch.getArray(feature.type(), feature.name());
        long[] rs = ref.shape();
        long[] ds = data.shape();
        if (rs[rs.length - 1] != ds[ds.length - 1]) {
            throw new IllegalArgumentException(TASK + ": Time-series and reference scene must have corresponding "
                    + "bands, got " + Arrays.toString(ds) + " and " + Arrays.toString(rs));
        }
        DType type = DType.of(data);
        if (!type.isFloatingPoint()) {
            throw new IllegalArgumentException(TASK + ": the time series " + feature + " has the integer dtype "
                    + type.numpyName() + "; numpy's cast of the matched values into it is undefined for NaN and "
                    + "values out of range (docs/differences.md D146)");
        }
        if (ds.length != 4 || rs.length != 3 || rs[0] != ds[1] || rs[1] != ds[2]) {
            throw new IllegalArgumentException(TASK + ": the reference " + Arrays.toString(rs) + " must have the "
                    + "height, width and bands of the time series " + Arrays.toString(ds)
                    + " (docs/differences.md D146)");
        }
        DType refType = DType.of(ref);
        DType refMasked = refType == DType.FLOAT16 || refType == DType.FLOAT32 ? refType : DType.FLOAT64;
        int t = (int) ds[0];
        int n = (int) (ds[1] * ds[2]);
        int d = (int) ds[3];
        double[] r = NdArrays.toDoubles(ref);
        boolean inPlace = feature.outputName().equals(feature.name());
        double[] x = inPlace ? new double[(int) data.length()] : NdArrays.toDoubles(data);
        double[] out = new double[x.length];
        double[] src = new double[n];
        double[] rm = new double[n];
        for (int s = 0; s < t; s++) {
            for (int b = 0; b < d; b++) {
                for (int p = 0; p < n; p++) {
                    double v = x[(s * n + p) * d + b];
                    double w = r[p * d + b];
                    src[p] = Double.isNaN(w) ? Double.NaN : v;
                    rm[p] = Double.isNaN(v) ? Double.NaN : round(refMasked, w);
                }
                double meanRef = nanMean(rm);
                double meanSrc = nanMean(src);
                double stdRef = nanStd(rm, refMasked);
                double stdSrc = nanStd(src, type);
                double ratio = stdRef / stdSrc;
                double shift = meanRef - meanSrc * ratio;
                for (int p = 0; p < n; p++) {
                    int i = (s * n + p) * d + b;
                    out[i] = BaseCompositingTask.round(type, x[i] * ratio + shift);
                }
            }
        }
        patch.put(feature, NdArrays.fromDoubles(type, ds, out));
        return patch;
    }

    private static double round(DType type, double v) {
        return BaseCompositingTask.round(type, v);
    }

    /** numpy's nanmean in float64. */
    static double nanMean(double[] v) {
        double sum = 0;
        long count = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                count++;
            }
        }
        return sum / count;
    }

    /** numpy's nanstd in float64 of values of a float dtype: the deviations are rounded to the dtype. */
    static double nanStd(double[] v, DType type) {
        double mean = nanMean(v);
        double sum = 0;
        long count = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                double dev = round(type, x - mean);
                sum += round(type, dev * dev);
                count++;
            }
        }
        return count <= 0 ? Double.NaN : Math.sqrt(sum / count);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "reference", reference);
    }
}
