package org.eolearn.registration;

import com.fasterxml.jackson.databind.JsonNode;
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
                .build(), p -> {
            int interpolation = cv2(p, "interpolation_mode", 1);
            int border = cv2(p, "border_mode", 1);
            if (interpolation != 0 && interpolation != 1) {
                throw p.error("interpolation_mode", "must be INTER_NEAREST (0) or INTER_LINEAR (1), got "
                        + interpolation);
            }
            if (border != 0 && border != 1) {
                throw p.error("border_mode", "must be BORDER_CONSTANT (0) or BORDER_REPLICATE (1), got " + border);
            }
            p.integer("num_threads", 1); // eo-learn passes it to cv2.setNumThreads; ComputePolicy decides here
            return new ECCRegistrationTask(p.feature("registration_feature"), p.feature("reference_feature"),
                    p.integer("channel", 0), p.has("valid_mask_feature") ? p.feature("valid_mask_feature") : null,
                    p.features("apply_to_features", FeatureSpec.all()), interpolation == 1,
                    Ecc.Motion.ofOpenCv(cv2(p, "warp_mode", 0)), p.integer("max_iter", 100),
                    p.integer("gauss_kernel_size", 1), border == 1, p.number("border_value", 0),
                    p.number("max_translation", 5.0));
        });
    }

    private static int cv2(TaskParams p, String name, int def) {
        if (!p.has(name)) {
            return def;
        }
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
