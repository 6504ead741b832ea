/**
 * Geometry tasks (eo-learn's {@code eolearn.geometry}): rasterising vectors, vectorising rasters and morphology.
 * {@link org.eolearn.geometry.GeometryTasks} registers them under eo-learn's names.
 */
package org.eolearn.geometry;
