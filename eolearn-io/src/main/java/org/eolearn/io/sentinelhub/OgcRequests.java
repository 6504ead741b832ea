package org.eolearn.io.sentinelhub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.internal.PyFormat;
import org.eolearn.io.geo.GeoUtils;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * The 2018 OGC URLs of sentinelhub-py 2.4.6 (WMS GetMap, WCS GetCoverage, WFS GetFeature), character for
 * character: parameters in 2018's order, values formatted as Python's {@code str}, encoded as Python's
 * {@code urlencode} ({@code quote_plus}).
 *
 * <pre>{@code
 * String url = OgcRequests.wcsUrl(URI.create(DataSource.OGC_BASE_URL), "<ID>", "TRUE-COLOR-S2-L1C", bbox,
 *         MimeType.TIFF_D32F, "100m", "100m", date, Duration.ofSeconds(-1), 1.0, custom, DataSource.SENTINEL2_L1C);
 * }</pre>
 *
 * @since 0.1
 */
public final class OgcRequests {

    private OgcRequests() {
    }

    /**
     * Builds a WMS GetMap URL.
     *
     * @param ogcBaseUrl     the OGC base URL ending with {@code /ogc/}
     * @param instanceId     the instance id
     * @param layer          the layer
     * @param bbox           the box
     * @param format         the image format
     * @param width          the width in pixels
     * @param height         the height in pixels
     * @param date           the acquisition time, or null (timeless)
     * @param timeDifference the time difference (negative: the date alone)
     * @param maxcc          the maximal cloud cover in [0, 1]
     * @param custom         custom URL parameters in order (may be empty)
     * @param source         the data source (Landsat 8, MODIS and DEM go to US West)
     * @return the URL
     */
    public static String wmsUrl(java.net.URI ogcBaseUrl, String instanceId, String layer, BBox bbox,
            MimeType format, int width, int height, LocalDateTime date, Duration timeDifference, double maxcc,
            Map<CustomUrlParam, Object> custom, DataSource source) {
        Map<String, String> sizes = new LinkedHashMap<>();
        sizes.put("WIDTH", Integer.toString(width));
        sizes.put("HEIGHT", Integer.toString(height));
        sizes.put("LAYERS", layer);
        sizes.put("REQUEST", "GetMap");
        sizes.put("VERSION", "1.3.0");
        return url("wms", ogcBaseUrl, instanceId, bbox, format, sizes, date, timeDifference, maxcc, custom, source);
    }

    /**
     * Builds a WCS GetCoverage URL.
     *
     * @param ogcBaseUrl     the OGC base URL ending with {@code /ogc/}
     * @param instanceId     the instance id
     * @param layer          the coverage (layer)
     * @param bbox           the box
     * @param format         the image format
     * @param resx           the x resolution as given (e.g. {@code 10m})
     * @param resy           the y resolution as given
     * @param date           the acquisition time, or null (timeless)
     * @param timeDifference the time difference (negative: the date alone)
     * @param maxcc          the maximal cloud cover in [0, 1]
     * @param custom         custom URL parameters in order (may be empty)
     * @param source         the data source
     * @return the URL
     */
    public static String wcsUrl(java.net.URI ogcBaseUrl, String instanceId, String layer, BBox bbox,
            MimeType format, String resx, String resy, LocalDateTime date, Duration timeDifference, double maxcc,
            Map<CustomUrlParam, Object> custom, DataSource source) {
        Map<String, String> sizes = new LinkedHashMap<>();
        sizes.put("RESX", resx);
        sizes.put("RESY", resy);
        sizes.put("COVERAGE", layer);
        sizes.put("REQUEST", "GetCoverage");
        sizes.put("VERSION", "1.1.2");
        return url("wcs", ogcBaseUrl, instanceId, bbox, format, sizes, date, timeDifference, maxcc, custom, source);
    }

    private static String url(String service, java.net.URI ogcBaseUrl, String instanceId, BBox bbox,
            MimeType format, Map<String, String> sizes, LocalDateTime date, Duration timeDifference, double maxcc,
            Map<CustomUrlParam, Object> custom, DataSource source) {
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isEmpty()) {
            throw new IllegalArgumentException("instance_id is not set: OGC requests need a configured instance id");
        }
        if (!(maxcc >= 0) || maxcc > 1) {
            throw new IllegalArgumentException("maxcc must be in [0, 1], got " + maxcc);
        }
        String base = source == null ? ogcBaseUrl.toString() : source.ogcBaseUrl(ogcBaseUrl).toString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SERVICE", service);
        params.put("BBOX", bboxParam(bbox));
        params.put("FORMAT", format.mime());
        params.put("CRS", "EPSG:" + bbox.crs().epsg());
        params.putAll(sizes);
        if (date != null) {
            boolean exact = timeDifference.isNegative();
            LocalDateTime start = exact ? date : date.minus(timeDifference);
            LocalDateTime end = exact ? date : date.plus(timeDifference);
            params.put("TIME", TimeUtils.isoformat(start) + "/" + TimeUtils.isoformat(end));
        }
        params.put("MAXCC", PyFormat.floatRepr(100.0 * maxcc));
        putCustom(params, custom, bbox);
        return base + service + "/" + instanceId + "?" + urlencode(params);
    }

    /**
     * Builds an OGC URL as sentinelhub-py 3.11.5 does (its {@code WmsRequest}/{@code WcsRequest}): parameters
     * {@code SERVICE, WARNINGS=False, MAXCC}, the custom parameters, {@code BBOX, FORMAT, CRS, TIME} (with
     * {@code Z}), then {@code WIDTH, HEIGHT, LAYERS, REQUEST, VERSION} or {@code RESX, RESY, COVERAGE, REQUEST,
     * VERSION}.
     *
     * @param service        {@code "wms"} or {@code "wcs"}
     * @param baseUrl        the service base URL (e.g. {@code https://services.sentinel-hub.com})
     * @param instanceId     the instance id
     * @param layer          the layer
     * @param bbox           the box
     * @param format         the image format
     * @param sizeX          the width (WMS) or x resolution (WCS), as text
     * @param sizeY          the height (WMS) or y resolution (WCS), as text
     * @param date           the acquisition time, or null (timeless)
     * @param timeDifference the time difference (negative: the date alone)
     * @param maxcc          the maximal cloud cover in [0, 1]
     * @param custom         custom URL parameters in order (may be empty)
     * @return the URL
     */
    public static String urlV3(String service, java.net.URI baseUrl, String instanceId, String layer, BBox bbox,
            MimeType format, String sizeX, String sizeY, LocalDateTime date, Duration timeDifference, double maxcc,
            Map<CustomUrlParam, Object> custom) {
        boolean wms = service.equals("wms");
        if (!wms && !service.equals("wcs")) {
            throw new IllegalArgumentException("service must be wms or wcs, got " + service);
        }
        if (!(maxcc >= 0) || maxcc > 1) {
            throw new IllegalArgumentException("maxcc must be in [0, 1], got " + maxcc);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SERVICE", service);
        params.put("WARNINGS", "False");
        params.put("MAXCC", PyFormat.floatRepr(100.0 * maxcc));
        putCustom(params, custom, bbox);
        params.put("BBOX", bboxParam(bbox));
        params.put("FORMAT", format.mime());
        params.put("CRS", "EPSG:" + bbox.crs().epsg());
        if (date != null) {
            boolean exact = timeDifference.isNegative();
            LocalDateTime start = exact ? date : date.minus(timeDifference);
            LocalDateTime end = exact ? date : date.plus(timeDifference);
            params.put("TIME", TimeUtils.serializeUtc(start) + "/" + TimeUtils.serializeUtc(end));
        }
        params.put(wms ? "WIDTH" : "RESX", sizeX);
        params.put(wms ? "HEIGHT" : "RESY", sizeY);
        params.put(wms ? "LAYERS" : "COVERAGE", layer);
        params.put("REQUEST", wms ? "GetMap" : "GetCoverage");
        params.put("VERSION", wms ? "1.3.0" : "1.1.2");
        String b = baseUrl.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + "/ogc/" + service + "/" + instanceId + "?" + urlencode(params);
    }

    /**
     * Builds a 2018 WFS GetFeature URL (one page).
     *
     * @param ogcBaseUrl the OGC base URL ending with {@code /ogc/}
     * @param instanceId the instance id
     * @param source     the data source (its WFS type name)
     * @param bbox       the box
     * @param from       the interval start
     * @param to         the interval end
     * @param maxcc      the maximal cloud cover in [0, 1]
     * @param maxFeatures the page size (100)
     * @param offset     the feature offset
     * @return the URL
     */
    public static String wfsUrl(java.net.URI ogcBaseUrl, String instanceId, DataSource source, BBox bbox,
            LocalDateTime from, LocalDateTime to, double maxcc, int maxFeatures, int offset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SERVICE", "wfs");
        params.put("REQUEST", "GetFeature");
        params.put("TYPENAMES", source.wfsTypename());
        params.put("BBOX", bboxParam(bbox));
        params.put("OUTPUTFORMAT", MimeType.JSON.mime());
        params.put("SRSNAME", "EPSG:" + bbox.crs().epsg());
        params.put("TIME", TimeUtils.isoformat(from) + "/" + TimeUtils.isoformat(to));
        params.put("MAXCC", PyFormat.floatRepr(100.0 * maxcc));
        params.put("MAXFEATURES", Integer.toString(maxFeatures));
        params.put("FEATURE_OFFSET", Integer.toString(offset));
        return ogcBaseUrl + "wfs/" + instanceId + "?" + urlencode(params);
    }

    /**
     * The 2018 WMS rule for a missing dimension: {@code round(width * |Δnorth| / |Δeast|)} (or the inverse) on the
     * UTM box, half-to-even.
     *
     * @param bbox   the box
     * @param width  the width, or null
     * @param height the height, or null
     * @return {@code {width, height}}
     * @throws IllegalArgumentException if neither is given
     */
    public static int[] wmsDimensions(BBox bbox, Integer width, Integer height) {
        if (width != null && height != null) {
            return new int[] {width, height};
        }
        if (width == null && height == null) {
            throw new IllegalArgumentException("At least one of parameters 'width' and 'height' must have an "
                    + "integer value");
        }
        BBox utm = GeoUtils.toUtmBBox(bbox);
        double de = Math.abs(utm.maxX() - utm.minX());
        double dn = Math.abs(utm.maxY() - utm.minY());
        if (width != null) {
            return new int[] {width, (int) Math.rint(width * dn / de)};
        }
        return new int[] {(int) Math.rint(height * de / dn), height};
    }

    /** {@code str(bbox)}, reversed to lat,lon for WGS84. */
    static String bboxParam(BBox b) {
        if (b.crs().equals(CRS.WGS84)) {
            return PyFormat.floatRepr(b.minY()) + "," + PyFormat.floatRepr(b.minX()) + ","
                    + PyFormat.floatRepr(b.maxY()) + "," + PyFormat.floatRepr(b.maxX());
        }
        return PyFormat.floatRepr(b.minX()) + "," + PyFormat.floatRepr(b.minY()) + ","
                + PyFormat.floatRepr(b.maxX()) + "," + PyFormat.floatRepr(b.maxY());
    }

    /** Python's {@code str} of a value. */
    static String pyStr(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return PyFormat.floatRepr(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    private static String swapWkt(String wkt) {
        try {
            Geometry g = new WKTReader().read(wkt);
            g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
                double x = c.x;
                c.x = c.y;
                c.y = x;
            });
            g.geometryChanged();
            return new WKTWriter().write(g);
        } catch (ParseException e) {
            throw new IllegalArgumentException("custom_url_params Geometry is not WKT: " + e.getMessage(), e);
        }
    }

    /**
     * Python's {@code urllib.parse.urlencode} of string pairs ({@code quote_plus}: letters, digits and
     * {@code _.-~} kept, space as {@code +}, everything else as UTF-8 {@code %XX}).
     *
     * @param params the parameters in order
     * @return the query string
     */
    public static String urlencode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(quotePlus(e.getKey())).append('=').append(quotePlus(e.getValue()));
        }
        return sb.toString();
    }

    /**
     * Python's {@code quote_plus}.
     *
     * @param s the text
     * @return the encoded text
     */
    public static String quotePlus(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** The 2018 custom URL parameters: the evalscript base64-encoded, a WGS84 geometry with swapped axes. */
    private static void putCustom(Map<String, String> params, Map<CustomUrlParam, Object> custom, BBox bbox) {
        if (custom == null) {
            return;
        }
        for (Map.Entry<CustomUrlParam, Object> e : custom.entrySet()) {
            String v = pyStr(e.getValue());
            if (e.getKey() == CustomUrlParam.EVALSCRIPT) {
                v = Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            } else if (e.getKey() == CustomUrlParam.GEOMETRY && bbox.crs().equals(CRS.WGS84)) {
                v = swapWkt(v);
            }
            params.put(e.getKey().value(), v);
        }
    }
}
