/**
 * Machine-learning tasks: pixel sampling, train/test splits, LightGBM training and prediction over patches (eo-learn's {@code eolearn.ml_tools}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.ml;
