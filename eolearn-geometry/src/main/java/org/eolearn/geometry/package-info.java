/**
 * Geometry tasks: vector to raster, raster to vector and morphological operations (eo-learn's {@code eolearn.geometry}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.geometry;
