/**
 * The machine's resources as the library uses them: {@link org.eolearn.core.compute.ComputePolicy} decides how many
 * threads a patch's kernels, codecs and I/O may use, {@link org.eolearn.core.compute.ArrayPool} reuses the
 * off-heap memory of large arrays across nodes and executions.
 */
package org.eolearn.core.compute;
