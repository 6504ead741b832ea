/**
 * A pure-Java LightGBM predictor: {@link org.eolearn.cloudless.lightgbm.LightGbmModel} reads LightGBM's text
 * model format and computes the same raw scores as native LightGBM, with no native code at run time.
 */
package org.eolearn.cloudless.lightgbm;
