package org.eolearn.core.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes numpy's NPY format, byte for byte as numpy 1.24 does.
 *
 * <p>Writing produces format version 1.0 (2.0 only when the header does not fit 65535 bytes, as numpy does),
 * C order, little endian, with numpy's header: the sorted dict, 21-digit growth padding of the first dimension
 * and padding to a multiple of 64 bytes. Reading accepts versions 1.0, 2.0 and 3.0, either byte order and
 * Fortran order (converted to C order). Object, string, complex and structured arrays are refused.
 *
 * <h2>Thread-safety</h2>
 * Stateless.
 *
 * @since 0.1
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final int COPY_CHUNK = 1 << 20;

    private Npy() {
    }

    /**
     * A parsed NPY header.
     *
     * @param dtype        the element type
     * @param bigEndian    whether the data is big-endian
     * @param fortranOrder whether the data is in Fortran order
     * @param shape        the shape
     */
    public record Header(DType dtype, boolean bigEndian, boolean fortranOrder, long[] shape) {
    }

    /**
     * Returns the header bytes numpy writes for a C-ordered little-endian array: magic, version, header length,
     * the header dict and its padding.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return the bytes before the data
     */
    public static byte[] header(DType dtype, long[] shape) {
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int version = 1;
        int sizeBytes = 2;
        int pad = ARRAY_ALIGN - ((MAGIC.length + 2 + sizeBytes + hlen) % ARRAY_ALIGN);
        if (hlen + pad > 0xFFFF) {
            version = 2;
            sizeBytes = 4;
            pad = ARRAY_ALIGN - ((MAGIC.length + 2 + sizeBytes + hlen) % ARRAY_ALIGN);
        }
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + sizeBytes + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            out.putShort((short) (hlen + pad));
        } else {
            out.putInt(hlen + pad);
        }
        out.put(text);
        for (int i = 0; i < pad; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /**
     * Writes an array in NPY format.
     *
     * @param array the array
     * @param out   the stream (not closed)
     * @throws IOException if writing fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        DType dtype = DType.of(array);
        out.write(header(dtype, array.shape()));
        if (array.length() == 0) {
            return;
        }
        ByteBuffer data = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? NdArrays.contiguousBytes(array)
                : NdArrays.toBytes(array);
        byte[] chunk = new byte[Math.min(COPY_CHUNK, data.remaining())];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /**
     * Reads an NPY header.
     *
     * @param in   the stream, positioned at the magic string
     * @param file the file name for messages
     * @return the header
     * @throws EOPatchFormatException if the header is malformed or describes an unsupported array
     * @throws IOException            if reading fails
     */
    public static Header readHeader(InputStream in, Path file) throws IOException {
        byte[] magic = readFully(in, MAGIC.length + 2, file, "the NPY magic string");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new EOPatchFormatException(file, "not an NPY file (bad magic string)");
            }
        }
        int major = magic[6];
        int headerLength;
        if (major == 1) {
            byte[] len = readFully(in, 2, file, "the NPY header length");
            headerLength = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, file, "the NPY header length");
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLength < 0 || headerLength > (1 << 24)) {
                throw new EOPatchFormatException(file, "NPY header length " + headerLength + " is not plausible");
            }
        } else {
            throw new EOPatchFormatException(file, "unsupported NPY format version " + major + "." + magic[7]);
        }
        byte[] headerBytes = readFully(in, headerLength, file, "the NPY header of " + headerLength + " bytes");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(header.trim(), file);
    }

    private static Header parseHeader(String header, Path file) throws EOPatchFormatException {
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw new EOPatchFormatException(file, "NPY header is not a Python dict: " + abbreviate(header));
        }
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find()) {
            throw new EOPatchFormatException(file, "NPY header has no simple 'descr' (object, structured or "
                    + "sub-array dtypes are not supported): " + abbreviate(header));
        }
        if (!f.find()) {
            throw new EOPatchFormatException(file, "NPY header has no 'fortran_order': " + abbreviate(header));
        }
        if (!s.find()) {
            throw new EOPatchFormatException(file, "NPY header has no 'shape' tuple: " + abbreviate(header));
        }
        DType.Descr descr;
        try {
            descr = DType.parseDescr(d.group(1));
        } catch (IllegalArgumentException e) {
            throw new EOPatchFormatException(file, e.getMessage(), e);
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new EOPatchFormatException(file, "NPY shape has the invalid dimension '" + part.trim() + "'");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        try {
            long bytes = Math.multiplyExact(NdArrays.length(shape), descr.type().itemSize());
            if (bytes > Integer.MAX_VALUE - 64) {
                throw new EOPatchFormatException(file, "NPY array of " + bytes + " bytes is larger than 2 GiB, "
                        + "which this reader does not support");
            }
        } catch (ArithmeticException e) {
            throw new EOPatchFormatException(file, "NPY shape " + s.group(1) + " overflows");
        }
        return new Header(descr.type(), descr.bigEndian(), "True".equals(f.group(1)), shape);
    }

    /**
     * Reads a whole NPY array.
     *
     * @param in   the stream, positioned at the magic string (read to the end, not closed)
     * @param file the file name for messages
     * @return a C-ordered array of the file's dtype
     * @throws EOPatchFormatException if the file is malformed, truncated or longer than its header says
     * @throws IOException            if reading fails
     */
    public static INDArray read(InputStream in, Path file) throws IOException {
        Header h = readHeader(in, file);
        long n = NdArrays.length(h.shape());
        int size = (int) (n * h.dtype().itemSize());
        long[] storedShape = h.fortranOrder() ? reversed(h.shape()) : h.shape();
        INDArray array = Nd4j.create(h.dtype().dataType(), storedShape.clone(), 'c');
        if (size > 0) {
            ByteBuffer target = array.data().asNio();
            if (h.bigEndian() || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                byte[] all = readFully(in, size, file, "the array data (" + size + " bytes for shape "
                        + shapeText(h.shape()) + ")");
                ByteBuffer src = ByteBuffer.wrap(all).order(h.bigEndian() ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN);
                INDArray tmp = NdArrays.fromBytes(h.dtype(), storedShape, swapToLittle(src, h.dtype().itemSize(),
                        h.bigEndian()));
                array = tmp;
            } else {
                byte[] chunk = new byte[Math.min(COPY_CHUNK, size)];
                int done = 0;
                while (done < size) {
                    int want = Math.min(chunk.length, size - done);
                    int got = in.readNBytes(chunk, 0, want);
                    if (got < want) {
                        throw new EOPatchFormatException(file, "NPY data is truncated: the header promises " + size
                                + " bytes for shape " + shapeText(h.shape()) + " (" + h.dtype().numpyName()
                                + ") but the file ends after " + (done + got));
                    }
                    target.put(chunk, 0, got);
                    done += got;
                }
            }
        }
        if (in.read() != -1) {
            throw new EOPatchFormatException(file, "NPY file is longer than its header says: shape "
                    + shapeText(h.shape()) + " of " + h.dtype().numpyName() + " needs " + size + " data bytes");
        }
        if (h.fortranOrder() && h.shape().length > 1) {
            int[] perm = new int[h.shape().length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
            array = array.permute(perm).dup('c');
        }
        return array;
    }

    private static ByteBuffer swapToLittle(ByteBuffer src, int itemSize, boolean bigEndian) {
        if (!bigEndian || itemSize == 1) {
            return src.order(ByteOrder.LITTLE_ENDIAN);
        }
        byte[] b = src.array();
        for (int i = 0; i + itemSize <= b.length; i += itemSize) {
            for (int a = i, z = i + itemSize - 1; a < z; a++, z--) {
                byte t = b[a];
                b[a] = b[z];
                b[z] = t;
            }
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    private static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static byte[] readFully(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOPatchFormatException(file, "file is truncated while reading " + what + " (got " + b.length
                    + " of " + n + " bytes)", new EOFException());
        }
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /**
     * Serialises an array to NPY bytes in memory (for small arrays and tests).
     *
     * @param array the array
     * @return the file content
     */
    public static byte[] toBytes(INDArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(array, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
