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
}
