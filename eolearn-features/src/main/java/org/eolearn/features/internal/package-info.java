/**
 * Internal helpers of the feature kernels; not part of the public API and may change without notice.
 */
package org.eolearn.features.internal;
