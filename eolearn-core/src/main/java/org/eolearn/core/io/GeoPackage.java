package org.eolearn.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.IdentifiedObjects;
import org.eolearn.core.CRS;
import org.eolearn.core.GeoTable;
import org.eolearn.core.GeoTable.ColumnType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * Reads and writes a {@link GeoTable} as a one-layer OGC GeoPackage (SQLite), the format eo-learn stores vector
 * features in. Files written here open in GDAL ({@code ogrinfo}), geopandas and eo-learn.
 *
 * <p>Reading takes the first feature layer of the file (eo-learn writes one layer, named after the temporary
 * file, so the name is not meaningful). The CRS comes from the layer's spatial reference system (its EPSG
 * organisation code, or its WKT when Apache SIS can identify it). Geometries are the GeoPackage binary
 * encoding (header + WKB); columns of type INTEGER, REAL, TEXT, BOOLEAN, DATE and DATETIME are supported.
 *
 * <p>Files in memory need no temporary file: {@link #read(byte[], Path, String)} opens bytes as an in-memory SQLite
 * database and {@link #toBytes(GeoTable, String)} builds one. Every reading error, on any damaged file, is an
 * {@link EOPatchFormatException} naming the file. sqlite-jdbc's native library is loaded from a per-user cache
 * rather than extracted into {@code java.io.tmpdir} (see {@code SqliteLibrary}).
 *
 * <h2>Thread-safety</h2>
 * Stateless; each call opens its own connection.
 *
 * @since 0.1
 */
public final class GeoPackage {

    private static final int APPLICATION_ID = 0x47504B47; // "GPKG"
    private static final int USER_VERSION = 10200;
    private static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoPackage() {
    }

    /**
     * Writes a table to a new GeoPackage file.
     *
     * @param table the table
     * @param file  a path that does not exist yet
     * @param layer the layer (table) name
     * @throws IOException if the file exists or writing fails
     */
    public static void write(GeoTable table, Path file, String layer) throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + ": GeoPackage target already exists");
        }
        SqliteLibrary.configure();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            writeTo(c, table, layer);
        } catch (SQLException e) {
            throw new IOException(file + ": cannot write GeoPackage: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the GeoPackage file a table is written to, built in an in-memory SQLite database (no temporary
     * file): the same bytes {@link #write(GeoTable, Path, String)} stores, for example to compress them.
     *
     * @param table the table
     * @param layer the layer (table) name
     * @return the file content
     * @throws IOException if building the database fails
     */
    public static byte[] toBytes(GeoTable table, String layer) throws IOException {
        SqliteLibrary.configure();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            writeTo(c, table, layer);
            return c.unwrap(org.sqlite.SQLiteConnection.class).serialize("main");
        } catch (SQLException e) {
            throw new IOException("cannot build GeoPackage layer '" + layer + "': " + e.getMessage(), e);
        }
    }

    private static void writeTo(Connection c, GeoTable table, String layer) throws SQLException {
        int srsId = table.crs() == null ? -1 : table.crs().epsg();
        String geometryType = geometryTypeName(table);
        try (Statement s = c.createStatement()) {
            // a fresh temporary file: no journal and no fsync (EOPatchIO moves it into place when complete)
            s.execute("PRAGMA journal_mode = OFF");
            s.execute("PRAGMA synchronous = OFF");
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            s.execute("PRAGMA user_version = " + USER_VERSION);
            s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL "
                    + "PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
                    + "definition TEXT NOT NULL, description TEXT)");
            s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT "
                    + "NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL "
                    + "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, "
                    + "max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES "
                    + "gpkg_spatial_ref_sys(srs_id))");
            s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                    + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT "
                    + "NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT "
                    + "uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) "
                    + "REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES "
                    + "gpkg_spatial_ref_sys (srs_id))");
            s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined Cartesian SRS', -1, 'NONE', -1, "
                    + "'undefined', 'undefined Cartesian coordinate reference system')");
            s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, "
                    + "'undefined', 'undefined geographic coordinate reference system')");
            if (srsId != 4326) {
                insertSrs(c, CRS.WGS84);
            }
            if (table.crs() != null) {
                insertSrs(c, table.crs());
            }
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(quote(layer))
                    .append(" (\"fid\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"geom\" ")
                    .append(geometryType);
            for (GeoTable.Column col : table.columns()) {
                if (col.name().equalsIgnoreCase("fid") || col.name().equalsIgnoreCase("geom")) {
                    throw new IllegalArgumentException("column name '" + col.name() + "' is reserved in a "
                            + "GeoPackage");
                }
                create.append(", ").append(quote(col.name())).append(' ').append(sqlType(col.type()));
            }
            s.execute(create.append(')').toString());
        }
        Envelope extent = new Envelope();
        for (Geometry g : table.geometries()) {
            if (g != null && !g.isEmpty()) {
                extent.expandToInclude(g.getEnvelopeInternal());
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, "
                + "identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES "
                + "(?, 'features', ?, '', strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)")) {
            p.setString(1, layer);
            p.setString(2, layer);
            if (extent.isNull()) {
                for (int i = 3; i <= 6; i++) {
                    p.setNull(i, Types.DOUBLE);
                }
            } else {
                p.setDouble(3, extent.getMinX());
                p.setDouble(4, extent.getMinY());
                p.setDouble(5, extent.getMaxX());
                p.setDouble(6, extent.getMaxY());
            }
            p.setInt(7, srsId);
            p.execute();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES "
                + "(?, 'geom', ?, ?, ?, 0)")) {
            p.setString(1, layer);
            p.setString(2, geometryType);
            p.setInt(3, srsId);
            p.setInt(4, hasZ(table) ? 1 : 0);
            p.execute();
        }
        insertRows(c, table, layer, srsId);
        c.commit();
    }

    private static void insertRows(Connection c, GeoTable table, String layer, int srsId) throws SQLException {
        List<GeoTable.Column> cols = table.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(layer)).append(" (\"geom\"");
        for (GeoTable.Column col : cols) {
            sql.append(", ").append(quote(col.name()));
        }
        sql.append(") VALUES (?").append(", ?".repeat(cols.size())).append(')');
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int r = 0; r < table.size(); r++) {
                Geometry g = table.geometries().get(r);
                if (g == null) {
                    p.setNull(1, Types.BLOB);
                } else {
                    p.setBytes(1, encode(g, srsId));
                }
                for (int i = 0; i < cols.size(); i++) {
                    setValue(p, i + 2, cols.get(i).type(), cols.get(i).values().get(r));
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void setValue(PreparedStatement p, int index, ColumnType type, Object v) throws SQLException {
        if (v == null) {
            p.setNull(index, Types.NULL);
            return;
        }
        switch (type) {
            case INTEGER: p.setLong(index, (Long) v); break;
            case REAL: p.setDouble(index, (Double) v); break;
            case TEXT: p.setString(index, (String) v); break;
            case BOOLEAN: p.setInt(index, ((Boolean) v) ? 1 : 0); break;
            case DATE: p.setString(index, v.toString()); break;
            case DATETIME: p.setString(index, DATETIME_OUT.format((LocalDateTime) v)); break;
            default: throw new AssertionError(type);
        }
    }

    private static void insertSrs(Connection c, CRS crs) throws SQLException {
        String definition = "undefined";
        String name = crs.toString();
        try {
            CoordinateReferenceSystem sis = crs.toSis();
            WKTFormat format = new WKTFormat(Locale.ROOT, (java.time.ZoneId) null);
            format.setConvention(Convention.WKT1_COMMON_UNITS);
            format.setIndentation(WKTFormat.SINGLE_LINE);
            definition = format.format(sis);
            name = sis.getName().getCode();
        } catch (RuntimeException e) {
            // unknown without the EPSG database: GDAL resolves the organisation code instead
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, "
                + "NULL)")) {
            p.setString(1, name);
            p.setInt(2, crs.epsg());
            p.setInt(3, crs.epsg());
            p.setString(4, definition);
            p.execute();
        }
    }

    /**
     * Opens a GeoPackage (any SQLite file) read-only, with sqlite-jdbc's native library taken from the per-user cache
     * rather than extracted into the temp folder. Every module opens SQLite files through this method.
     *
     * @param file the file
     * @return the connection (the caller closes it)
     * @throws SQLException if SQLite cannot open it
     */
    public static Connection openReadOnly(Path file) throws SQLException {
        SqliteLibrary.configure();
        return DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro", readOnly());
    }

    /**
     * Reads the first feature layer of a GeoPackage.
     *
     * @param file the file
     * @return the table
     * @throws EOPatchFormatException if the file is not a GeoPackage or has no geometry layer
     * @throws IOException            if reading fails
     */
    public static GeoTable read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a feature layer of a GeoPackage.
     *
     * @param file  the file
     * @param layer the layer's table name, or null for the first feature layer
     * @return the table
     * @throws EOPatchFormatException if the file is not a GeoPackage or has no such feature layer
     * @throws IOException            if reading fails
     */
    public static GeoTable read(Path file, String layer) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (Files.isDirectory(file)) {
                throw new EOPatchFormatException(file, "is a directory, not a GeoPackage file");
            }
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        try (Connection c = openReadOnly(file)) {
            return read(c, file, layer);
        } catch (SQLException e) {
            throw new EOPatchFormatException(file, "cannot read GeoPackage: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a feature layer of a GeoPackage held in memory (for example a decompressed {@code .gpkg.gz}), without
     * a temporary file: the bytes are opened as an in-memory SQLite database.
     *
     * @param content the GeoPackage file's bytes
     * @param file    the file they come from, for messages
     * @param layer   the layer's table name, or null for the first feature layer
     * @return the table
     * @throws EOPatchFormatException if the bytes are not a GeoPackage or have no such feature layer
     * @throws IOException            if reading fails
     */
    public static GeoTable read(byte[] content, Path file, String layer) throws IOException {
        SqliteLibrary.configure();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try {
                c.unwrap(org.sqlite.SQLiteConnection.class).deserialize("main", content);
            } catch (SQLException e) {
                throw new EOPatchFormatException(file, "not a GeoPackage (" + e.getMessage() + ")", e);
            }
            return read(c, file, layer);
        } catch (SQLException e) {
            throw new EOPatchFormatException(file, "cannot read GeoPackage: " + e.getMessage(), e);
        }
    }

    private static GeoTable read(Connection c, Path file, String layer) throws IOException, SQLException {
        try {
            return readLayer(c, file, layer);
        } catch (RuntimeException | StackOverflowError e) {
            throw new EOPatchFormatException(file, "cannot read GeoPackage: " + e, e);
        }
    }

    private static GeoTable readLayer(Connection c, Path file, String layer) throws IOException, SQLException {
        String table;
        String geomColumn;
        int srsId;
        try (PreparedStatement s = c.prepareStatement("SELECT g.table_name, g.column_name, g.srs_id FROM "
                     + "gpkg_geometry_columns g JOIN gpkg_contents c ON c.table_name = g.table_name "
                     + (layer == null ? "" : "WHERE g.table_name = ? ") + "ORDER BY c.rowid LIMIT 1")) {
            if (layer != null) {
                s.setString(1, layer);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new EOPatchFormatException(file, layer == null
                            ? "GeoPackage has no layer with a geometry column"
                            : "GeoPackage has no feature layer '" + layer + "'");
                }
                table = rs.getString(1);
                geomColumn = rs.getString(2);
                srsId = rs.getInt(3);
            }
        } catch (SQLException e) {
            throw new EOPatchFormatException(file, "not a GeoPackage with a feature layer (" + e.getMessage()
                    + ")", e);
        }
        CRS crs = readCrs(c, srsId, file);
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        String pk = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                String name = rs.getString("name");
                if (name.equals(geomColumn)) {
                    continue;
                }
                if (rs.getInt("pk") > 0 && pk == null) {
                    pk = name;
                    continue;
                }
                names.add(name);
                types.add(columnType(rs.getString("type"), name, file));
            }
        }
        List<Geometry> geometries = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            values.add(new ArrayList<>());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(geomColumn));
        for (String n : names) {
            sql.append(", ").append(quote(n));
        }
        sql.append(" FROM ").append(quote(table)).append(pk == null ? "" : " ORDER BY " + quote(pk));
        WKBReader wkb = new WKBReader(FACTORY);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            int row = 0;
            while (rs.next()) {
                byte[] blob = rs.getBytes(1);
                geometries.add(blob == null ? null : decode(blob, wkb, file, row));
                for (int i = 0; i < names.size(); i++) {
                    values.get(i).add(readValue(rs, i + 2, types.get(i), names.get(i), file));
                }
                row++;
            }
        }
        List<GeoTable.Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new GeoTable.Column(names.get(i), types.get(i), values.get(i)));
        }
        return new GeoTable(crs, geometries, columns);
    }

    private static java.util.Properties readOnly() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("open_mode", "1");
        return p;
    }

    private static CRS readCrs(Connection c, int srsId, Path file) throws SQLException {
        if (srsId <= 0) {
            return null;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT organization, organization_coordsys_id, definition "
                + "FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            p.setInt(1, srsId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String organization = rs.getString(1);
                int code = rs.getInt(2);
                if (organization != null && organization.equalsIgnoreCase("EPSG") && code > 0) {
                    return new CRS(code);
                }
                String wkt = rs.getString(3);
                try {
                    org.eolearn.core.SisLogging.ensure();
                    CoordinateReferenceSystem sis = org.apache.sis.referencing.CRS.fromWKT(wkt);
                    Integer epsg = IdentifiedObjects.lookupEPSG(sis);
                    return epsg == null ? null : new CRS(epsg);
                } catch (FactoryException | RuntimeException e) {
                    return null;
                }
            }
        }
    }

    private static Object readValue(ResultSet rs, int index, ColumnType type, String name, Path file)
            throws SQLException, EOPatchFormatException {
        Object raw = rs.getObject(index);
        if (raw == null) {
            return null;
        }
        switch (type) {
            case INTEGER: return rs.getLong(index);
            case REAL: return rs.getDouble(index);
            case BOOLEAN: return rs.getLong(index) != 0;
            case TEXT: return rs.getString(index);
            case DATE:
                try {
                    return LocalDate.parse(rs.getString(index).substring(0, Math.min(10, rs.getString(index).length())));
                } catch (DateTimeParseException e) {
                    throw new EOPatchFormatException(file, "column '" + name + "' has the invalid DATE value '" + raw
                            + "'");
                }
            case DATETIME:
                return parseDateTime(rs.getString(index), name, file);
            default:
                throw new AssertionError(type);
        }
    }

    static LocalDateTime parseDateTime(String text, String column, Path file) throws EOPatchFormatException {
        String t = text.trim().replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                String iso = t.endsWith("Z") ? t.substring(0, t.length() - 1) + "+00:00" : t;
                return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new EOPatchFormatException(file, "column '" + column + "' has the invalid DATETIME value '" + text
                    + "'");
        }
    }

    private static ColumnType columnType(String declared, String column, Path file) throws EOPatchFormatException {
        String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        switch (t) {
            case "INTEGER": case "INT": case "MEDIUMINT": case "SMALLINT": case "TINYINT": case "BIGINT":
                return ColumnType.INTEGER;
            case "REAL": case "DOUBLE": case "FLOAT":
                return ColumnType.REAL;
            case "TEXT": case "VARCHAR": case "":
                return ColumnType.TEXT;
            case "BOOLEAN":
                return ColumnType.BOOLEAN;
            case "DATE":
                return ColumnType.DATE;
            case "DATETIME":
                return ColumnType.DATETIME;
            default:
                throw new EOPatchFormatException(file, "column '" + column + "' has the unsupported type '"
                        + declared + "'");
        }
    }

    private static String sqlType(ColumnType type) {
        switch (type) {
            case INTEGER: return "INTEGER";
            case REAL: return "REAL";
            case TEXT: return "TEXT";
            case BOOLEAN: return "BOOLEAN";
            case DATE: return "DATE";
            case DATETIME: return "DATETIME";
            default: throw new AssertionError(type);
        }
    }

    private static String geometryTypeName(GeoTable table) {
        String name = null;
        for (Geometry g : table.geometries()) {
            if (g == null) {
                continue;
            }
            String n = g.getGeometryType().toUpperCase(Locale.ROOT);
            if (name == null) {
                name = n;
            } else if (!name.equals(n)) {
                return "GEOMETRY";
            }
        }
        return name == null ? "GEOMETRY" : name;
    }

    private static boolean hasZ(GeoTable table) {
        for (Geometry g : table.geometries()) {
            if (g != null && !g.isEmpty() && !Double.isNaN(g.getCoordinate().getZ())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes a geometry as a GeoPackage geometry blob: header with an xy envelope, then little-endian WKB.
     *
     * @param g     the geometry
     * @param srsId the SRS id
     * @return the blob
     */
    static byte[] encode(Geometry g, int srsId) {
        boolean empty = g.isEmpty();
        int dim = !empty && !Double.isNaN(g.getCoordinate().getZ()) ? 3 : 2;
        byte[] wkb = new WKBWriter(dim, ByteOrderValues.LITTLE_ENDIAN).write(g);
        int headerSize = 8 + (empty ? 0 : 32);
        ByteBuffer b = ByteBuffer.allocate(headerSize + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        b.put((byte) (empty ? 0x11 : 0x03));
        b.putInt(srsId);
        if (!empty) {
            Envelope e = g.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(wkb);
        return b.array();
    }

    private static Geometry decode(byte[] blob, WKBReader reader, Path file, int row) throws EOPatchFormatException {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new EOPatchFormatException(file, "row " + row + ": geometry is not a GeoPackage geometry blob");
        }
        int flags = blob[3];
        int envelope = (flags >> 1) & 0x07;
        int envelopeBytes;
        switch (envelope) {
            case 0: envelopeBytes = 0; break;
            case 1: envelopeBytes = 32; break;
            case 2: case 3: envelopeBytes = 48; break;
            case 4: envelopeBytes = 64; break;
            default:
                throw new EOPatchFormatException(file, "row " + row + ": invalid envelope indicator " + envelope);
        }
        int offset = 8 + envelopeBytes;
        if (blob.length < offset) {
            throw new EOPatchFormatException(file, "row " + row + ": geometry blob is truncated");
        }
        try {
            byte[] wkb = java.util.Arrays.copyOfRange(blob, offset, blob.length);
            return reader.read(wkb);
        } catch (ParseException | RuntimeException e) {
            throw new EOPatchFormatException(file, "row " + row + ": invalid WKB geometry (" + e.getMessage() + ")",
                    e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** JTS byte order constants, named here for readability. */
    private static final class ByteOrderValues {
        static final int LITTLE_ENDIAN = org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN;
    }
}
