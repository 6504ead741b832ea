/**
 * Internal helpers of eolearn-core. Not part of the API: they may change in any release.
 */
package org.eolearn.core.internal;
