package org.eolearn.core;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Geometry;

/**
 * A vector feature: a table of JTS geometries with typed attribute columns and a {@link CRS}, the Java
 * counterpart of the GeoDataFrame eo-learn keeps in {@code VECTOR} and {@code VECTOR_TIMELESS} features.
 *
 * <p>A table is immutable: operations such as {@link #select(int[])} and {@link #concat(List)} return new
 * tables. Temporal vectors ({@link FeatureType#VECTOR}) must carry a {@value #TIMESTAMP} column of type
 * {@link ColumnType#DATETIME}.
 *
 * <pre>{@code
 * GeoTable clouds = GeoTable.builder(CRS.utm(33, true))
 *         .column("TIMESTAMP", GeoTable.ColumnType.DATETIME)
 *         .column("VALUE", GeoTable.ColumnType.REAL)
 *         .row(polygon, LocalDateTime.parse("2017-01-01T10:00:00"), 1.0)
 *         .build();
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Immutable (the JTS geometries must not be mutated by callers).
 *
 * @since 0.1
 */
public final class GeoTable {

    /** Name of the column that dates the rows of a temporal vector feature. */
    public static final String TIMESTAMP = "TIMESTAMP";

    /** The types of attribute columns, with the Java class of their values. */
    public enum ColumnType {
        /** 64-bit integers, {@link Long}. */
        INTEGER(Long.class),
        /** Double-precision numbers, {@link Double}. */
        REAL(Double.class),
        /** Text, {@link String}. */
        TEXT(String.class),
        /** Booleans, {@link Boolean}. */
        BOOLEAN(Boolean.class),
        /** Dates, {@link LocalDate}. */
        DATE(LocalDate.class),
        /** Naive date-times, {@link LocalDateTime}. */
        DATETIME(LocalDateTime.class);

        private final Class<?> javaType;

        ColumnType(Class<?> javaType) {
            this.javaType = javaType;
        }

        /**
         * Returns the Java class of the values of a column of this type.
         *
         * @return the class
         */
        public Class<?> javaType() {
            return javaType;
        }

        Object coerce(String column, Object value) {
            if (value == null || javaType.isInstance(value)) {
                return value;
            }
            if (this == INTEGER && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
                return ((Number) value).longValue();
            }
            if (this == REAL && value instanceof Number) {
                return ((Number) value).doubleValue();
            }
            throw new IllegalArgumentException("column '" + column + "' of type " + this + " cannot hold the "
                    + value.getClass().getSimpleName() + " value " + value);
        }
    }

    /**
     * An attribute column.
     *
     * @param name   the column name
     * @param type   the value type
     * @param values one value per row ({@code null} for missing values), of {@code type.javaType()}
     */
    public record Column(String name, ColumnType type, List<Object> values) {
        /**
         * Validates the column and copies its values.
         *
         * @param name   non-empty
         * @param type   not null
         * @param values values of the type
         */
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("column name must not be empty");
            }
            List<Object> copy = new ArrayList<>(values.size());
            for (Object v : values) {
                copy.add(type.coerce(name, v));
            }
            values = Collections.unmodifiableList(copy);
        }
    }

    private final CRS crs;
    private final List<Geometry> geometries;
    private final Map<String, Column> columns;

    /**
     * Creates a table.
     *
     * @param crs        the CRS of the geometries, or {@code null} if unknown
     * @param geometries one geometry per row (a row may have a {@code null} geometry)
     * @param columns    the attribute columns, each with one value per row; names must be unique and must not be
     *                   {@code geometry}
     */
    public GeoTable(CRS crs, List<? extends Geometry> geometries, List<Column> columns) {
        this.crs = crs;
        this.geometries = Collections.unmodifiableList(new ArrayList<>(geometries));
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.values().size() != this.geometries.size()) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.values().size()
                        + " values but the table has " + this.geometries.size() + " rows");
            }
            if (c.name().equals("geometry")) {
                throw new IllegalArgumentException("column name 'geometry' is reserved for the geometries");
            }
            if (map.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
            }
        }
        this.columns = Collections.unmodifiableMap(map);
    }

    /**
     * Starts building a table row by row.
     *
     * @param crs the CRS of the geometries (may be null)
     * @return a builder
     */
    public static Builder builder(CRS crs) {
        return new Builder(crs);
    }

    /**
     * Returns the CRS of the geometries.
     *
     * @return the CRS, or {@code null} if unknown
     */
    public CRS crs() {
        return crs;
    }

    /**
     * Returns the number of rows.
     *
     * @return the row count
     */
    public int size() {
        return geometries.size();
    }

    /**
     * Returns the geometries, one per row.
     *
     * @return an unmodifiable list
     */
    public List<Geometry> geometries() {
        return geometries;
    }

    /**
     * Returns the attribute column names in order (without the geometry column).
     *
     * @return the names
     */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Returns the columns in order.
     *
     * @return the columns
     */
    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    /**
     * Tells whether the table has a column.
     *
     * @param name the column name
     * @return whether it exists
     */
    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /**
     * Returns a column.
     *
     * @param name the column name
     * @return the column
     * @throws IllegalArgumentException if there is no such column
     */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns.keySet());
        }
        return c;
    }

    /**
     * Returns the rows at the given indices, in that order.
     *
     * @param rows row indices
     * @return a new table
     */
    public GeoTable select(int[] rows) {
        List<Geometry> g = new ArrayList<>(rows.length);
        for (int r : rows) {
            g.add(geometries.get(r));
        }
        List<Column> cs = new ArrayList<>();
        for (Column c : columns.values()) {
            List<Object> v = new ArrayList<>(rows.length);
            for (int r : rows) {
                v.add(c.values().get(r));
            }
            cs.add(new Column(c.name(), c.type(), v));
        }
        return new GeoTable(crs, g, cs);
    }

    /**
     * Returns the rows for which the predicate holds.
     *
     * @param keep a predicate on row indices
     * @return a new table
     */
    public GeoTable filter(IntPredicate keep) {
        return select(java.util.stream.IntStream.range(0, size()).filter(keep).toArray());
    }

    /**
     * Returns a table with the same rows in another CRS label (the coordinates are not transformed).
     *
     * @param newCrs the CRS
     * @return a new table
     */
    public GeoTable withCrs(CRS newCrs) {
        return new GeoTable(newCrs, geometries, columns());
    }

    /**
     * Concatenates tables with the same CRS, like {@code pd.concat(..., ignore_index=True)}: columns are the
     * union in order of appearance; missing values are null.
     *
     * @param tables the tables, at least one
     * @return a new table
     * @throws IllegalArgumentException if the CRSs differ or a column has different types in two tables
     */
    public static GeoTable concat(List<GeoTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one table");
        }
        CRS crs = tables.get(0).crs;
        Map<String, ColumnType> types = new LinkedHashMap<>();
        List<Geometry> g = new ArrayList<>();
        for (GeoTable t : tables) {
            if (!Objects.equals(t.crs, crs)) {
                throw new IllegalArgumentException("cannot concatenate vector tables with different CRS: " + crs
                        + " and " + t.crs);
            }
            for (Column c : t.columns.values()) {
                ColumnType prev = types.putIfAbsent(c.name(), c.type());
                if (prev != null && prev != c.type()) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is " + prev + " in one table and "
                            + c.type() + " in another");
                }
            }
            g.addAll(t.geometries);
        }
        List<Column> cs = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            List<Object> v = new ArrayList<>(g.size());
            for (GeoTable t : tables) {
                Column c = t.columns.get(e.getKey());
                for (int i = 0; i < t.size(); i++) {
                    v.add(c == null ? null : c.values().get(i));
                }
            }
            cs.add(new Column(e.getKey(), e.getValue(), v));
        }
        return new GeoTable(crs, g, cs);
    }

    /**
     * Drops rows equal to an earlier row in every column and geometry, like pandas' {@code drop_duplicates}.
     *
     * @return a new table (or this one if there are no duplicates)
     */
    public GeoTable dropDuplicates() {
        Set<List<Object>> seen = new HashSet<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            List<Object> key = new ArrayList<>();
            Geometry geom = geometries.get(i);
            key.add(geom == null ? null : geom.toText());
            for (Column c : columns.values()) {
                key.add(c.values().get(i));
            }
            if (seen.add(key)) {
                keep.add(i);
            }
        }
        if (keep.size() == size()) {
            return this;
        }
        return select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Tables are equal when their CRS, columns (names, types, values in order) and geometries (exactly, vertex
     * by vertex) are equal.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GeoTable)) {
            return false;
        }
        GeoTable t = (GeoTable) o;
        if (!Objects.equals(crs, t.crs) || size() != t.size() || !columns.equals(t.columns)) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            Geometry a = geometries.get(i);
            Geometry b = t.geometries.get(i);
            if (a == null || b == null ? a != b : !a.equalsExact(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hashes the CRS, columns and row count.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(crs, columns, size());
    }

    /**
     * Returns eo-learn's repr of a GeoDataFrame:
     * {@code geopandas.GeoDataFrame(columns=['TIMESTAMP', 'VALUE', 'geometry'], length=55, crs=EPSG:32633)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>(columns.keySet());
        names.add("geometry");
        StringBuilder b = new StringBuilder("geopandas.GeoDataFrame(columns=[");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
        }
        return b.append("], length=").append(size()).append(", crs=").append(crs == null ? "None" : crs.toString())
                .append(')').toString();
    }

    /** Builds a {@link GeoTable} row by row. Not thread-safe. */
    public static final class Builder {
        private final CRS crs;
        private final List<String> names = new ArrayList<>();
        private final List<ColumnType> types = new ArrayList<>();
        private final List<List<Object>> values = new ArrayList<>();
        private final List<Geometry> geometries = new ArrayList<>();

        private Builder(CRS crs) {
            this.crs = crs;
        }

        /**
         * Declares the next column. All columns must be declared before the first row.
         *
         * @param name the column name
         * @param type its type
         * @return this builder
         */
        public Builder column(String name, ColumnType type) {
            if (!geometries.isEmpty()) {
                throw new IllegalStateException("declare every column before adding rows");
            }
            names.add(name);
            types.add(type);
            values.add(new ArrayList<>());
            return this;
        }

        /**
         * Adds a row.
         *
         * @param geometry the geometry (may be null)
         * @param attributes one value per declared column, in order
         * @return this builder
         */
        public Builder row(Geometry geometry, Object... attributes) {
            if (attributes.length != names.size()) {
                throw new IllegalArgumentException("row has " + attributes.length + " values for " + names.size()
                        + " columns " + names + ": " + Arrays.toString(attributes));
            }
            geometries.add(geometry);
            for (int i = 0; i < attributes.length; i++) {
                values.get(i).add(attributes[i]);
            }
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         */
        public GeoTable build() {
            List<Column> cs = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                cs.add(new Column(names.get(i), types.get(i), values.get(i)));
            }
            return new GeoTable(crs, geometries, cs);
        }
    }
}
