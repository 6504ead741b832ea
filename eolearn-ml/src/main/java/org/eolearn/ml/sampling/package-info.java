/**
 * Sampling tasks (eo-learn's {@code ml_tools.sampling}): {@link org.eolearn.ml.sampling.FractionSamplingTask},
 * {@link org.eolearn.ml.sampling.BlockSamplingTask}, {@link org.eolearn.ml.sampling.GridSamplingTask} and their
 * kernels in {@link org.eolearn.ml.sampling.Sampling}. Training and prediction tasks arrive with their issue.
 */
package org.eolearn.ml.sampling;
