package org.eolearn.core;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;

/**
 * Applies a coordinate transform (Apache SIS / GeoAPI {@link MathTransform}) to every vertex of a JTS geometry, as
 * shapely geometries are transformed with pyproj: no densification, Z dropped. The one place the modules reproject
 * geometries (geometry's {@code Reprojection}, io's {@code GeoUtils} and vector import).
 *
 * @since 0.1
 */
public final class GeometryTransforms {

    private GeometryTransforms() {
    }

    /**
     * Transforms a copy of a geometry.
     *
     * @param geometry    the geometry (not modified)
     * @param transform   the transform, x = easting/longitude and y = northing/latitude
     * @param description what is transformed, for error messages (e.g. "from EPSG:4326 to EPSG:32633")
     * @return the transformed copy
     * @throws IllegalArgumentException naming the coordinate that cannot be transformed
     */
    public static Geometry apply(Geometry geometry, MathTransform transform, String description) {
        Objects.requireNonNull(transform, "transform");
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            private final double[] buf = new double[2];

            @Override
            public void filter(CoordinateSequence seq, int i) {
                buf[0] = seq.getX(i);
                buf[1] = seq.getY(i);
                try {
                    transform.transform(buf, 0, buf, 0, 1);
                } catch (TransformException e) {
                    throw new IllegalArgumentException("cannot reproject " + new Coordinate(seq.getX(i), seq.getY(i))
                            + (description == null ? "" : " " + description) + ": " + e.getMessage(), e);
                }
                seq.setOrdinate(i, 0, buf[0]);
                seq.setOrdinate(i, 1, buf[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }
}
