package org.eolearn.features.compositing;

import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;

/**
 * The blue composite (eo-learn's 2018 {@code BlueCompositingTask}): per pixel the frame at the 25th percentile of
 * the blue band (as float32).
 *
 * @since 0.1
 */
public final class BlueCompositingTask extends BaseCompositingTask {

    private final int blueIdx;

    /**
     * Creates the task.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @param interpolation    the percentile method ({@code interpolation}, {@code 'lower'} in eo-learn)
     * @throws NullPointerException     if a feature or the interpolation is null
     * @throws IllegalArgumentException for an unknown interpolation
     */
    public BlueCompositingTask(Feature feature, Feature featureComposite, int blueIdx, String interpolation) {
        super(feature, featureComposite, 25, DEFAULT_MAX_INDEX, interpolation, Double.NaN);
        this.blueIdx = blueIdx;
    }

    /**
     * Creates the task with eo-learn's default interpolation, {@code 'lower'}.
     *
     * @param feature          the temporal raster feature of the time series ({@code feature})
     * @param featureComposite the timeless feature receiving the composite ({@code feature_composite})
     * @param blueIdx          the index of the blue band ({@code blue_idx})
     * @throws NullPointerException if a feature is null
     */
    public BlueCompositingTask(Feature feature, Feature featureComposite, int blueIdx) {
        this(feature, featureComposite, blueIdx, DEFAULT_INTERPOLATION);
    }

    @Override
    protected ReferenceBand referenceBand(double[] data, DType dtype, long[] shape) {
        int d = (int) shape[3];
        int blue = band(blueIdx, d, "blue_idx");
        double[] out = new double[data.length / d];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data[i * d + blue];
        }
        return new ReferenceBand(out, DType.FLOAT32);
    }

    @Override
    public Map<String, Object> describe() {
        return describe("blue_idx", blueIdx);
    }
}
