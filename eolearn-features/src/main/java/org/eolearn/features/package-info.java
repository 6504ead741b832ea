/**
 * Feature tasks (eo-learn's {@code eolearn.features}). So far: {@link org.eolearn.features.SpatialResizeTask}
 * with its OpenCV-equivalent kernels in {@link org.eolearn.features.Resize}; {@link org.eolearn.features.FeaturesTasks}
 * registers the tasks under eo-learn's names.
 */
package org.eolearn.features;
