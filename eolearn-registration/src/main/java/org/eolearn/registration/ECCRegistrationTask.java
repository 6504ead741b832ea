package org.eolearn.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-registers every frame of a time series to a reference image with ECC (eo-learn's {@code ECCRegistrationTask}).
 *
 * <p>For each frame, {@link Ecc#findTransform} aligns the chosen channel of the registration feature to the same
 * channel of the reference (the frame's valid mask restricting it, if given), running {@code maxIter} iterations
 * from the identity. A failure (degenerate data) logs a warning and keeps the identity; so does a warp whose
 * translation is longer than {@code maxTranslation} pixels. Every feature to apply is warped back frame by frame and
 * channel by channel (computed in float32, cast back to its dtype). The result is a new patch with the bbox, the
 * timestamps, the warped features and {@code meta_info["warp_matrices"]} = {frame index: matrix}.
 *
 * <pre>{@code
 * new ECCRegistrationTask(Feature.of(DATA, "BANDS"), Feature.of(DATA_TIMELESS, "REF"), 0);   // eo-learn's defaults
 * ECCRegistrationTask.builder(Feature.of(DATA, "BANDS"), Feature.of(DATA_TIMELESS, "REF"), 0)
 *         .validMaskFeature(Feature.of(MASK, "IS_DATA")).warpMode(Ecc.Motion.EUCLIDEAN).maxIter(200).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ECCRegistrationTask implements PatchTask {

    private static final Logger LOG = LoggerFactory.getLogger(ECCRegistrationTask.class);

    private final Feature registrationFeature;
    private final Feature referenceFeature;
    private final int channel;
    private final Feature validMaskFeature;
    private final FeatureParser applyTo;
    private final boolean linear;
    private final Ecc.Motion motion;
    private final int maxIter;
    private final int gaussKernelSize;
    private final boolean replicate;
    private final float borderValue;
    private final double maxTranslation;

    /** How the frames are resampled when they are warped (eo-learn's {@code interpolation_mode}). */
    public enum InterpolationMode {
        /** OpenCV's {@code INTER_NEAREST} (0): the nearest pixel. */
        INTER_NEAREST,
        /** OpenCV's {@code INTER_LINEAR} (1): bilinear, eo-learn's default. */
        INTER_LINEAR;

        /**
         * Parses OpenCV's constant ({@code INTER_NEAREST} = 0, {@code INTER_LINEAR} = 1).
         *
         * @param value the constant
         * @return the mode
         * @throws IllegalArgumentException naming {@code interpolation_mode} for another value
         */
        public static InterpolationMode ofOpenCv(int value) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("interpolation_mode must be INTER_NEAREST (0) or INTER_LINEAR (1), "
                        + "got " + value);
            }
            return values()[value];
        }
    }

    /** How pixels from outside a frame are filled when it is warped (eo-learn's {@code border_mode}). */
    public enum BorderMode {
        /** OpenCV's {@code BORDER_CONSTANT} (0): the border value. */
        BORDER_CONSTANT,
        /** OpenCV's {@code BORDER_REPLICATE} (1): the nearest edge pixel, eo-learn's default. */
        BORDER_REPLICATE;

        /**
         * Parses OpenCV's constant ({@code BORDER_CONSTANT} = 0, {@code BORDER_REPLICATE} = 1).
         *
         * @param value the constant
         * @return the mode
         * @throws IllegalArgumentException naming {@code border_mode} for another value
         */
        public static BorderMode ofOpenCv(int value) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("border_mode must be BORDER_CONSTANT (0) or BORDER_REPLICATE (1), "
                        + "got " + value);
            }
            return values()[value];
        }
    }

    /**
     * Creates the task with eo-learn's defaults for everything but the channel: every pixel used, every DATA and
     * MASK feature warped bilinearly with replicated borders, a translation model, 100 iterations, no smoothing,
     * translations over 5 pixels rejected.
     *
     * @param registrationFeature the DATA feature to align
     * @param referenceFeature    the DATA_TIMELESS reference
     * @param channel             the channel used for alignment
     * @throws IllegalArgumentException naming the parameter when one is invalid
     */
    public ECCRegistrationTask(Feature registrationFeature, Feature referenceFeature, int channel) {
        this(builder(registrationFeature, referenceFeature, channel));
    }

    /**
     * Creates the task; prefer {@link #builder(Feature, Feature, int)}, which sets only what differs from
     * eo-learn's defaults and needs no {@code null} for "no valid mask".
     *
     * @param registrationFeature the DATA feature to align
     * @param referenceFeature    the DATA_TIMELESS reference
     * @param channel             the channel used for alignment
     * @param validMaskFeature    a MASK of valid pixels, or null
     * @param applyToFeatures     the DATA and MASK features to warp (eo-learn's default: all of them)
     * @param linear              bilinear (OpenCV's INTER_LINEAR) or nearest (INTER_NEAREST) warping
     * @param motion              the motion model
     * @param maxIter             ECC iterations
     * @param gaussKernelSize     ECC's Gaussian pre-smoothing (1 = none)
     * @param replicate           border replicate (true, eo-learn's default) or constant
     * @param borderValue         the constant border value
     * @param maxTranslation      larger translations fall back to the identity (pixels)
     */
    public ECCRegistrationTask(Feature registrationFeature, Feature referenceFeature, int channel,
                               Feature validMaskFeature, FeatureSpec applyToFeatures, boolean linear, Ecc.Motion motion,
                               int maxIter, int gaussKernelSize, boolean replicate, double borderValue,
                               double maxTranslation) {
        this.registrationFeature = Feature.requireType(registrationFeature, FeatureType.DATA, "registration_feature");
        this.referenceFeature = Feature.requireType(referenceFeature, FeatureType.DATA_TIMELESS, "reference_feature");
        if (channel < 0) {
            throw new IllegalArgumentException("channel must be >= 0, got " + channel);
        }
        this.channel = channel;
        this.validMaskFeature = validMaskFeature == null ? null
                : Feature.requireType(validMaskFeature, FeatureType.MASK, "valid_mask_feature");
        this.applyTo = FeatureParser.allowing(applyToFeatures, FeatureType.DATA, FeatureType.MASK);
        this.linear = linear;
        this.motion = Objects.requireNonNull(motion, "motion");
        if (maxIter < 1) {
            throw new IllegalArgumentException("max_iter must be >= 1, got " + maxIter);
        }
        if (gaussKernelSize < 1 || gaussKernelSize % 2 == 0) {
            throw new IllegalArgumentException("gauss_kernel_size must be a positive odd number, got "
                    + gaussKernelSize);
        }
        this.maxIter = maxIter;
        this.gaussKernelSize = gaussKernelSize;
        this.replicate = replicate;
        this.borderValue = (float) borderValue;
        this.maxTranslation = maxTranslation;
    }

    private ECCRegistrationTask(Builder b) {
        this(b.registrationFeature, b.referenceFeature, b.channel, b.validMaskFeature, b.applyToFeatures,
                b.interpolationMode == InterpolationMode.INTER_LINEAR, b.warpMode, b.maxIter, b.gaussKernelSize,
                b.borderMode == BorderMode.BORDER_REPLICATE, b.borderValue, b.maxTranslation);
    }

    /**
     * Starts a task preset to eo-learn's defaults ({@code valid_mask_feature=None}, {@code apply_to_features=...},
     * {@code interpolation_mode=cv2.INTER_LINEAR}, {@code warp_mode=cv2.MOTION_TRANSLATION}, {@code max_iter=100},
     * {@code gauss_kernel_size=1}, {@code border_mode=cv2.BORDER_REPLICATE}, {@code border_value=0},
     * {@code max_translation=5.0}).
     *
     * @param registrationFeature the DATA feature with the stack to register
     * @param referenceFeature    the DATA_TIMELESS feature to align the frames to
     * @param channel             the band of both features the transformation is estimated on (required in
     *                            eo-learn)
     * @return the builder
     * @throws NullPointerException     naming {@code registration_feature} or {@code reference_feature} when null
     * @throws IllegalArgumentException naming the parameter when a feature has the wrong type or the channel is
     *                                  negative
     */
    public static Builder builder(Feature registrationFeature, Feature referenceFeature, int channel) {
        return new Builder(registrationFeature, referenceFeature, channel);
    }

    /** Settings of an {@link ECCRegistrationTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private final Feature registrationFeature;
        private final Feature referenceFeature;
        private final int channel;
        private Feature validMaskFeature;
        private FeatureSpec applyToFeatures = FeatureSpec.all();
        private InterpolationMode interpolationMode = InterpolationMode.INTER_LINEAR;
        private Ecc.Motion warpMode = Ecc.Motion.TRANSLATION;
        private int maxIter = 100;
        private int gaussKernelSize = 1;
        private BorderMode borderMode = BorderMode.BORDER_REPLICATE;
        private double borderValue;
        private double maxTranslation = 5.0;

        private Builder(Feature registrationFeature, Feature referenceFeature, int channel) {
            this.registrationFeature = Feature.requireType(registrationFeature, FeatureType.DATA,
                    "registration_feature");
            this.referenceFeature = Feature.requireType(referenceFeature, FeatureType.DATA_TIMELESS,
                    "reference_feature");
            if (channel < 0) {
                throw new IllegalArgumentException("channel must be >= 0, got " + channel);
            }
            this.channel = channel;
        }

        /**
         * A MASK of the pixels used in the estimation (eo-learn's {@code valid_mask_feature}; by default every
         * pixel).
         *
         * @param mask the mask feature
         * @return this builder
         * @throws NullPointerException     naming {@code valid_mask_feature} when null
         * @throws IllegalArgumentException naming {@code valid_mask_feature} when it is not a MASK feature
         */
        public Builder validMaskFeature(Feature mask) {
            this.validMaskFeature = Feature.requireType(mask, FeatureType.MASK, "valid_mask_feature");
            return this;
        }

        /**
         * The DATA and MASK features the estimated transformations are applied to (eo-learn's
         * {@code apply_to_features}, default {@code ...}: all of them).
         *
         * @param features the features
         * @return this builder
         * @throws NullPointerException     naming {@code apply_to_features} when null
         * @throws IllegalArgumentException naming {@code apply_to_features} when it names other feature types
         */
        public Builder applyToFeatures(FeatureSpec features) {
            Objects.requireNonNull(features, "apply_to_features");
            try {
                FeatureParser.allowing(features, FeatureType.DATA, FeatureType.MASK);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("apply_to_features: " + e.getMessage(), e);
            }
            this.applyToFeatures = features;
            return this;
        }

        /**
         * How the features are resampled when warped (eo-learn's {@code interpolation_mode}, default
         * {@code cv2.INTER_LINEAR}).
         *
         * @param mode the mode
         * @return this builder
         * @throws NullPointerException naming {@code interpolation_mode} when null
         */
        public Builder interpolationMode(InterpolationMode mode) {
            this.interpolationMode = Objects.requireNonNull(mode, "interpolation_mode");
            return this;
        }

        /**
         * The motion model (eo-learn's {@code warp_mode}, default {@code cv2.MOTION_TRANSLATION}).
         *
         * @param motion the model
         * @return this builder
         * @throws NullPointerException naming {@code warp_mode} when null
         */
        public Builder warpMode(Ecc.Motion motion) {
            this.warpMode = Objects.requireNonNull(motion, "warp_mode");
            return this;
        }

        /**
         * The most iterations of the optimisation (eo-learn's {@code max_iter}, default 100).
         *
         * @param iterations at least 1
         * @return this builder
         * @throws IllegalArgumentException naming {@code max_iter} when below 1
         */
        public Builder maxIter(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("max_iter must be >= 1, got " + iterations);
            }
            this.maxIter = iterations;
            return this;
        }

        /**
         * The size of the Gaussian kernel that smooths the images first (eo-learn's {@code gauss_kernel_size},
         * default 1: none).
         *
         * @param size a positive odd number
         * @return this builder
         * @throws IllegalArgumentException naming {@code gauss_kernel_size} when not a positive odd number
         */
        public Builder gaussKernelSize(int size) {
            if (size < 1 || size % 2 == 0) {
                throw new IllegalArgumentException("gauss_kernel_size must be a positive odd number, got " + size);
            }
            this.gaussKernelSize = size;
            return this;
        }

        /**
         * The padding when warping (eo-learn's {@code border_mode}, default {@code cv2.BORDER_REPLICATE}).
         *
         * @param mode the mode
         * @return this builder
         * @throws NullPointerException naming {@code border_mode} when null
         */
        public Builder borderMode(BorderMode mode) {
            this.borderMode = Objects.requireNonNull(mode, "border_mode");
            return this;
        }

        /**
         * The padding value with {@link BorderMode#BORDER_CONSTANT} (eo-learn's {@code border_value}, default 0);
         * frames are warped in float32.
         *
         * @param value the value
         * @return this builder
         */
        public Builder borderValue(double value) {
            this.borderValue = value;
            return this;
        }

        /**
         * Transformations translating further than this many pixels are rejected and replaced by the identity
         * (eo-learn's {@code max_translation}, default 5.0).
         *
         * @param pixels the largest accepted translation
         * @return this builder
         * @throws IllegalArgumentException naming {@code max_translation} when NaN
         */
        public Builder maxTranslation(double pixels) {
            if (Double.isNaN(pixels)) {
                throw new IllegalArgumentException("max_translation must be a number, got NaN");
            }
            this.maxTranslation = pixels;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public ECCRegistrationTask build() {
            return new ECCRegistrationTask(this);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(registrationFeature.type(), registrationFeature.name());
        INDArray reference = patch.getArray(referenceFeature.type(), referenceFeature.name());
        int t = (int) data.size(0);
        int h = (int) data.size(1);
        int w = (int) data.size(2);
        int d = (int) data.size(3);
        if (channel >= d || channel >= reference.size(2)) {
            throw new IllegalArgumentException("channel " + channel + " is out of range");
        }
        if (reference.size(0) != h || reference.size(1) != w) {
            throw new IllegalArgumentException("reference " + referenceFeature + " is " + reference.size(0) + " x "
                    + reference.size(1) + " but the frames are " + h + " x " + w);
        }
        float[] ref = channel(NdArrays.toDoubles(reference), 1, h, w, (int) reference.size(2), 0, channel);
        double[] values = NdArrays.toDoubles(data);
        double[] valid = validMaskFeature == null ? null
                : NdArrays.toDoubles(patch.getArray(validMaskFeature.type(), validMaskFeature.name()));
        Map<String, Object> matrices = new LinkedHashMap<>();
        List<double[][]> warps = new ArrayList<>();
        for (int f = 0; f < t; f++) {
            float[] frame = channel(values, t, h, w, d, f, channel);
            byte[] mask = null;
            if (valid != null) {
                mask = new byte[h * w];
                int vd = (int) patch.getArray(validMaskFeature.type(), validMaskFeature.name()).size(3);
                for (int i = 0; i < h * w; i++) {
                    mask[i] = (byte) (valid[(f * h * w + i) * vd] != 0 ? 1 : 0);
                }
            }
            double[][] warp;
            try {
                warp = Ecc.findTransform(ref, frame, h, w, motion, Ecc.identity(motion), maxIter, -1, mask,
                        gaussKernelSize);
                if (Math.hypot(warp[0][2], warp[1][2]) > maxTranslation) {
                    LOG.warn("EORuntimeWarning: frame {}: translation ({}, {}) exceeds max_translation {}; using the "
                            + "identity", f, warp[0][2], warp[1][2], maxTranslation);
                    warp = Ecc.identity(motion);
                }
            } catch (Ecc.EccException e) {
                LOG.warn("EORuntimeWarning: frame {}: ECC failed ({}); using the identity", f, e.getMessage());
                warp = Ecc.identity(motion);
            }
            warps.add(warp);
            List<Object> rows = new ArrayList<>();
            for (double[] row : warp) {
                List<Object> r = new ArrayList<>();
                for (double v : row) {
                    r.add(v);
                }
                rows.add(r);
            }
            matrices.put(Integer.toString(f), rows);
        }
        EOPatch out = new EOPatch(patch.bbox(), patch.timestamps());
        for (Feature f : applyTo.getFeatures(patch)) {
            INDArray a = patch.getArray(f.type(), f.name());
            if (a.size(0) != t || a.size(1) != h || a.size(2) != w) {
                throw new IllegalArgumentException("feature " + f + " must have " + t + " frames of " + h + " x " + w
                        + ", got " + java.util.Arrays.toString(a.shape()));
            }
            out.put(f, warpArray(a, warps));
        }
        out.put(FeatureType.META_INFO, "warp_matrices", matrices);
        return out;
    }

    private INDArray warpArray(INDArray a, List<double[][]> warps) {
        int t = (int) a.size(0);
        int h = (int) a.size(1);
        int w = (int) a.size(2);
        int d = (int) a.size(3);
        double[] v = NdArrays.toDoubles(a);
        double[] out = new double[v.length];
        float[] dst = new float[h * w];
        for (int f = 0; f < t; f++) {
            for (int c = 0; c < d; c++) {
                Ecc.warpFrame(channel(v, t, h, w, d, f, c), h, w, warps.get(f), linear, replicate, borderValue, dst);
                for (int i = 0; i < h * w; i++) {
                    out[(f * h * w + i) * d + c] = dst[i];
                }
            }
        }
        return NdArrays.fromDoubles(DType.of(a), a.shape(), out);
    }

    private static float[] channel(double[] values, int t, int h, int w, int d, int frame, int c) {
        float[] out = new float[h * w];
        for (int i = 0; i < h * w; i++) {
            out[i] = (float) values[(frame * h * w + i) * d + c];
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("registration_feature", registrationFeature, "reference_feature", referenceFeature,
                "channel", channel, "valid_mask_feature", validMaskFeature, "apply_to_features", applyTo.spec(),
                "interpolation_mode", linear ? "INTER_LINEAR" : "INTER_NEAREST", "warp_mode", motion, "max_iter",
                maxIter, "gauss_kernel_size", gaussKernelSize, "border_mode", replicate ? "BORDER_REPLICATE"
                        : "BORDER_CONSTANT", "border_value", borderValue, "max_translation", maxTranslation);
    }
}
