/**
 * The s2cloudless Sentinel-2 cloud detector in pure Java: {@link org.eolearn.cloudless.S2PixelCloudDetector} and
 * its image kernels {@link org.eolearn.cloudless.CloudKernels}. Needs only ND4J's API; the LightGBM model is read
 * and evaluated by {@link org.eolearn.cloudless.lightgbm.LightGbmModel}, without native LightGBM.
 */
package org.eolearn.cloudless;
