package org.eolearn.io.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.CRS;
import org.eolearn.core.GeoTable;
import org.eolearn.core.GeoTable.ColumnType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a GeoJSON file (a FeatureCollection, a single Feature or a bare geometry) into a {@link GeoTable}.
 * The CRS is WGS84 (RFC 7946) unless the file has the legacy {@code "crs": {"type": "name", "properties":
 * {"name": ...}}} member, as GDAL writes it. Property columns get the narrowest common type of their values
 * (integers, reals, booleans, else text); nested objects and arrays become their JSON text.
 *
 * @since 0.1
 */
public final class GeoJson {

    private static final JsonMapper JSON = new JsonMapper();
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJson() {
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the table
     * @throws IOException if the file cannot be read or is not valid GeoJSON (naming the file)
     */
    public static GeoTable read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not valid GeoJSON: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a GeoJSON document.
     *
     * @param root the JSON
     * @return the table
     * @throws IllegalArgumentException if it is not GeoJSON
     */
    public static GeoTable parse(JsonNode root) {
        CRS crs = CRS.WGS84;
        JsonNode crsNode = root.path("crs").path("properties").path("name");
        if (crsNode.isTextual()) {
            crs = CRS.parse(crsNode.asText());
        }
        List<JsonNode> features = new ArrayList<>();
        String type = root.path("type").asText("");
        switch (type) {
            case "FeatureCollection":
                root.path("features").forEach(features::add);
                break;
            case "Feature":
                features.add(root);
                break;
            default:
                features.add(JSON.createObjectNode().put("type", "Feature").set("geometry", root));
                break;
        }
        List<Geometry> geometries = new ArrayList<>();
        Map<String, List<JsonNode>> props = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            JsonNode g = f.path("geometry");
            geometries.add(g.isMissingNode() || g.isNull() ? null : geometry(g));
            JsonNode p = f.path("properties");
            if (p.isObject()) {
                final int row = i;
                p.properties().forEach(e -> {
                    List<JsonNode> col = props.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    while (col.size() < row) {
                        col.add(null);
                    }
                    col.add(e.getValue());
                });
            }
        }
        List<GeoTable.Column> columns = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : props.entrySet()) {
            List<JsonNode> values = e.getValue();
            while (values.size() < features.size()) {
                values.add(null);
            }
            columns.add(column(e.getKey().equals("geometry") ? "geometry_" : e.getKey(), values));
        }
        return new GeoTable(crs, geometries, columns);
    }

    private static GeoTable.Column column(String name, List<JsonNode> values) {
        boolean allInt = true;
        boolean allNumber = true;
        boolean allBool = true;
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                continue;
            }
            allInt &= v.isIntegralNumber() && v.canConvertToLong();
            allNumber &= v.isNumber();
            allBool &= v.isBoolean();
        }
        ColumnType type = allBool ? ColumnType.BOOLEAN : allInt ? ColumnType.INTEGER
                : allNumber ? ColumnType.REAL : ColumnType.TEXT;
        List<Object> out = new ArrayList<>(values.size());
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                out.add(null);
                continue;
            }
            switch (type) {
                case BOOLEAN: out.add(v.asBoolean()); break;
                case INTEGER: out.add(v.asLong()); break;
                case REAL: out.add(v.asDouble()); break;
                default: out.add(v.isTextual() ? v.asText() : v.toString()); break;
            }
        }
        return new GeoTable.Column(name, type, out);
    }

    private static Geometry geometry(JsonNode g) {
        String type = g.path("type").asText("");
        JsonNode c = g.path("coordinates");
        switch (type) {
            case "Point":
                return FACTORY.createPoint(coordinate(c));
            case "MultiPoint": {
                Point[] pts = new Point[c.size()];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = FACTORY.createPoint(coordinate(c.get(i)));
                }
                return FACTORY.createMultiPoint(pts);
            }
            case "LineString":
                return FACTORY.createLineString(coordinates(c));
            case "MultiLineString": {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = FACTORY.createLineString(coordinates(c.get(i)));
                }
                return FACTORY.createMultiLineString(lines);
            }
            case "Polygon":
                return polygon(c);
            case "MultiPolygon": {
                Polygon[] polys = new Polygon[c.size()];
                for (int i = 0; i < polys.length; i++) {
                    polys[i] = polygon(c.get(i));
                }
                return FACTORY.createMultiPolygon(polys);
            }
            case "GeometryCollection": {
                JsonNode gs = g.path("geometries");
                Geometry[] parts = new Geometry[gs.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = geometry(gs.get(i));
                }
                return FACTORY.createGeometryCollection(parts);
            }
            default:
                throw new IllegalArgumentException("unknown geometry type '" + type + "'");
        }
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(JsonNode list) {
        Coordinate[] out = new Coordinate[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = coordinate(list.get(i));
        }
        return out;
    }

    private static Coordinate coordinate(JsonNode p) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a position must be [x, y(, z)], got " + p);
        }
        return p.size() > 2 && p.get(2).isNumber() ? new Coordinate(p.get(0).asDouble(), p.get(1).asDouble(),
                p.get(2).asDouble()) : new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }
}
