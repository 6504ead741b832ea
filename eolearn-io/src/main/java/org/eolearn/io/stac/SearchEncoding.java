package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eolearn.io.sentinelhub.ProcessRequest;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Writes a {@link StacSearch} as a POST body or GET query, with the maximum cloud cover in the form the
 * catalogue's conformance classes allow.
 */
final class SearchEncoding {
    static final String CQL2_JSON = "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json";
    static final String CQL2_TEXT = "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text";
    private static final Pattern ITEM_SEARCH_FILTER =
            Pattern.compile("https://api\\.stacspec\\.org/v1\\.0\\.0[^/]*/item-search#filter");
    private static final Pattern ITEM_SEARCH_QUERY =
            Pattern.compile("https://api\\.stacspec\\.org/v1\\.0\\.0[^/]*/item-search#query");
    static final String CLOUD_COVER = "eo:cloud_cover";

    /** How the maximum cloud cover is sent. */
    enum CloudCover {
        /** A CQL2 {@code filter} (filter extension). */
        FILTER,
        /** The {@code query} extension. */
        QUERY,
        /** Not sent: the client drops the items above it. */
        CLIENT;

        /** The form a catalogue supports: filter before query, else the client. */
        static CloudCover of(Set<String> conformance) {
            boolean filter = conformance.contains(CQL2_JSON)
                    || conformance.stream().anyMatch(c -> ITEM_SEARCH_FILTER.matcher(c).matches());
            if (filter) {
                return FILTER;
            }
            return conformance.stream().anyMatch(c -> ITEM_SEARCH_QUERY.matcher(c).matches()) ? QUERY : CLIENT;
        }
    }

    private SearchEncoding() {}

    /** The POST body: collections, bbox or intersects, datetime, limit, sortby, query or filter. */
    static ObjectNode body(StacSearch s, CloudCover cc) {
        ObjectNode o = StacJson.MAPPER.createObjectNode();
        if (!s.collections().isEmpty()) {
            ArrayNode c = o.putArray("collections");
            s.collections().forEach(c::add);
        }
        if (s.bbox() != null) {
            ArrayNode b = o.putArray("bbox");
            for (double v : s.bbox()) {
                b.add(v);
            }
        }
        if (s.intersects() != null) {
            o.set("intersects", geoJson(s.intersects()));
        }
        if (s.datetime() != null) {
            o.put("datetime", s.datetime());
        }
        if (s.limit() != null) {
            o.put("limit", s.limit());
        }
        if (!s.sortBy().isEmpty()) {
            ArrayNode sort = o.putArray("sortby");
            for (StacSearch.SortBy k : s.sortBy()) {
                sort.addObject().put("field", k.field()).put("direction", k.direction().name().toLowerCase(Locale.ROOT));
            }
        }
        if (s.maxCloudCover() != null) {
            if (cc == CloudCover.FILTER) {
                o.set("filter", cql2Json(s.maxCloudCover()));
                o.put("filter-lang", "cql2-json");
            } else if (cc == CloudCover.QUERY) {
                o.set("query", query(s.maxCloudCover()));
            }
        }
        return o;
    }

    /**
     * The GET parameters (not encoded), in the order of the POST body. A filter is CQL2 text when the
     * catalogue advertises it, else CQL2-JSON text.
     */
    static Map<String, String> parameters(StacSearch s, CloudCover cc, Set<String> conformance) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!s.collections().isEmpty()) {
            p.put("collections", String.join(",", s.collections()));
        }
        if (s.bbox() != null) {
            List<String> b = new ArrayList<>();
            for (double v : s.bbox()) {
                b.add(number(v));
            }
            p.put("bbox", String.join(",", b));
        }
        if (s.intersects() != null) {
            p.put("intersects", geoJson(s.intersects()).toString());
        }
        if (s.datetime() != null) {
            p.put("datetime", s.datetime());
        }
        if (s.limit() != null) {
            p.put("limit", Integer.toString(s.limit()));
        }
        if (!s.sortBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (StacSearch.SortBy k : s.sortBy()) {
                keys.add((k.direction() == StacSearch.Direction.ASC ? "+" : "-") + k.field());
            }
            p.put("sortby", String.join(",", keys));
        }
        if (s.maxCloudCover() != null) {
            if (cc == CloudCover.FILTER && conformance.contains(CQL2_TEXT)) {
                p.put("filter", CLOUD_COVER + " <= " + number(s.maxCloudCover()));
                p.put("filter-lang", "cql2-text");
            } else if (cc == CloudCover.FILTER) {
                p.put("filter", cql2Json(s.maxCloudCover()).toString());
                p.put("filter-lang", "cql2-json");
            } else if (cc == CloudCover.QUERY) {
                p.put("query", query(s.maxCloudCover()).toString());
            }
        }
        return p;
    }

    /** The query string of parameters, percent-encoded (RFC 3986; {@code +} is sent as {@code %2B}). */
    static String queryString(Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(k)).append('=').append(encode(v));
        });
        return sb.toString();
    }

    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == ':' || c == '/';
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** {@code {"op":"<=","args":[{"property":"eo:cloud_cover"},x]}}. */
    static ObjectNode cql2Json(double max) {
        ObjectNode f = StacJson.MAPPER.createObjectNode();
        f.put("op", "<=");
        ArrayNode args = f.putArray("args");
        args.addObject().put("property", CLOUD_COVER);
        args.add(max);
        return f;
    }

    /** {@code {"eo:cloud_cover":{"lte":x}}}. */
    static ObjectNode query(double max) {
        ObjectNode q = StacJson.MAPPER.createObjectNode();
        q.putObject(CLOUD_COVER).put("lte", max);
        return q;
    }

    /** A Point, Polygon or MultiPolygon as GeoJSON (polygons by {@link ProcessRequest#geoJson(Geometry)}). */
    static JsonNode geoJson(Geometry g) {
        if (g instanceof Point p) {
            ObjectNode o = StacJson.MAPPER.createObjectNode();
            o.put("type", "Point");
            o.putArray("coordinates").add(p.getX()).add(p.getY());
            return o;
        }
        return ProcessRequest.geoJson(g);
    }

    /** A number without exponent or needless zeros: {@code 13.3}, {@code 20}, {@code 0.00001}. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
