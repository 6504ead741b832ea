package org.eolearn.io.sentinelhub;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * sentinelhub-py's {@code time_utils}: time intervals, Python's {@code isoformat} and {@code filter_times}.
 * Times are UTC {@link LocalDateTime}s (eo-learn strips the zone from Catalog timestamps).
 *
 * @since 0.1
 */
public final class TimeUtils {

    private TimeUtils() {
    }

    /**
     * Parses a time as {@code parse_time} does: a text of at most 10 characters is a date (midnight), a longer one
     * a date-time (a {@code T} or a space, optional fractional seconds, {@code Z} or an offset, converted to UTC).
     *
     * @param text the time
     * @return the UTC time
     * @throws IllegalArgumentException if the text is not a time
     */
    public static LocalDateTime parseTime(String text) {
        String t = text.trim();
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t).atStartOfDay();
            }
            t = t.replace(' ', 'T');
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                if (t.endsWith("Z")) {
                    t = t.substring(0, t.length() - 1) + "+00:00";
                }
                return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO date or date-time", e);
        }
    }

    /**
     * Parses a time interval as {@code parse_time_interval}: a date gives {@code [00:00:00, 23:59:59]} of that day,
     * a date-time gives {@code [t, t]}, two values their interval (an end date becomes its 23:59:59).
     *
     * @param start the start (or the single time), null or {@code ".."} for an open start
     * @param end   the end, or null for a single time
     * @return {@code {start, end}}; entries are null for open ends
     * @throws IllegalArgumentException if start is after end
     */
    public static LocalDateTime[] parseTimeInterval(String start, String end) {
        LocalDateTime s;
        LocalDateTime e;
        if (end == null) {
            if (start == null || start.equals("..")) {
                return new LocalDateTime[] {null, null};
            }
            s = parseTime(start);
            e = start.trim().length() <= 10 ? s.toLocalDate().atTime(23, 59, 59) : s;
        } else {
            s = start == null || start.equals("..") ? null : parseTime(start);
            e = end.equals("..") ? null : parseTime(end);
            if (e != null && end.trim().length() <= 10) {
                e = e.toLocalDate().atTime(LocalTime.of(23, 59, 59));
            }
        }
        if (s != null && e != null && s.isAfter(e)) {
            throw new IllegalArgumentException("time_interval: start " + start + " is after end " + end);
        }
        return new LocalDateTime[] {s, e};
    }

    /**
     * Formats a time as Python's {@code isoformat()}: seconds always, microseconds (6 digits) only when non-zero.
     *
     * @param t the time
     * @return e.g. {@code 2017-12-15T07:12:03} or {@code 2017-12-15T07:12:03.436000}
     */
    public static String isoformat(LocalDateTime t) {
        String base = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(Locale.ROOT, ".%06d", micros);
    }

    /**
     * Formats a time as {@code serialize_time(t, use_tz=True)}: {@link #isoformat} plus {@code Z}; null gives
     * {@code ".."}.
     *
     * @param t the UTC time or null
     * @return the text
     */
    public static String serializeUtc(LocalDateTime t) {
        return t == null ? ".." : isoformat(t) + "Z";
    }

    /**
     * Keeps the first of the times closer than a difference: sorts the distinct times and keeps one when it is
     * strictly more than {@code difference} after the last kept one (sentinelhub-py's {@code filter_times}).
     *
     * @param times      the times
     * @param difference the minimal difference (negative keeps every distinct time)
     * @return the kept times, ascending
     */
    public static List<LocalDateTime> filterTimes(List<LocalDateTime> times, Duration difference) {
        List<LocalDateTime> out = new ArrayList<>();
        for (LocalDateTime t : new TreeSet<>(times)) {
            if (out.isEmpty() || Duration.between(out.get(out.size() - 1), t).compareTo(difference) > 0) {
                out.add(t);
            }
        }
        return out;
    }
}
