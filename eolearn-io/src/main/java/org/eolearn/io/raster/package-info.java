/**
 * GeoTIFF import and export (eo-learn's {@code eolearn.io.raster_io}): {@link org.eolearn.io.raster.ExportToTiffTask},
 * {@link org.eolearn.io.raster.ImportFromTiffTask}, the pure-Java codec {@link org.eolearn.io.raster.GeoTiff}, the
 * rasterio-compatible windowed read {@link org.eolearn.io.raster.RasterWindow} and the optional GDAL backend
 * detection {@link org.eolearn.io.raster.GdalBackend}.
 */
package org.eolearn.io.raster;
