/**
 * Feature tasks (eo-learn's {@code eolearn.features}): normalized difference indices
 * ({@link org.eolearn.features.NormalizedDifferenceIndexTask}), frame filters
 * ({@link org.eolearn.features.SimpleFilterTask}, {@link org.eolearn.features.FilterTimeSeriesTask}), spatial
 * resizing ({@link org.eolearn.features.SpatialResizeTask} with its OpenCV-equivalent kernels in
 * {@link org.eolearn.features.Resize}) and, in a sub-package, temporal interpolation and resampling; registered for
 * JSON and the command line by {@link org.eolearn.features.FeaturesTasks}.
 */
package org.eolearn.features;
