package org.eolearn.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.EOPatches;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.MergeOperation;
import org.eolearn.core.io.LoadOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The usage example of the README, runnable: {@code java ... org.eolearn.examples.QuickStart TestEOPatch OUT}.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Loads a patch, subsets it in time, adds features, saves it, loads it lazily and merges.
     *
     * @param args the TestEOPatch folder and an output folder
     * @throws IOException if loading or saving fails
     */
    public static void main(String[] args) throws IOException {
        Path input = Path.of(args.length > 0 ? args[0] : "../shared/data/eolearn/TestEOPatch");
        Path output = Path.of(args.length > 1 ? args[1] : "summer-patch");

        EOPatch patch = EOPatch.load(input);
        INDArray ndvi = patch.getArray(FeatureType.DATA, "NDVI");              // (68, 101, 100, 1) float32
        GeoTable fields = patch.getVector(FeatureType.VECTOR_TIMELESS, "LULC"); // 88 polygons, EPSG:32633
        System.out.println(patch.bbox() + ", " + patch.timestamps().size() + " frames, " + fields.size()
                + " fields, NDVI " + java.util.Arrays.toString(ndvi.shape()));

        EOPatch summer = patch.temporalSubset(t -> t.getMonthValue() >= 6 && t.getMonthValue() <= 8);
        summer.put(FeatureType.META_INFO, "season", "summer");
        summer.put(FeatureType.DATA_TIMELESS, "MEAN_NDVI",
                summer.getArray(FeatureType.DATA, "NDVI").mean(0));             // (101, 100, 1)
        summer.save(output);                                                    // eo-learn's layout, gzip
        EOPatch lazy = EOPatch.load(output, LoadOptions.defaults().withLazy(true));
        System.out.println(lazy);                                               // eo-learn's repr
        EOPatch both = EOPatches.merge(List.of(patch, summer), FeatureSpec.of(FeatureType.DATA),
                MergeOperation.mean(), MergeOperation.equal());
        System.out.println("merged: " + both.timestamps().size() + " frames");
    }
}
