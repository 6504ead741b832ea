/**
 * Mask tasks (eo-learn's {@code eolearn.mask}): {@link org.eolearn.mask.CloudMaskTask}, the s2cloudless cloud
 * detector as a task. The other mask tasks (masking features, joining masks, the snow mask, valid-data masks)
 * arrive with their own issue.
 */
package org.eolearn.mask;
