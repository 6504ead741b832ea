package org.eolearn.core;

import java.util.Locale;

/**
 * The kinds of features an {@link EOPatch} holds, in eo-learn's order. The {@link #value()} is also the name of
 * the feature type's folder in a saved patch.
 *
 * <table>
 *   <caption>Feature types</caption>
 *   <tr><th>type</th><th>shape</th><th>temporal</th><th>spatial</th><th>discrete</th></tr>
 *   <tr><td>DATA</td><td>(t, h, w, d)</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>MASK</td><td>(t, h, w, d)</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>SCALAR</td><td>(t, d)</td><td>yes</td><td>no</td><td>no</td></tr>
 *   <tr><td>LABEL</td><td>(t, d)</td><td>yes</td><td>no</td><td>yes</td></tr>
 *   <tr><td>VECTOR</td><td>table with a TIMESTAMP column</td><td>yes</td><td>yes</td><td>-</td></tr>
 *   <tr><td>DATA_TIMELESS</td><td>(h, w, d)</td><td>no</td><td>yes</td><td>no</td></tr>
 *   <tr><td>MASK_TIMELESS</td><td>(h, w, d)</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>SCALAR_TIMELESS</td><td>(d)</td><td>no</td><td>no</td><td>no</td></tr>
 *   <tr><td>LABEL_TIMELESS</td><td>(d)</td><td>no</td><td>no</td><td>yes</td></tr>
 *   <tr><td>VECTOR_TIMELESS</td><td>table</td><td>no</td><td>yes</td><td>-</td></tr>
 *   <tr><td>META_INFO</td><td>any JSON value</td><td>-</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>eo-learn's deprecated {@code BBOX} and {@code TIMESTAMPS} feature types are not feature types here: the
 * bounding box and the timestamps are properties of the patch ({@link EOPatch#bbox()},
 * {@link EOPatch#timestamps()}), as in eo-learn 1.5.
 *
 * @since 0.1
 */
public enum FeatureType {
    /** Multi-temporal raster data, shape (t, h, w, d), any numeric dtype. */
    DATA("data"),
    /** Multi-temporal raster masks, shape (t, h, w, d), integer or bool dtype. */
    MASK("mask"),
    /** Multi-temporal non-spatial values, shape (t, d). */
    SCALAR("scalar"),
    /** Multi-temporal non-spatial labels, shape (t, d), integer or bool dtype. */
    LABEL("label"),
    /** Multi-temporal vector data: a {@link GeoTable} with a {@code TIMESTAMP} column. */
    VECTOR("vector"),
    /** Timeless raster data, shape (h, w, d). */
    DATA_TIMELESS("data_timeless"),
    /** Timeless raster masks, shape (h, w, d), integer or bool dtype. */
    MASK_TIMELESS("mask_timeless"),
    /** Timeless non-spatial values, shape (d). */
    SCALAR_TIMELESS("scalar_timeless"),
    /** Timeless non-spatial labels, shape (d), integer or bool dtype. */
    LABEL_TIMELESS("label_timeless"),
    /** Timeless vector data: a {@link GeoTable}. */
    VECTOR_TIMELESS("vector_timeless"),
    /** Meta information: any JSON value (numbers, strings, booleans, lists, maps, null). */
    META_INFO("meta_info");

    private final String value;

    FeatureType(String value) {
        this.value = value;
    }

    /**
     * Returns eo-learn's value of the type, also its folder name on disk.
     *
     * @return for example {@code "data_timeless"}
     */
    public String value() {
        return value;
    }

    /**
     * Returns the type with the given eo-learn value or enum name, case-insensitively.
     *
     * @param value for example {@code "data"}, {@code "mask_timeless"} or {@code "DATA"}
     * @return the type
     * @throws IllegalArgumentException if no type has that value; {@code bbox} and {@code timestamps} are
     *                                  named as patch properties in the message
     */
    public static FeatureType fromValue(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (FeatureType t : values()) {
            if (t.value.equals(v)) {
                return t;
            }
        }
        if (v.equals("bbox") || v.equals("timestamps") || v.equals("timestamp")) {
            throw new IllegalArgumentException("feature type '" + value + "' is not a feature type since eo-learn "
                    + "1.5: use EOPatch.bbox() / EOPatch.timestamps()");
        }
        throw new IllegalArgumentException("unknown feature type '" + value + "'");
    }

    /**
     * Tells whether the type has a value with the given name.
     *
     * @param value a candidate value
     * @return whether {@link #fromValue(String)} would accept it
     */
    public static boolean hasValue(String value) {
        for (FeatureType t : values()) {
            if (t.value.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether features of this type have a spatial extent (rasters and vectors).
     *
     * @return true for DATA, MASK, VECTOR, DATA_TIMELESS, MASK_TIMELESS and VECTOR_TIMELESS
     */
    public boolean isSpatial() {
        switch (this) {
            case DATA: case MASK: case VECTOR: case DATA_TIMELESS: case MASK_TIMELESS: case VECTOR_TIMELESS:
                return true;
            default:
                return false;
        }
    }

    /**
     * Tells whether features of this type have a time dimension.
     *
     * @return true for DATA, MASK, SCALAR, LABEL and VECTOR
     */
    public boolean isTemporal() {
        switch (this) {
            case DATA: case MASK: case SCALAR: case LABEL: case VECTOR:
                return true;
            default:
                return false;
        }
    }

    /**
     * Tells whether the type is neither temporal nor meta.
     *
     * @return true for the five {@code *_TIMELESS} types
     */
    public boolean isTimeless() {
        return !isTemporal() && !isMeta();
    }

    /**
     * Tells whether arrays of this type must have an integer or bool dtype.
     *
     * @return true for MASK, LABEL, MASK_TIMELESS and LABEL_TIMELESS
     */
    public boolean isDiscrete() {
        return this == MASK || this == LABEL || this == MASK_TIMELESS || this == LABEL_TIMELESS;
    }

    /**
     * Tells whether the type holds meta information.
     *
     * @return true for META_INFO
     */
    public boolean isMeta() {
        return this == META_INFO;
    }

    /**
     * Tells whether the type holds vector tables.
     *
     * @return true for VECTOR and VECTOR_TIMELESS
     */
    public boolean isVector() {
        return this == VECTOR || this == VECTOR_TIMELESS;
    }

    /**
     * Tells whether the type holds n-dimensional arrays.
     *
     * @return true for the eight array types
     */
    public boolean isArray() {
        return !isVector() && !isMeta();
    }

    /**
     * Tells whether the type holds raster images (spatial arrays).
     *
     * @return true for DATA, MASK, DATA_TIMELESS and MASK_TIMELESS
     */
    public boolean isImage() {
        return isArray() && isSpatial();
    }

    /**
     * Returns the number of dimensions arrays of this type must have.
     *
     * @return 4, 3, 2 or 1
     * @throws IllegalStateException for vector and meta types, which hold no arrays
     */
    public int ndim() {
        switch (this) {
            case DATA: case MASK:
                return 4;
            case DATA_TIMELESS: case MASK_TIMELESS:
                return 3;
            case SCALAR: case LABEL:
                return 2;
            case SCALAR_TIMELESS: case LABEL_TIMELESS:
                return 1;
            default:
                throw new IllegalStateException("feature type " + this + " holds no arrays and has no ndim");
        }
    }

    /**
     * Returns {@link #value()}.
     *
     * @return the eo-learn value
     */
    @Override
    public String toString() {
        return value;
    }
}
