package org.eolearn.core.workflow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A task's failure: the exception, its stack trace as text and where it was raised (eo-learn's
 * {@code ExceptionInfo}).
 *
 * @param exception the exception
 * @param traceback the stack trace as printed by {@link Throwable#printStackTrace()}
 * @param origin    the frame that raised it, {@code "Class.method(File.java:line)"}
 * @since 0.1
 */
public record ExceptionInfo(Throwable exception, String traceback, String origin) {

    /**
     * Validates the components.
     *
     * @param exception not null
     * @param traceback not null
     * @param origin    not null
     */
    public ExceptionInfo {
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(traceback, "traceback");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Captures an exception.
     *
     * @param exception the exception
     * @return its information
     */
    public static ExceptionInfo of(Throwable exception) {
        StringWriter w = new StringWriter();
        exception.printStackTrace(new PrintWriter(w));
        StackTraceElement[] trace = exception.getStackTrace();
        String origin = trace.length == 0 ? "unknown origin" : trace[0].toString();
        return new ExceptionInfo(exception, w.toString(), origin);
    }

    /**
     * Returns {@code "<ExceptionClass> raised from <origin>"}, the key the executor report groups failures by.
     *
     * @return the summary
     */
    public String summary() {
        return exception.getClass().getName() + " raised from " + origin;
    }
}
