/**
 * Co-registration of image time series with the ECC algorithm (eo-learn's {@code eolearn.coregistration}).
 *
 * <p><b>Status:</b> this module is a placeholder; its contents arrive with their own issue.
 */
package org.eolearn.registration;
