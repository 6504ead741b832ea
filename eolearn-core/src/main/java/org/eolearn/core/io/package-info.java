/**
 * eo-learn's on-disk format: {@link org.eolearn.core.io.EOPatchIO} saves and loads patch folders that eo-learn
 * (Python) reads and writes too; {@link org.eolearn.core.io.Npy} and {@link org.eolearn.core.io.GeoPackage}
 * are the file formats of arrays and vectors.
 */
package org.eolearn.core.io;
