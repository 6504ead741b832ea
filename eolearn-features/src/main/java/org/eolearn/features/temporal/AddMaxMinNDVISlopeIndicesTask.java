package org.eolearn.features.temporal;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The time indices of the maximum and the minimum of the NDVI slope per pixel (eo-learn's 2018
 * {@code AddMaxMinNDVISlopeIndicesTask}), written as two uint8 DATA_TIMELESS features {@code (h, w, 1)}.
 *
 * <p>At each pixel the valid observations (mask {@code VALID_DATA}, or {@code IS_DATA} with {@code mask_data=False};
 * NaN values are <em>not</em> left out) give the slope by central differences,
 * {@code (NDVI[k+1] - NDVI[k-1]) / (day[k+1] - day[k-1])} (days as proleptic Gregorian ordinals), in float64 from the
 * float32 values; the result is the frame index of the valid observation at the slope's argmax and argmin (numpy's:
 * the first NaN if there is one, else the first extreme). As in the legacy code, a zero day difference (two
 * observations on one day) gives an infinite or NaN slope, and indices wrap modulo 256.
 *
 * <p><b>Refused</b> (the legacy code crashes; docs/differences.md D141): a pixel with no valid observation, or one
 * where the extreme falls past the last valid observation, which happens with fewer than three (the legacy
 * {@code np.convolve} then pads the short series); a feature of more than one band (D142).
 *
 * @since 0.1
 */
public final class AddMaxMinNDVISlopeIndicesTask implements PatchTask {

    static final String TASK = "AddMaxMinNDVISlopeIndicesTask";
    /** {@code date(1970, 1, 1).toordinal()}. */
    private static final long EPOCH_ORDINAL = 719_163;

    private final String dataFeature;
    private final String argmaxFeature;
    private final String argminFeature;
    private final boolean maskData;

    /**
     * Creates the task.
     *
     * @param dataFeature   the DATA feature with the NDVI ({@code data_feature})
     * @param argmaxFeature the DATA_TIMELESS feature receiving the slope's argmax ({@code argmax_feature})
     * @param argminFeature the DATA_TIMELESS feature receiving the slope's argmin ({@code argmin_feature})
     * @param maskData      true to mask with {@code VALID_DATA}, false with {@code IS_DATA} ({@code mask_data})
     * @throws NullPointerException if a name is null
     */
    public AddMaxMinNDVISlopeIndicesTask(String dataFeature, String argmaxFeature, String argminFeature,
                                         boolean maskData) {
        this.dataFeature = Objects.requireNonNull(dataFeature, "data_feature");
        this.argmaxFeature = Objects.requireNonNull(argmaxFeature, "argmax_feature");
        this.argminFeature = Objects.requireNonNull(argminFeature, "argmin_feature");
        this.maskData = maskData;
    }

    /** The task with eo-learn's defaults: {@code NDVI}, {@code ARGMAX_NDVI_SLOPE}, {@code ARGMIN_NDVI_SLOPE}, masked. */
    public AddMaxMinNDVISlopeIndicesTask() {
        this("NDVI", "ARGMAX_NDVI_SLOPE", "ARGMIN_NDVI_SLOPE", true);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray mask = Legacy.validMask(patch, maskData, TASK);
        INDArray array = Legacy.data(patch, dataFeature, TASK);
        long[] shape = array.shape();
        if (shape[3] != 1) {
            throw new IllegalArgumentException(TASK + ": (data, " + dataFeature + ") has " + shape[3] + " bands; "
                    + "the NDVI slope needs one band (docs/differences.md D142)");
        }
        long[] ms = mask.shape();
        if (NdArrays.length(ms) != 1 && !Arrays.equals(ms, shape)) {
            throw new IllegalArgumentException(TASK + ": the mask's shape " + Arrays.toString(ms) + " is not the "
                    + "data's " + Arrays.toString(shape) + " (numpy: mask and data not compatible)");
        }
        boolean[] valid = Legacy.broadcastValid(mask, shape, TASK);
        double[] v = Legacy.float32Values(array);
        int t = (int) shape[0];
        int n = (int) (shape[1] * shape[2]);
        List<LocalDateTime> ts = patch.timestamps() == null ? List.of() : patch.timestamps();
        long[] days = new long[ts.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = ts.get(i).toLocalDate().toEpochDay() + EPOCH_ORDINAL;
        }
        long[] amax = new long[n];
        long[] amin = new long[n];
        int[] idx = new int[t];
        for (int j = 0; j < n; j++) {
            int k = 0;
            for (int s = 0; s < t; s++) {
                if (valid[s * n + j]) {
                    if (s >= days.length) {
                        throw new IllegalArgumentException(TASK + ": frame " + s + " has no timestamp (the patch "
                                + "has " + days.length + ")");
                    }
                    idx[k++] = s;
                }
            }
            if (k == 0) {
                throw new IllegalArgumentException(TASK + ": pixel " + j + " has no valid observation (the legacy "
                        + "code fails in np.convolve; docs/differences.md D141)");
            }
            double[] curve = new double[k];
            long[] dates = new long[k];
            for (int i = 0; i < k; i++) {
                curve[i] = v[idx[i] * n + j];
                dates[i] = days[idx[i]];
            }
            double[] num = centralDifferences(curve);
            long[] den = centralDifferences(dates);
            double[] slope = new double[num.length];
            for (int i = 0; i < slope.length; i++) {
                slope[i] = num[i] / (double) den[i];
            }
            int hi = argExtreme(slope, true) + 1;
            int lo = argExtreme(slope, false) + 1;
            if (hi >= k || lo >= k) {
                throw new IllegalArgumentException(TASK + ": pixel " + j + " has " + k + " valid observation"
                        + (k == 1 ? "" : "s") + " and its slope's extreme is past the last one (the legacy code fails "
                        + "with an IndexError; docs/differences.md D141)");
            }
            amax[j] = idx[hi] & 0xFF;
            amin[j] = idx[lo] & 0xFF;
        }
        long[] outShape = {shape[1], shape[2], 1};
        patch.put(FeatureType.DATA_TIMELESS, argmaxFeature, NdArrays.fromLongs(DType.UINT8, outShape, amax));
        patch.put(FeatureType.DATA_TIMELESS, argminFeature, NdArrays.fromLongs(DType.UINT8, outShape, amin));
        return patch;
    }

    /**
     * {@code np.convolve(a, [1, 0, -1], "valid")}: numpy swaps the operands when {@code a} is shorter than the
     * kernel, so a series of one or two values gives three or two padded terms.
     */
    static double[] centralDifferences(double[] a) {
        double[] kernel = {1, 0, -1};
        double[] x = a.length >= 3 ? a : kernel;
        double[] y = a.length >= 3 ? kernel : a;
        int m = x.length - y.length + 1;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < y.length; j++) {
                s += x[i + j] * y[y.length - 1 - j];
            }
            out[i] = s;
        }
        return out;
    }

    /** As {@link #centralDifferences(double[])}, for the int64 day numbers. */
    static long[] centralDifferences(long[] a) {
        long[] kernel = {1, 0, -1};
        long[] x = a.length >= 3 ? a : kernel;
        long[] y = a.length >= 3 ? kernel : a;
        int m = x.length - y.length + 1;
        long[] out = new long[m];
        for (int i = 0; i < m; i++) {
            long s = 0;
            for (int j = 0; j < y.length; j++) {
                s += x[i + j] * y[y.length - 1 - j];
            }
            out[i] = s;
        }
        return out;
    }

    /** numpy's argmax (or argmin): the first NaN if any, else the first extreme. */
    static int argExtreme(double[] a, boolean max) {
        int best = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                return i;
            }
            if (max ? a[i] > a[best] : a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("data_feature", dataFeature, "argmax_feature", argmaxFeature, "argmin_feature",
                argminFeature, "mask_data", maskData);
    }
}
