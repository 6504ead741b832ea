package org.eolearn.features;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.eolearn.features.internal.ArrayAccess;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Water detection of eo-learn's water-monitor example ({@code WaterDetectionTask} of the notebook): per frame, an
 * Otsu threshold of the water index (NDWI), the water mask {@code index > threshold} limited to the nominal water
 * extent, and the water level = water pixels / nominal water pixels.
 *
 * <p>As in the example, a frame with a single distinct value gets the threshold 1.0; otherwise NaN values count as
 * -1 for the threshold (and are never water). Outputs: the MASK {@code waterMask} (t, h, w, 1) uint8, the SCALAR
 * {@code waterLevel} (t, 1) float64 and the SCALAR {@code threshold} (t, 1) float64. Frames run in parallel.
 *
 * @since 0.1
 */
public final class WaterDetectionTask implements PatchTask {

    private final Feature index;
    private final Feature nominalWater;
    private final Feature waterMask;
    private final Feature waterLevel;
    private final Feature threshold;

    /**
     * Creates the task; prefer {@link #builder(Feature, Feature, Feature, Feature)}, or
     * {@link #WaterDetectionTask(Feature, Feature, Feature, Feature)} without thresholds.
     *
     * @param index        the DATA water index (t, h, w, 1), float32 or float64
     * @param nominalWater the MASK_TIMELESS nominal water extent (h, w, 1)
     * @param waterMask    the MASK output
     * @param waterLevel   the SCALAR output of water levels
     * @param threshold    the SCALAR output of thresholds, or null
     * @throws NullPointerException     naming the parameter of a null required feature
     * @throws IllegalArgumentException naming the parameter of a feature of the wrong type
     */
    public WaterDetectionTask(Feature index, Feature nominalWater, Feature waterMask, Feature waterLevel,
                              Feature threshold) {
        this.index = Feature.requireType(index, FeatureType.DATA, "ndwi_feature");
        this.nominalWater = Feature.requireType(nominalWater, FeatureType.MASK_TIMELESS, "nominal_water_feature");
        this.waterMask = Feature.requireType(waterMask, FeatureType.MASK, "water_mask_feature");
        this.waterLevel = Feature.requireType(waterLevel, FeatureType.SCALAR, "water_level_feature");
        this.threshold = threshold == null ? null : Feature.requireType(threshold, FeatureType.SCALAR,
                "threshold_feature");
        Objects.requireNonNull(index);
    }

    /**
     * Creates the task with the default {@code threshold_feature=None}: the thresholds are not written.
     *
     * @param index        the DATA water index (t, h, w, 1), float32 or float64
     * @param nominalWater the MASK_TIMELESS nominal water extent (h, w, 1)
     * @param waterMask    the MASK output
     * @param waterLevel   the SCALAR output of water levels
     * @throws NullPointerException     naming the parameter of a null feature
     * @throws IllegalArgumentException naming the parameter of a feature of the wrong type
     */
    public WaterDetectionTask(Feature index, Feature nominalWater, Feature waterMask, Feature waterLevel) {
        this(index, nominalWater, waterMask, waterLevel, null);
    }

    /**
     * Starts a task with the default {@code threshold_feature=None} (the thresholds are not written).
     *
     * @param index        the DATA water index (t, h, w, 1), float32 or float64 ({@code ndwi_feature})
     * @param nominalWater the MASK_TIMELESS nominal water extent (h, w, 1) ({@code nominal_water_feature})
     * @param waterMask    the MASK output ({@code water_mask_feature})
     * @param waterLevel   the SCALAR output of water levels ({@code water_level_feature})
     * @return the builder
     * @throws NullPointerException     naming the parameter of a null feature
     * @throws IllegalArgumentException naming the parameter of a feature of the wrong type
     */
    public static Builder builder(Feature index, Feature nominalWater, Feature waterMask, Feature waterLevel) {
        return new Builder(index, nominalWater, waterMask, waterLevel);
    }

    /** Settings of a {@link WaterDetectionTask}; every setter is optional. */
    public static final class Builder {
        private final Feature index;
        private final Feature nominalWater;
        private final Feature waterMask;
        private final Feature waterLevel;
        private Feature threshold;

        private Builder(Feature index, Feature nominalWater, Feature waterMask, Feature waterLevel) {
            this.index = Feature.requireType(index, FeatureType.DATA, "ndwi_feature");
            this.nominalWater = Feature.requireType(nominalWater, FeatureType.MASK_TIMELESS,
                    "nominal_water_feature");
            this.waterMask = Feature.requireType(waterMask, FeatureType.MASK, "water_mask_feature");
            this.waterLevel = Feature.requireType(waterLevel, FeatureType.SCALAR, "water_level_feature");
        }

        /**
         * Also writes each frame's Otsu threshold, (t, 1) float64 (this project's {@code threshold_feature}; by
         * default the thresholds are not written).
         *
         * @param feature a SCALAR feature
         * @return this
         * @throws NullPointerException     naming {@code threshold_feature} if it is null
         * @throws IllegalArgumentException naming {@code threshold_feature} if it is not a SCALAR feature
         */
        public Builder thresholdFeature(Feature feature) {
            this.threshold = Feature.requireType(feature, FeatureType.SCALAR, "threshold_feature");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public WaterDetectionTask build() {
            return new WaterDetectionTask(index, nominalWater, waterMask, waterLevel, threshold);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray ndwi = patch.getArray(index.type(), index.name());
        INDArray nominal = patch.getArray(nominalWater.type(), nominalWater.name());
        if (ndwi.rank() != 4 || ndwi.size(3) != 1) {
            throw new IllegalArgumentException("ndwi_feature " + index + " must have shape (t, h, w, 1), got "
                    + java.util.Arrays.toString(ndwi.shape()));
        }
        int t = (int) ndwi.size(0);
        int h = (int) ndwi.size(1);
        int w = (int) ndwi.size(2);
        if (nominal.rank() != 3 || nominal.size(0) != h || nominal.size(1) != w || nominal.size(2) != 1) {
            throw new IllegalArgumentException("nominal_water_feature " + nominalWater + " must have shape (" + h
                    + ", " + w + ", 1), got " + java.util.Arrays.toString(nominal.shape()));
        }
        int n = h * w;
        double[] nominalValues = NdArrays.toDoubles(nominal);
        long nominalCount = java.util.Arrays.stream(nominalValues).filter(v -> v != 0).count();
        float[] all = floats(ndwi);
        double[] mask = new double[t * n];
        double[] levels = new double[t];
        double[] thresholds = new double[t];
        ComputePolicy.parallelFor(t, f -> {
            float[] frame = java.util.Arrays.copyOfRange(all, f * n, (f + 1) * n);
            float thr = 1.0f;
            if (distinctValues(frame) > 1) {
                for (int i = 0; i < n; i++) {
                    if (Float.isNaN(frame[i])) {
                        frame[i] = -1;
                    }
                }
                thr = Otsu.threshold(frame, 256);
            }
            long water = 0;
            for (int i = 0; i < n; i++) {
                boolean isWater = frame[i] > thr && nominalValues[i] != 0;
                mask[f * n + i] = isWater ? 1 : 0;
                water += isWater ? 1 : 0;
            }
            thresholds[f] = thr;
            levels[f] = nominalCount == 0 ? Double.NaN : (double) water / nominalCount;
        });
        patch.put(waterMask, NdArrays.fromDoubles(DType.UINT8, new long[] {t, h, w, 1}, mask));
        patch.put(waterLevel, NdArrays.fromDoubles(DType.FLOAT64, new long[] {t, 1}, levels));
        if (threshold != null) {
            patch.put(threshold, NdArrays.fromDoubles(DType.FLOAT64, new long[] {t, 1}, thresholds));
        }
        return patch;
    }

    /** The values as float32 (numpy's threshold of a float32 index); float64 indices are rounded to float32. */
    private static float[] floats(INDArray a) {
        if (DType.of(a) == DType.FLOAT32) {
            FloatBuffer b = ArrayAccess.floats(a);
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
        double[] d = NdArrays.toDoubles(a);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** numpy.unique's count (NaNs count as one value), stopping at 2. */
    private static int distinctValues(float[] frame) {
        Float first = null;
        boolean nan = false;
        for (float v : frame) {
            if (Float.isNaN(v)) {
                nan = true;
            } else if (first == null) {
                first = v;
            } else if (v != first) {
                return 2;
            }
            if (nan && first != null) {
                return 2;
            }
        }
        return (first != null ? 1 : 0) + (nan ? 1 : 0);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("ndwi_feature", index, "nominal_water_feature", nominalWater, "water_mask_feature",
                waterMask, "water_level_feature", waterLevel, "threshold_feature", threshold);
    }
}
