package org.eolearn.io.geo;

import org.apache.sis.referencing.CRS;
import org.eolearn.core.BBox;
import org.eolearn.core.Utm;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.operation.MathTransform;

/**
 * sentinelhub-py's {@code geo_utils} and the transforms of its {@code BBox}: point and box transforms between
 * CRSs (Apache SIS), the UTM zone of a WGS84 point, {@link #toUtmBBox(BBox)} and
 * {@link #bboxToDimensions(BBox, double)}.
 *
 * <pre>{@code
 * BBox area = new BBox(111.6388, 8.6488, 111.6988, 8.6868, CRS.WGS84);
 * int[] wh = GeoUtils.bboxToDimensions(area, 10);   // {659, 421}, as sentinelhub-py
 * }</pre>
 *
 * <p>Like sentinelhub-py, {@link #transform(BBox, org.eolearn.core.CRS)} moves only the lower-left and upper-right
 * corners, while {@link #transformBounds(BBox, org.eolearn.core.CRS)} takes the envelope of the four transformed
 * corners. Rounding is Python's half-to-even ({@link Math#rint(double)}). The transforms, UTM zones and sizes are
 * {@link Utm}'s (eolearn-core), under sentinelhub-py's names here; the geometry module uses the same code.
 *
 * @since 0.1
 */
public final class GeoUtils {

    private GeoUtils() {
    }

    /**
     * Returns the (cached) Apache SIS transform between two CRSs, both in "x, y" axis order.
     *
     * @param source the source CRS
     * @param target the target CRS
     * @return the transform
     * @throws IllegalArgumentException if SIS finds no operation between them
     */
    public static MathTransform transformOf(org.eolearn.core.CRS source, org.eolearn.core.CRS target) {
        return Utm.transform(source, target);
    }

    /**
     * Transforms one point.
     *
     * @param x      the x (easting or longitude)
     * @param y      the y (northing or latitude)
     * @param source its CRS
     * @param target the wanted CRS
     * @return {@code {x, y}} in the target CRS
     */
    public static double[] transformPoint(double x, double y, org.eolearn.core.CRS source,
            org.eolearn.core.CRS target) {
        return Utm.point(x, y, source, target);
    }

    /**
     * Transforms a box by its lower-left and upper-right corners only (sentinelhub-py's {@code BBox.transform}).
     *
     * @param bbox   the box
     * @param target the wanted CRS
     * @return the transformed box (min and max sorted)
     */
    public static BBox transform(BBox bbox, org.eolearn.core.CRS target) {
        return Utm.corners(bbox, target);
    }

    /**
     * Transforms a box's polygon (its four corners) and returns the envelope (sentinelhub-py's
     * {@code transform_bounds}, used for the Catalog's WGS84 {@code bbox}).
     *
     * @param bbox   the box
     * @param target the wanted CRS
     * @return the envelope in the target CRS
     */
    public static BBox transformBounds(BBox bbox, org.eolearn.core.CRS target) {
        return Utm.bounds(bbox, target);
    }

    /**
     * Transforms every vertex of a JTS geometry (as shapely geometries are transformed with pyproj: no
     * densification).
     *
     * @param geometry the geometry (not modified)
     * @param source   its CRS
     * @param target   the wanted CRS
     * @return a transformed copy
     */
    public static Geometry transform(Geometry geometry, org.eolearn.core.CRS source, org.eolearn.core.CRS target) {
        if (source.equals(target)) {
            return geometry.copy();
        }
        return org.eolearn.core.GeometryTransforms.apply(geometry, transformOf(source, target), "from " + source
                + " to " + target);
    }

    /**
     * Returns the UTM zone CRS of a WGS84 point, by the rules of the {@code utm} package that sentinelhub-py's
     * {@code CRS.get_utm_from_wgs84} uses (Norway and Svalbard exceptions included).
     *
     * @param lng the longitude in degrees
     * @param lat the latitude in degrees
     * @return EPSG:326zz (lat &ge; 0) or EPSG:327zz
     */
    public static org.eolearn.core.CRS utmCrs(double lng, double lat) {
        return Utm.crs(lng, lat);
    }

    /**
     * Returns the UTM zone number of a WGS84 point.
     *
     * @param lng the longitude in degrees
     * @param lat the latitude in degrees
     * @return the zone, 1 to 60
     */
    public static int utmZone(double lng, double lat) {
        return Utm.zone(lng, lat);
    }

    /**
     * Returns the UTM CRS of a box's middle point (transformed to WGS84 first when needed).
     *
     * @param bbox the box
     * @return the UTM zone CRS
     */
    public static org.eolearn.core.CRS utmZone(BBox bbox) {
        return Utm.crsOf(bbox);
    }

    /**
     * Returns the box in UTM: unchanged if its CRS is already UTM, else transformed (by its two corners) to the UTM
     * zone of its middle point (sentinelhub-py's {@code to_utm_bbox}).
     *
     * @param bbox the box
     * @return the UTM box
     */
    public static BBox toUtmBBox(BBox bbox) {
        return Utm.toUtm(bbox);
    }

    /**
     * Returns the image size for a resolution in metres: {@code (round(|Δeast|/resx), round(|Δnorth|/resy))} on
     * the UTM box, rounded half-to-even (sentinelhub-py's {@code bbox_to_dimensions}).
     *
     * @param bbox the box
     * @param resx the horizontal resolution in metres, positive
     * @param resy the vertical resolution in metres, positive
     * @return {@code {width, height}}
     * @throws IllegalArgumentException if a resolution is not positive or a dimension rounds to zero
     */
    public static int[] bboxToDimensions(BBox bbox, double resx, double resy) {
        return Utm.dimensions(bbox, resx, resy);
    }

    /**
     * Same as {@link #bboxToDimensions(BBox, double, double)} with one resolution for both axes.
     *
     * @param bbox       the box
     * @param resolution the resolution in metres
     * @return {@code {width, height}}
     */
    public static int[] bboxToDimensions(BBox bbox, double resolution) {
        return bboxToDimensions(bbox, resolution, resolution);
    }

    /**
     * Returns the resolution in metres of an image of the given size over the box (sentinelhub-py's
     * {@code bbox_to_resolution}).
     *
     * @param bbox   the box
     * @param width  the image width in pixels
     * @param height the image height in pixels
     * @return {@code {resx, resy}}
     */
    public static double[] bboxToResolution(BBox bbox, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive, got " + width + "x" + height);
        }
        BBox utm = toUtmBBox(bbox);
        return new double[] {Math.abs(utm.maxX() - utm.minX()) / width, Math.abs(utm.maxY() - utm.minY()) / height};
    }

    /**
     * Splits a box into {@code numX × numY} equal parts, or into parts of a fixed size (the count then rounds up and
     * the parts may extend past the box) — sentinelhub-py's {@code BBox.get_partition}. The result is indexed
     * {@code [i][j]}, i along x and j along y.
     *
     * @param bbox  the box
     * @param numX  the number of columns, or 0 to use sizeX
     * @param numY  the number of rows, or 0 to use sizeY
     * @param sizeX the part width (when numX is 0)
     * @param sizeY the part height (when numY is 0)
     * @return the parts
     */
    public static BBox[][] partition(BBox bbox, int numX, int numY, double sizeX, double sizeY) {
        double sx;
        double sy;
        int nx;
        int ny;
        if (numX > 0 && numY > 0) {
            nx = numX;
            ny = numY;
            sx = bbox.width() / numX;
            sy = bbox.height() / numY;
        } else if (sizeX > 0 && sizeY > 0) {
            sx = sizeX;
            sy = sizeY;
            nx = (int) Math.ceil(bbox.width() / sizeX);
            ny = (int) Math.ceil(bbox.height() / sizeY);
        } else {
            throw new IllegalArgumentException("either (num_x, num_y) or (size_x, size_y) must be positive");
        }
        BBox[][] out = new BBox[nx][ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                out[i][j] = new BBox(bbox.minX() + i * sx, bbox.minY() + j * sy, bbox.minX() + (i + 1) * sx,
                        bbox.minY() + (j + 1) * sy, bbox.crs());
            }
        }
        return out;
    }

    /**
     * Grows (or shrinks) a box by a relative buffer: each side moves by {@code buffer × size / 2}
     * (sentinelhub-py's {@code BBox.buffer(relative=True)}).
     *
     * @param bbox    the box
     * @param bufferX the relative buffer along x, greater than -1
     * @param bufferY the relative buffer along y, greater than -1
     * @return the buffered box
     */
    public static BBox buffer(BBox bbox, double bufferX, double bufferY) {
        if (bufferX <= -1 || bufferY <= -1) {
            throw new IllegalArgumentException("relative buffer must be greater than -1, got (" + bufferX + ", "
                    + bufferY + ")");
        }
        double dx = bufferX * bbox.width() / 2;
        double dy = bufferY * bbox.height() / 2;
        return new BBox(bbox.minX() - dx, bbox.minY() - dy, bbox.maxX() + dx, bbox.maxY() + dy, bbox.crs());
    }
}
