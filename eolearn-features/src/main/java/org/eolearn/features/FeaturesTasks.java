package org.eolearn.features;

import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Registers eolearn-features' tasks under eo-learn's class names, with eo-learn's parameter names.
 *
 * <ul>
 *   <li>{@code SpatialResizeTask}: {@code resize_type} ({@code "new_size"}, {@code "scale_factors"},
 *       {@code "resolution"}), {@code height_param}, {@code width_param}, {@code features} (default
 *       {@code "..."}), {@code resize_method} ({@code "linear"} by default, {@code "nearest"}, {@code "cubic"}) and
 *       {@code resize_library} (only {@code "cv2"}, the default).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class FeaturesTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public FeaturesTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("SpatialResizeTask", p -> {
            String library = p.string("resize_library", "cv2");
            if (!library.equals("cv2")) {
                throw p.error("resize_library", "must be \"cv2\"; the PIL backend is not available, got \""
                        + library + "\"");
            }
            SpatialResizeTask.ResizeType type;
            Resize.Method method;
            try {
                type = SpatialResizeTask.ResizeType.parse(p.string("resize_type", null));
            } catch (IllegalArgumentException e) {
                throw p.error("resize_type", e.getMessage());
            }
            try {
                method = Resize.Method.parse(p.string("resize_method", "linear"));
            } catch (IllegalArgumentException e) {
                throw p.error("resize_method", e.getMessage());
            }
            if (!p.has("height_param")) {
                throw p.error("height_param", "is required");
            }
            if (!p.has("width_param")) {
                throw p.error("width_param", "is required");
            }
            return new SpatialResizeTask(type, p.number("height_param", 0), p.number("width_param", 0),
                    p.features("features", FeatureSpec.all()), method);
        });
    }
}
