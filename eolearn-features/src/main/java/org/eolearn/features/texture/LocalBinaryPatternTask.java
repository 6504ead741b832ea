package org.eolearn.features.texture;

import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn's 2018 {@code LocalBinaryPatternTask}: the uniform local binary pattern of every frame and band of a DATA
 * feature (the kernel is {@link Lbp}). The result is float64 with the input's shape {@code (t, h, w, d)}, codes
 * {@code 0..nb_points + 1}.
 *
 * @since 0.9
 */
public final class LocalBinaryPatternTask implements PatchTask {

    private final Feature feature;
    private final int points;
    private final double radius;

    /**
     * Creates the task.
     *
     * @param feature  the DATA feature, maybe renamed (the result's name; the same name overwrites it)
     * @param nbPoints the number of neighbours, at least 1
     * @param radius   the radius of the circle of neighbours, at least 1
     * @throws IllegalArgumentException for another feature type or a parameter below 1
     */
    public LocalBinaryPatternTask(Feature feature, int nbPoints, double radius) {
        this.feature = Feature.requireType(feature, FeatureType.DATA, "feature");
        if (nbPoints < 1 || !(radius >= 1) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("Local binary pattern task parameters must be positives, got "
                    + "nb_points " + nbPoints + " and radius " + radius);
        }
        this.points = nbPoints;
        this.radius = radius;
    }

    /**
     * Creates the task with eo-learn's defaults (24 points, radius 3).
     *
     * @param feature the DATA feature, maybe renamed
     */
    public LocalBinaryPatternTask(Feature feature) {
        this(feature, 24, 3);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(feature.type(), feature.name());
        long[] shape = data.shape();
        int t = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int d = (int) shape[3];
        NdBuffer in = NdBuffer.read(data);
        NdBuffer out = NdBuffer.allocate(DType.FLOAT64, shape);
        double[] image = new double[h * w];
        for (int f = 0; f < t; f++) {
            for (int b = 0; b < d; b++) {
                int base = f * h * w * d + b;
                for (int k = 0; k < h * w; k++) {
                    image[k] = in.get(base + k * d);
                }
                double[] r = Lbp.uniform(image, h, w, points, radius);
                for (int k = 0; k < h * w; k++) {
                    out.set(base + k * d, r[k]);
                }
            }
        }
        patch.put(feature.type(), feature.outputName(), out.array());
        return patch;
    }
}
