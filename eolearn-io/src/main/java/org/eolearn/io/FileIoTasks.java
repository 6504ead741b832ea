package org.eolearn.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.eolearn.core.CRS;
import org.eolearn.core.task.ParamValues;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
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

    private static final String MODULE = "eolearn-io";
    private static final String FILESYSTEM = "a filesystem object; only null is accepted (local files only)";
    private static final String CONFIG = "an SHConfig with AWS credentials for S3; only null is accepted (local "
            + "files only)";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public FileIoTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(rasterEnd(raster("ExportToTiffTask", "Exports a raster feature to one GeoTIFF, or one per time "
                        + "frame when the file name has a date pattern.", "the feature to export", "write")
                .optional("date_indices", Type.ANY, "None", "time frames to export: a list of indices, "
                        + "{\"tuple\": [i, j]} or two dates; None exports all")
                .optional("band_indices", Type.ANY, "None", "bands to export: a list of indices or "
                        + "{\"tuple\": [i, j]}; None exports all")
                .optional("crs", Type.ANY, "None", "the CRS to reproject to first, an EPSG code or a CRS string; "
                        + "None keeps the patch's")
                .optional("fail_on_missing", Type.BOOLEAN, "True", "whether a missing feature is an error "
                        + "rather than a warning")
                .choice("compress", "None", "the compression of the written images",
                        "none", "deflate", "zip", "lzw"),
                "the NoData value written into the images"), FileIoTasks::export);
        r.register(rasterEnd(raster("ImportFromTiffTask", "Reads a GeoTIFF, or one per time frame, into a raster "
                        + "feature, cropped to the patch's bbox or into a new patch.", "the feature to import into",
                        "read")
                .optional("use_vsi", Type.BOOLEAN, "None", "deprecated, accepted and ignored with a warning")
                .optional("timestamp_size", Type.INTEGER, "None", "the number of time frames the bands are split "
                        + "into; None uses the patch's timestamps"),
                "the value given to pixels that are NoData in the images"), FileIoTasks::importTiff);
        r.register(TaskSchema.builder(MODULE, "VectorImportTask", "Reads a vector file (GeoPackage, GeoJSON...) "
                        + "into a vector feature, optionally reprojected and clipped to the patch's bbox.")
                .required("feature", Type.FEATURE, "the vector feature to import into")
                .required("path", Type.PATH, "the vector file to read")
                .optional("reproject", Type.BOOLEAN, "True", "whether to transform the geometries to the bbox's CRS")
                .optional("clip", Type.BOOLEAN, "False", "whether to clip the geometries to the bbox")
                .optional("filesystem", Type.OBJECT, "None", FILESYSTEM)
                .optional("config", Type.OBJECT, "None", CONFIG)
                .optional("layer", Type.STRING, "None", "the layer of a multi-layer file (a keyword argument "
                        + "eo-learn passes to fiona)")
                .build(), p -> {
            localOnly(p);
            VectorImportTask.Builder b = VectorImportTask.builder(p.feature("feature"), p.path("path"));
            if (p.has("reproject")) {
                b.reproject(p.bool("reproject", true));
            }
            if (p.has("clip")) {
                b.clip(p.bool("clip", false));
            }
            if (p.has("layer")) {
                b.layer(p.string("layer", null));
            }
            return b.build();
        });
    }

    /** The start of both GeoTIFF tasks' schemas: the feature and the path (to read or write). */
    private static TaskSchema.Builder raster(String name, String summary, String feature, String verb) {
        return TaskSchema.builder(MODULE, name, summary)
                .required("feature", Type.FEATURE, feature)
                .optional("path", Type.PATH, "...", "the GeoTIFF file or folder to " + verb
                        + "; required unless the deprecated 'folder' is given");
    }

    /** The end of both GeoTIFF tasks' schemas, from {@code filesystem} on. */
    private static TaskSchema rasterEnd(TaskSchema.Builder b, String noData) {
        return b.optional("filesystem", Type.OBJECT, "None", FILESYSTEM)
                .optional("image_dtype", Type.DTYPE, "None", "the dtype of the image data; None keeps the data's")
                .optional("no_data_value", Type.ANY, "None", noData + ": a number, or \"NaN\", \"inf\" or "
                        + "\"-inf\"")
                .optional("config", Type.OBJECT, "None", CONFIG)
                .optional("folder", Type.PATH, "None", "deprecated name of 'path', used with a warning")
                .choice("backend", "'java'", "the GeoTIFF codec; \"gdal\" needs the GDAL JNI library (this "
                        + "project's extension)", "java", "gdal")
                .build();
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
        return p.has("no_data_value") ? p.number("no_data_value", Double.NaN) : null;
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
