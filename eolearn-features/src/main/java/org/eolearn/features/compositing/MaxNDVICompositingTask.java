package org.eolearn.features.compositing;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;

/**
 * The max-NDVI composite (eo-learn's 2018 {@code MaxNDVICompositingTask}): per pixel the frame at the 100th
 * percentile of the NDVI {@code (nir - red) / (nir + red)} (in float32), or at the 0th where the pixel's NDVI median
 * (numpy's {@code nanmedian}, in float32) is below -0.05 (water).
 *
 * @since 0.1
 */
public final class MaxNDVICompositingTask extends BaseCompositingTask {

    private final int redIdx;
    private final int nirIdx;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param redIdx           the index of the red band ({@code red_idx})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @param interpolation    the percentile method ({@code interpolation}, {@code 'lower'} in eo-learn)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation
     */
    public MaxNDVICompositingTask(Feature feature, Feature featureComposite, int redIdx, int nirIdx, String interpolation) {
        super(feature, featureComposite, 100, DEFAULT_MAX_INDEX, interpolation, Double.NaN);
        this.redIdx = redIdx;
        this.nirIdx = nirIdx;
    }

    /**
     * Creates the task with eo-learn's default interpolation, {@code 'lower'}.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param redIdx           the index of the red band ({@code red_idx})
     * @param nirIdx           the index of the NIR band ({@code nir_idx})
     * @throws NullPointerException if a feature is null
     */
    public MaxNDVICompositingTask(Feature feature, Feature featureComposite, int redIdx, int nirIdx) {
        this(feature, featureComposite, redIdx, nirIdx, DEFAULT_INTERPOLATION);
    }

    @Override
    protected ReferenceBand referenceBand(double[] data, DType dtype, long[] shape) {
        int d = (int) shape[3];
        return new ReferenceBand(normalizedDifference(data, d, band(nirIdx, d, "nir_idx"), band(redIdx, d,
                "red_idx")), DType.FLOAT32);
    }

    /** (a - b) / (a + b) of two bands in float32. */
    static double[] normalizedDifference(double[] data, int d, int a, int b) {
        double[] out = new double[data.length / d];
        for (int i = 0; i < out.length; i++) {
            float x = (float) data[i * d + a];
            float y = (float) data[i * d + b];
            out[i] = (x - y) / (x + y);
        }
        return out;
    }

    @Override
    protected double[] indices(ReferenceBand band, int frames, int pixels) {
        double[] v = band.values();
        double[] vals = new double[frames];
        float threshold = (float) -0.05;
        double[] low = indexByPercentile(band, frames, pixels, 0);
        double[] high = indexByPercentile(band, frames, pixels, 100);
        double[] out = new double[pixels];
        for (int px = 0; px < pixels; px++) {
            int cnt = 0;
            for (int s = 0; s < frames; s++) {
                double x = v[s * pixels + px];
                if (!Double.isNaN(x)) {
                    vals[cnt++] = x;
                }
            }
            float median = Float.NaN;
            if (cnt > 0) {
                java.util.Arrays.sort(vals, 0, cnt);
                float lo = (float) vals[cnt % 2 == 1 ? cnt / 2 : cnt / 2 - 1];
                float hi = (float) vals[cnt / 2];
                median = (lo + hi) / 2f;
            }
            out[px] = median < threshold ? low[px] : high[px];
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return describe("red_idx", redIdx, "nir_idx", nirIdx);
    }
}
