/**
 * Dependency-free raster kernels shared by the modules (binary morphology: structuring elements and dilation), on
 * plain row-major arrays.
 */
package org.eolearn.core.raster;
