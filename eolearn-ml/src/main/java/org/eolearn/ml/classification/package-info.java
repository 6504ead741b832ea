/**
 * Pixel classification: {@link org.eolearn.ml.classification.TrainingTable} (pixels as rows),
 * {@link org.eolearn.ml.classification.PixelClassifier} (LightGBM training with native LightGBM, prediction in pure
 * Java), {@link org.eolearn.ml.classification.Metrics} and
 * {@link org.eolearn.ml.classification.PixelClassificationTask}.
 */
package org.eolearn.ml.classification;
