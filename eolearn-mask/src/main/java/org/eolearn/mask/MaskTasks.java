package org.eolearn.mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eolearn.cloudless.S2PixelCloudDetector;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Registers eolearn-mask's tasks under eo-learn's class names. {@code CloudMaskTask} takes eo-learn's parameters
 * plus {@code model_path} (the s2cloudless model file; default: {@link S2PixelCloudDetector#loadDefaultModel()}).
 *
 * @since 0.1
 */
public final class MaskTasks implements TaskProvider {

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public MaskTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("CloudMaskTask", p -> {
            LightGbmModel model;
            try {
                model = p.has("model_path") ? LightGbmModel.read(Path.of(p.string("model_path", null)))
                        : S2PixelCloudDetector.loadDefaultModel();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new CloudMaskTask(p.feature("data_feature"),
                    p.has("valid_data_feature") ? p.feature("valid_data_feature") : null,
                    p.feature("output_mask_feature"),
                    p.has("output_proba_feature") ? p.feature("output_proba_feature") : null,
                    p.bool("all_bands", true), p.number("threshold", 0.4), p.integer("average_over", 4),
                    p.integer("dilation_size", 2), model);
        });
    }
}
