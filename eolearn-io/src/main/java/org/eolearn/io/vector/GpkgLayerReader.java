package org.eolearn.io.vector;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eolearn.core.CRS;
import org.eolearn.core.GeoTable;
import org.eolearn.core.GeoTable.ColumnType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads one named feature layer of a GeoPackage (core's {@code GeoPackage.read} reads the first layer only):
 * GeoPackage geometry blobs (header + WKB) and INTEGER/REAL/TEXT/BOOLEAN columns; DATE and DATETIME columns are
 * kept as text.
 */
final class GpkgLayerReader {

    private GpkgLayerReader() {
    }

    static GeoTable read(Path file, String layer, CRS crs) throws IOException {
        java.util.Properties ro = new java.util.Properties();
        ro.setProperty("open_mode", "1");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro",
                ro)) {
            String geomColumn;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT column_name FROM "
                    + "gpkg_geometry_columns WHERE table_name = " + literal(layer))) {
                if (!rs.next()) {
                    throw new IOException(file + ": no feature layer '" + layer + "'");
                }
                geomColumn = rs.getString(1);
            }
            List<String> names = new ArrayList<>();
            List<ColumnType> types = new ArrayList<>();
            String pk = null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info("
                    + quote(layer) + ")")) {
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
                    types.add(type(rs.getString("type")));
                }
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(quote(geomColumn));
            for (String n : names) {
                sql.append(", ").append(quote(n));
            }
            sql.append(" FROM ").append(quote(layer)).append(pk == null ? "" : " ORDER BY " + quote(pk));
            List<Geometry> geometries = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            names.forEach(n -> values.add(new ArrayList<>()));
            WKBReader wkb = new WKBReader(new GeometryFactory());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                int row = 0;
                while (rs.next()) {
                    byte[] blob = rs.getBytes(1);
                    geometries.add(blob == null ? null : decode(blob, wkb, file, row));
                    for (int i = 0; i < names.size(); i++) {
                        Object raw = rs.getObject(i + 2);
                        Object v;
                        if (raw == null) {
                            v = null;
                        } else {
                            switch (types.get(i)) {
                                case INTEGER: v = rs.getLong(i + 2); break;
                                case REAL: v = rs.getDouble(i + 2); break;
                                case BOOLEAN: v = rs.getLong(i + 2) != 0; break;
                                default: v = rs.getString(i + 2); break;
                            }
                        }
                        values.get(i).add(v);
                    }
                    row++;
                }
            }
            List<GeoTable.Column> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(new GeoTable.Column(names.get(i), types.get(i), values.get(i)));
            }
            return new GeoTable(crs, geometries, columns);
        } catch (SQLException e) {
            throw new IOException(file + ": cannot read layer '" + layer + "': " + e.getMessage(), e);
        }
    }

    private static ColumnType type(String declared) {
        String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        switch (t) {
            case "INTEGER": case "INT": case "MEDIUMINT": case "SMALLINT": case "TINYINT": case "BIGINT":
                return ColumnType.INTEGER;
            case "REAL": case "DOUBLE": case "FLOAT":
                return ColumnType.REAL;
            case "BOOLEAN":
                return ColumnType.BOOLEAN;
            default:
                return ColumnType.TEXT;
        }
    }

    private static Geometry decode(byte[] blob, WKBReader reader, Path file, int row) throws IOException {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new IOException(file + ": row " + row + ": not a GeoPackage geometry blob");
        }
        int envelope = (blob[3] >> 1) & 0x07;
        int[] sizes = {0, 32, 48, 48, 64};
        if (envelope > 4) {
            throw new IOException(file + ": row " + row + ": invalid envelope indicator " + envelope);
        }
        int offset = 8 + sizes[envelope];
        try {
            return reader.read(java.util.Arrays.copyOfRange(blob, offset, blob.length));
        } catch (ParseException | RuntimeException e) {
            throw new IOException(file + ": row " + row + ": invalid WKB geometry (" + e.getMessage() + ")", e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
