package org.eolearn.features.compositing;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;

/**
 * The HOT composite (eo-learn's 2018 {@code HOTCompositingTask}): per pixel the frame at the 25th percentile of
 * the haze-optimised transformation {@code blue - 0.5 * red - 0.08} (Zhu and Woodcock, 2012), in numpy's dtype of
 * it: float16 for float16 data, float32 for float32, float64 for all others.
 *
 * @since 0.1
 */
public final class HOTCompositingTask extends BaseCompositingTask {

    private final int blueIdx;
    private final int redIdx;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @param redIdx           the index of the red band ({@code red_idx})
     * @param interpolation    the percentile method ({@code interpolation}, {@code 'lower'} in eo-learn)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation
     */
    public HOTCompositingTask(Feature feature, Feature featureComposite, int blueIdx, int redIdx, String interpolation) {
        super(feature, featureComposite, 25, DEFAULT_MAX_INDEX, interpolation, Double.NaN);
        this.blueIdx = blueIdx;
        this.redIdx = redIdx;
    }

    /**
     * Creates the task with eo-learn's default interpolation, {@code 'lower'}.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @param redIdx           the index of the red band ({@code red_idx})
     * @throws NullPointerException if a feature is null
     */
    public HOTCompositingTask(Feature feature, Feature featureComposite, int blueIdx, int redIdx) {
        this(feature, featureComposite, blueIdx, redIdx, DEFAULT_INTERPOLATION);
    }

    @Override
    protected ReferenceBand referenceBand(double[] data, DType dtype, long[] shape) {
        int d = (int) shape[3];
        int blue = band(blueIdx, d, "blue_idx");
        int red = band(redIdx, d, "red_idx");
        DType rt = dtype == DType.FLOAT16 || dtype == DType.FLOAT32 ? dtype : DType.FLOAT64;
        double c = round(rt, 0.08);
        double[] out = new double[data.length / d];
        for (int i = 0; i < out.length; i++) {
            double half = round(rt, 0.5 * data[i * d + red]);
            out[i] = round(rt, round(rt, data[i * d + blue] - half) - c);
        }
        return new ReferenceBand(out, rt);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("blue_idx", blueIdx, "red_idx", redIdx);
    }
}
