package org.eolearn.geometry.transformations;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eolearn.core.BBox;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Vectorises discrete raster features (eo-learn's {@code RasterToVectorTask}, which calls
 * {@code rasterio.features.shapes}): every connected region of equal value becomes a polygon with its value in
 * {@code values_column}; see {@link Polygonizer} for the rules. Each band is vectorised separately into the same
 * table; a temporal raster ({@code MASK}) becomes a {@code VECTOR} feature with a {@code TIMESTAMP} column (frames
 * run in parallel), a timeless one a {@code VECTOR_TIMELESS} feature. The table has the patch CRS.
 *
 * <p>{@code values} restricts vectorisation to those raster values; {@code raster_dtype} casts the raster first
 * (numpy {@code astype}) and gives the value column its type (integer types an INTEGER column; by default values
 * are REAL, as rasterio returns floats). Immutable.
 *
 * <pre>{@code
 * new RasterToVectorTask(FeatureSpec.of(Feature.of(MASK_TIMELESS, "LULC", "LULC_VECTOR")));   // eo-learn's defaults
 * RasterToVectorTask.builder(FeatureSpec.of(Feature.of(MASK_TIMELESS, "LULC"))).values(1, 2).connectivity(8).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class RasterToVectorTask implements PatchTask {

    private final FeatureParser features;
    private final double[] values;
    private final String valuesColumn;
    private final DType rasterDtype;
    private final boolean eightConnected;

    /**
     * Creates the task with eo-learn's defaults: every value vectorised into the column {@code "VALUE"}, no cast,
     * 4-connectivity ({@code values=None}, {@code values_column="VALUE"}, {@code raster_dtype=None}, rasterio's
     * {@code connectivity=4}).
     *
     * @param features discrete raster features ({@code MASK}, {@code MASK_TIMELESS}), renames allowed: the new name
     *                 is the vector feature's name
     * @throws IllegalArgumentException naming {@code features} when invalid
     */
    public RasterToVectorTask(FeatureSpec features) {
        this(features, null, Builder.DEFAULT_VALUES_COLUMN, null, Builder.DEFAULT_CONNECTIVITY);
    }

    /**
     * Creates the task; prefer {@link #builder(FeatureSpec)}, which needs no {@code null}s for the defaults.
     *
     * @param features       discrete raster features ({@code MASK}, {@code MASK_TIMELESS}), renames allowed: the
     *                       new name is the vector feature's name
     * @param values         raster values to vectorise, or null for all
     * @param valuesColumn   the name of the value column (eo-learn's default {@code "VALUE"})
     * @param rasterDtype    a dtype to cast the raster to first, or null
     * @param connectivity   4 or 8
     * @throws IllegalArgumentException naming {@code features}, {@code values_column} or {@code connectivity}
     */
    public RasterToVectorTask(FeatureSpec features, double[] values, String valuesColumn, DType rasterDtype,
                              int connectivity) {
        this.features = parser(features);
        if (connectivity != 4 && connectivity != 8) {
            throw new IllegalArgumentException("connectivity must be 4 or 8, got " + connectivity);
        }
        if (valuesColumn == null || valuesColumn.isEmpty() || valuesColumn.equals("geometry")
                || valuesColumn.equals(GeoTable.TIMESTAMP)) {
            throw new IllegalArgumentException("values_column must be a column name other than geometry and "
                    + GeoTable.TIMESTAMP + ", got " + valuesColumn);
        }
        this.values = values == null ? null : values.clone();
        this.valuesColumn = valuesColumn;
        this.rasterDtype = rasterDtype;
        this.eightConnected = connectivity == 8;
    }

    private static FeatureParser parser(FeatureSpec features) {
        try {
            return new FeatureParser(features, t -> t.isDiscrete() && t.isSpatial());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("features: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a task preset to eo-learn's defaults ({@code values=None}: every value, {@code values_column="VALUE"},
     * {@code raster_dtype=None}: no cast, rasterio's {@code connectivity=4}).
     *
     * @param features discrete raster features ({@code MASK}, {@code MASK_TIMELESS}), renames allowed: the new name
     *                 is the vector feature's name
     * @return the builder
     * @throws NullPointerException     naming {@code features} when null
     * @throws IllegalArgumentException naming {@code features} when they are not discrete spatial features
     */
    public static Builder builder(FeatureSpec features) {
        return new Builder(features);
    }

    /** Settings of a {@link RasterToVectorTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        static final String DEFAULT_VALUES_COLUMN = "VALUE";
        static final int DEFAULT_CONNECTIVITY = 4;

        private final FeatureSpec features;
        private double[] values;
        private String valuesColumn = DEFAULT_VALUES_COLUMN;
        private DType rasterDtype;
        private int connectivity = DEFAULT_CONNECTIVITY;

        private Builder(FeatureSpec features) {
            this.features = Objects.requireNonNull(features, "features");
            parser(features);
        }

        /**
         * The raster values to vectorise (eo-learn's {@code values}; by default every value).
         *
         * @param values the values
         * @return this builder
         * @throws NullPointerException naming {@code values} when null
         */
        public Builder values(double... values) {
            this.values = Objects.requireNonNull(values, "values").clone();
            return this;
        }

        /**
         * The raster values to vectorise (eo-learn's {@code values}; by default every value).
         *
         * @param values the values
         * @return this builder
         * @throws NullPointerException naming {@code values} when it or one of its values is null
         */
        public Builder values(Collection<? extends Number> values) {
            Objects.requireNonNull(values, "values");
            double[] v = new double[values.size()];
            int i = 0;
            for (Number n : values) {
                v[i++] = Objects.requireNonNull(n, "values contains null").doubleValue();
            }
            this.values = v;
            return this;
        }

        /**
         * The column that receives the raster values (eo-learn's {@code values_column}, default {@code "VALUE"}).
         *
         * @param column a column name other than {@code geometry} and {@code TIMESTAMP}
         * @return this builder
         * @throws IllegalArgumentException naming {@code values_column} when null, empty or reserved
         */
        public Builder valuesColumn(String column) {
            if (column == null || column.isEmpty() || column.equals("geometry") || column.equals(GeoTable.TIMESTAMP)) {
                throw new IllegalArgumentException("values_column must be a column name other than geometry and "
                        + GeoTable.TIMESTAMP + ", got " + column);
            }
            this.valuesColumn = column;
            return this;
        }

        /**
         * The dtype the raster is cast to first, which also types the value column (eo-learn's
         * {@code raster_dtype}; by default no cast and REAL values).
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
         * Whether 4 or 8 neighbours connect pixels (rasterio's {@code connectivity}, passed in eo-learn's
         * {@code **rasterio_params}; default 4).
         *
         * @param connectivity 4 or 8
         * @return this builder
         * @throws IllegalArgumentException naming {@code connectivity} when neither 4 nor 8
         */
        public Builder connectivity(int connectivity) {
            if (connectivity != 4 && connectivity != 8) {
                throw new IllegalArgumentException("connectivity must be 4 or 8, got " + connectivity);
            }
            this.connectivity = connectivity;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public RasterToVectorTask build() {
            return new RasterToVectorTask(features, values, valuesColumn, rasterDtype, connectivity);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        BBox bbox = patch.bbox();
        if (bbox == null) {
            throw new IllegalArgumentException(name() + ": the EOPatch has to have a bounding box");
        }
        for (Feature f : features.getRenamedFeatures(patch)) {
            INDArray raster = patch.getArray(f.type(), f.name());
            long[] shape = raster.shape();
            double[] data = NdArrays.toDoubles(raster);
            if (rasterDtype != null) {
                data = NdArrays.toDoubles(NdArrays.fromDoubles(rasterDtype, shape, data));
            }
            boolean temporal = f.type().isTemporal();
            int t = temporal ? (int) shape[0] : 1;
            int h = (int) shape[shape.length - 3];
            int w = (int) shape[shape.length - 2];
            int d = (int) shape[shape.length - 1];
            List<LocalDateTime> timestamps = temporal ? patch.requireTimestamps() : List.of();
            if (temporal && timestamps.size() != t) {
                throw new IllegalArgumentException("features: " + f + " has " + t + " frames but the patch has "
                        + timestamps.size() + " timestamps");
            }
            PixelGrid grid = PixelGrid.fromBounds(bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY(), w, h);
            final double[] all = data;
            List<List<Polygonizer.Shape>> perFrame = ComputePolicy.parallelMap(t,
                    i -> vectorizeFrame(all, i, h, w, d, grid));
            List<Geometry> geometries = new ArrayList<>();
            List<Object> vals = new ArrayList<>();
            List<Object> times = new ArrayList<>();
            for (int i = 0; i < t; i++) {
                for (Polygonizer.Shape s : perFrame.get(i)) {
                    geometries.add(s.geometry());
                    vals.add(value(s.value()));
                    if (temporal) {
                        times.add(timestamps.get(i));
                    }
                }
            }
            List<GeoTable.Column> columns = new ArrayList<>();
            columns.add(new GeoTable.Column(valuesColumn, integerColumn() ? GeoTable.ColumnType.INTEGER
                    : GeoTable.ColumnType.REAL, vals));
            if (temporal) {
                columns.add(new GeoTable.Column(GeoTable.TIMESTAMP, GeoTable.ColumnType.DATETIME, times));
            }
            FeatureType vectorType = temporal ? FeatureType.VECTOR : FeatureType.VECTOR_TIMELESS;
            patch.put(vectorType, f.outputName(), new GeoTable(bbox.crs(), geometries, columns));
        }
        return patch;
    }

    private boolean integerColumn() {
        return rasterDtype != null && !rasterDtype.isFloatingPoint() && rasterDtype != DType.BOOL;
    }

    private Object value(double v) {
        return integerColumn() ? (Object) (long) v : (Object) v;
    }

    private List<Polygonizer.Shape> vectorizeFrame(double[] all, int frame, int h, int w, int d, PixelGrid grid) {
        GeometryFactory factory = new GeometryFactory();
        List<Polygonizer.Shape> out = new ArrayList<>();
        int base = frame * h * w * d;
        for (int band = 0; band < d; band++) {
            double[] slice = new double[h * w];
            boolean[] mask = values == null ? null : new boolean[h * w];
            for (int p = 0; p < h * w; p++) {
                slice[p] = all[base + p * d + band];
                if (mask != null) {
                    for (double v : values) {
                        if (Double.compare(v, slice[p]) == 0) {
                            mask[p] = true;
                            break;
                        }
                    }
                }
            }
            out.addAll(Polygonizer.polygonize(slice, mask, grid, eightConnected, factory));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", features.spec(), "values", values == null ? null : Arrays.toString(values),
                "values_column", valuesColumn, "raster_dtype", rasterDtype == null ? null : rasterDtype.numpyName(),
                "connectivity", eightConnected ? 8 : 4);
    }
}
