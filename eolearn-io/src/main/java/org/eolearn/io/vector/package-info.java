/**
 * Vector import (eo-learn's {@code eolearn.io.geometry_io}): {@link org.eolearn.io.vector.VectorImportTask} for
 * GeoPackage and GeoJSON files, with bbox filtering, reprojection (Apache SIS) and clipping.
 */
package org.eolearn.io.vector;
