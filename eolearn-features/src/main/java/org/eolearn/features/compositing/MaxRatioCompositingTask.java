package org.eolearn.features.compositing;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;

/**
 * The max-ratio composite (eo-learn's 2018 {@code MaxRatioCompositingTask}): per pixel the frame at the 100th
 * percentile of {@code nanmax(nir, swir1) / blue} (in float32).
 *
 * @since 0.1
 */
public final class MaxRatioCompositingTask extends BaseCompositingTask {

    private final int blueIdx;
    private final int nirIdx;
    private final int swir1Idx;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @param swir1Idx         the index of the SWIR1 band ({@code swir1_idx})
     * @param interpolation    the percentile method ({@code interpolation}, {@code 'lower'} in eo-learn)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation
     */
    public MaxRatioCompositingTask(Feature feature, Feature featureComposite, int blueIdx, int nirIdx, int swir1Idx, String interpolation) {
        super(feature, featureComposite, 100, DEFAULT_MAX_INDEX, interpolation, Double.NaN);
        this.blueIdx = blueIdx;
        this.nirIdx = nirIdx;
        this.swir1Idx = swir1Idx;
    }

    /**
     * Creates the task with eo-learn's default interpolation, {@code 'lower'}.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @param swir1Idx         the index of the SWIR1 band ({@code swir1_idx})
     * @throws NullPointerException if a feature is null
     */
    public MaxRatioCompositingTask(Feature feature, Feature featureComposite, int blueIdx, int nirIdx, int swir1Idx) {
        this(feature, featureComposite, blueIdx, nirIdx, swir1Idx, DEFAULT_INTERPOLATION);
    }

    @Override
    protected ReferenceBand referenceBand(double[] data, DType dtype, long[] shape) {
        int d = (int) shape[3];
        int blue = band(blueIdx, d, "blue_idx");
        int nir = band(nirIdx, d, "nir_idx");
        int swir1 = band(swir1Idx, d, "swir1_idx");
        double[] out = new double[data.length / d];
        for (int i = 0; i < out.length; i++) {
            double a = (float) data[i * d + nir];
            double b = (float) data[i * d + swir1];
            double m = Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
            out[i] = (float) (m / (float) data[i * d + blue]);
        }
        return new ReferenceBand(out, DType.FLOAT32);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("blue_idx", blueIdx, "nir_idx", nirIdx, "swir1_idx", swir1Idx);
    }
}
