/**
 * The eo-learn data model: {@link org.eolearn.core.EOPatch} (multi-temporal ND4J arrays, vector tables and meta
 * information of one spatial patch, with its {@link org.eolearn.core.BBox} and timestamps),
 * {@link org.eolearn.core.FeatureType}, {@link org.eolearn.core.Feature}, feature specifications and their
 * parser, and merging of patches.
 *
 * <p>Arrays are ND4J {@code INDArray}s holding exactly the numpy dtype eo-learn would hold
 * ({@link org.eolearn.core.DType}). This module depends on {@code nd4j-api} only; an application picks the
 * ND4J backend (for example {@code org.nd4j:nd4j-native} with the {@code linux-x86_64} classifier). Array
 * memory is off-heap: bound it with {@code -Dorg.bytedeco.javacpp.maxbytes} and drop references to large
 * intermediate arrays early.
 */
package org.eolearn.core;
