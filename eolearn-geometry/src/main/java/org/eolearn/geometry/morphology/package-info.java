/**
 * Morphological operations with OpenCV's semantics as eo-learn uses them: the kernels in
 * {@link org.eolearn.geometry.morphology.Morphology}, structuring elements
 * ({@link org.eolearn.geometry.morphology.StructuringElement}, eo-learn's {@code MorphologicalStructFactory}) and
 * the tasks {@link org.eolearn.geometry.morphology.ErosionTask} and
 * {@link org.eolearn.geometry.morphology.MorphologicalFilterTask}.
 */
package org.eolearn.geometry.morphology;
