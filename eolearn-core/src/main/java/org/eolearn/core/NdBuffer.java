package org.eolearn.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.eolearn.core.compute.ArrayPool;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of a C-ordered array in its own native memory, read and written as doubles by flat index, so that a
 * kernel can work slice by slice on an array of any dtype without converting the whole array to a Java array and
 * back ({@link NdArrays#toDoubles} and {@link NdArrays#fromDoubles} each copy it once more).
 *
 * <p>Reads give numpy's value of the element ({@code uint64} values above 2<sup>63</sup> rounded to the nearest
 * double, booleans 0 and 1); writes cast as numpy's {@code astype} does for in-range values (rounded to the float
 * type, truncated towards zero for integers, non-zero is {@code True}), as {@link NdArrays#fromDoubles} does.
 * {@link #gather} and {@link #scatter} move a strided run of elements, such as one band of a {@code (h, w, d)}
 * raster, at once.
 *
 * <h2>Thread-safety</h2>
 * Indexed access only (no position), so threads may read one buffer concurrently and write disjoint elements of
 * it concurrently; the array must not change meanwhile.
 *
 * @since 0.1
 */
public final class NdBuffer {

    private final INDArray array;
    private final DType type;
    private final ByteBuffer bytes;
    private final int length;

    private NdBuffer(INDArray array, DType type, ByteBuffer bytes, int length) {
        this.array = array;
        this.type = type;
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * A read-only view of an array's elements (a view array or one not in C order is copied into C order once).
     *
     * @param array the array
     * @return its elements
     * @throws IllegalArgumentException if the array holds 2 GiB or more
     */
    public static NdBuffer read(INDArray array) {
        Objects.requireNonNull(array, "array");
        DType type = DType.of(array);
        return new NdBuffer(array, type, NdArrays.contiguousBytes(array), checkedLength(array.length(), type));
    }

    /**
     * A new C-ordered array whose elements are to be written (its memory comes from the {@link ArrayPool} and is not
     * initialised: every element must be written before the array is used).
     *
     * @param type  the dtype
     * @param shape the shape
     * @return the writable elements of the new array, {@link #array()}
     */
    public static NdBuffer allocate(DType type, long... shape) {
        Objects.requireNonNull(type, "type");
        long n = NdArrays.length(shape);
        int length = checkedLength(n, type);
        if (n == 0) {
            INDArray empty = NdArrays.zeros(type, shape);
            return new NdBuffer(empty, type, ByteBuffer.allocate(0).order(ByteOrder.nativeOrder()), 0);
        }
        INDArray out = ArrayPool.uninitialized(type.dataType(), shape);
        ByteBuffer b = out.data().asNio().duplicate().order(ByteOrder.nativeOrder());
        b.position(0);
        b.limit(length * type.itemSize());
        return new NdBuffer(out, type, b.slice().order(ByteOrder.nativeOrder()), length);
    }

    /**
     * A new C-ordered copy of an array, whose elements are to be changed (one copy, from native memory to native
     * memory).
     *
     * @param array the array
     * @return the writable elements of the copy, {@link #array()}
     */
    public static NdBuffer copyOf(INDArray array) {
        NdBuffer source = read(array);
        NdBuffer copy = allocate(source.type, array.shape());
        copy.bytes.duplicate().put(source.bytes.duplicate());
        return copy;
    }

    private static int checkedLength(long n, DType type) {
        if (n * type.itemSize() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array of " + n + " " + type.numpyName()
                    + " elements is too large for element access (2 GiB at most)");
        }
        return (int) n;
    }

    /** @return the array these elements belong to */
    public INDArray array() {
        return array;
    }

    /** @return the dtype */
    public DType dtype() {
        return type;
    }

    /** @return the number of elements */
    public int length() {
        return length;
    }

    /**
     * One element.
     *
     * @param index the flat C-order index
     * @return its value
     */
    public double get(int index) {
        Objects.checkIndex(index, length);
        return NdArrays.element(bytes, type, index);
    }

    /**
     * Writes one element.
     *
     * @param index the flat C-order index
     * @param value the value, cast to the dtype
     */
    public void set(int index, double value) {
        Objects.checkIndex(index, length);
        put(bytes, type, index, value);
    }

    /**
     * A float32 array's elements as a float buffer (read-only for {@link #read}), for float kernels.
     *
     * @return the buffer, indexed by flat index
     * @throws IllegalStateException for another dtype
     */
    public FloatBuffer floats() {
        if (type != DType.FLOAT32) {
            throw new IllegalStateException("floats() needs a float32 array, got " + type.numpyName());
        }
        return bytes.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Reads {@code count} elements {@code start, start + stride, ...} into {@code dst[offset...]}.
     *
     * @param start  the first flat index
     * @param stride the step between elements (at least 1)
     * @param dst    the destination
     * @param offset where in {@code dst} the first goes
     * @param count  how many
     */
    public void gather(int start, int stride, double[] dst, int offset, int count) {
        checkRun(start, stride, count);
        Objects.checkFromIndexSize(offset, count, dst.length);
        ByteBuffer b = bytes;
        switch (type) {
            case FLOAT32:
                for (int k = 0; k < count; k++) {
                    dst[offset + k] = b.getFloat((start + k * stride) * 4);
                }
                break;
            case FLOAT64:
                for (int k = 0; k < count; k++) {
                    dst[offset + k] = b.getDouble((start + k * stride) * 8);
                }
                break;
            case UINT8:
            case BOOL:
                for (int k = 0; k < count; k++) {
                    dst[offset + k] = b.get(start + k * stride) & 0xFF;
                }
                break;
            default:
                for (int k = 0; k < count; k++) {
                    dst[offset + k] = NdArrays.element(b, type, start + k * stride);
                }
        }
    }

    /**
     * Writes {@code src[offset...offset + count)} to the elements {@code start, start + stride, ...}, cast to the
     * dtype.
     *
     * @param src    the values
     * @param offset where in {@code src} the first is
     * @param count  how many
     * @param start  the first flat index
     * @param stride the step between elements (at least 1)
     */
    public void scatter(double[] src, int offset, int count, int start, int stride) {
        checkRun(start, stride, count);
        Objects.checkFromIndexSize(offset, count, src.length);
        ByteBuffer b = bytes;
        switch (type) {
            case FLOAT32:
                for (int k = 0; k < count; k++) {
                    b.putFloat((start + k * stride) * 4, (float) src[offset + k]);
                }
                break;
            case FLOAT64:
                for (int k = 0; k < count; k++) {
                    b.putDouble((start + k * stride) * 8, src[offset + k]);
                }
                break;
            default:
                for (int k = 0; k < count; k++) {
                    put(b, type, start + k * stride, src[offset + k]);
                }
        }
    }

    private void checkRun(int start, int stride, int count) {
        if (stride < 1 || count < 0 || start < 0
                || (count > 0 && start + (long) (count - 1) * stride >= length)) {
            throw new IndexOutOfBoundsException("elements " + start + " + k * " + stride + " for k < " + count
                    + " are outside an array of " + length + " elements");
        }
    }

    /** Writes one element, cast as {@code astype} casts in-range values (the one place for this cast). */
    static void put(ByteBuffer b, DType type, int index, double v) {
        switch (type) {
            case BOOL: b.put(index, (byte) (v != 0 ? 1 : 0)); break;
            case INT8: case UINT8: b.put(index, (byte) (long) v); break;
            case INT16: case UINT16: b.putShort(index * 2, (short) (long) v); break;
            case INT32: case UINT32: b.putInt(index * 4, (int) (long) v); break;
            case INT64: b.putLong(index * 8, (long) v); break;
            case UINT64: b.putLong(index * 8, v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v); break;
            case FLOAT16: b.putShort(index * 2, NdArrays.doubleToHalfBits(v)); break;
            case FLOAT32: b.putFloat(index * 4, (float) v); break;
            case FLOAT64: b.putDouble(index * 8, v); break;
            default: throw new AssertionError(type);
        }
    }

    @Override
    public String toString() {
        return "NdBuffer(" + type.numpyName() + ", shape=" + Arrays.toString(array.shape()) + ")";
    }
}
