package org.eolearn.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.eolearn.core.compute.ArrayPool;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Static helpers for the ND4J arrays held by an {@link EOPatch}: creation with an explicit {@link DType},
 * raw little-endian byte access, conversion to Java arrays and eo-learn's NaN-aware equality.
 *
 * <p>They work on the array's buffer in bulk rather than element by element (an ND4J per-element call costs
 * microseconds). All arrays created here are C-ordered.
 *
 * <h2>Thread-safety</h2>
 * Stateless; safe on every thread as long as callers do not mutate the same array concurrently.
 *
 * @since 0.1
 */
public final class NdArrays {

    private NdArrays() {
    }

    /**
     * Creates a zero-filled C-ordered array.
     *
     * @param type  the element type
     * @param shape the shape (any dimension may be 0)
     * @return a new array
     */
    public static INDArray zeros(DType type, long... shape) {
        checkShape(shape);
        return ArrayPool.zeros(type.dataType(), shape);
    }

    /**
     * Creates a C-ordered array from raw little-endian bytes, exactly as numpy stores them.
     *
     * @param type  the element type
     * @param shape the shape
     * @param bytes exactly {@code product(shape) * itemSize} bytes, read from the buffer's position
     * @return a new array holding a copy of the bytes
     * @throws IllegalArgumentException if the number of bytes does not match the shape
     */
    public static INDArray fromBytes(DType type, long[] shape, ByteBuffer bytes) {
        checkShape(shape);
        long n = length(shape);
        long needed = n * type.itemSize();
        if (bytes.remaining() != needed) {
            throw new IllegalArgumentException("expected " + needed + " bytes for a " + type.numpyName()
                    + " array of shape " + Arrays.toString(shape) + ", got " + bytes.remaining());
        }
        INDArray array = ArrayPool.uninitialized(type.dataType(), shape);
        if (n > 0) {
            ByteBuffer target = array.data().asNio().order(ByteOrder.nativeOrder());
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                target.put(bytes.duplicate());
            } else {
                copySwapped(bytes.duplicate(), target, type.itemSize());
            }
        }
        return array;
    }

    /**
     * Returns the elements of an array as little-endian bytes in C order, the layout of an NPY file body.
     *
     * @param array an array of a supported type (views are copied into C order first)
     * @return a new heap buffer positioned at 0
     */
    public static ByteBuffer toBytes(INDArray array) {
        DType type = DType.of(array);
        long n = array.length();
        long size = n * type.itemSize();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array of " + size + " bytes is too large for one buffer");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        if (n == 0) {
            return out;
        }
        ByteBuffer source = contiguousBytes(array);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            out.put(source);
        } else {
            copySwapped(source, out, type.itemSize());
        }
        out.flip();
        return out;
    }

    /**
     * Returns a read-only view of the native bytes of an array's elements in C order, copying only when the
     * array is a view or not C-ordered.
     *
     * @param array the array
     * @return a buffer of {@code length * itemSize} bytes in native byte order, positioned at 0
     */
    public static ByteBuffer contiguousBytes(INDArray array) {
        if (array.length() == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.nativeOrder()).asReadOnlyBuffer()
                    .order(ByteOrder.nativeOrder()); // ND4J has no buffer behind an empty array
        }
        INDArray c = isPlainC(array) ? array : array.dup('c');
        DType type = DType.of(c);
        ByteBuffer all = c.data().asNio().order(ByteOrder.nativeOrder());
        long bytes = c.length() * type.itemSize();
        ByteBuffer slice = all.duplicate();
        slice.position(0);
        slice.limit((int) bytes);
        return slice.slice().order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    private static boolean isPlainC(INDArray array) {
        return !array.isView() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length();
    }

    /**
     * Returns every element converted to {@code double}, in C order. Unsigned 64-bit values above
     * {@code 2^63} lose precision; booleans become 0 and 1.
     *
     * @param array the array
     * @return a new Java array of {@code array.length()} values
     */
    public static double[] toDoubles(INDArray array) {
        DType type = DType.of(array);
        long n = array.length();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array of " + n + " elements is too large for a Java array");
        }
        double[] out = new double[(int) n];
        if (n == 0) {
            return out;
        }
        ByteBuffer b = contiguousBytes(array);
        for (int i = 0; i < out.length; i++) {
            out[i] = element(b, type, i);
        }
        return out;
    }

    /**
     * Reads one element from native-order C-contiguous bytes as a double.
     *
     * @param b     the bytes (absolute indexing)
     * @param type  the element type
     * @param index the flat element index
     * @return the value
     */
    static double element(ByteBuffer b, DType type, int index) {
        switch (type) {
            case BOOL:
            case UINT8:
                return b.get(index) & 0xFF;
            case INT8:
                return b.get(index);
            case INT16:
                return b.getShort(index * 2);
            case UINT16:
                return b.getShort(index * 2) & 0xFFFF;
            case INT32:
                return b.getInt(index * 4);
            case UINT32:
                return b.getInt(index * 4) & 0xFFFFFFFFL;
            case INT64:
                return b.getLong(index * 8);
            case UINT64: {
                long v = b.getLong(index * 8);
                return unsignedToDouble(v);
            }
            case FLOAT16:
                return Float.intBitsToFloat(halfToFloatBits(b.getShort(index * 2)));
            case FLOAT32:
                return b.getFloat(index * 4);
            case FLOAT64:
                return b.getDouble(index * 8);
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * Converts IEEE 754 half-precision bits to single-precision bits (exact, including subnormals, infinities
     * and NaN payloads).
     *
     * @param half the 16 bits
     * @return the float bits
     */
    static int halfToFloatBits(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            if (mant == 0) {
                return sign;
            }
            int e = -1;
            do {
                e++;
                mant <<= 1;
            } while ((mant & 0x400) == 0);
            mant &= 0x3FF;
            return sign | ((127 - 15 - e) << 23) | (mant << 13);
        }
        if (exp == 0x1F) {
            return sign | 0x7F800000 | (mant << 13);
        }
        return sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }

    /**
     * Converts a double to IEEE 754 half-precision bits with round-half-to-even, directly from the double like
     * numpy's {@code astype(float16)} (no double rounding through float).
     *
     * @param v the value
     * @return the 16 bits
     */
    /**
     * Converts a uint64 value held in a long's bits to the nearest double, as numpy's cast does (halving with the
     * lost bit kept as a sticky bit, so the rounding is correct).
     *
     * @param v the unsigned value's bits
     * @return the nearest double
     */
    public static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    /**
     * Rounds a value to the nearest float16, as numpy stores the result of every float16 operation.
     *
     * @param v the value
     * @return the nearest float16 value
     */
    public static double roundToFloat16(double v) {
        return Float.intBitsToFloat(halfToFloatBits(doubleToHalfBits(v)));
    }

    static short doubleToHalfBits(double v) {
        if (Double.isNaN(v)) {
            return (short) 0x7E00;
        }
        int sign = (Double.doubleToRawLongBits(v) < 0) ? 0x8000 : 0;
        double a = Math.abs(v);
        if (a >= 65520.0) {
            return (short) (sign | 0x7C00);
        }
        if (a < 0x1p-14) {
            long m = (long) Math.rint(a * 0x1p24);
            return (short) (sign | m);
        }
        int e = Math.getExponent(a);
        long m = (long) Math.rint(Math.scalb(a, 10 - e));
        if (m == 2048) {
            e++;
            m = 1024;
        }
        if (e > 15) {
            return (short) (sign | 0x7C00);
        }
        return (short) (sign | ((e + 15) << 10) | (m - 1024));
    }


    /**
     * eo-learn's array equality ({@code deep_eq}): same dtype, same shape, NaN at the same positions and all
     * other elements equal. ND4J's own {@code equals} is false whenever NaNs are present and ignores dtype.
     *
     * @param a first array
     * @param b second array
     * @return whether they are equal by eo-learn's rules
     */
    public static boolean nanEquals(INDArray a, INDArray b) {
        if (a == b) {
            return true;
        }
        if (DType.of(a) != DType.of(b) || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (a.length() == 0) {
            return true;
        }
        DType type = DType.of(a);
        ByteBuffer x = contiguousBytes(a);
        ByteBuffer y = contiguousBytes(b);
        if (x.equals(y)) {
            return true;
        }
        if (!type.isFloatingPoint()) {
            return false;
        }
        int n = (int) a.length();
        for (int i = 0; i < n; i++) {
            double u = element(x, type, i);
            double v = element(y, type, i);
            if (u != v && !(Double.isNaN(u) && Double.isNaN(v))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates an array of a dtype from doubles in C order. Values are cast as numpy's {@code astype} casts them
     * for in-range values: rounded to the float type, truncated towards zero for integers, non-zero for bool.
     *
     * @param type   the element type
     * @param shape  the shape
     * @param values {@code product(shape)} values
     * @return a new array
     */
    public static INDArray fromDoubles(DType type, long[] shape, double[] values) {
        checkShape(shape);
        if (values.length != length(shape)) {
            throw new IllegalArgumentException("expected " + length(shape) + " values for shape "
                    + Arrays.toString(shape) + ", got " + values.length);
        }
        // written straight into the new array's memory, cast element by element
        NdBuffer out = NdBuffer.allocate(type, shape);
        out.scatter(values, 0, values.length, 0, 1);
        return out.array();
    }

    /**
     * Returns the values of an integer or boolean array as longs: exact for every integer dtype (uint64 values at or
     * above {@code 2^63} as their two's-complement bits, i.e. negative).
     *
     * @param array an integer or boolean array
     * @return a new Java array of {@code array.length()} values
     * @throws IllegalArgumentException for a floating-point array
     */
    public static long[] toLongs(INDArray array) {
        DType type = DType.of(array);
        if (type.isFloatingPoint()) {
            throw new IllegalArgumentException("toLongs needs an integer array, got " + type.numpyName());
        }
        long n = array.length();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array of " + n + " elements is too large for a Java array");
        }
        long[] out = new long[(int) n];
        if (n == 0) {
            return out;
        }
        ByteBuffer b = contiguousBytes(array);
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case BOOL, UINT8 -> b.get(i) & 0xFF;
                case INT8 -> b.get(i);
                case INT16 -> b.getShort(i * 2);
                case UINT16 -> b.getShort(i * 2) & 0xFFFF;
                case INT32 -> b.getInt(i * 4);
                case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                default -> b.getLong(i * 8);
            };
        }
        return out;
    }

    /**
     * Makes an integer or boolean array from longs, wrapping each value to the dtype's width as numpy's integer
     * arithmetic and {@code astype} do (booleans: non-zero is true).
     *
     * @param type   an integer or boolean dtype
     * @param shape  the shape
     * @param values {@code product(shape)} values
     * @return a new array
     */
    public static INDArray fromLongs(DType type, long[] shape, long[] values) {
        checkShape(shape);
        if (type.isFloatingPoint()) {
            throw new IllegalArgumentException("fromLongs makes integer arrays, got " + type.numpyName());
        }
        if (values.length != length(shape)) {
            throw new IllegalArgumentException("expected " + length(shape) + " values for shape "
                    + Arrays.toString(shape) + ", got " + values.length);
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (type) {
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                case INT8, UINT8 -> b.put((byte) v);
                case INT16, UINT16 -> b.putShort((short) v);
                case INT32, UINT32 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        b.flip();
        return fromBytes(type, shape, b);
    }

    /**
     * Converts an array to another dtype as numpy's {@code astype} does: integers exactly (wrapping to a narrower
     * width), integers to floats by rounding (uint64 as unsigned), floats to integers by truncation, anything to
     * bool as non-zero.
     *
     * @param array the array
     * @param type  the target dtype
     * @return the array itself when it has that dtype already, else a new array
     */
    public static INDArray astype(INDArray array, DType type) {
        DType from = DType.of(array);
        if (from == type) {
            return array;
        }
        if (!from.isFloatingPoint() && !type.isFloatingPoint()) {
            return fromLongs(type, array.shape(), toLongs(array));
        }
        return fromDoubles(type, array.shape(), toDoubles(array));
    }

    /**
     * Tells whether numpy's default {@code casting='same_kind'} allows a cast: to the same or a later kind of
     * bool, unsigned, signed, float (any width); not floats to integers, signed to unsigned, or numbers to bool.
     *
     * @param from the source dtype
     * @param to   the target dtype
     * @return whether the cast is allowed
     */
    public static boolean canCastSameKind(DType from, DType to) {
        return kind(from) <= kind(to);
    }

    /** numpy's kind order for casting: bool, unsigned, signed, float. */
    private static int kind(DType t) {
        if (t == DType.BOOL) {
            return 0;
        }
        if (t.isFloatingPoint()) {
            return 3;
        }
        return t.isUnsigned() ? 1 : 2;
    }

    /**
     * Concatenates arrays along an axis, as {@code np.concatenate}: arrays of different dtypes are first converted to
     * their common dtype ({@link DType#promoteAll}).
     *
     * @param axis   the axis (negative counts from the end)
     * @param arrays at least one array; all dimensions but {@code axis} must agree
     * @return a new array
     * @throws IllegalArgumentException if the dimensions other than {@code axis} differ
     */
    public static INDArray concat(int axis, List<INDArray> arrays) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        List<DType> types = new java.util.ArrayList<>();
        for (INDArray a : arrays) {
            types.add(DType.of(a));
        }
        DType type = DType.promoteAll(types);
        List<INDArray> cast = new java.util.ArrayList<>();
        for (INDArray a : arrays) {
            cast.add(astype(a, type));
        }
        arrays = cast;
        INDArray first = arrays.get(0);
        int rank = first.rank();
        int ax = axis < 0 ? rank + axis : axis;
        if (ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for arrays of rank " + rank);
        }
        long[] shape = first.shape().clone();
        shape[ax] = 0;
        for (INDArray a : arrays) {
            long[] s = a.shape();
            for (int d = 0; d < rank; d++) {
                if (d != ax && s[d] != first.shape()[d] || s.length != rank) {
                    throw new IllegalArgumentException("cannot concatenate shapes " + Arrays.toString(first.shape())
                            + " and " + Arrays.toString(s) + " along axis " + ax);
                }
            }
            shape[ax] += s[ax];
        }
        long outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        long innerPerUnit = type.itemSize();
        for (int d = ax + 1; d < rank; d++) {
            innerPerUnit *= shape[d];
        }
        ByteBuffer out = ByteBuffer.allocate((int) (length(shape) * type.itemSize())).order(ByteOrder.nativeOrder());
        ByteBuffer[] sources = new ByteBuffer[arrays.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = arrays.get(i).length() == 0 ? ByteBuffer.allocate(0) : contiguousBytes(arrays.get(i));
        }
        for (long o = 0; o < outer; o++) {
            for (int i = 0; i < sources.length; i++) {
                int chunk = (int) (arrays.get(i).shape()[ax] * innerPerUnit);
                ByteBuffer src = sources[i].duplicate();
                src.position((int) (o * chunk)).limit((int) (o * chunk + chunk));
                out.put(src);
            }
        }
        out.flip();
        return fromNativeBytes(type, shape, out);
    }

    /**
     * Stacks arrays of equal shape and dtype along a new first axis, as {@code np.stack}.
     *
     * @param arrays at least one array
     * @return a new array of shape {@code (n, *shape)}
     */
    public static INDArray stack(List<INDArray> arrays) {
        List<INDArray> expanded = new java.util.ArrayList<>(arrays.size());
        for (INDArray a : arrays) {
            long[] s = new long[a.rank() + 1];
            s[0] = 1;
            System.arraycopy(a.shape(), 0, s, 1, a.rank());
            expanded.add(a.length() == 0 ? zeros(DType.of(a), s) : fromNativeBytes(DType.of(a), s,
                    contiguousBytes(a)));
        }
        return concat(0, expanded);
    }

    private static INDArray fromNativeBytes(DType type, long[] shape, ByteBuffer nativeBytes) {
        INDArray array = ArrayPool.uninitialized(type.dataType(), shape);
        if (array.length() > 0) {
            array.data().asNio().order(ByteOrder.nativeOrder()).put(nativeBytes.duplicate());
        }
        return array;
    }

    /**
     * Takes the given indices along an axis, as {@code np.take(array, indices, axis)}, keeping the dtype exactly.
     *
     * @param array   the array
     * @param axis    the axis (negative counts from the end)
     * @param indices indices along the axis (repeats allowed)
     * @return a new C-ordered array
     * @throws IllegalArgumentException if an index is out of range
     */
    public static INDArray take(INDArray array, int axis, int[] indices) {
        int rank = array.rank();
        int ax = axis < 0 ? rank + axis : axis;
        if (ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for an array of rank " + rank);
        }
        long[] shape = array.shape().clone();
        long size = shape[ax];
        for (int i : indices) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("index " + i + " is out of range for axis " + ax + " of size "
                        + size);
            }
        }
        shape[ax] = indices.length;
        DType type = DType.of(array);
        if (length(shape) == 0) {
            return zeros(type, shape);
        }
        long outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        int inner = type.itemSize();
        for (int d = ax + 1; d < rank; d++) {
            inner *= (int) shape[d];
        }
        ByteBuffer src = contiguousBytes(array);
        ByteBuffer out = ByteBuffer.allocate((int) (length(shape) * type.itemSize())).order(ByteOrder.nativeOrder());
        for (long o = 0; o < outer; o++) {
            long base = o * size * inner;
            for (int i : indices) {
                ByteBuffer chunk = src.duplicate();
                chunk.position((int) (base + (long) i * inner)).limit((int) (base + (long) i * inner + inner));
                out.put(chunk);
            }
        }
        out.flip();
        return fromNativeBytes(type, shape, out);
    }

    /**
     * Creates an array filled with one value, cast to the dtype as {@link #fromDoubles} casts.
     *
     * @param type  the dtype
     * @param shape the shape
     * @param value the value
     * @return a new array
     */
    public static INDArray full(DType type, long[] shape, double value) {
        checkShape(shape);
        long n;
        try {
            n = length(shape);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than an "
                    + "array can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        double[] values = new double[(int) n];
        Arrays.fill(values, value);
        return fromDoubles(type, shape, values);
    }

    /**
     * Returns the number of elements of a shape.
     *
     * @param shape a shape
     * @return the product of its dimensions (1 for a scalar shape)
     */
    public static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static void checkShape(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
        }
    }

    private static void copySwapped(ByteBuffer src, ByteBuffer dst, int itemSize) {
        byte[] item = new byte[itemSize];
        while (src.remaining() >= itemSize) {
            src.get(item);
            for (int i = itemSize - 1; i >= 0; i--) {
                dst.put(item[i]);
            }
        }
    }
}
