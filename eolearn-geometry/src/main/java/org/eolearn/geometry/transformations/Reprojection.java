package org.eolearn.geometry.transformations;

import java.util.Objects;
import org.apache.sis.referencing.CRS;
import org.eolearn.core.BBox;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * Coordinate transforms between EPSG codes with Apache SIS (x = easting/longitude, y = northing/latitude).
 * Without SIS's optional EPSG database SIS knows WGS84 (4326), the UTM zones (326xx/327xx) and a few more codes; any
 * other code raises an exception that says so. Thread-safe.
 *
 * @since 0.1
 */
public final class Reprojection {

    private final MathTransform transform;
    private final org.eolearn.core.CRS source;
    private final org.eolearn.core.CRS target;

    private Reprojection(org.eolearn.core.CRS source, org.eolearn.core.CRS target, MathTransform transform) {
        this.source = source;
        this.target = target;
        this.transform = transform;
    }

    /**
     * A transform from one CRS to another.
     *
     * @param source the CRS of the input coordinates
     * @param target the CRS of the output coordinates
     * @return the reprojection
     * @throws IllegalArgumentException if Apache SIS cannot build the transform (e.g. an EPSG code it does not know)
     */
    public static Reprojection between(org.eolearn.core.CRS source, org.eolearn.core.CRS target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        try {
            return new Reprojection(source, target,
                    CRS.findOperation(source.toSis(), target.toSis(), null).getMathTransform());
        } catch (FactoryException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot reproject from " + source + " to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Transforms a geometry (a new geometry; the input is not modified). Z values are dropped.
     *
     * @param geometry the geometry in the source CRS
     * @return the geometry in the target CRS
     */
    public Geometry apply(Geometry geometry) {
        return org.eolearn.core.GeometryTransforms.apply(geometry, transform, "from " + source + " to " + target);
    }

    /**
     * Transforms one point.
     *
     * @param x x in the source CRS
     * @param y y in the source CRS
     * @return {@code {x, y}} in the target CRS
     */
    public double[] apply(double x, double y) {
        double[] p = {x, y};
        try {
            transform.transform(p, 0, p, 0, 1);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot reproject (" + x + ", " + y + ") from " + source + " to "
                    + target + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * sentinelhub's {@code bbox_to_dimensions}: the raster size {@code {width, height}} of a bounding box at a
     * resolution in metres, {@code round(|east2 - east1| / resX)} by {@code round(|north2 - north1| / resY)}
     * (half to even) measured in UTM. A UTM box is used as is; any other box has its two corners transformed to the
     * UTM zone of its centre (the {@code utm} package's zone rules). The one implementation is
     * {@link org.eolearn.core.Utm#dimensions}.
     *
     * @param bbox the box
     * @param resX metres per pixel along x
     * @param resY metres per pixel along y
     * @return {@code {width, height}}
     */
    public static int[] bboxToDimensions(BBox bbox, double resX, double resY) {
        return org.eolearn.core.Utm.dimensions(bbox, resX, resY);
    }
}
