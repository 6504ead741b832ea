package org.eolearn.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * A coordinate reference system identified by its EPSG code, as sentinelhub-py's {@code CRS} is.
 *
 * <p>WGS84 ({@code 4326}), Web Mercator ({@code 3857}) and the UTM zones ({@code 326xx}, {@code 327xx}) are known
 * without an EPSG database; other codes need Apache SIS's optional EPSG data on the class path when they are
 * turned into a SIS object with {@link #toSis()}. Coordinates are always in "x, y" order (longitude before
 * latitude for WGS84), like sentinelhub-py.
 *
 * <pre>{@code
 * CRS utm33n = CRS.utm(33, true);           // EPSG:32633
 * CRS same = CRS.parse("urn:ogc:def:crs:EPSG::32633");
 * }</pre>
 *
 * @param epsg the EPSG code, positive
 * @since 0.1
 */
public record CRS(int epsg) {

    /** WGS84 longitude/latitude, EPSG:4326. */
    public static final CRS WGS84 = new CRS(4326);
    /** Popular (Web) Mercator, EPSG:3857. */
    public static final CRS POP_WEB = new CRS(3857);

    private static final Pattern CODE = Pattern.compile(
            "(?i)^(?:urn:ogc:def:crs:epsg:[0-9.]*:|epsg:|https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/)?(\\d+)$");

    /**
     * Validates the code.
     *
     * @param epsg a positive EPSG code
     */
    public CRS {
        if (epsg <= 0) {
            throw new IllegalArgumentException("epsg must be a positive EPSG code, got " + epsg);
        }
    }

    /**
     * Returns the CRS of a UTM zone on the WGS84 datum.
     *
     * @param zone  the zone number, 1 to 60
     * @param north whether the northern hemisphere (326xx) or the southern (327xx)
     * @return the CRS
     */
    public static CRS utm(int zone, boolean north) {
        if (zone < 1 || zone > 60) {
            throw new IllegalArgumentException("zone must be in 1..60, got " + zone);
        }
        return new CRS((north ? 32600 : 32700) + zone);
    }

    /**
     * Parses the forms in which eo-learn files and users name a CRS: {@code "32633"},
     * {@code "EPSG:32633"}, {@code "urn:ogc:def:crs:EPSG::32633"},
     * {@code "http://www.opengis.net/def/crs/EPSG/0/32633"} and {@code "urn:ogc:def:crs:OGC:1.3:CRS84"}
     * (and {@code "CRS84"}, both WGS84).
     *
     * @param text the CRS name
     * @return the CRS
     * @throws IllegalArgumentException if the text names no EPSG code
     */
    public static CRS parse(String text) {
        String t = text.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("CRS84") || upper.equals("OGC:CRS84") || upper.endsWith(":CRS84")
                || upper.endsWith("/CRS84") || upper.equals("WGS84")) {
            return WGS84;
        }
        Matcher m = CODE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read an EPSG code from CRS name '" + text + "'");
        }
        return new CRS(Integer.parseInt(m.group(1)));
    }

    /**
     * Tells whether this is a UTM zone CRS on WGS84.
     *
     * @return true for 32601..32660 and 32701..32760
     */
    public boolean isUtm() {
        return (epsg > 32600 && epsg <= 32660) || (epsg > 32700 && epsg <= 32760);
    }

    /**
     * Returns the OGC URN used in eo-learn's {@code bbox.geojson}.
     *
     * @return {@code "urn:ogc:def:crs:EPSG::<code>"}
     */
    public String ogcUrn() {
        return "urn:ogc:def:crs:EPSG::" + epsg;
    }

    /**
     * Returns the Apache SIS CRS, with axes in "x, y" (east, north) order.
     *
     * @return the SIS object
     * @throws IllegalStateException if SIS cannot build the CRS (an unusual code without the EPSG database)
     */
    public CoordinateReferenceSystem toSis() {
        SisLogging.ensure();
        try {
            CoordinateReferenceSystem crs;
            if (epsg == 4326) {
                crs = CommonCRS.WGS84.normalizedGeographic();
            } else if (isUtm()) {
                boolean north = epsg < 32700;
                int zone = epsg % 100;
                double centralLon = -183 + 6 * zone;
                crs = CommonCRS.WGS84.universal(north ? 1 : -1, centralLon);
            } else {
                crs = org.apache.sis.referencing.CRS.forCode("EPSG:" + epsg);
            }
            return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
        } catch (FactoryException e) {
            throw new IllegalStateException("Apache SIS cannot create EPSG:" + epsg
                    + " (add org.apache.sis.non-free:sis-embedded-data for the full EPSG database): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code "EPSG:<code>"}.
     *
     * @return the short name
     */
    @Override
    public String toString() {
        return "EPSG:" + epsg;
    }
}
