package org.eolearn.core;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numpy data types an {@link EOPatch} array may hold, mapped one to one onto ND4J's {@link DataType}.
 *
 * <p>ND4J has two names for several types ({@code BYTE}/{@code INT8}, {@code SHORT}/{@code INT16}, ...);
 * both map to the same constant here, so compare dtypes with {@code DType.of(a) == DType.of(b)}.
 *
 * <p>eo-learn keeps arrays in the exact dtype they were created with (for example {@code uint16} land-cover
 * masks and {@code float16} cloud coverage), and its on-disk format records that dtype in every NPY header.
 * This enum is the bridge: {@link #descr()} is the NPY type string, {@link #dataType()} the ND4J type.
 *
 * <h2>Thread-safety</h2>
 * Immutable.
 *
 * @since 0.1
 */
public enum DType {
    /** numpy {@code bool} ({@code |b1}), ND4J {@code BOOL}. */
    BOOL("bool", "|b1", 1, DataType.BOOL),
    /** numpy {@code int8} ({@code |i1}), ND4J {@code BYTE}. */
    INT8("int8", "|i1", 1, DataType.INT8),
    /** numpy {@code uint8} ({@code |u1}), ND4J {@code UBYTE}. */
    UINT8("uint8", "|u1", 1, DataType.UINT8),
    /** numpy {@code int16} ({@code <i2}), ND4J {@code SHORT}. */
    INT16("int16", "<i2", 2, DataType.INT16),
    /** numpy {@code uint16} ({@code <u2}), ND4J {@code UINT16}. */
    UINT16("uint16", "<u2", 2, DataType.UINT16),
    /** numpy {@code int32} ({@code <i4}), ND4J {@code INT}. */
    INT32("int32", "<i4", 4, DataType.INT32),
    /** numpy {@code uint32} ({@code <u4}), ND4J {@code UINT32}. */
    UINT32("uint32", "<u4", 4, DataType.UINT32),
    /** numpy {@code int64} ({@code <i8}), ND4J {@code LONG}. */
    INT64("int64", "<i8", 8, DataType.INT64),
    /** numpy {@code uint64} ({@code <u8}), ND4J {@code UINT64}. */
    UINT64("uint64", "<u8", 8, DataType.UINT64),
    /** numpy {@code float16} ({@code <f2}), ND4J {@code HALF}. */
    FLOAT16("float16", "<f2", 2, DataType.FLOAT16),
    /** numpy {@code float32} ({@code <f4}), ND4J {@code FLOAT}. */
    FLOAT32("float32", "<f4", 4, DataType.FLOAT),
    /** numpy {@code float64} ({@code <f8}), ND4J {@code DOUBLE}. */
    FLOAT64("float64", "<f8", 8, DataType.DOUBLE);

    private final String numpyName;
    private final String descr;
    private final int itemSize;
    private final DataType dataType;

    DType(String numpyName, String descr, int itemSize, DataType dataType) {
        this.numpyName = numpyName;
        this.descr = descr;
        this.itemSize = itemSize;
        this.dataType = dataType;
    }

    /**
     * Returns numpy's name of the type, as {@code str(array.dtype)} prints it.
     *
     * @return for example {@code "float32"}
     */
    public String numpyName() {
        return numpyName;
    }

    /**
     * Returns the little-endian NPY type string that numpy writes for this type.
     *
     * @return for example {@code "<f4"} or {@code "|b1"}
     */
    public String descr() {
        return descr;
    }

    /**
     * Returns the size of one element in bytes.
     *
     * @return 1, 2, 4 or 8
     */
    public int itemSize() {
        return itemSize;
    }

    /**
     * Returns the ND4J data type that holds this numpy type exactly.
     *
     * @return the ND4J type
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Tells whether the type is discrete (integer or boolean), as eo-learn requires of masks and labels.
     *
     * @return {@code true} for bool and the integer types
     */
    public boolean isDiscrete() {
        return !isFloatingPoint();
    }

    /**
     * Tells whether the type is a floating-point type (float16, float32 or float64).
     *
     * @return {@code true} for the float types
     */
    public boolean isFloatingPoint() {
        return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /**
     * Tells whether the type is an unsigned integer type.
     *
     * @return {@code true} for uint8, uint16, uint32 and uint64
     */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /**
     * Returns the type of an ND4J data type.
     *
     * @param dataType an ND4J type
     * @return the numpy type that ND4J type holds
     * @throws IllegalArgumentException if the ND4J type has no numpy counterpart here (UTF8, BFLOAT16, ...)
     */
    public static DType of(DataType dataType) {
        for (DType t : values()) {
            if (t.dataType == dataType) {
                return t;
            }
        }
        switch (dataType.name()) {
            case "BYTE": return INT8;
            case "UBYTE": return UINT8;
            case "SHORT": return INT16;
            case "INT": return INT32;
            case "LONG": return INT64;
            case "HALF": return FLOAT16;
            default:
                throw new IllegalArgumentException("dataType " + dataType
                        + " has no numpy counterpart supported by eo-learn patches");
        }
    }

    /**
     * Returns the type of an array.
     *
     * @param array an ND4J array
     * @return its numpy type
     */
    public static DType of(INDArray array) {
        return of(array.dataType());
    }

    /**
     * Parses a numpy name ({@code "float32"}, {@code "uint8"}, {@code "bool"}, case-insensitive).
     *
     * @param name a numpy dtype name
     * @return the type
     * @throws IllegalArgumentException if the name is not one of the twelve supported types
     */
    public static DType fromNumpyName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("bool_") || n.equals("bool8")) {
            n = "bool";
        } else if (n.equals("half")) {
            n = "float16";
        } else if (n.equals("float") || n.equals("double")) {
            n = "float64";
        } else if (n.equals("int")) {
            n = "int64";
        }
        for (DType t : values()) {
            if (t.numpyName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("dtype '" + name + "' is not supported; expected one of "
                + "bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float16, float32, float64");
    }

    /**
     * Parses an NPY type string such as {@code "<f4"}, {@code "|u1"} or {@code ">i2"} and tells its byte order.
     *
     * @param descr the NPY {@code descr} value
     * @return the parsed type and whether its bytes are big-endian
     * @throws IllegalArgumentException if the string is not a supported numeric type
     */
    public static Descr parseDescr(String descr) {
        if (descr.length() < 3) {
            throw new IllegalArgumentException("unsupported NPY descr '" + descr + "'");
        }
        char order = descr.charAt(0);
        String code = descr.substring(1);
        boolean bigEndian;
        switch (order) {
            case '<': case '|': case '=':
                bigEndian = false;
                break;
            case '>': case '!':
                bigEndian = true;
                break;
            default:
                throw new IllegalArgumentException("unsupported NPY descr '" + descr + "': unknown byte order '"
                        + order + "'");
        }
        for (DType t : values()) {
            if (t.descr.substring(1).equals(code)) {
                if (t.itemSize == 1) {
                    bigEndian = false;
                }
                return new Descr(t, bigEndian);
            }
        }
        throw new IllegalArgumentException("unsupported NPY descr '" + descr + "': only bool, int8..int64, "
                + "uint8..uint64 and float16/32/64 are supported (no object, string, complex or structured arrays)");
    }

    /**
     * A parsed NPY type string.
     *
     * @param type      the element type
     * @param bigEndian whether the file stores the elements big-endian
     */
    public record Descr(DType type, boolean bigEndian) {
    }

    /**
     * numpy's type promotion of two array dtypes ({@code np.result_type} of two arrays, without value-based casting):
     * bool gives way to anything, integers of one signedness to the wider one, signed and unsigned to the signed
     * type that holds both (int64 and uint64 to float64), integers and floats to the float wide enough for the
     * integer (float16 for 8-bit, float32 for 16-bit, float64 otherwise).
     *
     * @param a one dtype
     * @param b the other
     * @return the common dtype
     */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == DType.BOOL) {
            return b;
        }
        if (b == DType.BOOL) {
            return a;
        }
        if (a.isFloatingPoint() || b.isFloatingPoint()) {
            int size = 0;
            for (DType t : new DType[] {a, b}) {
                size = Math.max(size, t.isFloatingPoint() ? t.itemSize() : t.itemSize() == 1 ? 2
                        : t.itemSize() == 2 ? 4 : 8);
            }
            return size == 2 ? DType.FLOAT16 : size == 4 ? DType.FLOAT32 : DType.FLOAT64;
        }
        if (a.isUnsigned() == b.isUnsigned()) {
            return a.itemSize() >= b.itemSize() ? a : b;
        }
        DType unsigned = a.isUnsigned() ? a : b;
        DType signed = a.isUnsigned() ? b : a;
        if (signed.itemSize() > unsigned.itemSize()) {
            return signed;
        }
        switch (unsigned.itemSize()) {
            case 1: return DType.INT16;
            case 2: return DType.INT32;
            case 4: return DType.INT64;
            default: return DType.FLOAT64;
        }
    }

    /**
     * numpy's result dtype of several arrays ({@code np.result_type(*arrays)}, as {@code np.concatenate} uses it),
     * which is not a left fold of {@link #promote}: with a float among them, each integer type is promoted with the
     * floats on its own ({@code int8, uint8, float16} give float16, not float32); integers alone fold.
     *
     * @param types at least one dtype
     * @return the common dtype
     */
    public static DType promoteAll(java.util.Collection<DType> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no dtypes to promote");
        }
        DType floats = null;
        for (DType t : types) {
            if (t.isFloatingPoint()) {
                floats = floats == null ? t : promote(floats, t);
            }
        }
        DType out = null;
        for (DType t : types) {
            out = out == null ? (floats == null ? t : promote(floats, t)) : promote(out, floats == null ? t
                    : promote(floats, t));
        }
        return out;
    }

    /**
     * numpy 1.24's result dtype of an array and a Python scalar (value-based casting): a float scalar keeps a float
     * array's dtype and makes an integer or bool array float64; an int scalar makes a bool array int64, keeps a float
     * array's dtype and an integer array's dtype when the value fits it, else widens it as {@code min_scalar_type}
     * of the value would ({@code uint8} and -1 give int16, uint64 and -1 float64).
     *
     * @param array    the array's dtype
     * @param value    the scalar
     * @param integral whether the scalar is a Python int
     * @return the result dtype
     */
    public static DType promoteWithScalar(DType array, double value, boolean integral) {
        if (!integral) {
            return array.isFloatingPoint() ? array : FLOAT64;
        }
        if (array == BOOL) {
            return INT64;
        }
        if (array.isFloatingPoint() || fits(value, array)) {
            return array;
        }
        return promote(array, minScalarType(value));
    }

    private static boolean fits(double v, DType t) {
        return switch (t) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFFFFFFL;
            case UINT64 -> v >= 0;
            default -> true;
        };
    }

    /** numpy's {@code min_scalar_type} of a Python int. */
    private static DType minScalarType(double v) {
        if (v >= 0) {
            return v <= 0xFF ? UINT8 : v <= 0xFFFF ? UINT16 : v <= 0xFFFFFFFFL ? UINT32 : UINT64;
        }
        return v >= Byte.MIN_VALUE ? INT8 : v >= Short.MIN_VALUE ? INT16 : v >= Integer.MIN_VALUE ? INT32 : INT64;
    }
}
