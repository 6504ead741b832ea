package org.eolearn.io.raster;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * eo-learn's file names of GeoTIFF tasks: {@code path} joined with the execute argument {@code filename}; a name
 * without {@code .tif}/{@code .tiff} gets {@code .tif}; {@code *} stands for {@code %Y%m%dT%H%M%S}; a name with
 * strftime codes gives one file per timestamp (a name the codes leave unchanged gives one file); a list gives one
 * file per timestamp explicitly.
 *
 * <p>Supported strftime codes: {@code %Y %y %m %d %H %M %S %f %j %b %B %a %A %%}.
 *
 * @since 0.1
 */
public final class TiffPaths {

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};

    private TiffPaths() {
    }

    /**
     * The files for a {@code filename} argument.
     *
     * @param base       the task's {@code path}
     * @param filename   a String or a List of Strings (the execute argument)
     * @param timestamps the patch's timestamps (may be empty)
     * @return the files, in timestamp order when split per timestamp
     * @throws IllegalArgumentException if a list's length differs from the number of timestamps, or the
     *                                  argument is neither a string nor a list of strings
     */
    public static List<Path> paths(Path base, Object filename, List<LocalDateTime> timestamps) {
        List<LocalDateTime> ts = timestamps == null ? List.of() : timestamps;
        List<Path> out = new ArrayList<>();
        if (filename instanceof String name) {
            for (String p : generate(join(base, name), ts)) {
                out.add(Path.of(p));
            }
            return out;
        }
        if (filename instanceof List<?> list) {
            if (!ts.isEmpty() && list.size() != ts.size()) {
                throw new IllegalArgumentException("The number of provided timestamps (" + ts.size()
                        + ") does not match the number of provided filenames (" + list.size() + ")");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String name)) {
                    throw new IllegalArgumentException("filename list must hold strings, got " + list.get(i));
                }
                List<LocalDateTime> one = ts.isEmpty() ? List.of() : List.of(ts.get(i));
                for (String p : generate(join(base, name), one)) {
                    out.add(Path.of(p));
                }
            }
            return out;
        }
        throw new IllegalArgumentException("The `filename` parameter must be a list or a string, but " + filename
                + " found");
    }

    private static String join(Path base, String name) {
        if (name.isEmpty()) {
            return base.toString();
        }
        return base.resolve(name).toString();
    }

    private static List<String> generate(String template, List<LocalDateTime> timestamps) {
        String t = template;
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".tif") && !lower.endsWith(".tiff")) {
            t = t + ".tif";
        }
        if (timestamps.isEmpty()) {
            return List.of(t);
        }
        t = t.replace("*", "%Y%m%dT%H%M%S");
        if (strftime(timestamps.get(0), t).equals(t)) {
            return List.of(t);
        }
        List<String> out = new ArrayList<>();
        for (LocalDateTime ts : timestamps) {
            out.add(strftime(ts, t));
        }
        return out;
    }

    /**
     * Python's {@code datetime.strftime} for the common codes.
     *
     * @param t       the time
     * @param pattern the pattern
     * @return the formatted text
     * @throws IllegalArgumentException for an unsupported code
     */
    public static String strftime(LocalDateTime t, String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                sb.append(c);
                continue;
            }
            char code = pattern.charAt(++i);
            switch (code) {
                case 'Y': sb.append(String.format(Locale.ROOT, "%04d", t.getYear())); break;
                case 'y': sb.append(String.format(Locale.ROOT, "%02d", t.getYear() % 100)); break;
                case 'm': sb.append(String.format(Locale.ROOT, "%02d", t.getMonthValue())); break;
                case 'd': sb.append(String.format(Locale.ROOT, "%02d", t.getDayOfMonth())); break;
                case 'H': sb.append(String.format(Locale.ROOT, "%02d", t.getHour())); break;
                case 'M': sb.append(String.format(Locale.ROOT, "%02d", t.getMinute())); break;
                case 'S': sb.append(String.format(Locale.ROOT, "%02d", t.getSecond())); break;
                case 'f': sb.append(String.format(Locale.ROOT, "%06d", t.getNano() / 1000)); break;
                case 'j': sb.append(String.format(Locale.ROOT, "%03d", t.getDayOfYear())); break;
                case 'b': sb.append(MONTHS[t.getMonthValue() - 1], 0, 3); break;
                case 'B': sb.append(MONTHS[t.getMonthValue() - 1]); break;
                case 'a': sb.append(DAYS[t.getDayOfWeek().getValue() - 1], 0, 3); break;
                case 'A': sb.append(DAYS[t.getDayOfWeek().getValue() - 1]); break;
                case '%': sb.append('%'); break;
                default:
                    throw new IllegalArgumentException("unsupported strftime code %" + code + " in '" + pattern
                            + "'");
            }
        }
        return sb.toString();
    }
}
