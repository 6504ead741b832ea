/**
 * eo-learn's 2018 temporal feature tasks (removed in eo-learn 1.5, {@code eolearn.features.temporal_features}): the
 * time indices of a feature's maximum and minimum ({@link org.eolearn.features.temporal.AddMaxMinTemporalIndicesTask}),
 * of the NDVI slope's ({@link org.eolearn.features.temporal.AddMaxMinNDVISlopeIndicesTask}) and the reflectances at
 * those times ({@link org.eolearn.features.temporal.AddSpatioTemporalFeaturesTask}), with the legacy code's results,
 * dtypes and edge cases.
 */
package org.eolearn.features.temporal;
