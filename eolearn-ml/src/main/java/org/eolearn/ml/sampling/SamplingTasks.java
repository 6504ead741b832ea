package org.eolearn.ml.sampling;

import java.util.List;
import java.util.SplittableRandom;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the sampling tasks share: feature checks, applying a grid, the random generator of a seed. */
final class SamplingTasks {

    private SamplingTasks() {
    }

    static FeatureParser imageParser(FeatureSpec spec) {
        return new FeatureParser(spec, FeatureType::isImage);
    }

    static Feature maskOfSamples(Feature f) {
        return f == null ? null : Feature.requireType(f, FeatureType.MASK_TIMELESS, "mask_of_samples");
    }

    /**
     * The generator of a seed as numpy's {@code default_rng} takes it: none, or a non-negative integer (a boolean
     * counts as 0 or 1); numpy refuses negative and fractional seeds.
     */
    static SplittableRandom random(Object seed) {
        if (seed == null) {
            return new SplittableRandom();
        }
        if (seed instanceof Boolean) {
            return new SplittableRandom((Boolean) seed ? 1 : 0);
        }
        if (!(seed instanceof Integer || seed instanceof Long || seed instanceof Short
                || seed instanceof java.math.BigInteger)) {
            throw new IllegalArgumentException("seed must be a non-negative integer, got " + seed);
        }
        if (((Number) seed).doubleValue() < 0) {
            throw new IllegalArgumentException("seed must be a non-negative integer, got " + seed);
        }
        return new SplittableRandom(((Number) seed).longValue());
    }

    /** The (height, width) of the first image feature. */
    static int[] imageSize(EOPatch patch, FeatureParser parser) {
        List<Feature> features = parser.getFeatures(patch);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("features_to_sample selects no feature of the patch");
        }
        return patch.getSpatialDimension(features.get(0).type(), features.get(0).name());
    }

    /** eo-learn's {@code _apply_sampling}: sampled copies under the new names, and the mask of samples. */
    static EOPatch apply(EOPatch patch, FeatureParser parser, Feature maskOfSamples, Sampling.Grid grid) {
        int[] size = null;
        for (Feature f : parser.getRenamedFeatures(patch)) {
            INDArray data = patch.getArray(f.type(), f.name());
            size = patch.getSpatialDimension(f.type(), f.name());
            patch.put(f.type(), f.newName(), Sampling.take(data, grid));
        }
        if (maskOfSamples != null && size != null) {
            patch.put(maskOfSamples, Sampling.maskOfSamples(size[0], size[1], grid));
        }
        return patch;
    }

    static int[] pair(String name, int[] value) {
        if (value == null || value.length != 2 || value[0] < 1 || value[1] < 1) {
            throw new IllegalArgumentException(name + " must be two positive integers, got "
                    + java.util.Arrays.toString(value));
        }
        return value.clone();
    }
}
