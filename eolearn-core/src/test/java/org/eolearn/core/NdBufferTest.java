package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NdBufferTest {

    private static final double[] EDGES = {0, -0.0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, 127, 128, 255, 256, -129,
        32767.9, 65535, 65536, 1e10, -1e10, 0x1p63, 1e19, 3.4e38, 1e39, Double.MIN_VALUE, 1e-8};

    @Test
    void writesCastAsFromDoublesAndReadsAsToDoubles() {
        Random rnd = new Random(7);
        for (DType type : DType.values()) {
            double[] values = new double[EDGES.length + 64];
            System.arraycopy(EDGES, 0, values, 0, EDGES.length);
            for (int i = EDGES.length; i < values.length; i++) {
                values[i] = type.isFloatingPoint() ? rnd.nextGaussian() * 1e3 : rnd.nextInt(200);
            }
            if (!type.isFloatingPoint()) {
                // out-of-range casts are undefined in numpy; compare in-range values only
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.abs(values[i]) % 100;
                }
            }
            long[] shape = {values.length};
            INDArray expected = NdArrays.fromBytes(type, shape, NdArrays.toBytes(legacyFromDoubles(type, values)));
            NdBuffer out = NdBuffer.allocate(type, shape);
            for (int i = 0; i < values.length; i++) {
                out.set(i, values[i]);
            }
            assertThat(NdArrays.toBytes(out.array())).as(type.numpyName()).isEqualTo(NdArrays.toBytes(expected));
            NdBuffer in = NdBuffer.read(out.array());
            double[] direct = NdArrays.toDoubles(out.array());
            for (int i = 0; i < values.length; i++) {
                assertThat(Double.doubleToLongBits(in.get(i))).isEqualTo(Double.doubleToLongBits(direct[i]));
            }
        }
    }

    /** The byte-by-byte cast fromDoubles made before it wrote through NdBuffer: the reference of the cast. */
    private static INDArray legacyFromDoubles(DType type, double[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * type.itemSize())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (type) {
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                case INT8, UINT8 -> b.put((byte) (long) v);
                case INT16, UINT16 -> b.putShort((short) (long) v);
                case INT32, UINT32 -> b.putInt((int) (long) v);
                case INT64 -> b.putLong((long) v);
                case UINT64 -> b.putLong(v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v);
                case FLOAT16 -> b.putShort(NdArrays.doubleToHalfBits(v));
                case FLOAT32 -> b.putFloat((float) v);
                case FLOAT64 -> b.putDouble(v);
                default -> throw new AssertionError(type);
            }
        }
        b.flip();
        return NdArrays.fromBytes(type, new long[] {values.length}, b);
    }

    @Test
    void gatherAndScatterMoveOneBandOfARaster() {
        for (DType type : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.UINT8, DType.INT16, DType.UINT16,
            DType.BOOL, DType.INT64, DType.FLOAT16}) {
            long[] shape = {2, 3, 4, 5};
            double[] values = new double[120];
            for (int i = 0; i < values.length; i++) {
                values[i] = type == DType.BOOL ? i % 3 == 0 ? 1 : 0 : i % 100;
            }
            INDArray a = NdArrays.fromDoubles(type, shape, values);
            NdBuffer in = NdBuffer.read(a);
            NdBuffer out = NdBuffer.allocate(type, shape);
            double[] slice = new double[12];
            for (int frame = 0; frame < 2; frame++) {
                for (int band = 0; band < 5; band++) {
                    int first = frame * 60 + band;
                    in.gather(first, 5, slice, 0, 12);
                    for (int p = 0; p < 12; p++) {
                        assertThat(slice[p]).isEqualTo(values[first + 5 * p]);
                    }
                    out.scatter(slice, 0, 12, first, 5);
                }
            }
            assertThat(NdArrays.toDoubles(out.array())).as(type.numpyName()).containsExactly(values);
        }
    }

    @Test
    void viewsAreReadInCOrder() {
        INDArray a = NdArrays.fromDoubles(DType.FLOAT64, new long[] {3, 4}, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8,
            9, 10, 11});
        INDArray view = a.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        NdBuffer b = NdBuffer.read(view);
        assertThat(b.length()).isEqualTo(6);
        double[] got = new double[6];
        b.gather(0, 1, got, 0, 6);
        assertThat(got).containsExactly(1, 2, 5, 6, 9, 10);
        assertThat(NdBuffer.read(a.transpose()).get(1)).isEqualTo(4);
    }

    @Test
    void outOfRangeRunsAndWrongDtypesAreRefused() {
        NdBuffer b = NdBuffer.allocate(DType.UINT8, 10);
        assertThatThrownBy(() -> b.gather(0, 2, new double[6], 0, 6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("outside an array of 10 elements");
        assertThatThrownBy(() -> b.scatter(new double[3], 0, 3, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.get(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(b::floats).isInstanceOf(IllegalStateException.class).hasMessageContaining("uint8");
        assertThatThrownBy(() -> NdBuffer.read(NdArrays.zeros(DType.FLOAT32, 2)).floats().put(0, 1f))
                .isInstanceOf(java.nio.ReadOnlyBufferException.class);
        assertThat(NdBuffer.allocate(DType.FLOAT32, 0, 3).array().shape()).containsExactly(0, 3);
    }
}
