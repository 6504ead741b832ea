package org.eolearn.core.task;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parsing of parameter values given as text, as eo-learn's {@code parse_time} accepts them.
 *
 * @since 0.1
 */
public final class ParamValues {

    private ParamValues() {
    }

    /**
     * Parses an ISO date or date-time ({@code 2017-01-01}, {@code 2017-01-01T10:00:00}, a space instead of
     * {@code T}, a trailing {@code Z}).
     *
     * @param text  the text
     * @param param the parameter name for the message
     * @return the date-time (midnight for a date)
     * @throws IllegalArgumentException naming the parameter
     */
    public static LocalDateTime dateTime(String text, String param) {
        String t = text.trim().replace(' ', 'T');
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return t.length() <= 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(param + ": '" + text + "' is not an ISO date or date-time", e);
        }
    }
}
