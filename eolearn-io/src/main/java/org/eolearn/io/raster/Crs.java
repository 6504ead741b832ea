package org.eolearn.io.raster;

import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * CRS helpers of the file tasks, on Apache SIS: transforms between EPSG codes or WKT definitions (always in
 * "x, y" = east, north order, as sentinelhub-py) and sentinelhub's two ways of moving a bounding box to another
 * CRS. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Crs {

    private Crs() {
    }

    /**
     * Tells whether an EPSG code is a geographic (longitude/latitude) CRS.
     *
     * @param epsg the code
     * @return true for 4326 and other geographic codes Apache SIS knows, or codes 4000..4999 otherwise
     */
    public static boolean isGeographic(int epsg) {
        if (epsg == 4326) {
            return true;
        }
        try {
            return new CRS(epsg).toSis() instanceof GeographicCRS;
        } catch (RuntimeException e) {
            return epsg >= 4000 && epsg < 5000;
        }
    }

    /**
     * Parses a WKT definition (for example a GeoPackage's {@code gpkg_spatial_ref_sys.definition}) into a SIS CRS
     * with "x, y" axis order.
     *
     * @param wkt the WKT 1 or WKT 2 text
     * @return the CRS
     * @throws IllegalArgumentException if SIS cannot parse it
     */
    public static CoordinateReferenceSystem fromWkt(String wkt) {
        try {
            return AbstractCRS.castOrCopy(org.apache.sis.referencing.CRS.fromWKT(wkt))
                    .forConvention(AxesConvention.RIGHT_HANDED);
        } catch (FactoryException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse the CRS definition: " + e.getMessage(), e);
        }
    }

    /**
     * The SIS CRS of an EPSG code.
     *
     * @param crs the code
     * @return the CRS, "x, y" order
     * @throws IllegalArgumentException if SIS does not know the code (an EPSG database is not bundled)
     */
    public static CoordinateReferenceSystem toSis(CRS crs) {
        try {
            return crs.toSis();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The coordinate operation between two CRSs.
     *
     * @param from the source CRS
     * @param to   the target CRS
     * @return the transform
     * @throws IllegalArgumentException if SIS cannot find one
     */
    public static MathTransform transform(CoordinateReferenceSystem from, CoordinateReferenceSystem to) {
        try {
            return org.apache.sis.referencing.CRS.findOperation(from, to, null).getMathTransform();
        } catch (FactoryException e) {
            throw new IllegalArgumentException("cannot transform between " + from.getName() + " and "
                    + to.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Transforms points in place.
     *
     * @param t   the transform
     * @param xys {@code x0, y0, x1, y1, ...}
     * @return the same array, transformed
     */
    public static double[] apply(MathTransform t, double[] xys) {
        try {
            t.transform(xys, 0, xys, 0, xys.length / 2);
            return xys;
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform coordinates: " + e.getMessage(), e);
        }
    }

    /**
     * sentinelhub's {@code BBox.transform}: the lower-left and upper-right corners are transformed and form the
     * new box (their min/max).
     *
     * @param bbox   the box
     * @param target the target CRS
     * @return the box in the target CRS (the same box when the CRS is equal)
     */
    public static BBox transformCorners(BBox bbox, CRS target) {
        if (bbox.crs().equals(target)) {
            return bbox;
        }
        double[] p = apply(transform(toSis(bbox.crs()), toSis(target)),
                new double[] {bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY()});
        return new BBox(Math.min(p[0], p[2]), Math.min(p[1], p[3]), Math.max(p[0], p[2]), Math.max(p[1], p[3]),
                target);
    }

    /**
     * sentinelhub's {@code BBox.transform_bounds}: the box's polygon (four corners) is transformed and its
     * envelope returned, as {@code {minX, minY, maxX, maxY}}.
     *
     * @param bbox   the box
     * @param target the target CRS (a SIS object)
     * @return the bounds in the target CRS
     */
    public static double[] transformBounds(BBox bbox, CoordinateReferenceSystem target) {
        return transformBounds(bbox, toSis(bbox.crs()), target);
    }

    /**
     * {@link #transformBounds(BBox, CoordinateReferenceSystem)} with the box's CRS given as a SIS object (for a
     * code SIS cannot build from its EPSG code alone, e.g. from a GeoPackage's WKT).
     *
     * @param bbox   the box
     * @param source the box's CRS
     * @param target the target CRS
     * @return the bounds {@code {minX, minY, maxX, maxY}} in the target CRS
     */
    public static double[] transformBounds(BBox bbox, CoordinateReferenceSystem source,
                                           CoordinateReferenceSystem target) {
        double[] p = apply(transform(source, target), new double[] {bbox.minX(), bbox.minY(),
            bbox.minX(), bbox.maxY(), bbox.maxX(), bbox.maxY(), bbox.maxX(), bbox.minY()});
        double[] out = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < p.length; i += 2) {
            out[0] = Math.min(out[0], p[i]);
            out[1] = Math.min(out[1], p[i + 1]);
            out[2] = Math.max(out[2], p[i]);
            out[3] = Math.max(out[3], p[i + 1]);
        }
        return out;
    }
}
