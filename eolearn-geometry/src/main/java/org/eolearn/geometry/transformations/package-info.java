/**
 * Transformations between vectors and rasters (eo-learn's {@code eolearn.geometry.transformations}):
 * {@link org.eolearn.geometry.transformations.VectorToRasterTask} on the {@link
 * org.eolearn.geometry.transformations.Rasterizer} kernel (GDAL's pixel-centre and all-touched rules),
 * {@link org.eolearn.geometry.transformations.RasterToVectorTask} on the
 * {@link org.eolearn.geometry.transformations.Polygonizer} kernel, and
 * {@link org.eolearn.geometry.transformations.Reprojection} (Apache SIS) for vectors in another CRS.
 */
package org.eolearn.geometry.transformations;
