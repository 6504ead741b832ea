package org.eolearn.geometry.transformations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns the connected regions of equal value of a row-major raster into polygons, like GDAL's polygonizer behind
 * {@code rasterio.features.shapes} (and so eo-learn's {@code RasterToVectorTask}).
 *
 * <p>A region is a set of equal-valued pixels connected through their sides (4-connectivity) or also through their
 * corners (8-connectivity); masked-out pixels belong to no region. Each region gives one shape whose rings follow
 * the pixel edges (only corner vertices are kept). Shapes are valid JTS geometries: a 4-connected region is a
 * {@link Polygon} whose holes may touch the shell or each other at single points; an 8-connected region made of
 * pieces that only touch at corners is a {@link org.locationtech.jts.geom.MultiPolygon} of those pieces (GDAL
 * writes one self-touching polygon there, which eo-learn then repairs with {@code buffer(0)}). Shapes come in the
 * raster order of their first pixel (GDAL's order differs). Values are compared exactly (NaN equals NaN).
 * Pure functions; thread-safe.
 *
 * @since 0.1
 */
public final class Polygonizer {

    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private Polygonizer() {
    }

    /**
     * One region: its geometry and its raster value.
     *
     * @param geometry the polygon or multipolygon in world coordinates
     * @param value    the raster value of the region
     */
    public record Shape(Geometry geometry, double value) {
    }

    /**
     * Polygonises a raster.
     *
     * @param raster         {@code grid.height() * grid.width()} values in row-major order
     * @param mask           pixels to polygonise ({@code true}), or null for all
     * @param grid           the pixel grid that places pixel corners in world coordinates
     * @param eightConnected 8-connectivity instead of 4-connectivity
     * @param factory        builds the geometries
     * @return the regions in the raster order of their first pixel
     */
    public static List<Shape> polygonize(double[] raster, boolean[] mask, PixelGrid grid, boolean eightConnected,
                                         GeometryFactory factory) {
        Objects.requireNonNull(grid, "grid");
        int w = grid.width();
        int h = grid.height();
        if (raster.length != w * h || (mask != null && mask.length != raster.length)) {
            throw new IllegalArgumentException("raster of " + raster.length + " values does not match the " + h + "x"
                    + w + " grid" + (mask == null ? "" : " or its mask of " + mask.length));
        }
        int[] lab4 = new int[raster.length];
        int n4 = label(raster, mask, w, h, false, lab4);
        List<List<int[]>> shells = new ArrayList<>(n4);
        List<List<int[]>> holes = new ArrayList<>(n4);
        for (int i = 0; i < n4; i++) {
            shells.add(new ArrayList<>(1));
            holes.add(new ArrayList<>(0));
        }
        BitSet visited = new BitSet(4 * raster.length);
        int[] firstPixel = new int[n4];
        Arrays.fill(firstPixel, -1);
        for (int p = 0; p < raster.length; p++) {
            int c = lab4[p];
            if (c < 0) {
                continue;
            }
            if (firstPixel[c] < 0) {
                firstPixel[c] = p;
            }
            int r = p / w;
            int col = p % w;
            for (int side = 0; side < 4; side++) {
                if (visited.get(4 * p + side) || in(lab4, w, h, c, r + SIDE_DR[side], col + SIDE_DC[side])) {
                    continue;
                }
                int[] start = startOf(r, col, side);
                int[] ring = trace(lab4, w, h, c, start[0], start[1], start[2], visited);
                for (int[] loop : splitLoops(ring)) {
                    (signedArea2(loop) > 0 ? shells : holes).get(c).add(loop);
                }
            }
        }
        Polygon[] polygons = new Polygon[n4];
        for (int c = 0; c < n4; c++) {
            List<int[]> s = shells.get(c);
            if (s.size() != 1) {
                throw new IllegalStateException("region " + c + " has " + s.size() + " outer rings");
            }
            LinearRing[] hs = new LinearRing[holes.get(c).size()];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = ring(holes.get(c).get(i), grid, factory);
            }
            polygons[c] = factory.createPolygon(ring(s.get(0), grid, factory), hs);
        }
        List<Shape> out = new ArrayList<>();
        if (!eightConnected) {
            for (int c = 0; c < n4; c++) {
                out.add(new Shape(polygons[c], raster[firstPixel[c]]));
            }
            return out;
        }
        int[] lab8 = new int[raster.length];
        int n8 = label(raster, mask, w, h, true, lab8);
        List<List<Polygon>> groups = new ArrayList<>(n8);
        for (int i = 0; i < n8; i++) {
            groups.add(new ArrayList<>(1));
        }
        int[] first8 = new int[n8];
        Arrays.fill(first8, -1);
        for (int c = 0; c < n4; c++) {
            int g = lab8[firstPixel[c]];
            groups.get(g).add(polygons[c]);
            if (first8[g] < 0) {
                first8[g] = firstPixel[c];
            }
        }
        for (int g = 0; g < n8; g++) {
            List<Polygon> parts = groups.get(g);
            Geometry geom = parts.size() == 1 ? parts.get(0)
                    : factory.createMultiPolygon(parts.toArray(new Polygon[0]));
            out.add(new Shape(geom, raster[first8[g]]));
        }
        return out;
    }

    /** Row and column offsets of the neighbour across each side: top, right, bottom, left. */
    private static final int[] SIDE_DR = {-1, 0, 1, 0};
    private static final int[] SIDE_DC = {0, 1, 0, -1};

    /** The directed edge of a pixel side with the pixel on its right: {vx, vy, direction}. */
    private static int[] startOf(int r, int c, int side) {
        switch (side) {
            case 0: return new int[] {c, r, 0};
            case 1: return new int[] {c + 1, r, 1};
            case 2: return new int[] {c + 1, r + 1, 2};
            default: return new int[] {c, r + 1, 3};
        }
    }

    /** The (pixel, side) key of the directed edge leaving a vertex. */
    private static int edgeKey(int vx, int vy, int d, int w) {
        switch (d) {
            case 0: return 4 * (vy * w + vx);
            case 1: return 4 * (vy * w + vx - 1) + 1;
            case 2: return 4 * ((vy - 1) * w + vx - 1) + 2;
            default: return 4 * ((vy - 1) * w + vx) + 3;
        }
    }

    private static boolean in(int[] lab, int w, int h, int c, int r, int col) {
        return r >= 0 && r < h && col >= 0 && col < w && lab[r * w + col] == c;
    }

    /**
     * Follows a boundary with the region on the right; at each vertex it turns right when the pixel ahead on the
     * right is outside the region, left when the pixel ahead on the left is inside, and goes straight otherwise.
     * Returns the corner vertices as {@code [x0, y0, x1, y1, ...]} in pixel-corner coordinates.
     */
    private static int[] trace(int[] lab, int w, int h, int c, int sx, int sy, int sd, BitSet visited) {
        int[] buf = new int[16];
        int n = 0;
        int vx = sx;
        int vy = sy;
        int d = sd;
        do {
            visited.set(edgeKey(vx, vy, d, w));
            vx += DX[d];
            vy += DY[d];
            boolean aheadRight;
            boolean aheadLeft;
            switch (d) {
                case 0:
                    aheadRight = in(lab, w, h, c, vy, vx);
                    aheadLeft = in(lab, w, h, c, vy - 1, vx);
                    break;
                case 1:
                    aheadRight = in(lab, w, h, c, vy, vx - 1);
                    aheadLeft = in(lab, w, h, c, vy, vx);
                    break;
                case 2:
                    aheadRight = in(lab, w, h, c, vy - 1, vx - 1);
                    aheadLeft = in(lab, w, h, c, vy, vx - 1);
                    break;
                default:
                    aheadRight = in(lab, w, h, c, vy - 1, vx);
                    aheadLeft = in(lab, w, h, c, vy - 1, vx - 1);
                    break;
            }
            int nd = !aheadRight ? (d + 1) % 4 : aheadLeft ? (d + 3) % 4 : d;
            if (nd != d) {
                if (n + 2 > buf.length) {
                    buf = Arrays.copyOf(buf, 2 * buf.length);
                }
                buf[n++] = vx;
                buf[n++] = vy;
            }
            d = nd;
        } while (vx != sx || vy != sy || d != sd);
        return Arrays.copyOf(buf, n);
    }

    /** Splits a ring that passes a vertex more than once into simple loops. */
    private static List<int[]> splitLoops(int[] ring) {
        List<int[]> loops = new ArrayList<>(1);
        int n = ring.length / 2;
        int[] stack = new int[ring.length];
        int top = 0;
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long key = ((long) ring[2 * i] << 32) ^ (ring[2 * i + 1] & 0xffffffffL);
            Integer at = position.get(key);
            if (at != null) {
                loops.add(Arrays.copyOfRange(stack, 2 * at, top));
                for (int j = at + 1; j < top / 2; j++) {
                    position.remove(((long) stack[2 * j] << 32) ^ (stack[2 * j + 1] & 0xffffffffL));
                }
                top = 2 * at;
            }
            position.put(key, top / 2);
            stack[top++] = ring[2 * i];
            stack[top++] = ring[2 * i + 1];
        }
        loops.add(Arrays.copyOf(stack, top));
        return loops;
    }

    /** Twice the signed area in pixel coordinates (y down): positive for outer rings as traced here. */
    private static long signedArea2(int[] loop) {
        long s = 0;
        int n = loop.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += (long) loop[2 * i] * loop[2 * j + 1] - (long) loop[2 * j] * loop[2 * i + 1];
        }
        return s;
    }

    private static LinearRing ring(int[] loop, PixelGrid grid, GeometryFactory factory) {
        int n = loop.length / 2;
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            cs[i] = new Coordinate(grid.toX(loop[2 * i]), grid.toY(loop[2 * i + 1]));
        }
        cs[n] = cs[0].copy();
        return factory.createLinearRing(cs);
    }

    /**
     * Labels the connected regions of equal value.
     *
     * @return the number of regions; {@code labels} gets region ids in raster order of first pixel, -1 when masked
     */
    private static int label(double[] raster, boolean[] mask, int w, int h, boolean eight, int[] labels) {
        Arrays.fill(labels, -1);
        int[] stack = new int[Math.max(16, raster.length)];
        int next = 0;
        for (int p = 0; p < raster.length; p++) {
            if (labels[p] >= 0 || (mask != null && !mask[p])) {
                continue;
            }
            int id = next++;
            double v = raster[p];
            int top = 0;
            stack[top++] = p;
            labels[p] = id;
            while (top > 0) {
                int q = stack[--top];
                int r = q / w;
                int c = q % w;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        if ((dr == 0 && dc == 0) || (!eight && dr != 0 && dc != 0)) {
                            continue;
                        }
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr < 0 || rr >= h || cc < 0 || cc >= w) {
                            continue;
                        }
                        int s = rr * w + cc;
                        if (labels[s] < 0 && (mask == null || mask[s]) && Double.compare(raster[s], v) == 0) {
                            labels[s] = id;
                            stack[top++] = s;
                        }
                    }
                }
            }
        }
        return next;
    }
}
