package org.eolearn.io.sentinelhub;

/**
 * The units in which Sentinel Hub serves band values (sentinelhub-py's {@code Unit}); the name is the string used
 * in an evalscript's {@code units}.
 *
 * @since 0.1
 */
public enum Unit {
    /** Digital numbers: raw integer values. */
    DN,
    /** Parts per billion. */
    PPB,
    /** A unitless index. */
    INDEX,
    /** Kelvin. */
    KELVIN,
    /** Metres. */
    METERS,
    /** Moles per square metre. */
    MOL_M2,
    /** Kilograms per square metre. */
    KG_M2,
    /** Degrees. */
    DEGREES,
    /** Pascals. */
    PASCALS,
    /** Percent. */
    PERCENT,
    /** A fraction in [0, 1]. */
    FRACTION,
    /** Radiance. */
    RADIANCE,
    /** Kilometres. */
    KILOMETERS,
    /** Reflectance (DN times the normalisation factor, 1/10000 for Sentinel-2). */
    REFLECTANCE,
    /** Linear power (SAR backscatter). */
    LINEAR_POWER,
    /** Optical depth. */
    OPTICAL_DEPTH,
    /** Brightness temperature. */
    BRIGHTNESS_TEMPERATURE,
    /** Surface temperature. */
    SURFACE_TEMPERATURE,
    /** Hectopascals. */
    HECTOPASCALS
}
