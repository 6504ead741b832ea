package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eolearn.io.vector.GeoJson;
import org.locationtech.jts.geom.Geometry;

/** Reads STAC JSON (items, assets, bands, collections, links) into the package's records. */
final class StacJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private StacJson() {}

    static StacItem item(JsonNode f, URI pageUrl) {
        if (f == null || !f.isObject()) {
            throw new IllegalArgumentException("an item must be a JSON object, got " + kind(f));
        }
        String id = text(f.get("id"));
        if (id == null) {
            throw new IllegalArgumentException("an item has no id");
        }
        try {
            URI base = pageUrl;
            String self = linkHref(f.get("links"), "self");
            if (self != null) {
                base = resolve(pageUrl, self);
            }
            JsonNode p = f.path("properties");
            Instant datetime = instant(text(p.get("datetime")));
            if (datetime == null) {
                datetime = instant(text(p.get("start_datetime")));
            }
            Integer epsg = epsg(p);
            Map<String, StacAsset> assets = new LinkedHashMap<>();
            JsonNode as = f.path("assets");
            if (as.isObject()) {
                for (Map.Entry<String, JsonNode> e : as.properties()) {
                    assets.put(e.getKey(), asset(e.getKey(), e.getValue(), base, p, epsg));
                }
            }
            return new StacItem(id, text(f.get("collection")), datetime, numbers(f.get("bbox")),
                    geometry(f.get("geometry")), number(p.get("eo:cloud_cover")), epsg, p.isObject() ? p : null, assets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("item " + id + ": " + e.getMessage(), e);
        }
    }

    private static StacAsset asset(String key, JsonNode a, URI base, JsonNode itemProperties, Integer itemEpsg) {
        String href = text(a.get("href"));
        if (href == null) {
            throw new IllegalArgumentException("asset '" + key + "' has no href");
        }
        Integer epsg = epsg(a);
        List<Integer> shape = integers(a.has("proj:shape") ? a.get("proj:shape") : itemProperties.get("proj:shape"));
        double[] t = numbers(a.has("proj:transform") ? a.get("proj:transform") : itemProperties.get("proj:transform"));
        List<Double> transform = null;
        if (t != null) {
            transform = new ArrayList<>(t.length);
            for (double v : t) {
                transform.add(v);
            }
        }
        List<String> roles = new ArrayList<>();
        a.path("roles").forEach(r -> {
            if (r.isTextual()) {
                roles.add(r.asText());
            }
        });
        Map<String, URI> alternates = new LinkedHashMap<>();
        JsonNode alt = a.path("alternate");
        if (alt.isObject()) {
            for (Map.Entry<String, JsonNode> e : alt.properties()) {
                String h = text(e.getValue().get("href"));
                if (h != null) {
                    alternates.put(e.getKey(), resolve(base, h));
                }
            }
        }
        return new StacAsset(key, resolve(base, href), text(a.get("type")), roles, text(a.get("title")), bands(a),
                epsg != null ? epsg : itemEpsg, shape, transform, alternates);
    }

    /**
     * The bands of an asset: {@code bands} (STAC 1.1), {@code eo:bands} and {@code raster:bands} (STAC 1.0)
     * merged by index, each value taken from the first array that has it, then from the asset itself.
     */
    static List<StacBand> bands(JsonNode a) {
        JsonNode b11 = a.path("bands");
        JsonNode eo = a.path("eo:bands");
        JsonNode raster = a.path("raster:bands");
        int n = Math.max(size(b11), Math.max(size(eo), size(raster)));
        List<StacBand> out = new ArrayList<>(n);
        if (n == 0) {
            boolean bandLike = a.has("eo:common_name") || a.has("nodata") || a.has("data_type")
                    || a.has("raster:scale") || a.has("raster:offset");
            if (bandLike) {
                out.add(band(a, null, null, null));
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out.add(band(a, b11.path(i), eo.path(i), raster.path(i)));
        }
        return out;
    }

    private static StacBand band(JsonNode asset, JsonNode b11, JsonNode eo, JsonNode raster) {
        JsonNode none = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        JsonNode b = b11 == null ? none : b11;
        JsonNode e = eo == null ? none : eo;
        JsonNode r = raster == null ? none : raster;
        String name = first(text(b.get("name")), text(e.get("name")));
        String common = first(text(b.get("eo:common_name")), text(e.get("common_name")), text(b.get("common_name")),
                text(asset.get("eo:common_name")));
        Double nodata = first(nodata(b.get("nodata")), nodata(r.get("nodata")), nodata(asset.get("nodata")));
        String dataType = first(text(b.get("data_type")), text(r.get("data_type")), text(asset.get("data_type")));
        Double scale = first(number(b.get("raster:scale")), number(r.get("scale")), number(asset.get("raster:scale")));
        Double offset = first(number(b.get("raster:offset")), number(r.get("offset")),
                number(asset.get("raster:offset")));
        return new StacBand(name, common, nodata, dataType, scale == null ? 1 : scale, offset == null ? 0 : offset);
    }

    static StacCollection collection(JsonNode c) {
        String id = text(c.get("id"));
        if (id == null) {
            throw new IllegalArgumentException("a collection has no id");
        }
        JsonNode extent = c.path("extent");
        double[] bbox = numbers(extent.path("spatial").path("bbox").path(0));
        JsonNode interval = extent.path("temporal").path("interval").path(0);
        return new StacCollection(id, text(c.get("title")), text(c.get("description")), bbox,
                instant(text(interval.get(0))), instant(text(interval.get(1))));
    }

    /** The EPSG code of an object: {@code proj:epsg}, or {@code proj:code} of the form {@code EPSG:<n>}. */
    static Integer epsg(JsonNode o) {
        JsonNode e = o.get("proj:epsg");
        if (e != null && e.isIntegralNumber() && e.canConvertToInt()) {
            return e.asInt();
        }
        String code = text(o.get("proj:code"));
        if (code != null && code.toUpperCase(Locale.ROOT).startsWith("EPSG:")) {
            try {
                return Integer.valueOf(code.substring(5).trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("proj:code '" + code + "' is not EPSG:<number>");
            }
        }
        return null;
    }

    /** The href of the first link with a relation, or {@code null}. */
    static String linkHref(JsonNode links, String rel) {
        JsonNode link = link(links, rel);
        return link == null ? null : text(link.get("href"));
    }

    /** The first link with a relation (and an href), or {@code null}. */
    static JsonNode link(JsonNode links, String rel) {
        if (links == null || !links.isArray()) {
            return null;
        }
        for (JsonNode l : links) {
            if (rel.equals(text(l.get("rel"))) && text(l.get("href")) != null) {
                return l;
            }
        }
        return null;
    }

    static URI resolve(URI base, String href) {
        URI u;
        try {
            u = new URI(href);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + href + "' is not a URI: " + e.getReason());
        }
        return u.isAbsolute() || base == null ? u : base.resolve(u);
    }

    static Instant instant(String s) {
        if (s == null || s.isEmpty() || s.equals("..")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not an RFC 3339 date-time");
            }
        }
    }

    private static Geometry geometry(JsonNode g) {
        if (g == null || g.isNull() || g.isMissingNode()) {
            return null;
        }
        List<Geometry> gs = GeoJson.parse(g).geometries();
        return gs.isEmpty() ? null : gs.get(0);
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    /** A no-data value: a number, or the raster extension's strings {@code nan}, {@code inf}, {@code -inf}. */
    private static Double nodata(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private static double[] numbers(JsonNode n) {
        if (n == null || !n.isArray() || n.isEmpty()) {
            return null;
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException("expected numbers, got " + n);
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static List<Integer> integers(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<Integer> out = new ArrayList<>(n.size());
        for (JsonNode v : n) {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new IllegalArgumentException("proj:shape must hold integers, got " + n);
            }
            out.add(v.asInt());
        }
        return out;
    }

    private static int size(JsonNode n) {
        return n.isArray() ? n.size() : 0;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.isObject() ? "an object" : n.isArray() ? "an array" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
