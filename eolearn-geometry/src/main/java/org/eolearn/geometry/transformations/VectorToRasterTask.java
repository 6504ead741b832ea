package org.eolearn.geometry.transformations;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rasterises a vector feature or a {@link GeoTable} into a raster feature (eo-learn's {@code VectorToRasterTask},
 * which calls {@code rasterio.features.rasterize}); the pixel rules are those of {@link Rasterizer}.
 *
 * <p>Steps per patch, as in eo-learn: keep the rows whose {@code TIMESTAMP} is one of the patch's timestamps (for a
 * temporal raster) and whose {@code values_column} value is in {@code values}; reproject the geometries to the
 * patch CRS (with a warning); keep the rows that intersect the bounding box; buffer them by {@code buffer};
 * repair invalid geometries with {@code buffer(0)} (with a warning); burn them in row order (later rows win) into
 * a raster of {@code no_data_value}, or into the existing raster with {@code write_to_existing}. A temporal output
 * gets one frame per patch timestamp (frames rasterise in parallel). With {@code overlap_value} the rows of each
 * value are merged (unary union) and burned one value at a time, and pixels where different values overlap get
 * {@code overlap_value}. The output has shape {@code (h, w, 1)} or {@code (t, h, w, 1)}.
 *
 * <p>Deviations: only invalid geometries are repaired (eo-learn buffers every geometry by 0 as soon as one is
 * invalid, which deletes lines and points); rows whose value is missing are skipped; a vector without CRS is taken
 * to be in the patch CRS; an existing raster of the wrong shape is an error, not a warning. Reprojection uses
 * Apache SIS: WGS84, UTM and Web Mercator work out of the box, other EPSG codes need SIS's EPSG database on the
 * class path (otherwise a clear exception).
 *
 * <p>Build instances with {@link #builder(Feature, Feature)} or {@link #builder(GeoTable, Feature)}. Immutable.
 *
 * @since 0.1
 */
public final class VectorToRasterTask implements PatchTask {

    private static final Logger LOG = LoggerFactory.getLogger(VectorToRasterTask.class);

    private final Feature vectorFeature;
    private final GeoTable vectorTable;
    private final Feature rasterFeature;
    private final double[] values;
    private final String valuesColumn;
    private final int[] rasterShape;
    private final Feature rasterShapeFeature;
    private final double[] rasterResolution;
    private final DType rasterDtype;
    private final double noDataValue;
    private final boolean writeToExisting;
    private final Double overlapValue;
    private final double buffer;
    private final boolean allTouched;
    private final boolean mergeAdd;

    private VectorToRasterTask(Builder b) {
        if (b.vectorFeature == null && b.vectorTable == null) {
            throw new IllegalArgumentException("vector_input is required");
        }
        if (b.vectorFeature != null && !b.vectorFeature.type().isVector()) {
            throw new IllegalArgumentException("vector_input must be a vector feature, got " + b.vectorFeature.type());
        }
        this.vectorFeature = b.vectorFeature;
        this.vectorTable = b.vectorTable;
        this.rasterFeature = Objects.requireNonNull(b.rasterFeature, "raster_feature");
        if (!rasterFeature.type().isImage()) {
            throw new IllegalArgumentException("raster_feature must be a raster (image) feature, got "
                    + rasterFeature.type());
        }
        boolean vectorTimeless = vectorFeature != null ? vectorFeature.type().isTimeless()
                : !vectorTable.hasColumn(GeoTable.TIMESTAMP);
        if (vectorTimeless && rasterFeature.type().isTemporal()) {
            throw new IllegalArgumentException("raster_feature " + rasterFeature + " is time-dependent but the vector "
                    + "input has no time dependence");
        }
        this.values = b.values == null ? null : b.values.clone();
        this.valuesColumn = b.valuesColumn;
        if (valuesColumn == null && (values == null || values.length != 1 || b.valuesIsList)) {
            throw new IllegalArgumentException("values: without values_column, values must be a single number; one "
                    + "of 'values' and 'values_column' is missing");
        }
        int given = (b.rasterShape != null ? 1 : 0) + (b.rasterShapeFeature != null ? 1 : 0)
                + (b.rasterResolution != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("raster_shape/raster_resolution: exactly one of parameters "
                    + "'raster_shape' and 'raster_resolution' has to be specified");
        }
        if (b.rasterShape != null && (b.rasterShape.length != 2 || b.rasterShape[0] < 1 || b.rasterShape[1] < 1)) {
            throw new IllegalArgumentException("raster_shape must be two positive integers (height, width), got "
                    + Arrays.toString(b.rasterShape));
        }
        if (b.rasterShapeFeature != null && !b.rasterShapeFeature.type().isImage()) {
            throw new IllegalArgumentException("raster_shape must be a raster feature or (height, width), got "
                    + b.rasterShapeFeature.type());
        }
        if (b.rasterResolution != null && (b.rasterResolution.length != 2 || !(b.rasterResolution[0] > 0)
                || !(b.rasterResolution[1] > 0) || Double.isInfinite(b.rasterResolution[0])
                || Double.isInfinite(b.rasterResolution[1]))) {
            throw new IllegalArgumentException("raster_resolution must be positive, got "
                    + Arrays.toString(b.rasterResolution));
        }
        this.rasterShape = b.rasterShape == null ? null : b.rasterShape.clone();
        this.rasterShapeFeature = b.rasterShapeFeature;
        this.rasterResolution = b.rasterResolution == null ? null : b.rasterResolution.clone();
        this.rasterDtype = Objects.requireNonNull(b.rasterDtype, "raster_dtype");
        if (rasterFeature.type().isDiscrete() && rasterDtype.isFloatingPoint()) {
            throw new IllegalArgumentException("raster_dtype " + rasterDtype.numpyName() + " is not allowed for the "
                    + "discrete feature " + rasterFeature + "; use an integer or bool dtype");
        }
        if (!Double.isFinite(b.buffer)) {
            throw new IllegalArgumentException("buffer must be a finite number, got " + b.buffer);
        }
        this.noDataValue = b.noDataValue;
        this.writeToExisting = b.writeToExisting;
        this.overlapValue = b.overlapValue;
        this.buffer = b.buffer;
        this.allTouched = b.allTouched;
        this.mergeAdd = b.mergeAdd;
    }

    /**
     * Starts a task that reads the vector from a patch feature.
     *
     * @param vectorInput   a {@code VECTOR} or {@code VECTOR_TIMELESS} feature
     * @param rasterFeature the raster feature to write
     * @return a builder, preset to eo-learn's defaults
     * @throws NullPointerException naming {@code vector_input} or {@code raster_feature} when null
     */
    public static Builder builder(Feature vectorInput, Feature rasterFeature) {
        Builder b = new Builder(rasterFeature);
        b.vectorFeature = Objects.requireNonNull(vectorInput, "vector_input");
        return b;
    }

    /**
     * Starts a task that rasterises a given table (eo-learn's GeoDataFrame input). A table with a
     * {@code TIMESTAMP} column can fill a temporal raster.
     *
     * @param vectorInput   the table
     * @param rasterFeature the raster feature to write
     * @return a builder, preset to eo-learn's defaults
     * @throws NullPointerException naming {@code vector_input} or {@code raster_feature} when null
     */
    public static Builder builder(GeoTable vectorInput, Feature rasterFeature) {
        Builder b = new Builder(rasterFeature);
        b.vectorTable = Objects.requireNonNull(vectorInput, "vector_input");
        return b;
    }

    /**
     * Configures a {@link VectorToRasterTask}; parameters have eo-learn's names and defaults ({@code values=None},
     * {@code values_column=None}, {@code raster_dtype=np.uint8}, {@code no_data_value=0},
     * {@code write_to_existing=False}, {@code overlap_value=None}, {@code buffer=0}, rasterio's
     * {@code all_touched=False} and {@code merge_alg=MergeAlg.replace}). One of {@code raster_shape} and
     * {@code raster_resolution} must be set, and {@code values} or {@code values_column}.
     */
    public static final class Builder {
        private Feature vectorFeature;
        private GeoTable vectorTable;
        private final Feature rasterFeature;
        private double[] values;
        private boolean valuesIsList;
        private String valuesColumn;
        private int[] rasterShape;
        private Feature rasterShapeFeature;
        private double[] rasterResolution;
        private DType rasterDtype = DType.UINT8;
        private double noDataValue;
        private boolean writeToExisting;
        private Double overlapValue;
        private double buffer;
        private boolean allTouched;
        private boolean mergeAdd;

        private Builder(Feature rasterFeature) {
            this.rasterFeature = Objects.requireNonNull(rasterFeature, "raster_feature");
        }

        /**
         * The single value to burn (without a values column) or the only value of the column to rasterise.
         *
         * @param value the value
         * @return this builder
         */
        public Builder values(double value) {
            this.values = new double[] {value};
            this.valuesIsList = false;
            return this;
        }

        /**
         * The values of {@code values_column} to rasterise (a filter).
         *
         * @param list the values
         * @return this builder
         * @throws NullPointerException naming {@code values} when null
         */
        public Builder valuesList(double... list) {
            this.values = Objects.requireNonNull(list, "values").clone();
            this.valuesIsList = true;
            return this;
        }

        /**
         * The column whose values are burned.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException naming {@code values_column} when null
         */
        public Builder valuesColumn(String column) {
            this.valuesColumn = Objects.requireNonNull(column, "values_column");
            return this;
        }

        /**
         * A fixed raster size.
         *
         * @param height rows
         * @param width  columns
         * @return this builder
         * @throws IllegalArgumentException naming {@code raster_shape} when a size is below 1
         */
        public Builder rasterShape(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("raster_shape must be two positive integers (height, width), got "
                        + Arrays.toString(new int[] {height, width}));
            }
            this.rasterShape = new int[] {height, width};
            return this;
        }

        /**
         * Takes the raster size from a raster feature of the patch.
         *
         * @param feature the feature
         * @return this builder
         * @throws NullPointerException naming {@code raster_shape} when null
         * @throws IllegalArgumentException naming {@code raster_shape} when not a raster feature
         */
        public Builder rasterShape(Feature feature) {
            Objects.requireNonNull(feature, "raster_shape");
            if (!feature.type().isImage()) {
                throw new IllegalArgumentException("raster_shape must be a raster feature or (height, width), got "
                        + feature.type());
            }
            this.rasterShapeFeature = feature;
            return this;
        }

        /**
         * The raster size from a resolution in metres (sentinelhub's {@code bbox_to_dimensions}).
         *
         * @param resX metres per pixel along x
         * @param resY metres per pixel along y
         * @return this builder
         * @throws IllegalArgumentException naming {@code raster_resolution} unless both are positive and finite
         */
        public Builder rasterResolution(double resX, double resY) {
            if (!(resX > 0) || !(resY > 0) || Double.isInfinite(resX) || Double.isInfinite(resY)) {
                throw new IllegalArgumentException("raster_resolution must be positive, got "
                        + Arrays.toString(new double[] {resX, resY}));
            }
            this.rasterResolution = new double[] {resX, resY};
            return this;
        }

        /**
         * The dtype of a new raster (default uint8).
         *
         * @param dtype the dtype
         * @return this builder
         * @throws NullPointerException naming {@code raster_dtype} when null
         */
        public Builder rasterDtype(DType dtype) {
            this.rasterDtype = Objects.requireNonNull(dtype, "raster_dtype");
            return this;
        }

        /**
         * The value of pixels no geometry covers (default 0).
         *
         * @param value the value
         * @return this builder
         */
        public Builder noDataValue(double value) {
            this.noDataValue = value;
            return this;
        }

        /**
         * Draw onto the existing raster feature when the patch has it.
         *
         * @param write whether to
         * @return this builder
         */
        public Builder writeToExisting(boolean write) {
            this.writeToExisting = write;
            return this;
        }

        /**
         * The value of pixels where geometries of different values overlap; null (default) for plain overdrawing.
         *
         * @param value the value or null
         * @return this builder
         */
        public Builder overlapValue(Double value) {
            this.overlapValue = value;
            return this;
        }

        /**
         * A buffer distance (in the patch CRS units) applied to every geometry first; 0 for none.
         *
         * @param distance the distance
         * @return this builder
         * @throws IllegalArgumentException naming {@code buffer} when not finite
         */
        public Builder buffer(double distance) {
            if (!Double.isFinite(distance)) {
                throw new IllegalArgumentException("buffer must be a finite number, got " + distance);
            }
            this.buffer = distance;
            return this;
        }

        /**
         * rasterio's {@code all_touched}: burn every pixel a geometry touches.
         *
         * @param touched whether to
         * @return this builder
         */
        public Builder allTouched(boolean touched) {
            this.allTouched = touched;
            return this;
        }

        /**
         * rasterio's {@code merge_alg}: {@code true} adds burned values to the raster ({@code MergeAlg.add}),
         * {@code false} replaces (default).
         *
         * @param add whether to add
         * @return this builder
         */
        public Builder mergeAdd(boolean add) {
            this.mergeAdd = add;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException naming the parameter when the combination is invalid
         */
        public VectorToRasterTask build() {
            return new VectorToRasterTask(this);
        }
    }

    /**
     * Returns the raster feature the task writes.
     *
     * @return the feature
     */
    public Feature rasterFeature() {
        return rasterFeature;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        BBox bbox = patch.bbox();
        if (bbox == null) {
            throw new IllegalArgumentException(name() + ": the EOPatch has to have a bounding box");
        }
        int[] hw = rasterSize(patch, bbox);
        int h = hw[0];
        int w = hw[1];
        PixelGrid grid = PixelGrid.fromBounds(bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY(), w, h);
        boolean temporal = rasterFeature.type().isTemporal();
        List<LocalDateTime> timestamps = temporal ? patch.requireTimestamps() : List.of();
        int frames = temporal ? timestamps.size() : 1;
        long[] shape = temporal ? new long[] {frames, h, w, 1} : new long[] {h, w, 1};

        DType dtype = rasterDtype;
        double[] raster;
        if (writeToExisting && patch.contains(rasterFeature.type(), rasterFeature.outputName())) {
            INDArray existing = patch.getArray(rasterFeature.type(), rasterFeature.outputName());
            if (!Arrays.equals(existing.shape(), shape)) {
                throw new IllegalArgumentException("raster_feature: the existing raster " + rasterFeature + " has shape "
                        + Arrays.toString(existing.shape()) + " but the expected shape is " + Arrays.toString(shape));
            }
            dtype = DType.of(existing);
            raster = NdArrays.toDoubles(existing);
        } else {
            raster = new double[frames * h * w];
            Arrays.fill(raster, noDataValue);
        }
        DType burnType = dtype == DType.BOOL ? DType.UINT8 : dtype == DType.INT8 ? DType.INT16 : dtype;

        Map<Integer, List<Integer>> groups = new TreeMap<>();
        Prepared data = prepare(patch, bbox, timestamps);
        for (int row = 0; row < data.geometries.size(); row++) {
            groups.computeIfAbsent(data.frames[row], k -> new ArrayList<>()).add(row);
        }
        final double[] out = raster;
        int[] keys = groups.keySet().stream().mapToInt(Integer::intValue).toArray();
        ComputePolicy.parallelFor(keys.length, k -> {
            int frame = keys[k];
            double[] slice = Arrays.copyOfRange(out, frame * h * w, (frame + 1) * h * w);
            List<Integer> rows = groups.get(frame);
            if (overlapValue == null) {
                for (int row : rows) {
                    Rasterizer.rasterize(slice, grid, data.geometries.get(row), burnValue(data.values[row], burnType),
                            allTouched, mergeAdd);
                }
            } else {
                rasterizeOverlapped(slice, grid, data, rows, burnType);
            }
            System.arraycopy(slice, 0, out, frame * h * w, h * w);
        });
        patch.put(rasterFeature.type(), rasterFeature.outputName(), NdArrays.fromDoubles(dtype, shape, raster));
        return patch;
    }

    private void rasterizeOverlapped(double[] slice, PixelGrid grid, Prepared data, List<Integer> rows,
                                     DType burnType) {
        Map<Double, List<Geometry>> byValue = new TreeMap<>();
        for (int row : rows) {
            byValue.computeIfAbsent(data.values[row], k -> new ArrayList<>()).add(data.geometries.get(row));
        }
        double noData = burnValue(noDataValue, burnType);
        double[] result = null;
        boolean[] overlap = new boolean[slice.length];
        for (Map.Entry<Double, List<Geometry>> e : byValue.entrySet()) {
            double[] r = slice.clone();
            Rasterizer.rasterize(r, grid, UnaryUnionOp.union(e.getValue()), burnValue(e.getKey(), burnType),
                    allTouched, mergeAdd);
            if (result == null) {
                result = r;
                continue;
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i] != noData) {
                    if (result[i] != noData && r[i] != result[i]) {
                        overlap[i] = true;
                    }
                    result[i] = r[i];
                }
            }
        }
        if (result == null) {
            return;
        }
        double ov = burnValue(overlapValue, burnType);
        for (int i = 0; i < result.length; i++) {
            slice[i] = overlap[i] ? ov : result[i];
        }
    }

    /** GDAL converts a burn value to the raster type by rounding to nearest and clamping. */
    private static double burnValue(double v, DType type) {
        if (type.isFloatingPoint() || Double.isNaN(v)) {
            return type == DType.FLOAT32 ? (double) (float) v : v;
        }
        double r = Math.floor(v + 0.5);
        double lo;
        double hi;
        switch (type) {
            case UINT8: lo = 0; hi = 255; break;
            case INT16: lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; break;
            case UINT16: lo = 0; hi = 65535; break;
            case INT32: lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; break;
            case UINT32: lo = 0; hi = 4294967295.0; break;
            case UINT64: lo = 0; hi = 0x1p64; break;
            default: lo = -0x1p63; hi = 0x1p63; break;
        }
        return Math.max(lo, Math.min(hi, r));
    }

    private int[] rasterSize(EOPatch patch, BBox bbox) {
        if (rasterShape != null) {
            return rasterShape.clone();
        }
        if (rasterShapeFeature != null) {
            if (!patch.contains(rasterShapeFeature.type(), rasterShapeFeature.name())) {
                throw new IllegalArgumentException("raster_shape: the patch has no feature " + rasterShapeFeature);
            }
            return patch.getSpatialDimension(rasterShapeFeature.type(), rasterShapeFeature.name());
        }
        int[] wh;
        try {
            wh = Reprojection.bboxToDimensions(bbox, rasterResolution[0], rasterResolution[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("raster_resolution " + Arrays.toString(rasterResolution)
                    + " gives a zero-size raster for the bounding box " + bbox + " (" + e.getMessage() + ")", e);
        }
        return new int[] {wh[1], wh[0]};
    }

    /** The rows to burn: geometries in the patch CRS, their values and frame indices. */
    private static final class Prepared {
        final List<Geometry> geometries = new ArrayList<>();
        double[] values;
        int[] frames;
    }

    private Prepared prepare(EOPatch patch, BBox bbox, List<LocalDateTime> timestamps) {
        GeoTable table = vectorTable != null ? vectorTable : patch.getVector(vectorFeature.type(), vectorFeature.name());
        boolean temporal = rasterFeature.type().isTemporal();
        if (valuesColumn != null && !table.hasColumn(valuesColumn)) {
            throw new IllegalArgumentException("values_column '" + valuesColumn + "' is not a column of the vector "
                    + "input; its columns are " + table.columnNames());
        }
        if (temporal && !table.hasColumn(GeoTable.TIMESTAMP)) {
            throw new IllegalArgumentException("vector_input has no " + GeoTable.TIMESTAMP + " column but "
                    + "raster_feature " + rasterFeature + " is time-dependent");
        }
        Map<LocalDateTime, Integer> frameOf = new HashMap<>();
        for (int i = 0; i < timestamps.size(); i++) {
            frameOf.putIfAbsent(timestamps.get(i), i);
        }
        CRS crs = table.crs();
        Reprojection reprojection = null;
        if (crs == null) {
            LOG.warn("Vector data has no CRS; it is taken to be in the EOPatch CRS {}", bbox.crs());
        } else if (!crs.equals(bbox.crs())) {
            LOG.warn("Vector data is not in the same CRS as EOPatch, the task will re-project vectors for each "
                    + "execution");
            try {
                reprojection = Reprojection.between(crs, bbox.crs());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vector_input: " + e.getMessage(), e);
            }
        }
        GeometryFactory factory = new GeometryFactory();
        Polygon bboxPolygon = bbox.toPolygon(factory);
        List<Double> vals = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        Prepared out = new Prepared();
        boolean warnedInvalid = false;
        boolean warnedZ = false;
        int skippedNull = 0;
        for (int row = 0; row < table.size(); row++) {
            int frame = 0;
            if (temporal) {
                Integer f = frameOf.get(toDateTime(table.column(GeoTable.TIMESTAMP).values().get(row)));
                if (f == null) {
                    continue;
                }
                frame = f;
            }
            double value;
            if (valuesColumn != null) {
                Object v = table.column(valuesColumn).values().get(row);
                if (v == null) {
                    skippedNull++;
                    continue;
                }
                if (!(v instanceof Number)) {
                    throw new IllegalArgumentException("values_column '" + valuesColumn + "' must hold numbers, got "
                            + v.getClass().getSimpleName() + " " + v);
                }
                value = ((Number) v).doubleValue();
                if (values != null && !containsValue(values, value)) {
                    continue;
                }
            } else {
                value = values[0];
            }
            Geometry g = table.geometries().get(row);
            if (g == null || g.isEmpty()) {
                continue;
            }
            if (reprojection != null) {
                g = reprojection.apply(g);
            }
            if (!g.intersects(bboxPolygon)) {
                continue;
            }
            if (buffer != 0) {
                g = g.buffer(buffer);
                if (g.isEmpty()) {
                    continue;
                }
            }
            if (!g.isValid()) {
                if (!warnedInvalid) {
                    LOG.warn("Given vector polygons contain some invalid geometries, attempting to fix");
                    warnedInvalid = true;
                }
                g = g.buffer(0);
            }
            if (!warnedZ && !Double.isNaN(g.getCoordinate().getZ())) {
                LOG.warn("Polygons contain 3D geometries, they will be projected to 2D");
                warnedZ = true;
            }
            out.geometries.add(g);
            vals.add(value);
            frames.add(frame);
        }
        if (skippedNull > 0) {
            LOG.warn("{} rows without a value in column '{}' were skipped", skippedNull, valuesColumn);
        }
        out.values = vals.stream().mapToDouble(Double::doubleValue).toArray();
        out.frames = frames.stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    private static boolean containsValue(double[] set, double v) {
        for (double s : set) {
            if (s == v) {
                return true;
            }
        }
        return false;
    }

    private static LocalDateTime toDateTime(Object v) {
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof String) {
            String s = ((String) v).trim().replace(' ', 'T');
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
        }
        return null;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vector_input", vectorFeature != null ? vectorFeature : vectorTable.toString());
        m.put("raster_feature", rasterFeature);
        m.put("values", values == null ? null : Arrays.toString(values));
        m.put("values_column", valuesColumn);
        m.put("raster_shape", rasterShapeFeature != null ? rasterShapeFeature
                : rasterShape == null ? null : Arrays.toString(rasterShape));
        m.put("raster_resolution", rasterResolution == null ? null : Arrays.toString(rasterResolution));
        m.put("raster_dtype", rasterDtype.numpyName());
        m.put("no_data_value", noDataValue);
        m.put("write_to_existing", writeToExisting);
        m.put("overlap_value", overlapValue);
        m.put("buffer", buffer);
        m.put("all_touched", allTouched);
        m.put("merge_alg", mergeAdd ? "add" : "replace");
        return java.util.Collections.unmodifiableMap(m);
    }
}
