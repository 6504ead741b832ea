package org.eolearn.core;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * The one home of the CRS and box arithmetic the modules share, with sentinelhub-py's rules: cached transforms
 * between {@link CRS}s, points and boxes transformed (by two corners as {@code BBox.transform}, or by four as
 * {@code transform_bounds}), UTM zones by the rules of the {@code utm} package (Norway and Svalbard exceptions
 * included), and {@code bbox_to_dimensions}, the raster size of a box at a resolution in metres.
 *
 * <pre>{@code
 * CRS zone = Utm.crs(14.5, 46.0);                          // EPSG:32633
 * int[] wh = Utm.dimensions(bboxInWgs84, 10, 10);          // width and height at 10 m
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Stateless apart from a thread-safe cache of transforms.
 *
 * @since 0.1
 */
public final class Utm {

    private static final ConcurrentHashMap<Long, MathTransform> TRANSFORMS = new ConcurrentHashMap<>();

    private Utm() {
    }

    /**
     * The (cached) Apache SIS transform between two CRSs, both in "x, y" axis order.
     *
     * @param source the source CRS
     * @param target the target CRS
     * @return the transform
     * @throws IllegalArgumentException if SIS finds no operation between them
     */
    public static MathTransform transform(CRS source, CRS target) {
        long key = ((long) source.epsg() << 32) | target.epsg();
        return TRANSFORMS.computeIfAbsent(key, k -> {
            try {
                return org.apache.sis.referencing.CRS.findOperation(source.toSis(), target.toSis(), null)
                        .getMathTransform();
            } catch (FactoryException | IllegalStateException e) {
                throw new IllegalArgumentException("no coordinate operation from " + source + " to " + target
                        + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Transforms one point.
     *
     * @param x      x (easting or longitude)
     * @param y      y (northing or latitude)
     * @param source its CRS
     * @param target the wanted CRS
     * @return {@code {x, y}} in the target CRS
     */
    public static double[] point(double x, double y, CRS source, CRS target) {
        if (source.equals(target)) {
            return new double[] {x, y};
        }
        double[] pt = {x, y};
        try {
            transform(source, target).transform(pt, 0, pt, 0, 1);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform point (" + x + ", " + y + ") from " + source
                    + " to " + target + ": " + e.getMessage(), e);
        }
        return pt;
    }

    /**
     * Transforms a box by its lower-left and upper-right corners only (sentinelhub-py's {@code BBox.transform}).
     *
     * @param bbox   the box
     * @param target the wanted CRS
     * @return the transformed box (min and max sorted)
     */
    public static BBox corners(BBox bbox, CRS target) {
        if (bbox.crs().equals(target)) {
            return bbox;
        }
        double[] ll = point(bbox.minX(), bbox.minY(), bbox.crs(), target);
        double[] ur = point(bbox.maxX(), bbox.maxY(), bbox.crs(), target);
        return new BBox(Math.min(ll[0], ur[0]), Math.min(ll[1], ur[1]), Math.max(ll[0], ur[0]),
                Math.max(ll[1], ur[1]), target);
    }

    /**
     * Transforms a box's four corners and returns their envelope (sentinelhub-py's {@code transform_bounds}).
     *
     * @param bbox   the box
     * @param target the wanted CRS
     * @return the envelope in the target CRS
     */
    public static BBox bounds(BBox bbox, CRS target) {
        if (bbox.crs().equals(target)) {
            return bbox;
        }
        double[][] cs = {{bbox.minX(), bbox.minY()}, {bbox.minX(), bbox.maxY()}, {bbox.maxX(), bbox.maxY()},
            {bbox.maxX(), bbox.minY()}};
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] c : cs) {
            double[] p = point(c[0], c[1], bbox.crs(), target);
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        return new BBox(minX, minY, maxX, maxY, target);
    }

    /**
     * The UTM zone of a WGS84 point, by the {@code utm} package's rules (which sentinelhub-py's
     * {@code CRS.get_utm_from_wgs84} uses): the longitude normalised to [-180, 180), Norway's zone 32 and
     * Svalbard's zones 31, 33, 35 and 37.
     *
     * @param lng the longitude in degrees
     * @param lat the latitude in degrees
     * @return the zone, 1 to 60
     * @throws IllegalArgumentException for a point that is not finite
     */
    public static int zone(double lng, double lat) {
        if (!Double.isFinite(lng) || !Double.isFinite(lat)) {
            throw new IllegalArgumentException("lng and lat must be finite, got (" + lng + ", " + lat + ")");
        }
        lng = ((lng % 360) + 540) % 360 - 180;
        if (lat >= 56 && lat < 64 && lng >= 3 && lng < 12) {
            return 32;
        }
        if (lat >= 72 && lat <= 84 && lng >= 0) {
            if (lng < 9) {
                return 31;
            } else if (lng < 21) {
                return 33;
            } else if (lng < 33) {
                return 35;
            } else if (lng < 42) {
                return 37;
            }
        }
        return Math.min(60, (int) ((lng + 180) / 6) + 1);
    }

    /**
     * The UTM CRS of a WGS84 point.
     *
     * @param lng the longitude in degrees
     * @param lat the latitude in degrees
     * @return EPSG:326zz (lat &ge; 0) or EPSG:327zz
     */
    public static CRS crs(double lng, double lat) {
        return CRS.utm(zone(lng, lat), lat >= 0);
    }

    /**
     * The UTM CRS of a box's middle point (transformed to WGS84 first when needed).
     *
     * @param bbox the box
     * @return the UTM zone CRS
     */
    public static CRS crsOf(BBox bbox) {
        double[] ll = point((bbox.minX() + bbox.maxX()) / 2, (bbox.minY() + bbox.maxY()) / 2, bbox.crs(), CRS.WGS84);
        return crs(ll[0], ll[1]);
    }

    /**
     * The box in UTM: unchanged when already in UTM, else its two corners transformed to the UTM zone of its middle
     * point (sentinelhub-py's {@code to_utm_bbox}).
     *
     * @param bbox the box
     * @return the UTM box
     */
    public static BBox toUtm(BBox bbox) {
        Objects.requireNonNull(bbox, "bbox");
        return bbox.crs().isUtm() ? bbox : corners(bbox, crsOf(bbox));
    }

    /**
     * sentinelhub-py's {@code bbox_to_dimensions}: {@code (round(|Δeast| / resx), round(|Δnorth| / resy))} on the
     * UTM box, half to even.
     *
     * @param bbox the box
     * @param resx the horizontal resolution in metres, positive
     * @param resy the vertical resolution in metres, positive
     * @return {@code {width, height}}
     * @throws IllegalArgumentException if a resolution is not positive and finite, or a dimension rounds to zero
     */
    public static int[] dimensions(BBox bbox, double resx, double resy) {
        if (!(resx > 0) || !(resy > 0) || !Double.isFinite(resx) || !Double.isFinite(resy)) {
            throw new IllegalArgumentException("resolution must be positive and finite, got (" + resx + ", " + resy
                    + ")");
        }
        BBox utm = toUtm(bbox);
        double w = Math.rint(Math.abs(utm.maxX() - utm.minX()) / resx);
        double h = Math.rint(Math.abs(utm.maxY() - utm.minY()) / resy);
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("resolution (" + resx + ", " + resy + ") gives an empty image of "
                    + (long) w + "x" + (long) h + " pixels for " + bbox);
        }
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("resolution (" + resx + ", " + resy + ") gives a too large image for "
                    + bbox);
        }
        return new int[] {(int) w, (int) h};
    }
}
