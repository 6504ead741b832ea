package org.eolearn.features.texture;

import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn's 2018 {@code HaralickTask}: a Haralick texture of every frame and band of a DATA feature, from the GLCM
 * of a sliding window (the kernel is {@link Glcm}). The result is float64 with the input's shape
 * {@code (t, h, w, d)}.
 *
 * <p>Differences (docs/differences.md D150): a {@code stride} other than 1 is refused (eo-learn leaves the pixels
 * between the window's steps uninitialised, {@code np.empty}'s memory), unless the image is a single pixel.
 *
 * @since 0.9
 */
public final class HaralickTask implements PatchTask {

    /** eo-learn's default texture. */
    public static final Glcm.Texture DEFAULT_TEXTURE = Glcm.Texture.CONTRAST;

    private final Feature feature;
    private final Glcm.Texture texture;
    private final double distance;
    private final double angle;
    private final int levels;
    private final int windowSize;
    private final int stride;

    /**
     * Creates the task.
     *
     * @param feature    the DATA feature, maybe renamed (the result's name; the same name overwrites it)
     * @param texture    the texture
     * @param distance   the distance between the GLCM's pixel pairs
     * @param angle      the angle between the pairs, in radians
     * @param levels     the number of grey levels, at least 1
     * @param windowSize the window's size, odd and positive
     * @param stride     the window's step: 1 (D150)
     * @throws IllegalArgumentException for another feature type or a parameter outside its range
     */
    public HaralickTask(Feature feature, Glcm.Texture texture, double distance, double angle, int levels,
                        int windowSize, int stride) {
        this.feature = Feature.requireType(feature, FeatureType.DATA, "feature");
        this.texture = Objects.requireNonNull(texture, "texture_feature");
        if (!Double.isFinite(distance) || !Double.isFinite(angle)) {
            throw new IllegalArgumentException("distance and angle must be finite, got " + distance + " and "
                    + angle);
        }
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be at least 1, got " + levels + " (scikit-image: the "
                    + "maximum grayscale value in the image should be smaller than the number of levels)");
        }
        if (windowSize % 2 != 1) {
            throw new IllegalArgumentException("Window size must be an odd number, got " + windowSize);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be a positive number, got " + stride);
        }
        this.distance = distance;
        this.angle = angle;
        this.levels = levels;
        this.windowSize = windowSize;
        this.stride = stride;
    }

    /**
     * Creates the task with eo-learn's defaults (contrast, distance 1, angle 0, 8 levels, window 3, stride 1).
     *
     * @param feature the DATA feature, maybe renamed
     */
    public HaralickTask(Feature feature) {
        this(feature, DEFAULT_TEXTURE, 1, 0, 8, 3, 1);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(feature.type(), feature.name());
        long[] shape = data.shape();
        int t = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int d = (int) shape[3];
        DType dtype = DType.of(data);
        if (stride > 1 && (h > 1 || w > 1) && t * d > 0) {
            throw new IllegalArgumentException("stride " + stride + " is refused: eo-learn leaves the pixels between "
                    + "the window's steps uninitialised (np.empty), so it has no defined result (D150)");
        }
        NdBuffer in = NdBuffer.read(data);
        NdBuffer out = NdBuffer.allocate(DType.FLOAT64, shape);
        double[] image = new double[h * w];
        for (int f = 0; f < t; f++) {
            for (int b = 0; b < d; b++) {
                int base = f * h * w * d + b;
                for (int k = 0; k < h * w; k++) {
                    image[k] = in.get(base + k * d);
                }
                double[] r = Glcm.haralick(image, h, w, dtype, texture, distance, angle, levels, windowSize,
                        stride);
                for (int k = 0; k < h * w; k++) {
                    out.set(base + k * d, r[k]);
                }
            }
        }
        patch.put(feature.type(), feature.outputName(), out.array());
        return patch;
    }
}
