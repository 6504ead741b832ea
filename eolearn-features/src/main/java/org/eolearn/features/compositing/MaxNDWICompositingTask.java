package org.eolearn.features.compositing;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;

/**
 * The max-NDWI composite (eo-learn's 2018 {@code MaxNDWICompositingTask}): per pixel the frame at the 100th
 * percentile of {@code (nir - swir1) / (nir + swir1)} (in float32).
 *
 * @since 0.1
 */
public final class MaxNDWICompositingTask extends BaseCompositingTask {

    private final int nirIdx;
    private final int swir1Idx;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @param swir1Idx         the index of the SWIR1 band ({@code swir1_idx})
     * @param interpolation    the percentile method ({@code interpolation}, {@code 'lower'} in eo-learn)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation
     */
    public MaxNDWICompositingTask(Feature feature, Feature featureComposite, int nirIdx, int swir1Idx, String interpolation) {
        super(feature, featureComposite, 100, DEFAULT_MAX_INDEX, interpolation, Double.NaN);
        this.nirIdx = nirIdx;
        this.swir1Idx = swir1Idx;
    }

    /**
     * Creates the task with eo-learn's default interpolation, {@code 'lower'}.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @param swir1Idx         the index of the SWIR1 band ({@code swir1_idx})
     * @throws NullPointerException if a feature is null
     */
    public MaxNDWICompositingTask(Feature feature, Feature featureComposite, int nirIdx, int swir1Idx) {
        this(feature, featureComposite, nirIdx, swir1Idx, DEFAULT_INTERPOLATION);
    }

    @Override
    protected ReferenceBand referenceBand(double[] data, DType dtype, long[] shape) {
        int d = (int) shape[3];
        return new ReferenceBand(MaxNDVICompositingTask.normalizedDifference(data, d, band(nirIdx, d, "nir_idx"),
                band(swir1Idx, d, "swir1_idx")), DType.FLOAT32);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("nir_idx", nirIdx, "swir1_idx", swir1Idx);
    }
}
