/**
 * Mask tasks: masking features, joining masks, the snow mask, a valid-data mask and {@code CloudMaskTask} built on the {@code cloudless} module (eo-learn's {@code eolearn.mask}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.mask;
