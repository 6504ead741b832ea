package org.eolearn.geometry.transformations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Burns JTS geometries into a row-major {@code double} raster with the rules of GDAL's rasteriser, which
 * {@code rasterio.features.rasterize} (and so eo-learn) uses.
 *
 * <ul>
 *   <li>Polygons and multipolygons: a pixel is burned when its centre is inside (scanline fill through the pixel
 *   centres, even-odd over every ring of the geometry, so holes stay empty). Along a scanline the span between two
 *   crossings {@code x1 < x2} burns the columns {@code floor(x1 + 0.5) .. floor(x2 + 0.5) - 1}; an edge counts
 *   for the rows whose centre {@code y + 0.5} satisfies {@code ymin <= y + 0.5 < ymax}.</li>
 *   <li>Lines: the pixels of a Bresenham line between the pixels holding the vertices.</li>
 *   <li>Points: the pixel holding the point.</li>
 *   <li>{@code allTouched}: lines, and the outlines of polygons in addition to their fill, burn every pixel the
 *   segments pass through.</li>
 * </ul>
 *
 * <p>Each geometry burns a pixel at most once; {@code add} adds the value instead of replacing (rasterio's
 * {@code MergeAlg.add}). Geometries burn in the order given, later ones overwrite earlier ones. Pure functions;
 * thread-safe as long as callers do not share an output raster between threads.
 *
 * @since 0.1
 */
public final class Rasterizer {

    private Rasterizer() {
    }

    /**
     * Burns one geometry.
     *
     * @param raster     the raster, {@code grid.height() * grid.width()} values in row-major order (modified)
     * @param grid       the pixel grid of the raster
     * @param geometry   the geometry in the grid's world coordinates; null or empty burns nothing
     * @param value      the value to burn
     * @param allTouched burn every pixel the geometry touches
     * @param add        add the value to the pixel instead of replacing it
     */
    public static void rasterize(double[] raster, PixelGrid grid, Geometry geometry, double value, boolean allTouched,
                                 boolean add) {
        Objects.requireNonNull(grid, "grid");
        if (raster.length != grid.width() * grid.height()) {
            throw new IllegalArgumentException("raster of " + raster.length + " values does not match the "
                    + grid.height() + "x" + grid.width() + " grid");
        }
        if (geometry == null || geometry.isEmpty()) {
            return;
        }
        Parts parts = new Parts();
        collect(geometry, grid, parts);
        Mask mask = Mask.around(parts, grid.width(), grid.height());
        if (mask == null) {
            return;
        }
        if (!parts.rings.isEmpty()) {
            fillPolygon(parts.rings, mask);
            if (allTouched) {
                for (double[] ring : parts.rings) {
                    lineAllTouched(ring, mask);
                }
            }
        }
        for (double[] line : parts.lines) {
            if (allTouched) {
                lineAllTouched(line, mask);
            } else {
                lineBresenham(line, mask);
            }
        }
        for (double[] point : parts.points) {
            mask.set((int) Math.floor(point[0]), (int) Math.floor(point[1]));
        }
        mask.apply(raster, grid.width(), value, add);
    }

    /**
     * Burns geometries in order into a new raster filled with a background value.
     *
     * @param grid       the pixel grid
     * @param geometries the geometries in world coordinates
     * @param values     one value per geometry
     * @param background the value of pixels no geometry covers
     * @param allTouched burn every pixel a geometry touches
     * @return the raster, {@code grid.height() * grid.width()} values in row-major order
     */
    public static double[] rasterize(PixelGrid grid, List<? extends Geometry> geometries, double[] values,
                                     double background, boolean allTouched) {
        if (geometries.size() != values.length) {
            throw new IllegalArgumentException(geometries.size() + " geometries but " + values.length + " values");
        }
        double[] raster = new double[grid.width() * grid.height()];
        Arrays.fill(raster, background);
        for (int i = 0; i < values.length; i++) {
            rasterize(raster, grid, geometries.get(i), values[i], allTouched, false);
        }
        return raster;
    }

    private static final class Parts {
        final List<double[]> rings = new ArrayList<>();
        final List<double[]> lines = new ArrayList<>();
        final List<double[]> points = new ArrayList<>();
    }

    /** Coordinates in pixel space as interleaved {@code [x0, y0, x1, y1, ...]}. */
    private static double[] pixels(Coordinate[] cs, PixelGrid grid) {
        double[] out = new double[2 * cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[2 * i] = grid.toCol(cs[i].x);
            out[2 * i + 1] = grid.toRow(cs[i].y);
        }
        return out;
    }

    private static void collect(Geometry g, PixelGrid grid, Parts parts) {
        if (g.isEmpty()) {
            return;
        }
        if (g instanceof Polygon) {
            Polygon p = (Polygon) g;
            parts.rings.add(pixels(p.getExteriorRing().getCoordinates(), grid));
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                parts.rings.add(pixels(p.getInteriorRingN(i).getCoordinates(), grid));
            }
        } else if (g instanceof LineString) {
            parts.lines.add(pixels(g.getCoordinates(), grid));
        } else if (g instanceof Point) {
            parts.points.add(pixels(g.getCoordinates(), grid));
        } else if (g instanceof GeometryCollection) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                collect(g.getGeometryN(i), grid, parts);
            }
        } else {
            throw new IllegalArgumentException("cannot rasterise a " + g.getGeometryType());
        }
    }

    /** A window of the raster that holds the pixels one geometry burns. */
    private static final class Mask {
        final int x0;
        final int y0;
        final int w;
        final int h;
        final boolean[] on;

        private Mask(int x0, int y0, int x1, int y1) {
            this.x0 = x0;
            this.y0 = y0;
            this.w = x1 - x0 + 1;
            this.h = y1 - y0 + 1;
            this.on = new boolean[w * h];
        }

        static Mask around(Parts parts, int width, int height) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (List<double[]> list : List.of(parts.rings, parts.lines, parts.points)) {
                for (double[] c : list) {
                    for (int i = 0; i < c.length; i += 2) {
                        minX = Math.min(minX, c[i]);
                        maxX = Math.max(maxX, c[i]);
                        minY = Math.min(minY, c[i + 1]);
                        maxY = Math.max(maxY, c[i + 1]);
                    }
                }
            }
            if (!(minX <= maxX) || !(minY <= maxY)) {
                return null;
            }
            int x0 = (int) Math.max(0, Math.floor(minX) - 1);
            int y0 = (int) Math.max(0, Math.floor(minY) - 1);
            int x1 = (int) Math.min(width - 1, Math.floor(maxX) + 1);
            int y1 = (int) Math.min(height - 1, Math.floor(maxY) + 1);
            return x0 > x1 || y0 > y1 ? null : new Mask(x0, y0, x1, y1);
        }

        void set(int x, int y) {
            int cx = x - x0;
            int cy = y - y0;
            if (cx >= 0 && cx < w && cy >= 0 && cy < h) {
                on[cy * w + cx] = true;
            }
        }

        void span(int y, int xa, int xb) {
            int cy = y - y0;
            if (cy < 0 || cy >= h) {
                return;
            }
            int from = Math.max(xa - x0, 0);
            int to = Math.min(xb - x0, w - 1);
            for (int cx = from; cx <= to; cx++) {
                on[cy * w + cx] = true;
            }
        }

        void apply(double[] raster, int width, double value, boolean add) {
            for (int cy = 0; cy < h; cy++) {
                for (int cx = 0; cx < w; cx++) {
                    if (on[cy * w + cx]) {
                        int idx = (cy + y0) * width + cx + x0;
                        raster[idx] = add ? raster[idx] + value : value;
                    }
                }
            }
        }
    }

    private static void fillPolygon(List<double[]> rings, Mask mask) {
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int edges = 0;
        for (double[] r : rings) {
            for (int i = 1; i < r.length; i += 2) {
                minY = Math.min(minY, r[i]);
                maxY = Math.max(maxY, r[i]);
            }
            edges += r.length / 2;
        }
        int fromRow = Math.max(mask.y0, (int) Math.floor(minY));
        int toRow = Math.min(mask.y0 + mask.h - 1, (int) Math.floor(maxY));
        double[] crossings = new double[edges];
        for (int y = fromRow; y <= toRow; y++) {
            double cy = y + 0.5;
            int n = 0;
            for (double[] r : rings) {
                for (int j = 2; j < r.length; j += 2) {
                    double xa = r[j - 2];
                    double ya = r[j - 1];
                    double xb = r[j];
                    double yb = r[j + 1];
                    if ((ya < cy && yb < cy) || (ya > cy && yb > cy)) {
                        continue;
                    }
                    if (ya == yb) {
                        // a horizontal edge exactly on the centre line: GDAL fills it when it runs right to left
                        if (xa > xb) {
                            mask.span(y, (int) Math.floor(xb + 0.5), (int) Math.floor(xa + 0.5) - 1);
                        }
                        continue;
                    }
                    double x1 = ya < yb ? xa : xb;
                    double x2 = ya < yb ? xb : xa;
                    double y1 = Math.min(ya, yb);
                    double y2 = Math.max(ya, yb);
                    if (cy >= y1 && cy < y2) {
                        crossings[n++] = Math.floor((cy - y1) * (x2 - x1) / (y2 - y1) + x1 + 0.5);
                    }
                }
            }
            Arrays.sort(crossings, 0, n);
            for (int i = 0; i + 1 < n; i += 2) {
                mask.span(y, (int) Math.max(crossings[i], Integer.MIN_VALUE / 2),
                        (int) Math.min(crossings[i + 1], Integer.MAX_VALUE / 2) - 1);
            }
        }
    }

    private static void lineBresenham(double[] line, Mask mask) {
        for (int j = 2; j < line.length; j += 2) {
            int x = (int) Math.floor(line[j - 2]);
            int y = (int) Math.floor(line[j - 1]);
            int xe = (int) Math.floor(line[j]);
            int ye = (int) Math.floor(line[j + 1]);
            int ddx = Math.abs(xe - x);
            int ddy = -Math.abs(ye - y);
            int sx = x < xe ? 1 : -1;
            int sy = y < ye ? 1 : -1;
            int err = ddx + ddy;
            while (true) {
                mask.set(x, y);
                if (x == xe && y == ye) {
                    break;
                }
                int e2 = 2 * err;
                if (e2 >= ddy) {
                    err += ddy;
                    x += sx;
                }
                if (e2 <= ddx) {
                    err += ddx;
                    y += sy;
                }
            }
        }
    }

    /** One Liang-Barsky clipping step: keeps the part of the segment where {@code p * t <= q}. */
    private static boolean clip(double p, double q, double[] t) {
        if (p == 0) {
            return q >= 0;
        }
        double r = q / p;
        if (p < 0) {
            if (r > t[1]) {
                return false;
            }
            t[0] = Math.max(t[0], r);
        } else {
            if (r < t[0]) {
                return false;
            }
            t[1] = Math.min(t[1], r);
        }
        return true;
    }

    /** Every pixel a polyline passes through (a grid traversal along each segment). */
    private static void lineAllTouched(double[] line, Mask mask) {
        for (int j = 2; j < line.length; j += 2) {
            segmentAllTouched(line[j - 2], line[j - 1], line[j], line[j + 1], mask);
        }
    }

    private static void segmentAllTouched(double xa0, double ya0, double xb0, double yb0, Mask mask) {
        // clip to the window (one pixel of margin) so that long segments far outside cost nothing
        double[] t = {0, 1};
        double dx0 = xb0 - xa0;
        double dy0 = yb0 - ya0;
        if (!clip(-dx0, xa0 - (mask.x0 - 1), t) || !clip(dx0, mask.x0 + mask.w + 1 - xa0, t)
                || !clip(-dy0, ya0 - (mask.y0 - 1), t) || !clip(dy0, mask.y0 + mask.h + 1 - ya0, t)) {
            return;
        }
        double xa = t[0] == 0 ? xa0 : xa0 + t[0] * dx0;
        double ya = t[0] == 0 ? ya0 : ya0 + t[0] * dy0;
        double xb = t[1] == 1 ? xb0 : xa0 + t[1] * dx0;
        double yb = t[1] == 1 ? yb0 : ya0 + t[1] * dy0;
        int x = (int) Math.floor(xa);
        int y = (int) Math.floor(ya);
        int xe = (int) Math.floor(xb);
        int ye = (int) Math.floor(yb);
        mask.set(x, y);
        double dx = xb - xa;
        double dy = yb - ya;
        int sx = dx > 0 ? 1 : -1;
        int sy = dy > 0 ? 1 : -1;
        double tMaxX = dx == 0 ? Double.POSITIVE_INFINITY : ((dx > 0 ? x + 1 : x) - xa) / dx;
        double tMaxY = dy == 0 ? Double.POSITIVE_INFINITY : ((dy > 0 ? y + 1 : y) - ya) / dy;
        double tDeltaX = dx == 0 ? Double.POSITIVE_INFINITY : 1 / Math.abs(dx);
        double tDeltaY = dy == 0 ? Double.POSITIVE_INFINITY : 1 / Math.abs(dy);
        long steps = (long) Math.abs(xe - x) + Math.abs(ye - y);
        for (long s = 0; s < steps && (x != xe || y != ye); s++) {
            if (tMaxX < tMaxY) {
                x += sx;
                tMaxX += tDeltaX;
            } else if (tMaxY < tMaxX) {
                y += sy;
                tMaxY += tDeltaY;
            } else {
                x += sx;
                y += sy;
                tMaxX += tDeltaX;
                tMaxY += tDeltaY;
                s++;
            }
            mask.set(x, y);
        }
        mask.set(xe, ye);
    }
}
