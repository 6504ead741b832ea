package org.eolearn.geometry.morphology;

import java.util.Locale;

/**
 * eo-learn's {@code MorphologicalOperations}: the operation of a {@link MorphologicalFilterTask}, named by eo-learn's
 * value ({@code "opening"}, {@code "closing"}, {@code "dilation"}, {@code "erosion"}).
 *
 * @since 0.1
 */
public enum MorphologicalOperation {
    /** Erosion followed by dilation (OpenCV {@code MORPH_OPEN}). */
    OPENING("opening"),
    /** Dilation followed by erosion (OpenCV {@code MORPH_CLOSE}). */
    CLOSING("closing"),
    /** Local maximum over the structuring element (OpenCV {@code MORPH_DILATE}). */
    DILATION("dilation"),
    /** Local minimum over the structuring element (OpenCV {@code MORPH_ERODE}). */
    EROSION("erosion");

    private final String value;

    MorphologicalOperation(String value) {
        this.value = value;
    }

    /**
     * Returns eo-learn's value of the operation.
     *
     * @return e.g. {@code "opening"}
     */
    public String value() {
        return value;
    }

    /**
     * Finds an operation by eo-learn's value or by enum name, ignoring case.
     *
     * @param name e.g. {@code "opening"} or {@code "OPENING"}
     * @return the operation
     * @throws IllegalArgumentException naming {@code morph_operation} if the name is unknown
     */
    public static MorphologicalOperation fromValue(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (MorphologicalOperation op : values()) {
            if (op.value.equals(n)) {
                return op;
            }
        }
        throw new IllegalArgumentException("morph_operation must be one of opening, closing, dilation, erosion; got '"
                + name + "'");
    }
}
