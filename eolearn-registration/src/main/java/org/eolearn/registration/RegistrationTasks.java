package org.eolearn.registration;

import com.fasterxml.jackson.databind.JsonNode;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Registers eolearn-registration's tasks. OpenCV constants are given as numbers or as eo-learn's corpus writes them,
 * {@code {"cv2": "INTER_LINEAR", "value": 1}}.
 *
 * @since 0.1
 */
public final class RegistrationTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public RegistrationTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("ECCRegistrationTask", p -> {
            int interpolation = cv2(p, "interpolation_mode", 1);
            int border = cv2(p, "border_mode", 1);
            if (interpolation != 0 && interpolation != 1) {
                throw p.error("interpolation_mode", "must be INTER_NEAREST (0) or INTER_LINEAR (1), got "
                        + interpolation);
            }
            if (border != 0 && border != 1) {
                throw p.error("border_mode", "must be BORDER_CONSTANT (0) or BORDER_REPLICATE (1), got " + border);
            }
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
