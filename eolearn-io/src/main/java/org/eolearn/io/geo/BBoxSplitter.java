package org.eolearn.io.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * sentinelhub-py's {@code BBoxSplitter}: partitions the bounding box of an area into a grid (a number of columns
 * and rows, or cells of a fixed size) and keeps the cells whose polygon intersects the area.
 *
 * <pre>{@code
 * BBoxSplitter splitter = BBoxSplitter.ofShape(List.of(dam), CRS.WGS84, 4, 3);
 * for (BBox patchBox : splitter.bboxes()) { ... }
 * }</pre>
 *
 * <p>Cells are listed column by column ({@code index_x} outer, {@code index_y} inner), as in sentinelhub-py; each
 * info holds {@code parent_bbox}, {@code index_x} and {@code index_y}.
 *
 * @since 0.1
 */
public final class BBoxSplitter {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final CRS crs;
    private final Geometry areaShape;
    private final BBox areaBBox;
    private final List<AreaSplit> parts;

    private BBoxSplitter(List<? extends Geometry> shapes, CRS crs, int nx, int ny, double sx, double sy) {
        this.crs = Objects.requireNonNull(crs, "crs");
        this.areaShape = union(shapes);
        this.areaBBox = envelopeBox(shapes, crs);
        BBox[][] grid = GeoUtils.partition(areaBBox, nx, ny, sx, sy);
        List<AreaSplit> out = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            for (int j = 0; j < grid[i].length; j++) {
                BBox cell = grid[i][j];
                if (cell.toPolygon(FACTORY).intersects(areaShape)) {
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("parent_bbox", areaBBox);
                    info.put("index_x", i);
                    info.put("index_y", j);
                    out.add(new AreaSplit(cell, info));
                }
            }
        }
        this.parts = List.copyOf(out);
    }

    /**
     * Splits the area's box into {@code columns × rows} equal cells ({@code split_shape}).
     *
     * @param shapes  the polygons of the area, in {@code crs}
     * @param crs     their CRS
     * @param columns the number of columns, positive
     * @param rows    the number of rows, positive
     * @return the splitter
     */
    public static BBoxSplitter ofShape(List<? extends Geometry> shapes, CRS crs, int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("split_shape must be positive, got (" + columns + ", " + rows + ")");
        }
        return new BBoxSplitter(shapes, crs, columns, rows, 0, 0);
    }

    /**
     * Splits the area's box into cells of a fixed size in CRS units ({@code split_size}); the last column and row
     * may extend past the area's box.
     *
     * @param shapes the polygons of the area, in {@code crs}
     * @param crs    their CRS
     * @param width  the cell width, positive
     * @param height the cell height, positive
     * @return the splitter
     */
    public static BBoxSplitter ofSize(List<? extends Geometry> shapes, CRS crs, double width, double height) {
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("split_size must be positive, got (" + width + ", " + height + ")");
        }
        return new BBoxSplitter(shapes, crs, 0, 0, width, height);
    }

    static Geometry union(List<? extends Geometry> shapes) {
        if (shapes == null || shapes.isEmpty()) {
            throw new IllegalArgumentException("shape_list must hold at least one geometry");
        }
        for (Geometry g : shapes) {
            if (g == null || g.isEmpty()) {
                throw new IllegalArgumentException("shape_list must not hold null or empty geometries");
            }
        }
        return UnaryUnionOp.union(new ArrayList<Geometry>(shapes));
    }

    static BBox envelopeBox(List<? extends Geometry> shapes, CRS crs) {
        Envelope env = new Envelope();
        for (Geometry g : shapes) {
            env.expandToInclude(g.getEnvelopeInternal());
        }
        return BBox.of(env, crs);
    }

    /**
     * Returns the kept cells with their info.
     *
     * @return the parts, in sentinelhub-py's order
     */
    public List<AreaSplit> parts() {
        return parts;
    }

    /**
     * Returns the kept cells' boxes.
     *
     * @return the boxes
     */
    public List<BBox> bboxes() {
        return parts.stream().map(AreaSplit::bbox).toList();
    }

    /**
     * Returns the kept cells' boxes, optionally buffered (relative, before reducing) and reduced to the envelope of
     * their intersection with the area ({@code get_bbox_list(buffer, reduce_bbox_sizes)}).
     *
     * @param buffer the relative buffer, 0 for none
     * @param reduce whether to shrink each box to the area inside it
     * @return the boxes
     */
    public List<BBox> bboxes(double buffer, boolean reduce) {
        List<BBox> out = new ArrayList<>();
        for (AreaSplit p : parts) {
            BBox b = buffer != 0 ? GeoUtils.buffer(p.bbox(), buffer, buffer) : p.bbox();
            if (reduce) {
                Geometry inter = b.toPolygon(FACTORY).intersection(areaShape);
                b = BBox.of(inter.getEnvelopeInternal(), crs);
            }
            out.add(b);
        }
        return out;
    }

    /**
     * Returns each cell's intersection with the area ({@code get_geometry_list}).
     *
     * @return the geometries, in the order of {@link #parts()}
     */
    public List<Geometry> geometries() {
        return parts.stream().map(p -> p.bbox().toPolygon(FACTORY).intersection(areaShape)).toList();
    }

    /**
     * Returns the box of the whole area.
     *
     * @return the area's box
     */
    public BBox areaBBox() {
        return areaBBox;
    }

    /**
     * Returns the union of the area's shapes.
     *
     * @return the area
     */
    public Geometry areaShape() {
        return areaShape;
    }
}
