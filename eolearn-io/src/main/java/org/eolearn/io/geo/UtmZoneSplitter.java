package org.eolearn.io.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * sentinelhub-py's {@code UtmZoneSplitter}: cells of a fixed size in metres, aligned to multiples of the size
 * (plus an offset) in each UTM zone that the area touches, so that an area of any size, even one crossing zones,
 * becomes many patch boxes each in its own UTM CRS.
 *
 * <p>The zones are the 2 × 60 polygons of sentinelhub-py (latitude 0 to 84 and -80 to 0, 6° wide, one vertex per
 * degree), northern zones 1..60 first. The area (in WGS84) is intersected with each zone; the intersection is
 * transformed to the zone's UTM CRS vertex by vertex, its box's lower-left corner is aligned to
 * {@code floor((ll - offset) / size) * size + offset}, the box is partitioned by the size and the cells that
 * intersect the area are kept. Each info holds {@code crs} (e.g. {@code UTM_33N}), {@code utm_zone} ({@code "05"}),
 * {@code utm_row} ({@code ""}), {@code direction}, {@code index}, {@code index_x} and {@code index_y}.
 *
 * <pre>{@code
 * UtmZoneSplitter splitter = new UtmZoneSplitter(List.of(country), CRS.WGS84, 10_000, 10_000);
 * List<BBox> patches = splitter.bboxes();   // 10 km cells, each in its UTM zone
 * }</pre>
 *
 * @since 0.1
 */
public final class UtmZoneSplitter {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final List<AreaSplit> parts;
    private final Geometry areaShape;
    private final CRS crs;

    /**
     * Splits an area into cells of {@code sizeX × sizeY} metres without offset.
     *
     * @param shapes the polygons of the area
     * @param crs    their CRS
     * @param sizeX  the cell width in metres, positive
     * @param sizeY  the cell height in metres, positive
     */
    public UtmZoneSplitter(List<? extends Geometry> shapes, CRS crs, double sizeX, double sizeY) {
        this(shapes, crs, sizeX, sizeY, 0, 0);
    }

    /**
     * Splits an area into cells of {@code sizeX × sizeY} metres aligned to {@code N * size + offset}.
     *
     * @param shapes  the polygons of the area
     * @param crs     their CRS
     * @param sizeX   the cell width in metres, positive
     * @param sizeY   the cell height in metres, positive
     * @param offsetX the grid offset along x in metres
     * @param offsetY the grid offset along y in metres
     */
    public UtmZoneSplitter(List<? extends Geometry> shapes, CRS crs, double sizeX, double sizeY, double offsetX,
            double offsetY) {
        if (!(sizeX > 0) || !(sizeY > 0)) {
            throw new IllegalArgumentException("bbox_size must be positive, got (" + sizeX + ", " + sizeY + ")");
        }
        this.crs = crs;
        this.areaShape = BBoxSplitter.union(shapes);
        Geometry wgs84 = GeoUtils.transform(areaShape, crs, CRS.WGS84);
        List<AreaSplit> out = new ArrayList<>();
        int index = 0;
        String[] directions = {"N", "S"};
        for (int d = 0; d < 2; d++) {
            boolean north = d == 0;
            int lat0 = north ? 0 : -80;
            int lat1 = north ? 84 : 0;
            for (int zone = 1; zone <= 60; zone++) {
                int lng = -180 + (zone - 1) * 6;
                Polygon zonePolygon = zonePolygon(lng, lat0, lat1);
                if (!zonePolygon.getEnvelopeInternal().intersects(wgs84.getEnvelopeInternal())) {
                    continue;
                }
                Geometry inter = polygonal(zonePolygon.intersection(wgs84));
                if (inter.isEmpty() || !(inter.getArea() > 0)) {
                    continue;
                }
                CRS utm = CRS.utm(zone, north);
                Geometry utmInter = GeoUtils.transform(inter, CRS.WGS84, utm);
                BBox box = BBox.of(utmInter.getEnvelopeInternal(), utm);
                double ax = Math.floor((box.minX() - offsetX) / sizeX) * sizeX + offsetX;
                double ay = Math.floor((box.minY() - offsetY) / sizeY) * sizeY + offsetY;
                BBox aligned = new BBox(ax, ay, box.maxX(), box.maxY(), utm);
                BBox[][] grid = GeoUtils.partition(aligned, 0, 0, sizeX, sizeY);
                for (int i = 0; i < grid.length; i++) {
                    for (int j = 0; j < grid[i].length; j++) {
                        if (grid[i][j].toPolygon(FACTORY).intersects(utmInter)) {
                            Map<String, Object> info = new LinkedHashMap<>();
                            info.put("crs", "UTM_" + zone + directions[d]);
                            info.put("utm_zone", String.format(java.util.Locale.ROOT, "%02d", zone));
                            info.put("utm_row", "");
                            info.put("direction", directions[d]);
                            info.put("index", index++);
                            info.put("index_x", i);
                            info.put("index_y", j);
                            out.add(new AreaSplit(grid[i][j], info));
                        }
                    }
                }
            }
        }
        this.parts = List.copyOf(out);
    }

    /** One vertex per degree, as sentinelhub-py builds its zone polygons. */
    private static Polygon zonePolygon(int lng, int lat0, int lat1) {
        List<Coordinate> pts = new ArrayList<>();
        for (int deg = lat0; deg < lat1; deg++) {
            pts.add(new Coordinate(lng, deg));
        }
        for (int deg = lng; deg < lng + 6; deg++) {
            pts.add(new Coordinate(deg, lat1));
        }
        for (int deg = lat1; deg > lat0; deg--) {
            pts.add(new Coordinate(lng + 6, deg));
        }
        for (int deg = lng + 6; deg > lng; deg--) {
            pts.add(new Coordinate(deg, lat0));
        }
        pts.add(pts.get(0));
        return FACTORY.createPolygon(pts.toArray(new Coordinate[0]));
    }

    private static Geometry polygonal(Geometry g) {
        if (g instanceof GeometryCollection && !(g instanceof Polygonal)) {
            List<Polygon> polys = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                for (int k = 0; k < part.getNumGeometries(); k++) {
                    if (part.getGeometryN(k) instanceof Polygon p) {
                        polys.add(p);
                    }
                }
            }
            return FACTORY.createMultiPolygon(polys.toArray(new Polygon[0]));
        }
        return g;
    }

    /**
     * Returns the cells with their info.
     *
     * @return the parts, zone by zone
     */
    public List<AreaSplit> parts() {
        return parts;
    }

    /**
     * Returns the cells' boxes, each in its UTM CRS.
     *
     * @return the boxes
     */
    public List<BBox> bboxes() {
        return parts.stream().map(AreaSplit::bbox).toList();
    }

    /**
     * Returns the union of the area's shapes, in the splitter's CRS.
     *
     * @return the area
     */
    public Geometry areaShape() {
        return areaShape;
    }

    /**
     * Returns the CRS of the area's shapes.
     *
     * @return the CRS
     */
    public CRS crs() {
        return crs;
    }
}
