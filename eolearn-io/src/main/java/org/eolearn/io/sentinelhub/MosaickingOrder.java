package org.eolearn.io.sentinelhub;

/**
 * The Process API's {@code mosaickingOrder}.
 *
 * @since 0.1
 */
public enum MosaickingOrder {
    /** {@code mostRecent}. */
    MOST_RECENT("mostRecent"),
    /** {@code leastRecent}. */
    LEAST_RECENT("leastRecent"),
    /** {@code leastCC}. */
    LEAST_CC("leastCC");

    private final String value;

    MosaickingOrder(String value) {
        this.value = value;
    }

    /**
     * Returns the value sent to the service.
     *
     * @return e.g. {@code leastCC}
     */
    public String value() {
        return value;
    }

    /**
     * Parses the service value (or the constant name).
     *
     * @param text e.g. {@code "mostRecent"}
     * @return the order
     */
    public static MosaickingOrder parse(String text) {
        for (MosaickingOrder m : values()) {
            if (m.value.equals(text) || m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mosaicking_order must be mostRecent, leastRecent or leastCC, got '"
                + text + "'");
    }
}
