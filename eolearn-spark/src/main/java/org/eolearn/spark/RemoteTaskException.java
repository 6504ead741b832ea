package org.eolearn.spark;

/**
 * Stands in for a task's exception that could not be sent from a Spark executor to the driver; it keeps the
 * original class name, message and stack trace.
 *
 * @since 0.1
 */
public final class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The original exception's class name. */
    private final String originalClass;

    /**
     * Creates the stand-in.
     *
     * @param originalClass the original exception's class name
     * @param message       its message
     */
    public RemoteTaskException(String originalClass, String message) {
        super(originalClass + ": " + message);
        this.originalClass = originalClass;
    }

    /**
     * Returns the original exception's class name.
     *
     * @return the class name
     */
    public String originalClass() {
        return originalClass;
    }
}
