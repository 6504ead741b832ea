/**
 * Temporal interpolation and resampling of time series (eo-learn's {@code eolearn.features.extra.interpolation}):
 * {@link org.eolearn.features.interpolation.InterpolationTask} and its array kernel
 * {@link org.eolearn.features.interpolation.Interpolator}.
 */
package org.eolearn.features.interpolation;
