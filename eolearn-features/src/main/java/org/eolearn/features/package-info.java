/**
 * Feature tasks (eo-learn's {@code eolearn.features}): normalized difference indices
 * ({@link org.eolearn.features.NormalizedDifferenceIndexTask}), frame filters
 * ({@link org.eolearn.features.SimpleFilterTask}, {@link org.eolearn.features.FilterTimeSeriesTask}) and, in
 * sub-packages, temporal interpolation and resampling; registered for JSON and the command line by
 * {@link org.eolearn.features.FeaturesTasks}.
 */
package org.eolearn.features;
