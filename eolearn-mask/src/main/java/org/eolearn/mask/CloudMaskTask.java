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
 * new CloudMaskTask(Feature.of(DATA, "BANDS-S2-L1C"), Feature.of(MASK, "IS_DATA"), Feature.of(MASK, "CLM"),
 *         Feature.of(DATA, "CLP"), true, 0.4, 4, 2, S2PixelCloudDetector.loadDefaultModel());
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
     * Creates the task.
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
        this(dataFeature, validDataFeature, outputMaskFeature, null, true, 0.4, 4, 2, defaultModel());
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
