package org.eolearn.mask;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces the values of a feature where a mask feature has given values (eo-learn's {@code MaskFeatureTask}).
 *
 * <p>The data are copied; for each value of {@code maskValues}, every element whose mask element equals that value
 * becomes {@code noDataValue}. The result is written under the feature's new name (or over the feature). Both
 * features must be spatial rasters (DATA, MASK, DATA_TIMELESS or MASK_TIMELESS) with the same height and width;
 * a temporal mask needs temporal data with as many frames; a timeless mask applies to every frame. A mask with as
 * many bands as the data masks band by band; a one-band mask applies to every band.
 *
 * <pre>{@code
 * new MaskFeatureTask(Feature.of(DATA, "NDVI", "NDVI_MASKED"), Feature.of(MASK, "CLM"), List.of(1), Double.NaN)
 *         .execute(patch);
 * }</pre>
 *
 * <p>The no-data value is cast to the data's dtype as numpy assigns it (truncated for integers, non-zero for
 * bool); NaN cannot be written into integer or bool data.
 *
 * @since 0.1
 */
public final class MaskFeatureTask implements PatchTask {

    private final Feature feature;
    private final Feature maskFeature;
    private final double[] maskValues;
    private final double noDataValue;

    /**
     * Creates the task; prefer {@link #builder(Feature, Feature, List)}, or
     * {@link #MaskFeatureTask(Feature, Feature, List)} for eo-learn's default no-data value.
     *
     * @param feature     the feature to mask, optionally renamed ({@code Feature.of(DATA, "NDVI", "NDVI_MASKED")})
     * @param maskFeature the mask feature
     * @param maskValues  the mask values that mark elements to replace (booleans count as 0 and 1)
     * @param noDataValue the replacement value (eo-learn's default is NaN)
     * @throws NullPointerException     naming {@code feature}, {@code mask_feature} or {@code mask_values} if null
     * @throws IllegalArgumentException if a feature is not a spatial raster or a mask value is not a number
     */
    public MaskFeatureTask(Feature feature, Feature maskFeature, List<?> maskValues, double noDataValue) {
        this.feature = requireRaster(feature, "feature");
        this.maskFeature = requireRaster(maskFeature, "mask_feature");
        this.maskValues = maskValues(maskValues);
        this.noDataValue = noDataValue;
    }

    /**
     * Creates the task with eo-learn's default no-data value, NaN.
     *
     * @param feature     the feature to mask, optionally renamed
     * @param maskFeature the mask feature
     * @param maskValues  the mask values that mark elements to replace
     * @throws NullPointerException     naming {@code feature}, {@code mask_feature} or {@code mask_values} if null
     * @throws IllegalArgumentException if a feature is not a spatial raster or a mask value is not a number
     */
    public MaskFeatureTask(Feature feature, Feature maskFeature, List<?> maskValues) {
        this(feature, maskFeature, maskValues, Builder.DEFAULT_NO_DATA_VALUE);
    }

    /**
     * Starts a task with eo-learn's default {@code no_data_value}, NaN.
     *
     * <pre>{@code
     * MaskFeatureTask task = MaskFeatureTask.builder(Feature.of(MASK, "CLM", "CLM_MASKED"),
     *         Feature.of(MASK_TIMELESS, "LULC"), List.of(2)).noDataValue(255).build();
     * }</pre>
     *
     * @param feature     the feature to mask, optionally renamed ({@code Feature.of(DATA, "NDVI", "NDVI_MASKED")})
     * @param maskFeature the mask feature
     * @param maskValues  the mask values that mark elements to replace (numbers; booleans count as 0 and 1)
     * @return the builder
     * @throws NullPointerException     naming {@code feature}, {@code mask_feature} or {@code mask_values} if null
     * @throws IllegalArgumentException if a feature is not a spatial raster or a mask value is not a number
     */
    public static Builder builder(Feature feature, Feature maskFeature, List<?> maskValues) {
        return new Builder(feature, maskFeature, maskValues);
    }

    /** Settings of a {@link MaskFeatureTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code no_data_value}. */
        static final double DEFAULT_NO_DATA_VALUE = Double.NaN;

        private final Feature feature;
        private final Feature maskFeature;
        private final List<?> maskValues;
        private double noDataValue = DEFAULT_NO_DATA_VALUE;

        private Builder(Feature feature, Feature maskFeature, List<?> maskValues) {
            this.feature = requireRaster(feature, "feature");
            this.maskFeature = requireRaster(maskFeature, "mask_feature");
            MaskFeatureTask.maskValues(maskValues);
            this.maskValues = List.copyOf(maskValues);
        }

        /**
         * The value put where the mask matches (eo-learn's {@code no_data_value}, NaN by default); it is cast to
         * the data's dtype as numpy assigns it, and NaN cannot be written into integer or bool data.
         *
         * @param value the value
         * @return this
         */
        public Builder noDataValue(double value) {
            this.noDataValue = value;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public MaskFeatureTask build() {
            return new MaskFeatureTask(feature, maskFeature, maskValues, noDataValue);
        }
    }

    private static double[] maskValues(List<?> maskValues) {
        Objects.requireNonNull(maskValues, "mask_values");
        double[] out = new double[maskValues.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = maskValues.get(i);
            if (v instanceof Boolean) {
                out[i] = (Boolean) v ? 1 : 0;
            } else if (v instanceof Number) {
                out[i] = ((Number) v).doubleValue();
            } else {
                throw new IllegalArgumentException("mask_values must be a list of numbers, got " + maskValues);
            }
        }
        return out;
    }

    private static Feature requireRaster(Feature f, String param) {
        Objects.requireNonNull(f, param);
        if (!f.type().isImage()) {
            throw new IllegalArgumentException(param + " must be a spatial raster feature (data, mask, "
                    + "data_timeless or mask_timeless), got " + f);
        }
        return f;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(feature.type(), feature.name());
        INDArray mask = patch.getArray(maskFeature.type(), maskFeature.name());
        INDArray out = mask(data, feature.type(), mask, maskFeature.type(), maskValues, noDataValue);
        patch.put(feature.type(), feature.outputName(), out);
        return patch;
    }

    /**
     * Masks an array (eo-learn's {@code apply_mask} for every value): returns a copy of {@code data} with
     * {@code noDataValue} wherever the mask equals one of {@code maskValues}.
     *
     * @param data        the data, (t, h, w, d) or (h, w, d)
     * @param dataType    its feature type
     * @param mask        the mask, (t, h, w, d or 1) or (h, w, d or 1)
     * @param maskType    its feature type
     * @param maskValues  the values to mask
     * @param noDataValue the replacement
     * @return a new array of the data's shape and dtype
     * @throws IllegalArgumentException if the shapes do not fit (the message names the feature parameters)
     */
    public static INDArray mask(INDArray data, FeatureType dataType, INDArray mask, FeatureType maskType,
                                double[] maskValues, double noDataValue) {
        if (!dataType.isImage() || !maskType.isImage()) {
            throw new IllegalArgumentException("masking needs spatial raster features, got " + dataType.value()
                    + " and " + maskType.value());
        }
        if (dataType.isTimeless() && maskType.isTemporal()) {
            throw new IllegalArgumentException("cannot mask the timeless feature with the temporal mask_feature");
        }
        long[] ds = data.shape();
        long[] ms = mask.shape();
        int dr = ds.length;
        int mr = ms.length;
        if (ds[dr - 3] != ms[mr - 3] || ds[dr - 2] != ms[mr - 2]) {
            throw new IllegalArgumentException("feature and mask_feature have different spatial dimensions: "
                    + Arrays.toString(ds) + " and " + Arrays.toString(ms));
        }
        if (maskType.isTemporal() && ds[0] != ms[0]) {
            throw new IllegalArgumentException("feature and mask_feature have different temporal dimensions: "
                    + Arrays.toString(ds) + " and " + Arrays.toString(ms));
        }
        int bands = (int) ds[dr - 1];
        int maskBands = (int) ms[mr - 1];
        if (maskBands != bands && maskBands != 1) {
            throw new IllegalArgumentException("mask_feature has " + maskBands + " bands while feature has " + bands
                    + " bands");
        }
        DType type = DType.of(data);
        if (Double.isNaN(noDataValue) && !type.isFloatingPoint()) {
            throw new IllegalArgumentException("no_data_value NaN cannot be written into " + type.numpyName()
                    + " data; give an integer no_data_value");
        }
        // one copy of the data, written in place where the mask matches (the fill is cast as fromDoubles casts)
        NdBuffer out = NdBuffer.copyOf(data);
        NdBuffer m = NdBuffer.read(mask);
        int pixels = (int) (ds[dr - 3] * ds[dr - 2]);
        int frames = dr == 4 ? (int) ds[0] : 1;
        for (int f = 0; f < frames; f++) {
            int maskFrame = maskType.isTemporal() ? f : 0;
            for (int p = 0; p < pixels; p++) {
                for (int b = 0; b < bands; b++) {
                    double v = m.get((maskFrame * pixels + p) * maskBands + (maskBands == 1 ? 0 : b));
                    if (matches(v, maskValues)) {
                        out.set((f * pixels + p) * bands + b, noDataValue);
                    }
                }
            }
        }
        return out.array();
    }

    private static boolean matches(double v, double[] values) {
        for (double x : values) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "mask_feature", maskFeature, "mask_values",
                Arrays.toString(maskValues), "no_data_value", noDataValue);
    }
}
