package org.eolearn.features.temporal;

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
 * The time indices of the maximum and the minimum of a data feature per pixel (eo-learn's 2018
 * {@code AddMaxMinTemporalIndicesTask}), written as two int64 DATA_TIMELESS features.
 *
 * <p>As the legacy code does: the values are converted to float32, and a value is left out where the mask
 * {@code VALID_DATA} ({@code mask_data=True}) or {@code IS_DATA} ({@code mask_data=False}) is false or the value is
 * NaN. Left-out values count as -inf for the maximum and +inf for the minimum (numpy's masked {@code argmax}), so a
 * pixel without any valid value gets index 0, and ties give the first index. With {@code data_index} the result has
 * one band, {@code (h, w, 1)}; without it one band per band of the feature.
 *
 * @since 0.1
 */
public final class AddMaxMinTemporalIndicesTask implements PatchTask {

    static final String TASK = "AddMaxMinTemporalIndicesTask";

    private final String dataFeature;
    private final Integer dataIndex;
    private final String amaxFeature;
    private final String aminFeature;
    private final boolean maskData;

    /**
     * Creates the task.
     *
     * @param dataFeature the DATA feature ({@code data_feature}, {@code "NDVI"} in eo-learn)
     * @param dataIndex   the band to take ({@code data_index}), negative from the end, or null for all bands
     * @param amaxFeature the DATA_TIMELESS feature receiving the argmax ({@code amax_data_feature})
     * @param aminFeature the DATA_TIMELESS feature receiving the argmin ({@code amin_data_feature})
     * @param maskData    true to mask with {@code VALID_DATA}, false with {@code IS_DATA} ({@code mask_data})
     * @throws NullPointerException if a name is null
     */
    public AddMaxMinTemporalIndicesTask(String dataFeature, Integer dataIndex, String amaxFeature,
                                        String aminFeature, boolean maskData) {
        this.dataFeature = Objects.requireNonNull(dataFeature, "data_feature");
        this.dataIndex = dataIndex;
        this.amaxFeature = Objects.requireNonNull(amaxFeature, "amax_data_feature");
        this.aminFeature = Objects.requireNonNull(aminFeature, "amin_data_feature");
        this.maskData = maskData;
    }

    /**
     * The task with eo-learn's defaults: {@code NDVI}, all bands, {@code ARGMAX_NDVI}, {@code ARGMIN_NDVI}, masked
     * with {@code VALID_DATA}.
     */
    public AddMaxMinTemporalIndicesTask() {
        this("NDVI", null, "ARGMAX_NDVI", "ARGMIN_NDVI", true);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray mask = Legacy.validMask(patch, maskData, TASK);
        INDArray array = Legacy.data(patch, dataFeature, TASK);
        long[] shape = array.shape();
        double[] values = Legacy.float32Values(array);
        int t = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int depth = (int) shape[3];
        int band = dataIndex == null ? -1 : Legacy.pyIndex(dataIndex, depth, "data_index");
        int d = band < 0 ? depth : 1;
        if (t == 0) {
            throw new IllegalArgumentException(TASK + ": (data, " + dataFeature + ") has no frames (numpy: attempt "
                    + "to get argmax of an empty sequence)");
        }
        long[] dataShape = {t, h, w, d};
        boolean[] valid = Legacy.broadcastValid(mask, dataShape, TASK);
        boolean[] nan = new boolean[valid.length];
        double[] v = new double[valid.length];
        for (int i = 0; i < v.length; i++) {
            int pixel = i / d;
            int src = band < 0 ? i : pixel * depth + band;
            double x = values[src];
            v[i] = x;
            nan[i] = Double.isNaN(x); // NaN in the input is NaN in float32, and only NaN is
        }
        int n = h * w * d;
        long[] amax = new long[n];
        long[] amin = new long[n];
        for (int j = 0; j < n; j++) {
            double best = Double.NaN;
            double least = Double.NaN;
            for (int s = 0; s < t; s++) {
                int i = s * n + j;
                boolean masked = !valid[i] || nan[i];
                double hi = masked ? Double.NEGATIVE_INFINITY : v[i];
                double lo = masked ? Double.POSITIVE_INFINITY : v[i];
                if (s == 0 || hi > best) {
                    best = hi;
                    amax[j] = s;
                }
                if (s == 0 || lo < least) {
                    least = lo;
                    amin[j] = s;
                }
            }
        }
        long[] outShape = {h, w, d};
        patch.put(FeatureType.DATA_TIMELESS, amaxFeature, NdArrays.fromLongs(DType.INT64, outShape, amax));
        patch.put(FeatureType.DATA_TIMELESS, aminFeature, NdArrays.fromLongs(DType.INT64, outShape, amin));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("data_feature", dataFeature, "data_index", dataIndex, "amax_data_feature", amaxFeature,
                "amin_data_feature", aminFeature, "mask_data", maskData);
    }
}
