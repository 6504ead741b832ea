/**
 * eo-learn's 2018 radiometric normalisation tasks (removed in eo-learn 1.5,
 * {@code eolearn.features.radiometric_normalization}): reference scenes
 * ({@link org.eolearn.features.compositing.ReferenceScenesTask}), composites by a percentile of a reference band
 * ({@link org.eolearn.features.compositing.BaseCompositingTask} and its blue, HOT, max-NDVI, max-NDWI and max-ratio
 * methods) and histogram matching to a composite
 * ({@link org.eolearn.features.compositing.HistogramMatchingTask}), with the legacy code's results, dtypes and edge
 * cases.
 */
package org.eolearn.features.compositing;
