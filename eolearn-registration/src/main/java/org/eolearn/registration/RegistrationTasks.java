package org.eolearn.registration;

import com.fasterxml.jackson.databind.JsonNode;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;

/**
 * Registers eolearn-registration's tasks. OpenCV constants are given as numbers or as eo-learn's corpus writes them,
 * {@code {"cv2": "INTER_LINEAR", "value": 1}}.
 *
 * @since 0.1
 */
public final class RegistrationTasks implements TaskProvider {

    private static final String MODULE = "eolearn-registration";

    /** Ends the description of a parameter that takes an OpenCV constant. */
    private static final String CV2 = " (an OpenCV constant: n or {\"cv2\": NAME, \"value\": n})";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public RegistrationTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "ECCRegistrationTask",
                        "Aligns each frame of a temporal stack to a reference image with OpenCV's ECC method.")
                .required("registration_feature", Type.FEATURE, "the DATA feature with the stack to register")
                .required("reference_feature", Type.FEATURE, "the DATA_TIMELESS feature to align the frames to")
                .optional("channel", Type.INTEGER, "0", "the band of both features the transformation is estimated on")
                .optional("valid_mask_feature", Type.FEATURE, "None",
                        "a MASK of the pixels to use in the estimation (None: all)")
                .optional("apply_to_features", Type.FEATURES, "...",
                        "the DATA and MASK features the estimated transformations are applied to")
                .optional("interpolation_mode", Type.ANY, "cv2.INTER_LINEAR",
                        "INTER_NEAREST (0) or INTER_LINEAR (1) when warping" + CV2)
                .optional("warp_mode", Type.ANY, "cv2.MOTION_TRANSLATION",
                        "the motion model, MOTION_TRANSLATION (0) to MOTION_HOMOGRAPHY (3)" + CV2)
                .optional("max_iter", Type.INTEGER, "100", "the most iterations of the optimisation")
                .optional("gauss_kernel_size", Type.INTEGER, "1",
                        "the size of the Gaussian kernel that smooths the images first")
                .optional("border_mode", Type.ANY, "cv2.BORDER_REPLICATE",
                        "padding when warping, BORDER_CONSTANT (0) or BORDER_REPLICATE (1)" + CV2)
                .optional("border_value", Type.NUMBER, "0", "the padding value with BORDER_CONSTANT")
                .optional("max_translation", Type.NUMBER, "5.0",
                        "transformations translating further than this many pixels are rejected")
                .optional("num_threads", Type.INTEGER, "1",
                        "OpenCV's thread count: accepted and ignored (the compute policy decides the threads)")
                .build(), RegistrationTasks::ecc);
    }

    private static ECCRegistrationTask ecc(TaskParams p) {
        // the enums check the OpenCV constants (and name the parameter)
        ECCRegistrationTask.InterpolationMode interpolation = p.has("interpolation_mode")
                ? ECCRegistrationTask.InterpolationMode.ofOpenCv(cv2(p, "interpolation_mode")) : null;
        ECCRegistrationTask.BorderMode border = p.has("border_mode")
                ? ECCRegistrationTask.BorderMode.ofOpenCv(cv2(p, "border_mode")) : null;
        p.integer("num_threads", 1); // eo-learn passes it to cv2.setNumThreads; ComputePolicy decides here
        Feature registrationFeature = p.feature("registration_feature");
        Feature referenceFeature = p.feature("reference_feature");
        // eo-learn requires channel; this registry has always defaulted it to 0
        int channel = p.integer("channel", 0);
        Feature validMask = p.has("valid_mask_feature") ? p.feature("valid_mask_feature") : null;
        FeatureSpec applyTo = p.has("apply_to_features") ? p.features("apply_to_features") : null;
        Integer warpMode = p.has("warp_mode") ? cv2(p, "warp_mode") : null;
        Ecc.Motion motion = warpMode == null ? null : Ecc.Motion.ofOpenCv(warpMode);
        Integer maxIter = p.has("max_iter") ? p.integer("max_iter", 0) : null;
        Integer gaussKernelSize = p.has("gauss_kernel_size") ? p.integer("gauss_kernel_size", 0) : null;
        Double borderValue = p.has("border_value") ? p.number("border_value", 0) : null;
        Double maxTranslation = p.has("max_translation") ? p.number("max_translation", 0) : null;
        ECCRegistrationTask.Builder b = ECCRegistrationTask.builder(registrationFeature, referenceFeature, channel);
        if (validMask != null) {
            b.validMaskFeature(validMask);
        }
        if (applyTo != null) {
            b.applyToFeatures(applyTo);
        }
        if (interpolation != null) {
            b.interpolationMode(interpolation);
        }
        if (motion != null) {
            b.warpMode(motion);
        }
        if (maxIter != null) {
            b.maxIter(maxIter);
        }
        if (gaussKernelSize != null) {
            b.gaussKernelSize(gaussKernelSize);
        }
        if (border != null) {
            b.borderMode(border);
        }
        if (borderValue != null) {
            b.borderValue(borderValue);
        }
        if (maxTranslation != null) {
            b.maxTranslation(maxTranslation);
        }
        return b.build();
    }

    private static int cv2(TaskParams p, String name) {
        JsonNode v = p.raw(name);
        if (v.isIntegralNumber()) {
            return p.intOf(name, v, "the constant");
        }
        if (v.isObject() && v.has("value")) {
            return p.intOf(name, v.get("value"), "\"value\"");
        }
        throw p.error(name, "must be an OpenCV constant (a number or {\"cv2\": NAME, \"value\": n})");
    }
}
