package org.eolearn.core.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Deterministic test patches (the role of eo-learn's {@code generate_eopatch}; numpy's generator cannot be
 * reproduced, so the values differ from eo-learn's but are fixed by the seed).
 */
public final class PatchGenerator {

    /** The bbox eo-learn's generator uses. */
    public static final BBox BBOX = new BBox(0, 0, 100, 100, new CRS(32633));
    private static final GeometryFactory GF = new GeometryFactory();

    private PatchGenerator() {
    }

    /**
     * Returns random bytes shaped as an array, valid for the dtype (0/1 for bool; floats include NaN and
     * infinities).
     *
     * @param type  the dtype
     * @param seed  the seed
     * @param shape the shape
     * @return the array
     */
    public static INDArray randomArray(DType type, long seed, long... shape) {
        Random r = new Random(seed);
        int n = (int) NdArrays.length(shape);
        ByteBuffer b = ByteBuffer.allocate(n * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case BOOL: b.put((byte) r.nextInt(2)); break;
                case FLOAT32:
                    b.putFloat(i == 0 ? Float.NaN : i == 1 ? Float.NEGATIVE_INFINITY : (float) r.nextGaussian());
                    break;
                case FLOAT64: b.putDouble(i == 0 ? Double.NaN : r.nextGaussian()); break;
                case FLOAT16: b.putShort((short) (i == 0 ? 0x7E00 : 0x3C00 + r.nextInt(0x400))); break;
                default:
                    byte[] item = new byte[type.itemSize()];
                    r.nextBytes(item);
                    b.put(item);
            }
        }
        b.flip();
        return NdArrays.fromBytes(type, shape, b);
    }

    /**
     * Builds a patch with every feature kind and all twelve dtypes: 5 frames of 6 x 7 pixels.
     *
     * @param seed the seed
     * @return the patch
     */
    public static EOPatch everyKind(long seed) {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ts.add(LocalDateTime.of(2019, 1 + 2 * i, 3, 10, 0, i));
        }
        EOPatch p = new EOPatch(BBOX, ts);
        long s = seed;
        for (DType t : DType.values()) {
            String name = t.numpyName().toUpperCase();
            p.put(FeatureType.DATA, "DATA_" + name, randomArray(t, s++, 5, 6, 7, 2));
            p.put(FeatureType.DATA_TIMELESS, "DT_" + name, randomArray(t, s++, 6, 7, 3));
            p.put(FeatureType.SCALAR, "S_" + name, randomArray(t, s++, 5, 2));
            p.put(FeatureType.SCALAR_TIMELESS, "ST_" + name, randomArray(t, s++, 4));
            if (t.isDiscrete()) {
                p.put(FeatureType.MASK, "MASK_" + name, randomArray(t, s++, 5, 6, 7, 1));
                p.put(FeatureType.MASK_TIMELESS, "MT_" + name, randomArray(t, s++, 6, 7, 1));
                p.put(FeatureType.LABEL, "L_" + name, randomArray(t, s++, 5, 3));
                p.put(FeatureType.LABEL_TIMELESS, "LT_" + name, randomArray(t, s++, 2));
            }
        }
        p.put(FeatureType.VECTOR, "CLOUDS", vector(ts, seed));
        p.put(FeatureType.VECTOR_TIMELESS, "FIELDS", timelessVector(seed));
        p.put(FeatureType.META_INFO, "maxcc", 0.8);
        p.put(FeatureType.META_INFO, "service_type", "wcs");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, 2.5, "x", true));
        nested.put("none", null);
        nested.put("unicode", "Ljubljana \u010c\u0161");
        p.put(FeatureType.META_INFO, "nested", nested);
        return p;
    }

    private static GeoTable vector(List<LocalDateTime> ts, long seed) {
        Random r = new Random(seed);
        GeoTable.Builder b = GeoTable.builder(BBOX.crs()).column(GeoTable.TIMESTAMP, GeoTable.ColumnType.DATETIME)
                .column("VALUE", GeoTable.ColumnType.REAL);
        for (int i = 0; i < 7; i++) {
            b.row(square(r), ts.get(i % ts.size()), (double) r.nextInt(3));
        }
        return b.build();
    }

    private static GeoTable timelessVector(long seed) {
        Random r = new Random(seed + 1);
        GeoTable.Builder b = GeoTable.builder(BBOX.crs())
                .column("ID", GeoTable.ColumnType.INTEGER)
                .column("AREA", GeoTable.ColumnType.REAL)
                .column("NAME", GeoTable.ColumnType.TEXT)
                .column("IRRIGATED", GeoTable.ColumnType.BOOLEAN)
                .column("SOWN", GeoTable.ColumnType.DATE);
        for (int i = 0; i < 5; i++) {
            Geometry g = square(r);
            b.row(g, (long) i, g.getArea(), i == 2 ? null : "field " + i, i % 2 == 0,
                    LocalDate.of(2019, 3, 1 + i));
        }
        return b.build();
    }

    private static Geometry square(Random r) {
        double x = r.nextInt(90);
        double y = r.nextInt(90);
        double s = 1 + r.nextInt(9);
        return GF.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x, y + s),
            new Coordinate(x + s, y + s), new Coordinate(x + s, y), new Coordinate(x, y)});
    }
}
