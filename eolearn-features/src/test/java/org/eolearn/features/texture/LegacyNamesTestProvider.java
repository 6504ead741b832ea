package org.eolearn.features.texture;

import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Tests only (registered by the test class path's service file): the texture tasks also under eo-learn's dotted
 * legacy names ({@code eolearn_legacy.haralick.HaralickTask}, ...), so that a differential case names its task once
 * for both sides: the oracle imports the dotted name, the project's standard registry knows it from here.
 */
public final class LegacyNamesTestProvider implements TaskProvider {

    /** The oracle's name of HaralickTask. */
    static final String HARALICK = "eolearn_legacy.haralick.HaralickTask";
    /** The oracle's name of LocalBinaryPatternTask. */
    static final String LBP = "eolearn_legacy.local_binary_pattern.LocalBinaryPatternTask";
    /** The oracle's name of HOGTask. */
    static final String HOG = "eolearn_legacy.hog.HOGTask";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public LegacyNamesTestProvider() {
    }

    @Override
    public void register(TaskRegistry r) {
        TextureTaskProvider.register(r, HARALICK, LBP, HOG);
    }
}
