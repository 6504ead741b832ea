/**
 * Co-registration of image time series (eo-learn's {@code eolearn.coregistration}): the ECC algorithm
 * ({@link org.eolearn.registration.Ecc}) and {@link org.eolearn.registration.ECCRegistrationTask}.
 */
package org.eolearn.registration;
