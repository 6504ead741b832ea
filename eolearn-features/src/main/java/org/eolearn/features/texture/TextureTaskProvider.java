package org.eolearn.features.texture;

import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;

/**
 * Registers the texture tasks of eo-learn's 2018 toolbox ({@code HaralickTask}, {@code LocalBinaryPatternTask},
 * {@code HOGTask}, removed from eo-learn after 1.4) under their class names and parameter names, each with its
 * schema ({@code eolearn task NAME --help}).
 *
 * @since 0.9
 */
public final class TextureTaskProvider implements TaskProvider {

    private static final String MODULE = "eolearn-features";
    private static final String FEATURE = "the DATA feature and the new name to save the result to, e.g. "
            + "[\"data\", \"BANDS\", \"TEXTURE\"] (without a new name the input is overwritten)";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public TextureTaskProvider() {
    }

    @Override
    public void register(TaskRegistry r) {
        register(r, "HaralickTask", "LocalBinaryPatternTask", "HOGTask");
    }

    /**
     * Registers the three tasks under other names (the differential tests add eo-learn's dotted legacy names, e.g.
     * {@code eolearn_legacy.haralick.HaralickTask}, which the oracle imports, to their class path's registry).
     */
    static void register(TaskRegistry r, String haralick, String lbp, String hog) {
        List<String> textures = new ArrayList<>();
        for (Glcm.Texture t : Glcm.Texture.values()) {
            textures.add(t.pythonName());
        }
        r.register(TaskSchema.builder(MODULE, haralick, "Computes a Haralick texture (from the grey-level "
                        + "co-occurrence matrix of a sliding window) of every frame and band of a DATA feature "
                        + "(eo-learn's 2018 task).")
                .required("feature", Type.FEATURE, FEATURE)
                .choice("texture_feature", "'contrast'", "the texture to compute", textures.toArray(new String[0]))
                .optional("distance", Type.NUMBER, "1", "the distance between the pixel pairs of the GLCM")
                .optional("angle", Type.NUMBER, "0", "the angle between the pixel pairs, in radians (e.g. np.pi/4)")
                .optional("levels", Type.INTEGER, "8", "the number of grey levels the image is quantised to "
                        + "(between its minimum and maximum)")
                .optional("window_size", Type.INTEGER, "3", "the size of the moving GLCM window (odd)")
                .optional("stride", Type.INTEGER, "1", "how much the window moves each time: only 1 (D150)")
                .build(), p -> new HaralickTask(p.feature("feature"),
                        Glcm.Texture.parse(p.string("texture_feature", "contrast")), p.number("distance", 1),
                        p.number("angle", 0), p.integer("levels", 8), p.integer("window_size", 3),
                        p.integer("stride", 1)));
        r.register(TaskSchema.builder(MODULE, lbp, "Computes the uniform local binary pattern "
                        + "(scikit-image's 'uniform' method) of every frame and band of a DATA feature (eo-learn's "
                        + "2018 task).")
                .required("feature", Type.FEATURE, FEATURE)
                .optional("nb_points", Type.INTEGER, "24", "the number of neighbours on the circle")
                .optional("radius", Type.NUMBER, "3", "the radius of the circle of neighbours")
                .build(), p -> new LocalBinaryPatternTask(p.feature("feature"), p.integer("nb_points", 24),
                        p.number("radius", 3)));
        r.register(TaskSchema.builder(MODULE, hog, "Computes the histogram of oriented gradients of every "
                        + "frame of a DATA feature (its bands as channels) and its visualisation (eo-learn's 2018 "
                        + "task).")
                .required("feature", Type.FEATURE, FEATURE)
                .optional("orientations", Type.INTEGER, "9", "the number of orientation bins")
                .optional("pixels_per_cell", Type.LIST, "(8, 8)", "the pixels of a cell, (rows, columns)")
                .optional("cells_per_block", Type.LIST, "(3, 3)", "the cells of a block, (rows, columns)")
                .optional("visualize", Type.BOOLEAN, "True", "produce the visualisation image: only True (D151)")
                .optional("hog_feature_vector", Type.BOOLEAN, "False", "return the blocks as one vector: only "
                        + "False (D151)")
                .optional("block_norm", Type.STRING, "'L2-Hys'", "the block normalisation: L1, L1-sqrt, L2 or "
                        + "L2-Hys")
                .optional("visualize_feature_name", Type.STRING, "None", "the visualisation's feature name (empty: "
                        + "<new name>_VISU)")
                .build(), p -> new HOGTask(p.feature("feature"), p.integer("orientations", 9),
                        pair(p, "pixels_per_cell", 8), pair(p, "cells_per_block", 3), p.bool("visualize", true),
                        p.bool("hog_feature_vector", false), p.string("block_norm", "L2-Hys"),
                        p.has("visualize_feature_name") ? p.string("visualize_feature_name", "") : null));
    }

    private static int[] pair(TaskParams p, String name, int dflt) {
        if (!p.has(name)) {
            return new int[] {dflt, dflt};
        }
        int[] v = p.ints(name);
        if (v.length != 2) {
            throw p.error(name, "must be two integers, got " + v.length);
        }
        return v;
    }
}
