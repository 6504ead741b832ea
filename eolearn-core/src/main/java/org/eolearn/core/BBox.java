package org.eolearn.core;

import org.eolearn.core.internal.PyFormat;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * An axis-aligned bounding box in a {@link CRS}, sentinelhub-py's {@code BBox}: the spatial extent of a patch.
 *
 * <p>Coordinates are in the CRS's "x, y" order (easting, northing; longitude, latitude for WGS84).
 *
 * <pre>{@code
 * BBox bbox = new BBox(465181.05, 5079244.89, 466180.53, 5080254.63, CRS.utm(33, true));
 * double widthMetres = bbox.width();
 * }</pre>
 *
 * @param minX the western bound
 * @param minY the southern bound
 * @param maxX the eastern bound
 * @param maxY the northern bound
 * @param crs  the coordinate reference system
 * @since 0.1
 */
public record BBox(double minX, double minY, double maxX, double maxY, CRS crs) {

    /**
     * Validates the bounds.
     *
     * @param minX finite, not greater than maxX
     * @param minY finite, not greater than maxY
     * @param maxX finite
     * @param maxY finite
     * @param crs  not null
     */
    public BBox {
        Objects.requireNonNull(crs, "crs");
        if (!Double.isFinite(minX) || !Double.isFinite(minY) || !Double.isFinite(maxX) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("bbox bounds must be finite, got (" + minX + ", " + minY + ", " + maxX
                    + ", " + maxY + ")");
        }
        if (minX > maxX || minY > maxY) {
            throw new IllegalArgumentException("bbox minimum must not exceed maximum, got min=(" + minX + ", " + minY
                    + ") max=(" + maxX + ", " + maxY + ")");
        }
    }

    /**
     * Returns the box of a JTS envelope.
     *
     * @param envelope the envelope
     * @param crs      its CRS
     * @return the box
     */
    public static BBox of(Envelope envelope, CRS crs) {
        return new BBox(envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY(), crs);
    }

    /**
     * Returns the extent in x.
     *
     * @return {@code maxX - minX}
     */
    public double width() {
        return maxX - minX;
    }

    /**
     * Returns the extent in y.
     *
     * @return {@code maxY - minY}
     */
    public double height() {
        return maxY - minY;
    }

    /**
     * Returns the box as a JTS envelope (without CRS).
     *
     * @return the envelope
     */
    public Envelope toEnvelope() {
        return new Envelope(minX, maxX, minY, maxY);
    }

    /**
     * Returns the box as a polygon with eo-learn's ring order: (minx,miny), (minx,maxy), (maxx,maxy), (maxx,miny).
     *
     * @param factory the geometry factory to use
     * @return the polygon
     */
    public Polygon toPolygon(GeometryFactory factory) {
        return factory.createPolygon(new Coordinate[] {
            new Coordinate(minX, minY), new Coordinate(minX, maxY), new Coordinate(maxX, maxY),
            new Coordinate(maxX, minY), new Coordinate(minX, minY)});
    }

    /**
     * Returns the box in Python's repr form, {@code BBox(((minx, miny), (maxx, maxy)), crs=CRS('32633'))}.
     *
     * @return the repr
     */
    @Override
    public String toString() {
        return "BBox(((" + PyFormat.floatRepr(minX) + ", " + PyFormat.floatRepr(minY) + "), (" + PyFormat.floatRepr(maxX)
                + ", " + PyFormat.floatRepr(maxY) + ")), crs=CRS('" + crs.epsg() + "'))";
    }
}
