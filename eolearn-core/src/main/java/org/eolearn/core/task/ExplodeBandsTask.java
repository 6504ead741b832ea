package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;

/**
 * Splits the bands of a feature into several features (eo-learn's {@code ExplodeBandsTask}).
 *
 * @since 0.1
 */
public final class ExplodeBandsTask implements PatchTask {

    private final Feature input;
    private final Map<Feature, int[]> mapping;
    private final List<ExtractBandsTask> extractors = new ArrayList<>();

    /**
     * Creates the task.
     *
     * @param inputFeature  the feature to split
     * @param outputMapping output feature to the band indices it gets
     */
    public ExplodeBandsTask(Feature inputFeature, Map<Feature, int[]> outputMapping) {
        this.input = Objects.requireNonNull(inputFeature, "inputFeature");
        Map<Feature, int[]> copy = new LinkedHashMap<>();
        outputMapping.forEach((f, b) -> copy.put(f, b.clone()));
        this.mapping = java.util.Collections.unmodifiableMap(copy);
        Tasks.nonEmpty("output_mapping", mapping.keySet());
        mapping.forEach((f, b) -> extractors.add(new ExtractBandsTask(input, f, b)));
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        for (ExtractBandsTask t : extractors) {
            t.execute(patch);
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        mapping.forEach((f, b) -> m.put(f.toString(), java.util.Arrays.toString(b)));
        return Tasks.describe("input_feature", input, "output_mapping", m);
    }
}
