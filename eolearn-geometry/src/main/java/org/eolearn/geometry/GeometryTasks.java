package org.eolearn.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.eolearn.geometry.morphology.ErosionTask;
import org.eolearn.geometry.morphology.MorphologicalFilterTask;
import org.eolearn.geometry.morphology.MorphologicalOperation;
import org.eolearn.geometry.morphology.StructuringElement;
import org.eolearn.geometry.transformations.RasterToVectorTask;
import org.eolearn.geometry.transformations.VectorToRasterTask;

/**
 * Registers eolearn-geometry's tasks under eo-learn's class names with eo-learn's parameter names:
 * {@code ErosionTask}, {@code MorphologicalFilterTask}, {@code VectorToRasterTask}, {@code RasterToVectorTask}.
 * rasterio keyword arguments are plain parameters: {@code all_touched} and {@code merge_alg} ({@code "replace"}
 * or {@code "add"}) for {@code VectorToRasterTask}, {@code connectivity} (4 or 8) for {@code RasterToVectorTask}.
 *
 * <p>JSON forms: a structuring element is {@code {"factory": "MorphologicalStructFactory.get_disk(5)", "array":
 * [[0,0,1,0,0], ...]}} (the array wins; a factory call alone is also understood) or a bare 0/1 array; the
 * morphological operation is eo-learn's value ({@code "opening"}).
 *
 * @since 0.1
 */
public final class GeometryTasks implements TaskProvider {

    private static final String MODULE = "eolearn-geometry";

    /** Ends the description of a rasterio keyword argument, which eo-learn takes in {@code **rasterio_params}. */
    private static final String RASTERIO = " (rasterio's option, in **rasterio_params)";

    private static final Pattern FACTORY = Pattern.compile(
            "\\s*(?:MorphologicalStructFactory\\.)?get_(disk|square|rectangle|diamond|octagon)"
                    + "\\(\\s*(-?\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\)\\s*");

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public GeometryTasks() {
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, "ErosionTask",
                        "Erodes the labels of a mask with a disk, giving eroded pixels the no-data label.")
                .required("mask_feature", Type.FEATURE, "the mask to erode, and optionally the name of the result")
                .optional("disk_radius", Type.INTEGER, "1", "the size of the erosion disk, in pixels (at least 1)")
                .optional("erode_labels", Type.LIST, "None", "the labels to erode (a list or one number); None: all")
                .optional("no_data_label", Type.NUMBER, "0", "the label given to eroded pixels")
                .build(), GeometryTasks::erosion);
        r.register(TaskSchema.builder(MODULE, "MorphologicalFilterTask",
                        "Applies a morphological operation with a structuring element to raster features.")
                .required("input_features", Type.FEATURES, "the features to filter")
                .optional("output_features", Type.FEATURES, "None",
                        "where to write the results, one per input (None: overwrite the inputs)")
                .choice("morph_operation", null, "the morphological operation (case is ignored)",
                        "opening", "closing", "dilation", "erosion")
                .optional("struct_elem", Type.ANY, "None", "the structuring element: a 0/1 array, {\"array\": ...} "
                        + "or a call like \"get_disk(5)\"; None: 3x3 square")
                .build(), GeometryTasks::morphologicalFilter);
        r.register(TaskSchema.builder(MODULE, "VectorToRasterTask",
                        "Rasterizes the geometries of a vector feature into a raster feature.")
                .required("vector_input", Type.FEATURE, "the vector feature to rasterize")
                .required("raster_feature", Type.FEATURE, "the new or existing raster feature to write into")
                .optional("values", Type.ANY, "None",
                        "with values_column, the column's values to rasterize (None: all); else the one value to burn")
                .optional("values_column", Type.STRING, "None", "the column holding the value to burn each shape with")
                .optional("raster_shape", Type.ANY, "None", "[height, width], or a feature to take the size from")
                .optional("raster_resolution", Type.ANY, "None",
                        "the pixel size instead of raster_shape: a number, [x, y] or a string like \"10m\"")
                .optional("raster_dtype", Type.DTYPE, "np.uint8", "the dtype of the raster")
                .optional("no_data_value", Type.NUMBER, "0", "the value of pixels no shape covers")
                .optional("write_to_existing", Type.BOOLEAN, "False",
                        "whether to write over an existing raster instead of replacing it")
                .optional("overlap_value", Type.NUMBER, "None",
                        "the value for pixels where shapes of different values overlap (None: the last wins)")
                .optional("buffer", Type.NUMBER, "0", "the buffer distance applied to the shapes first (0: none)")
                .optional("all_touched", Type.BOOLEAN, "False",
                        "whether every pixel a shape touches is burnt" + RASTERIO)
                .choice("merge_alg", "MergeAlg.replace",
                        "whether burnt values replace or add up (case is ignored)" + RASTERIO,
                        "replace", "add", "MergeAlg.replace", "MergeAlg.add")
                .build(), GeometryTasks::vectorToRaster);
        r.register(TaskSchema.builder(MODULE, "RasterToVectorTask",
                        "Turns connected areas of equal value of raster masks into polygons of a vector feature.")
                .required("features", Type.FEATURES, "the discrete raster features, with optional new vector names")
                .optional("values", Type.LIST, "None", "the values to vectorize (a list or one number); None: all")
                .optional("values_column", Type.STRING, "'VALUE'", "the column that receives the raster values")
                .optional("raster_dtype", Type.DTYPE, "None", "the dtype to cast the raster to first (None: no cast)")
                .optional("connectivity", Type.INTEGER, "4", "whether 4 or 8 neighbours connect pixels" + RASTERIO)
                .build(), GeometryTasks::rasterToVector);
    }

    private static ErosionTask erosion(TaskParams p) {
        Feature maskFeature = p.feature("mask_feature");
        Integer diskRadius = p.has("disk_radius") ? p.integer("disk_radius", 0) : null;
        double[] erodeLabels = p.has("erode_labels") ? numbers(p, "erode_labels") : null;
        Double noDataLabel = p.has("no_data_label") ? p.number("no_data_label", 0) : null;
        ErosionTask.Builder b = ErosionTask.builder(maskFeature);
        if (diskRadius != null) {
            b.diskRadius(diskRadius);
        }
        if (erodeLabels != null) {
            b.erodeLabels(erodeLabels);
        }
        if (noDataLabel != null) {
            b.noDataLabel(noDataLabel);
        }
        return b.build();
    }

    private static MorphologicalFilterTask morphologicalFilter(TaskParams p) {
        FeatureSpec inputFeatures = p.features("input_features");
        FeatureSpec outputFeatures = p.has("output_features") ? p.features("output_features") : null;
        MorphologicalFilterTask.Builder b = MorphologicalFilterTask.builder(inputFeatures, operation(p));
        if (outputFeatures != null) {
            b.outputFeatures(outputFeatures);
        }
        if (p.has("struct_elem")) {
            b.structElem(structElem(p, "struct_elem"));
        }
        return b.build();
    }

    private static RasterToVectorTask rasterToVector(TaskParams p) {
        FeatureSpec features = p.features("features");
        double[] values = p.has("values") ? numbers(p, "values") : null;
        String valuesColumn = p.has("values_column") ? p.string("values_column", null) : null;
        DType rasterDtype = p.has("raster_dtype") ? p.dtype("raster_dtype", null) : null;
        Integer connectivity = p.has("connectivity") ? p.integer("connectivity", 0) : null;
        RasterToVectorTask.Builder b = RasterToVectorTask.builder(features);
        if (values != null) {
            b.values(values);
        }
        if (connectivity != null) {
            b.connectivity(connectivity);
        }
        if (valuesColumn != null) {
            b.valuesColumn(valuesColumn);
        }
        if (rasterDtype != null) {
            b.rasterDtype(rasterDtype);
        }
        return b.build();
    }

    private static VectorToRasterTask vectorToRaster(TaskParams p) {
        VectorToRasterTask.Builder b = VectorToRasterTask.builder(p.feature("vector_input"),
                p.feature("raster_feature"));
        if (p.has("values")) {
            JsonNode v = p.raw("values");
            if (v.isNumber()) {
                b.values(v.asDouble());
            } else {
                b.valuesList(numbers(p, "values"));
            }
        }
        if (p.has("values_column")) {
            b.valuesColumn(p.string("values_column", null));
        }
        if (p.has("raster_shape")) {
            JsonNode s = p.raw("raster_shape");
            if (s.isArray() && s.size() == 2 && s.get(0).isIntegralNumber() && s.get(1).isIntegralNumber()) {
                b.rasterShape(p.intOf("raster_shape", s.get(0), "height"), p.intOf("raster_shape", s.get(1),
                        "width"));
            } else {
                b.rasterShape(p.feature("raster_shape"));
            }
        }
        if (p.has("raster_resolution")) {
            JsonNode r = p.raw("raster_resolution");
            if (r.isNumber()) {
                b.rasterResolution(r.asDouble(), r.asDouble());
            } else if (r.isTextual()) {
                String t = r.asText().trim();
                t = t.endsWith("m") ? t.substring(0, t.length() - 1) : t;
                try {
                    double res = Double.parseDouble(t.trim());
                    b.rasterResolution(res, res);
                } catch (NumberFormatException e) {
                    throw p.error("raster_resolution", "must be a number, [x, y] or a string like \"60m\", got " + r);
                }
            } else {
                double[] xy = numbers(p, "raster_resolution");
                if (xy.length != 2) {
                    throw p.error("raster_resolution", "must be a number, [x, y] or a string like \"60m\", got " + r);
                }
                b.rasterResolution(xy[0], xy[1]);
            }
        }
        if (p.has("raster_dtype")) {
            b.rasterDtype(p.dtype("raster_dtype", null));
        }
        if (p.has("no_data_value")) {
            b.noDataValue(p.number("no_data_value", 0));
        }
        if (p.has("write_to_existing")) {
            b.writeToExisting(p.bool("write_to_existing", false));
        }
        if (p.has("overlap_value")) {
            b.overlapValue(p.number("overlap_value", 0));
        }
        if (p.has("buffer")) {
            b.buffer(p.number("buffer", 0));
        }
        if (p.has("all_touched")) {
            b.allTouched(p.bool("all_touched", false));
        }
        if (p.has("merge_alg")) {
            String alg = p.string("merge_alg", null).toLowerCase(java.util.Locale.ROOT).replace("mergealg.", "");
            if (!alg.equals("add") && !alg.equals("replace")) {
                throw p.error("merge_alg", "must be \"replace\" or \"add\", got " + alg);
            }
            b.mergeAdd(alg.equals("add"));
        }
        return b.build();
    }

    private static MorphologicalOperation operation(TaskParams p) {
        try {
            return MorphologicalOperation.fromValue(p.string("morph_operation", null));
        } catch (IllegalArgumentException e) {
            throw p.error("morph_operation", e.getMessage());
        }
    }

    /**
     * Reads a list of numbers (or a single number).
     *
     * @param p    the parameters
     * @param name the parameter
     * @return the numbers
     */
    static double[] numbers(TaskParams p, String name) {
        JsonNode v = p.raw(name);
        if (v.isNumber()) {
            return new double[] {v.asDouble()};
        }
        if (!v.isArray()) {
            throw p.error(name, "must be a number or a list of numbers, got " + v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw p.error(name, "must be a list of numbers, got " + v);
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    private static StructuringElement structElem(TaskParams p, String name) {
        JsonNode v = p.raw(name);
        try {
            if (v.isObject() && v.has("array")) {
                return StructuringElement.of(intMatrix(v.get("array")));
            }
            if (v.isArray()) {
                return StructuringElement.of(intMatrix(v));
            }
            String call = v.isObject() ? v.path("factory").asText("") : v.asText("");
            Matcher m = FACTORY.matcher(call);
            if (!m.matches()) {
                throw new IllegalArgumentException("must be a 0/1 array, {\"array\": ...} or a factory call such as "
                        + "get_disk(5), got " + v);
            }
            int a = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "disk":
                    return StructuringElement.disk(a);
                case "square":
                    return StructuringElement.square(a);
                case "diamond":
                    return StructuringElement.diamond(a);
                case "octagon":
                    if (m.group(3) == null) {
                        throw new IllegalArgumentException("get_octagon needs m and n, got " + call);
                    }
                    return StructuringElement.octagon(a, Integer.parseInt(m.group(3)));
                default:
                    if (m.group(3) == null) {
                        throw new IllegalArgumentException("get_rectangle needs a width and a height, got " + call);
                    }
                    return StructuringElement.rectangle(a, Integer.parseInt(m.group(3)));
            }
        } catch (IllegalArgumentException e) {
            throw p.error(name, e.getMessage());
        }
    }

    private static int[][] intMatrix(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException("must be a non-empty 2-D array of 0/1, got " + v);
        }
        int[][] out = new int[v.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = v.get(i);
            if (!row.isArray()) {
                throw new IllegalArgumentException("must be a 2-D array of 0/1, got " + v);
            }
            out[i] = new int[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                JsonNode c = row.get(j);
                if (!c.isNumber() && !c.isBoolean()) {
                    throw new IllegalArgumentException("cells must be numbers, got " + c);
                }
                out[i][j] = c.isBoolean() ? (c.asBoolean() ? 1 : 0) : (c.asDouble() != 0 ? 1 : 0);
            }
        }
        return out;
    }
}
