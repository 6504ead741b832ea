package org.eolearn.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.eolearn.core.CRS;
import org.eolearn.core.task.ParamValues;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.io.raster.ExportToTiffTask;
import org.eolearn.io.raster.ImportFromTiffTask;
import org.eolearn.io.vector.VectorImportTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the file tasks of eolearn-io under eo-learn's names and parameter names: {@code ExportToTiffTask},
 * {@code ImportFromTiffTask} and {@code VectorImportTask}.
 *
 * <p>JSON forms: {@code band_indices} / {@code date_indices} as a list of integers are eo-learn's lists; a Python
 * tuple of two integers (an inclusive interval) is written {@code {"tuple": [i, j]}}; {@code date_indices} as two
 * ISO date strings is the date interval. {@code folder} is accepted as the deprecated name of {@code path};
 * {@code filesystem} and {@code config} must be null (local files only); {@code use_vsi} is ignored as in eo-learn.
 * {@code no_data_value} may be a number or {@code "NaN"}. The extra parameter {@code backend} chooses "java"
 * (default) or "gdal". {@code VectorImportTask} takes {@code layer} (fiona's keyword argument).
 *
 * @since 0.1
 */
public final class FileIoTasks implements TaskProvider {

    private static final Logger LOG = LoggerFactory.getLogger(FileIoTasks.class);

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public FileIoTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register("ExportToTiffTask", FileIoTasks::export);
        r.register("ImportFromTiffTask", FileIoTasks::importTiff);
        r.register("VectorImportTask", p -> {
            localOnly(p);
            return new VectorImportTask(p.feature("feature"), p.path("path"), p.bool("reproject", true),
                    p.bool("clip", false), p.has("layer") ? p.string("layer", null) : null);
        });
    }

    private static ExportToTiffTask export(TaskParams p) {
        localOnly(p);
        ExportToTiffTask.Builder b = ExportToTiffTask.builder(p.feature("feature"), path(p));
        if (p.has("band_indices")) {
            JsonNode v = p.raw("band_indices");
            int[] tuple = tuple(p, "band_indices", v);
            if (tuple != null) {
                b.bandRange(tuple[0], tuple[1]);
            } else {
                b.bandIndices(ints(p, "band_indices", v));
            }
        }
        if (p.has("date_indices")) {
            JsonNode v = p.raw("date_indices");
            int[] tuple = tuple(p, "date_indices", v);
            if (tuple != null) {
                b.dateRange(tuple[0], tuple[1]);
            } else if (v.isArray() && v.size() == 2 && v.get(0).isTextual() && v.get(1).isTextual()) {
                b.dateRange(ParamValues.dateTime(v.get(0).asText(), "date_indices"),
                        intervalEnd(v.get(1).asText()));
            } else {
                b.dateIndices(ints(p, "date_indices", v));
            }
        }
        if (p.has("crs")) {
            JsonNode v = p.raw("crs");
            b.crs(v.isNumber() ? new CRS(p.intOf("crs", v, "the EPSG code")) : CRS.parse(v.asText()));
        }
        b.failOnMissing(p.bool("fail_on_missing", true));
        if (p.has("compress")) {
            b.compress(p.string("compress", null));
        }
        b.imageDtype(p.dtype("image_dtype", null));
        b.noDataValue(noData(p));
        b.backend(p.string("backend", "java"));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.task() + ": " + e.getMessage(), e);
        }
    }

    private static ImportFromTiffTask importTiff(TaskParams p) {
        localOnly(p);
        if (p.has("use_vsi")) {
            p.raw("use_vsi");
            LOG.warn("ImportFromTiffTask: the parameter `use_vsi` has been deprecated and has no effect.");
        }
        ImportFromTiffTask.Builder b = ImportFromTiffTask.builder(p.feature("feature"), path(p));
        if (p.has("timestamp_size")) {
            b.timestampSize(p.integer("timestamp_size", 1));
        }
        b.imageDtype(p.dtype("image_dtype", null));
        b.noDataValue(noData(p));
        b.backend(p.string("backend", "java"));
        return b.build();
    }

    private static Path path(TaskParams p) {
        if (p.has("path")) {
            if (p.has("folder")) {
                throw p.error("folder", "cannot be given together with 'path'");
            }
            return p.path("path");
        }
        if (p.has("folder")) {
            LOG.warn("{}: the parameter `folder` has been renamed to `path`.", p.task());
            return p.path("folder");
        }
        throw p.error("path", "is required");
    }

    private static void localOnly(TaskParams p) {
        for (String name : new String[] {"filesystem", "config"}) {
            if (p.has(name)) {
                throw p.error(name, "is not supported (local files only); leave it null");
            }
        }
    }

    private static Double noData(TaskParams p) {
        if (!p.has("no_data_value")) {
            return null;
        }
        JsonNode v = p.raw("no_data_value");
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN": case "nan": return Double.NaN;
                case "Infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw p.error("no_data_value", "must be a number or \"NaN\", got " + v);
    }

    private static int[] tuple(TaskParams p, String name, JsonNode v) {
        if (!v.isObject()) {
            return null;
        }
        JsonNode t = v.get("tuple");
        if (t == null || !t.isArray() || t.size() != 2 || !t.get(0).isIntegralNumber()
                || !t.get(1).isIntegralNumber()) {
            throw p.error(name, "as an object must be {\"tuple\": [first, last]}, got " + v);
        }
        return new int[] {p.intOf(name, t.get(0), "tuple item 0"), p.intOf(name, t.get(1), "tuple item 1")};
    }

    private static int[] ints(TaskParams p, String name, JsonNode v) {
        if (!v.isArray()) {
            throw p.error(name, "must be a list of integers, {\"tuple\": [i, j]} or two dates, got " + v);
        }
        for (JsonNode x : v) {
            if (!x.isIntegralNumber()) {
                throw p.error(name, "Invalid format in " + v + " list, expected integers");
            }
        }
        return p.intsOf(name, v); // rejects values that would wrap
    }

    /** sentinelhub's parse_time_interval: a date-only end means the end of that day. */
    private static java.time.LocalDateTime intervalEnd(String text) {
        java.time.LocalDateTime t = ParamValues.dateTime(text, "date_indices");
        return text.trim().length() <= 10 ? t.plusDays(1).minusNanos(1000) : t;
    }
}
