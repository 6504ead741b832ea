/**
 * Mask tasks (eo-learn's {@code eolearn.mask}): {@link org.eolearn.mask.MaskFeatureTask} (replace values where a
 * mask has given values), {@link org.eolearn.mask.JoinMasksTask} (and/or/xor of masks),
 * {@link org.eolearn.mask.SnowMaskTask} (NDSI/brightness thresholds with OpenCV's elliptic dilation),
 * {@link org.eolearn.mask.AddValidDataMaskTask} (valid data = data and not cloud) and
 * {@link org.eolearn.mask.CloudMaskTask} (the s2cloudless detector). The elliptic element and the dilation are
 * eolearn-core's {@link org.eolearn.core.raster.BinaryMorphology}; {@link org.eolearn.mask.MaskTasks} registers the
 * tasks under eo-learn's names.
 */
package org.eolearn.mask;
