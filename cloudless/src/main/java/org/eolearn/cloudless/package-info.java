/**
 * The s2cloudless Sentinel-2 cloud detector: a pure-Java LightGBM text-model predictor, the pixel classifier and its averaging, threshold and dilation. Usable on its own.
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.cloudless;
