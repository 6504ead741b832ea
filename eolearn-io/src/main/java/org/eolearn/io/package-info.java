/**
 * Sentinel Hub clients (OAuth2, Process API, Catalog, OGC WMS/WCS), the input tasks, GeoTIFF import and export, vector import and an optional GDAL backend (eo-learn's {@code eolearn.io}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.io;
