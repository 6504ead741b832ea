package org.eolearn.mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.eolearn.cloudless.S2PixelCloudDetector;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cloud masks and probabilities of Sentinel-2 L1C bands with the s2cloudless detector (eo-learn's
 * {@code CloudMaskTask}, mono-temporal since eo-learn 1.5).
 *
 * <p>The probabilities of every pixel are computed from the band feature (t, h, w, 13), or (t, h, w, 10) with
 * {@code allBands} false; the mask is the detector's averaged, thresholded and dilated mask. Both are multiplied by
 * the valid-data mask: the output mask is bool (t, h, w, 1) and the optional output probabilities float32
 * (t, h, w, 1). The patch must have a bbox, as in eo-learn.
 *
 * <pre>{@code
 * CloudMaskTask.builder(Feature.of(DATA, "BANDS-S2-L1C"), Feature.of(MASK, "CLM"))
 *         .validDataFeature(Feature.of(MASK, "IS_DATA")).outputProbaFeature(Feature.of(DATA, "CLP"))
 *         .model(S2PixelCloudDetector.loadDefaultModel()).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class CloudMaskTask implements PatchTask {

    private final Feature dataFeature;
    private final Feature validDataFeature;
    private final Feature outputMaskFeature;
    private final Feature outputProbaFeature;
    private final S2PixelCloudDetector detector;
    private final String modelDescription;

    /**
     * Creates the task; prefer {@link #builder(Feature, Feature)}.
     *
     * @param dataFeature        the L1C reflectances, a DATA feature
     * @param validDataFeature   the valid-data mask (a MASK feature), or null if every pixel is valid
     * @param outputMaskFeature  the cloud mask to write, a MASK feature
     * @param outputProbaFeature the probabilities to write (a DATA feature), or null
     * @param allBands           whether the data has all 13 bands (eo-learn's default) or the model's 10
     * @param threshold          the probability threshold (default 0.4)
     * @param averageOver        the averaging disk radius (default 4)
     * @param dilationSize       the dilation disk radius (default 2)
     * @param model              the s2cloudless LightGBM model (see {@link S2PixelCloudDetector#loadDefaultModel()})
     * @throws NullPointerException     naming the parameter of a null feature or model
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public CloudMaskTask(Feature dataFeature, Feature validDataFeature, Feature outputMaskFeature,
                         Feature outputProbaFeature, boolean allBands, double threshold, int averageOver,
                         int dilationSize, LightGbmModel model) {
        this.dataFeature = Feature.requireType(dataFeature, FeatureType.DATA, "data_feature");
        this.validDataFeature = validDataFeature == null ? null
                : Feature.requireType(validDataFeature, FeatureType.MASK, "valid_data_feature");
        this.outputMaskFeature = Feature.requireType(outputMaskFeature, FeatureType.MASK, "output_mask_feature");
        this.outputProbaFeature = outputProbaFeature == null ? null
                : Feature.requireType(outputProbaFeature, FeatureType.DATA, "output_proba_feature");
        this.detector = new S2PixelCloudDetector(Objects.requireNonNull(model, "model"), threshold, averageOver,
                dilationSize, allBands).withLoops(ComputePolicy::parallelFor);
        this.modelDescription = model.toString();
    }

    /**
     * Creates the task with eo-learn's defaults (13 bands, threshold 0.4, averaging 4, dilation 2) and the official
     * model found by {@link S2PixelCloudDetector#loadDefaultModel()}.
     *
     * @param dataFeature       the L1C reflectances
     * @param validDataFeature  the valid-data mask, or null
     * @param outputMaskFeature the cloud mask to write
     * @throws UncheckedIOException if the model is not found (the message says how to get it)
     */
    public CloudMaskTask(Feature dataFeature, Feature validDataFeature, Feature outputMaskFeature) {
        this(dataFeature, validDataFeature, outputMaskFeature, null, Builder.DEFAULT_ALL_BANDS,
                Builder.DEFAULT_THRESHOLD, Builder.DEFAULT_AVERAGE_OVER, Builder.DEFAULT_DILATION_SIZE,
                defaultModel());
    }

    /**
     * Starts a task with eo-learn's defaults: every pixel valid ({@code valid_data_feature=None}, this project's
     * default; eo-learn requires the parameter), no probabilities written, all 13 bands, threshold 0.4, averaging
     * over a disk of radius 4, dilation by a disk of radius 2, and the official model found by
     * {@link S2PixelCloudDetector#loadDefaultModel()} when {@link Builder#build()} runs (unless
     * {@link Builder#model(LightGbmModel)} gives one).
     *
     * <pre>{@code
     * CloudMaskTask clouds = CloudMaskTask.builder(Feature.of(DATA, "BANDS-S2-L1C"), Feature.of(MASK, "CLM"))
     *         .validDataFeature(Feature.of(MASK, "IS_DATA")).outputProbaFeature(Feature.of(DATA, "CLP")).build();
     * }</pre>
     *
     * @param dataFeature       the L1C reflectances, a DATA feature
     * @param outputMaskFeature the cloud mask to write, a MASK feature
     * @return the builder
     * @throws NullPointerException     naming {@code data_feature} or {@code output_mask_feature} if null
     * @throws IllegalArgumentException naming {@code data_feature} or {@code output_mask_feature} if of the wrong
     *                                  type
     */
    public static Builder builder(Feature dataFeature, Feature outputMaskFeature) {
        return new Builder(dataFeature, outputMaskFeature);
    }

    /** Settings of a {@link CloudMaskTask}; every setter is optional. */
    public static final class Builder {
        static final boolean DEFAULT_ALL_BANDS = true;
        static final double DEFAULT_THRESHOLD = 0.4;
        static final int DEFAULT_AVERAGE_OVER = 4;
        static final int DEFAULT_DILATION_SIZE = 2;

        private final Feature dataFeature;
        private final Feature outputMaskFeature;
        private Feature validDataFeature;
        private Feature outputProbaFeature;
        private boolean allBands = DEFAULT_ALL_BANDS;
        private double threshold = DEFAULT_THRESHOLD;
        private int averageOver = DEFAULT_AVERAGE_OVER;
        private int dilationSize = DEFAULT_DILATION_SIZE;
        private LightGbmModel model;

        private Builder(Feature dataFeature, Feature outputMaskFeature) {
            this.dataFeature = Feature.requireType(dataFeature, FeatureType.DATA, "data_feature");
            this.outputMaskFeature = Feature.requireType(outputMaskFeature, FeatureType.MASK, "output_mask_feature");
        }

        /**
         * The mask of valid pixels: clouds and probabilities are kept only there (eo-learn's
         * {@code valid_data_feature}; by default every pixel is valid).
         *
         * @param feature a MASK feature (t, h, w, 1)
         * @return this
         * @throws NullPointerException     naming {@code valid_data_feature} if it is null
         * @throws IllegalArgumentException naming {@code valid_data_feature} if it is not a MASK feature
         */
        public Builder validDataFeature(Feature feature) {
            this.validDataFeature = Feature.requireType(feature, FeatureType.MASK, "valid_data_feature");
            return this;
        }

        /**
         * Also writes the cloud probabilities, float32 (t, h, w, 1) (eo-learn's {@code output_proba_feature}; by
         * default they are not kept).
         *
         * @param feature a DATA feature
         * @return this
         * @throws NullPointerException     naming {@code output_proba_feature} if it is null
         * @throws IllegalArgumentException naming {@code output_proba_feature} if it is not a DATA feature
         */
        public Builder outputProbaFeature(Feature feature) {
            this.outputProbaFeature = Feature.requireType(feature, FeatureType.DATA, "output_proba_feature");
            return this;
        }

        /**
         * Whether the data holds all 13 L1C bands or just the model's 10 (eo-learn's {@code all_bands}, true by
         * default).
         *
         * @param allBands true for 13 bands, false for 10
         * @return this
         */
        public Builder allBands(boolean allBands) {
            this.allBands = allBands;
            return this;
        }

        /**
         * The cloud probability above which a pixel is cloudy (eo-learn's {@code threshold}, 0.4 by default).
         *
         * @param threshold a finite number
         * @return this
         * @throws IllegalArgumentException naming {@code threshold} if it is NaN or infinite
         */
        public Builder threshold(double threshold) {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * The radius of the disk the probabilities are averaged over (eo-learn's {@code average_over}, 4 by
         * default; 0 for none, eo-learn's None).
         *
         * @param radius a radius, at least 0
         * @return this
         * @throws IllegalArgumentException naming {@code average_over} if it is negative
         */
        public Builder averageOver(int radius) {
            if (radius < 0) {
                throw new IllegalArgumentException("average_over must be >= 0, got " + radius);
            }
            this.averageOver = radius;
            return this;
        }

        /**
         * The radius of the disk the mask is dilated with (eo-learn's {@code dilation_size}, 2 by default; 0 for
         * none, eo-learn's None).
         *
         * @param radius a radius, at least 0
         * @return this
         * @throws IllegalArgumentException naming {@code dilation_size} if it is negative
         */
        public Builder dilationSize(int radius) {
            if (radius < 0) {
                throw new IllegalArgumentException("dilation_size must be >= 0, got " + radius);
            }
            this.dilationSize = radius;
            return this;
        }

        /**
         * The s2cloudless LightGBM model (this project's {@code model_path}; by default the official model found by
         * {@link S2PixelCloudDetector#loadDefaultModel()} when the task is built).
         *
         * @param model a binary classifier of the model's 10 bands
         * @return this
         * @throws NullPointerException     naming {@code model} if it is null
         * @throws IllegalArgumentException naming {@code model} if it is not a binary classifier of 10 features
         */
        public Builder model(LightGbmModel model) {
            Objects.requireNonNull(model, "model");
            if (model.numFeatures() != S2PixelCloudDetector.MODEL_BAND_IDS.length || model.numOutputs() != 1) {
                throw new IllegalArgumentException("model must be a binary classifier of 10 features, got " + model);
            }
            this.model = model;
            return this;
        }

        /**
         * Builds the task, reading the default model if none was given.
         *
         * @return the task
         * @throws UncheckedIOException     if no model was given and the default one is not found (the message says
         *                                  how to get it)
         * @throws IllegalArgumentException if the model is not a binary classifier of 10 features
         */
        public CloudMaskTask build() {
            return new CloudMaskTask(dataFeature, validDataFeature, outputMaskFeature, outputProbaFeature, allBands,
                    threshold, averageOver, dilationSize, model != null ? model : defaultModel());
        }
    }

    private static LightGbmModel defaultModel() {
        try {
            return S2PixelCloudDetector.loadDefaultModel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        if (patch.bbox() == null) {
            throw new IllegalArgumentException("CloudMaskTask needs a patch with a bbox");
        }
        INDArray data = patch.getArray(dataFeature.type(), dataFeature.name());
        INDArray probs = detector.cloudProbabilityMaps(data);
        INDArray mask = detector.maskFromProbabilities(probs);
        long[] s = probs.shape();
        int n = (int) NdArrays.length(s);
        NdBuffer valid = null;
        if (validDataFeature != null) {
            INDArray v = patch.getArray(validDataFeature.type(), validDataFeature.name());
            if (v.rank() != 4 || v.size(0) != s[0] || v.size(1) != s[1] || v.size(2) != s[2] || v.size(3) != 1) {
                throw new IllegalArgumentException("valid_data_feature " + validDataFeature + " has shape "
                        + java.util.Arrays.toString(v.shape()) + ", expected (" + s[0] + ", " + s[1] + ", " + s[2]
                        + ", 1)");
            }
            valid = NdBuffer.read(v);
        }
        long[] shape = {s[0], s[1], s[2], 1};
        NdBuffer m = NdBuffer.read(mask);
        NdBuffer outMask = NdBuffer.allocate(DType.BOOL, shape);
        for (int i = 0; i < n; i++) {
            outMask.set(i, m.get(i) != 0 && (valid == null || valid.get(i) != 0) ? 1 : 0);
        }
        patch.put(outputMaskFeature, outMask.array());
        if (outputProbaFeature != null) {
            NdBuffer p = NdBuffer.read(probs);
            NdBuffer out = NdBuffer.allocate(DType.FLOAT32, shape);
            for (int i = 0; i < n; i++) {
                out.set(i, valid == null || valid.get(i) != 0 ? p.get(i) : 0.0);
            }
            patch.put(outputProbaFeature, out.array());
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("data_feature", dataFeature, "valid_data_feature", validDataFeature,
                "output_mask_feature", outputMaskFeature, "output_proba_feature", outputProbaFeature,
                "all_bands", detector.allBands(), "threshold", detector.threshold(), "average_over",
                detector.averageOver(), "dilation_size", detector.dilationSize(), "model", modelDescription);
    }
}
