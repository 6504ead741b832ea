package org.eolearn.features.interpolation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dates an interpolation resamples to (eo-learn's {@code resample_range}): {@code (start, end, stepDays)}, i.e.
 * start, start + step, ... while before end (end excluded), or an explicit list of dates.
 *
 * @param dates the dates
 * @since 0.1
 */
public record ResampleRange(List<LocalDateTime> dates) {

    /**
     * Validates the dates.
     *
     * @param dates at least one date
     */
    public ResampleRange {
        Objects.requireNonNull(dates, "dates");
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("resample_range gives no date");
        }
        dates = List.copyOf(dates);
    }

    /**
     * Dates every {@code stepDays} days from {@code start} while before {@code end}: only {@code start} when
     * {@code end} is not after it (as in eo-learn, whatever the step but a negative one).
     *
     * @param start    the first date
     * @param end      the excluded end
     * @param stepDays the step in days (positive, or 0 when end is not after start)
     * @return the range
     */
    public static ResampleRange of(LocalDateTime start, LocalDateTime end, int stepDays) {
        List<LocalDateTime> days = new ArrayList<>();
        days.add(start);
        if (stepDays <= 0 && (stepDays < 0 || start.isBefore(end))) {
            // eo-learn never ends here (docs/differences.md D46)
            throw new IllegalArgumentException("resample_range step must be a positive number of days, got "
                    + stepDays);
        }
        while (days.get(days.size() - 1).plusDays(stepDays).isBefore(end)) {
            days.add(days.get(days.size() - 1).plusDays(stepDays));
        }
        return new ResampleRange(days);
    }

    /**
     * Like {@link #of(LocalDateTime, LocalDateTime, int)} with ISO dates or date-times ({@code "2018-01-01"}).
     *
     * @param start    the first date
     * @param end      the excluded end
     * @param stepDays the step in days
     * @return the range
     */
    public static ResampleRange of(String start, String end, int stepDays) {
        return of(parse(start), parse(end), stepDays);
    }

    /**
     * Parses an ISO date ({@code 2018-01-01}) or date-time ({@code 2018-01-01T10:00:00}).
     *
     * @param text the text
     * @return the date-time (midnight for a date)
     */
    public static LocalDateTime parse(String text) {
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ',
                    'T'));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("resample_range: '" + text + "' is not an ISO date or date-time", e);
        }
    }
}
