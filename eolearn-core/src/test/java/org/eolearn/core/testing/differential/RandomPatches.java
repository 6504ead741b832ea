package org.eolearn.core.testing.differential;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random inputs for differential tests, with the edge cases eo-learn users meet: every dtype a feature type allows,
 * NaN, ±inf and -0.0, the dtype's limits, empty and single timestamps, duplicate timestamps, 1-pixel and odd sizes,
 * all-true and all-false masks, vectors with mixed and empty geometries, and the CRSs WGS84, UTM north and south and
 * Web Mercator.
 */
public final class RandomPatches {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final int[] SIDES = {1, 2, 3, 4, 5, 7, 8, 13, 16};
    private static final CRS[] CRSS = {CRS.WGS84, new CRS(32633), new CRS(32733), CRS.POP_WEB};

    private final Random r;

    /**
     * @param random the source of randomness (seeded by the harness)
     */
    public RandomPatches(Random random) {
        this.r = random;
    }

    /**
     * Returns the random source.
     *
     * @return the random source
     */
    public Random random() {
        return r;
    }

    /** The dtypes eo-learn allows for a feature type: discrete types (masks, labels) only integers and booleans. */
    public static List<DType> dtypes(FeatureType type) {
        List<DType> out = new ArrayList<>();
        for (DType t : DType.values()) {
            if (!type.isDiscrete() || t.isDiscrete()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Picks one of the values.
     *
     * @param values the values
     * @param <T>    their type
     * @return one of them
     */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[r.nextInt(values.length)];
    }

    /**
     * Picks one element of a list.
     *
     * @param values the values
     * @param <T>    their type
     * @return one of them
     */
    public <T> T pick(List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A side length: 1-pixel and odd sizes are common. */
    public int side() {
        return SIDES[r.nextInt(SIDES.length)];
    }

    /** A CRS: WGS84, UTM 33N, UTM 33S or Web Mercator. */
    public CRS crs() {
        return CRSS[r.nextInt(CRSS.length)];
    }

    /** A bbox valid in the CRS. */
    public BBox bbox(CRS crs) {
        double x;
        double y;
        double size;
        if (crs.equals(CRS.WGS84)) {
            x = -170 + r.nextDouble() * 330;
            y = -80 + r.nextDouble() * 150;
            size = 0.001 + r.nextDouble() * 0.1;
        } else if (crs.equals(CRS.POP_WEB)) {
            x = -1e7 + r.nextDouble() * 2e7;
            y = -1e7 + r.nextDouble() * 2e7;
            size = 10 + r.nextDouble() * 5000;
        } else {
            x = 200_000 + r.nextDouble() * 600_000;
            y = crs.epsg() > 32700 ? 1_000_000 + r.nextDouble() * 8_000_000 : r.nextDouble() * 9_000_000;
            size = 10 + r.nextDouble() * 5000;
        }
        return new BBox(x, y, x + size, y + size * (0.5 + r.nextDouble()), crs);
    }

    /**
     * Timestamps: none, one, or several, sometimes with duplicates, in time order.
     *
     * @param count how many
     * @return the timestamps
     */
    public List<LocalDateTime> timestamps(int count) {
        List<LocalDateTime> out = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2015 + r.nextInt(9), 1 + r.nextInt(12), 1 + r.nextInt(28),
                r.nextInt(24), r.nextInt(60), r.nextInt(60));
        for (int i = 0; i < count; i++) {
            out.add(t);
            if (r.nextInt(6) != 0) { // else a duplicate timestamp
                t = t.plusDays(1 + r.nextInt(40)).plusSeconds(r.nextInt(86_400));
            }
        }
        return out;
    }

    /** A number of timestamps: 0 and 1 often. */
    public int frames() {
        return pick(0, 1, 1, 2, 3, 4, 5, 7);
    }

    /**
     * A random array with the dtype's edge values mixed in: NaN, ±inf, -0.0 and the limits; integer arrays are
     * sometimes all one value (all-true, all-false masks).
     *
     * @param type  the dtype
     * @param shape the shape
     * @return the array
     */
    public INDArray array(DType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        int mode = r.nextInt(8); // 0: constant low, 1: constant high, else random with specials
        if (type == DType.FLOAT16) {
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = floatValue(r.nextDouble(), mode);
            }
            return NdArrays.fromDoubles(type, shape, v);
        }
        ByteBuffer b = ByteBuffer.allocate((int) (n * type.itemSize())).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            double special = r.nextDouble();
            switch (type) {
                case BOOL -> b.put((byte) (mode == 0 ? 0 : mode == 1 ? 1 : r.nextInt(2)));
                case INT8, UINT8 -> b.put((byte) (mode == 0 ? 0 : mode == 1 ? -1 : special < 0.1
                        ? pick(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) -1, (byte) 0) : r.nextInt(256)));
                case INT16, UINT16 -> b.putShort((short) (mode == 0 ? 0 : special < 0.1
                        ? pick(Short.MIN_VALUE, Short.MAX_VALUE, (short) -1, (short) 0) : r.nextInt(1 << 16)));
                case INT32, UINT32 -> b.putInt(mode == 0 ? 0 : special < 0.1
                        ? pick(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0) : r.nextInt());
                case INT64, UINT64 -> b.putLong(mode == 0 ? 0 : special < 0.1
                        ? pick(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L) : r.nextLong() >> r.nextInt(64));
                case FLOAT32 -> b.putFloat((float) floatValue(special, mode));
                case FLOAT64 -> b.putDouble(floatValue(special, mode));
                default -> throw new IllegalStateException(type.toString());
            }
        }
        b.flip();
        return NdArrays.fromBytes(type, shape, b);
    }

    /**
     * A label array: values {@code 0..maxLabel} (one label only, sometimes), in any dtype.
     *
     * @param type     the dtype
     * @param maxLabel the largest label
     * @param shape    the shape
     * @return the array
     */
    public INDArray labels(DType type, int maxLabel, long... shape) {
        long[] v = new long[(int) NdArrays.length(shape)];
        boolean constant = r.nextInt(8) == 0;
        long only = r.nextInt(maxLabel + 1);
        for (int i = 0; i < v.length; i++) {
            v[i] = constant ? only : r.nextInt(maxLabel + 1);
        }
        if (type.isFloatingPoint()) {
            return NdArrays.fromDoubles(type, shape, java.util.Arrays.stream(v).asDoubleStream().toArray());
        }
        return NdArrays.fromLongs(type, shape, v);
    }

    private double floatValue(double special, int mode) {
        if (mode == 0) {
            return 0.0;
        }
        if (special < 0.03) {
            return Double.NaN;
        }
        if (special < 0.04) {
            return Double.POSITIVE_INFINITY;
        }
        if (special < 0.05) {
            return Double.NEGATIVE_INFINITY;
        }
        if (special < 0.06) {
            return -0.0;
        }
        return (r.nextDouble() - 0.3) * pick(1.0, 1.0, 100.0, 10_000.0);
    }

    /** A finite float array (no NaN or inf), for tasks whose maths eo-learn leaves undefined on them. */
    public INDArray finite(DType type, long... shape) {
        INDArray a = array(type, shape);
        double[] v = NdArrays.toDoubles(a);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                v[i] = r.nextDouble();
            }
        }
        return NdArrays.fromDoubles(type, a.shape(), v);
    }

    /**
     * A vector table of mixed geometry types (polygons, multi-polygons, points, lines, empty geometries) inside the
     * bbox, with integer, real, text and boolean columns; temporal tables have a TIMESTAMP column.
     *
     * @param bbox       the area
     * @param timestamps the patch's timestamps, or null for a timeless table
     * @return the table
     */
    public GeoTable vector(BBox bbox, List<LocalDateTime> timestamps) {
        GeoTable.Builder b = GeoTable.builder(bbox.crs());
        boolean temporal = timestamps != null && !timestamps.isEmpty();
        if (temporal) {
            b.column(GeoTable.TIMESTAMP, GeoTable.ColumnType.DATETIME);
        }
        b.column("ID", GeoTable.ColumnType.INTEGER).column("VALUE", GeoTable.ColumnType.REAL)
                .column("NAME", GeoTable.ColumnType.TEXT).column("FLAG", GeoTable.ColumnType.BOOLEAN)
                .column("DAY", GeoTable.ColumnType.DATE);
        int rows = pick(0, 1, 3, 6);
        for (int i = 0; i < rows; i++) {
            Geometry g = geometry(bbox);
            List<Object> values = new ArrayList<>();
            if (temporal) {
                values.add(pick(timestamps));
            }
            values.add((long) r.nextInt(100));
            values.add(r.nextInt(5) == 0 ? null : r.nextDouble() * 10);
            values.add(r.nextInt(5) == 0 ? null : "row " + i + pick("", " \u010d\u0161", " 'quoted'"));
            values.add(r.nextBoolean());
            values.add(LocalDate.of(2020, 1 + r.nextInt(12), 1 + r.nextInt(28)));
            b.row(g, values.toArray());
        }
        return b.build();
    }

    /** A geometry inside the bbox: a polygon most often, else a multi-polygon, point, line or empty polygon. */
    public Geometry geometry(BBox bbox) {
        double w = bbox.maxX() - bbox.minX();
        double h = bbox.maxY() - bbox.minY();
        int kind = r.nextInt(10);
        if (kind == 0) {
            return GF.createPolygon();
        }
        if (kind == 1) {
            return GF.createPoint(new Coordinate(bbox.minX() + r.nextDouble() * w, bbox.minY() + r.nextDouble() * h));
        }
        if (kind == 2) {
            return GF.createLineString(new Coordinate[] {
                new Coordinate(bbox.minX() + r.nextDouble() * w, bbox.minY() + r.nextDouble() * h),
                new Coordinate(bbox.minX() + r.nextDouble() * w, bbox.minY() + r.nextDouble() * h)});
        }
        if (kind == 3) {
            return GF.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
                box(bbox, w, h), box(bbox, w, h)}).union();
        }
        return box(bbox, w, h);
    }

    private org.locationtech.jts.geom.Polygon box(BBox bbox, double w, double h) {
        double x0 = bbox.minX() + r.nextDouble() * w * 0.8;
        double y0 = bbox.minY() + r.nextDouble() * h * 0.8;
        double dx = w * (0.05 + r.nextDouble() * 0.4);
        double dy = h * (0.05 + r.nextDouble() * 0.4);
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x0, y0 + dy),
            new Coordinate(x0 + dx, y0 + dy), new Coordinate(x0 + dx, y0), new Coordinate(x0, y0)});
    }

    /**
     * A patch with a random selection of features of every kind (arrays of every allowed dtype, vectors, meta info).
     *
     * @param frames the number of timestamps
     * @param height the height
     * @param width  the width
     * @return the patch
     */
    public EOPatch patch(int frames, int height, int width) {
        CRS crs = crs();
        BBox bbox = bbox(crs);
        List<LocalDateTime> ts = timestamps(frames);
        EOPatch p = new EOPatch(bbox, ts);
        for (FeatureType type : FeatureType.values()) {
            if (!type.isArray() || r.nextInt(3) == 0) {
                continue;
            }
            int count = 1 + r.nextInt(2);
            for (int i = 0; i < count; i++) {
                DType dtype = pick(dtypes(type));
                p.put(type, type.name().substring(0, 2) + "_" + dtype.numpyName().toUpperCase() + "_" + i,
                        array(dtype, shapeOf(type, frames, height, width, 1 + r.nextInt(3))));
            }
        }
        // vectors in one patch of five: eo-learn's GeoPackage writer dominates a case's time
        if (r.nextInt(5) == 0) {
            p.put(FeatureType.VECTOR_TIMELESS, "SHAPES", vector(bbox, null));
        }
        if (frames > 0 && r.nextInt(8) == 0) {
            p.put(FeatureType.VECTOR, "EVENTS", vector(bbox, ts));
        }
        if (r.nextInt(2) == 0) {
            p.put(FeatureType.META_INFO, "note", pick("x", "\u017eaba", ""));
            p.put(FeatureType.META_INFO, "number", r.nextInt(5) == 0 ? (Object) null : (Object) r.nextDouble());
        }
        return p;
    }

    /**
     * The shape of an array feature.
     *
     * @param type   the feature type
     * @param frames the time dimension
     * @param height the height
     * @param width  the width
     * @param depth  the depth
     * @return the shape
     */
    public static long[] shapeOf(FeatureType type, int frames, int height, int width, int depth) {
        return switch (type.ndim()) {
            case 4 -> new long[] {frames, height, width, depth};
            case 3 -> new long[] {height, width, depth};
            case 2 -> new long[] {frames, depth};
            default -> new long[] {depth};
        };
    }
}
