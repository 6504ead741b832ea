package org.eolearn.io.sentinelhub;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The execute arguments of the input tasks ({@code bbox}, {@code time_interval}, {@code geometry}), read from a
 * workflow's JSON values or Java objects the way eo-learn reads them; shared by the Sentinel Hub and STAC inputs.
 *
 * @since 0.1
 */
public final class InputArgs {

    private InputArgs() {
    }

    /**
     * Reads a bbox argument: a {@link BBox}, or a map with {@code bbox} (four numbers) and {@code crs}.
     *
     * @param v the value or null
     * @return the box or null
     */
    public static BBox bbox(Object v) {
        if (v == null || v instanceof BBox) {
            return (BBox) v;
        }
        if (v instanceof Map<?, ?> m && m.get("bbox") instanceof List<?> l && l.size() == 4) {
            CRS crs = m.get("crs") == null ? CRS.WGS84 : CRS.parse(String.valueOf(m.get("crs")));
            return new BBox(num(l.get(0)), num(l.get(1)), num(l.get(2)), num(l.get(3)), crs);
        }
        throw new IllegalArgumentException("bbox must be a BBox or {\"bbox\": [minx, miny, maxx, maxy], \"crs\": "
                + "\"EPSG:xxxx\"}, got " + v);
    }

    private static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("bbox coordinates must be numbers, got " + o);
    }

    /**
     * Reads a time interval argument: one date (or date-time) or a list of two (dates or
     * {@link LocalDateTime}s), parsed as sentinelhub-py's {@code parse_time_interval}.
     *
     * @param v the value or null
     * @return {@code {from, to}} or null
     */
    public static LocalDateTime[] timeInterval(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime[] a && a.length == 2) {
            return a.clone();
        }
        if (v instanceof String s) {
            return TimeUtils.parseTimeInterval(s, null);
        }
        if (v instanceof List<?> l && l.size() == 2) {
            if (l.get(0) instanceof LocalDateTime a && l.get(1) instanceof LocalDateTime b) {
                if (a.isAfter(b)) {
                    throw new IllegalArgumentException("time_interval: start " + a + " is after end " + b);
                }
                return new LocalDateTime[] {a, b};
            }
            return TimeUtils.parseTimeInterval(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
        }
        throw new IllegalArgumentException("time_interval must be a date or a list of two dates, got " + v);
    }

    /**
     * Reads a geometry argument: a JTS geometry or WKT.
     *
     * @param v the value or null
     * @return the geometry or null
     */
    public static Geometry geometry(Object v) {
        if (v == null || v instanceof Geometry) {
            return (Geometry) v;
        }
        if (v instanceof String s) {
            try {
                return new WKTReader().read(s);
            } catch (ParseException e) {
                throw new IllegalArgumentException("geometry must be WKT, got '" + s + "'", e);
            }
        }
        throw new IllegalArgumentException("geometry must be a JTS geometry or WKT, got " + v);
    }

    /**
     * The area an input task fills: the patch's box or the task's, which must agree when both are given (eo-learn's
     * rule and messages).
     *
     * @param patch an existing patch, or null
     * @param bbox  the execute-time box, or null
     * @return the box
     * @throws IllegalArgumentException when neither gives a box, or both give different ones
     */
    public static BBox area(org.eolearn.core.EOPatch patch, BBox bbox) {
        BBox patchBox = patch == null ? null : patch.bbox();
        if (patchBox == null) {
            if (bbox == null) {
                throw new IllegalArgumentException("Either the eopatch or the task must provide valid bbox.");
            }
            return bbox;
        }
        if (bbox == null || patchBox.equals(bbox)) {
            return patchBox;
        }
        throw new IllegalArgumentException("Either the eopatch or the task must provide bbox, or they must be the "
                + "same.");
    }
}
