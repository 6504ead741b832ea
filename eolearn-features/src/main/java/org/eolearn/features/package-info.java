/**
 * Feature tasks: normalized difference indices, temporal interpolation and resampling, time-series filters and spatial resizing (eo-learn's {@code eolearn.features}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.features;
