/**
 * Input and output (eo-learn's {@code eolearn.io}): Sentinel Hub configuration and downloads
 * ({@code org.eolearn.io.sentinelhub.client}), data collections, requests and input tasks
 * ({@code org.eolearn.io.sentinelhub}), BBox/UTM utilities and area splitters ({@code org.eolearn.io.geo}), GeoTIFF
 * import and export with an optional GDAL backend ({@code org.eolearn.io.raster}), vector import
 * ({@code org.eolearn.io.vector}) and a STAC API client ({@code org.eolearn.io.stac});
 * {@link org.eolearn.io.FileIoTasks} registers the file tasks by name.
 */
package org.eolearn.io;
