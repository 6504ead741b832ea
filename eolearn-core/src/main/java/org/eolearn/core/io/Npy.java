package org.eolearn.core.io;

import org.eolearn.core.compute.ArrayPool;
import org.eolearn.core.compute.ComputePolicy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Fortran order (converted to C order). Object, string, complex and structured arrays are refused
 * ({@link UnsupportedArrayException}).
 *
 * <p>Reading treats files as untrusted: headers are parsed with numpy 1.24's rules (see
 * {@link #readHeader(InputStream, Path)}), nothing is allocated beyond what the file holds (a plain file's size is
 * checked against the header before allocation; a stream's data is collected as it arrives), and every refusal is
 * an {@link EOPatchFormatException} naming the file.
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
    private static final int COPY_CHUNK = 1 << 20;
    private static final int PARALLEL_READ = 8 << 20;

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
     * Returns an array's NPY file content as two buffers: the header and the element bytes (a view of the
     * array's own memory when it is C-contiguous on a little-endian machine, so nothing is copied).
     *
     * @param array the array
     * @return the header and the data, read-only
     */
    public static List<ByteBuffer> content(INDArray array) {
        DType dtype = DType.of(array);
        ByteBuffer header = ByteBuffer.wrap(header(dtype, array.shape())).asReadOnlyBuffer();
        if (array.length() == 0) {
            return List.of(header);
        }
        ByteBuffer data = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? NdArrays.contiguousBytes(array)
                : NdArrays.toBytes(array);
        return List.of(header, data);
    }

    /**
     * Writes an array in NPY format.
     *
     * @param array the array
     * @param out   the stream (not closed)
     * @throws IOException if writing fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        byte[] chunk = new byte[COPY_CHUNK];
        for (ByteBuffer part : content(array)) {
            ByteBuffer data = part.duplicate();
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /**
     * Reads an NPY header with numpy 1.24's rules ({@code numpy.lib.format._read_array_header} as
     * {@code numpy.load} calls it): magic string, format version 1.0, 2.0 or 3.0, header length, at most 10000
     * characters of header (numpy's {@code max_header_size}), Latin-1 (UTF-8 for 3.0) text that is a Python
     * literal dict ({@code ast.literal_eval}; for 1.0 and 2.0 after dropping Python 2's {@code L} suffixes, as
     * numpy's {@code _filter_header} does) with exactly the keys {@code descr}, {@code fortran_order} and
     * {@code shape} (a repeated key keeps its last value), a tuple of ints as shape, a bool as Fortran order and a
     * dtype string as descr.
     *
     * <p>Nothing is allocated beyond the header's own bytes (at most 40000).
     *
     * @param in   the stream, positioned at the magic string
     * @param file the file name for messages
     * @return the header
     * @throws UnsupportedArrayException if numpy would accept the header but this reader does not support the
     *                                   array (a dtype other than bool, integers and floats, a negative dimension,
     *                                   more than {@link Long#MAX_VALUE} elements)
     * @throws EOPatchFormatException    if numpy would refuse the header too
     * @throws IOException               if reading fails
     */
    public static Header readHeader(InputStream in, Path file) throws IOException {
        return readHeader(in, file, false);
    }

    /**
     * Reads the header for loading the array: numpy's {@code read_array} then also fails on a shape holding a
     * bool ({@code multiply.reduce} refuses it), though the header itself is valid.
     */
    private static Header readHeader(InputStream in, Path file, boolean forLoad) throws IOException {
        byte[] magic = readFully(in, MAGIC.length + 2, file, "the NPY magic string");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new EOPatchFormatException(file, "not an NPY file (bad magic string)");
            }
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new EOPatchFormatException(file, "unsupported NPY format version " + major + "." + minor
                    + " (numpy reads 1.0, 2.0 and 3.0)");
        }
        long headerLength;
        if (major == 1) {
            byte[] len = readFully(in, 2, file, "the NPY header length");
            headerLength = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
        } else {
            byte[] len = readFully(in, 4, file, "the NPY header length");
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        }
        int maxBytes = major == 3 ? 4 * MAX_HEADER_CHARS : MAX_HEADER_CHARS;
        if (headerLength > maxBytes) {
            throw new EOPatchFormatException(file, "NPY header length " + headerLength + " exceeds numpy's limit of "
                    + MAX_HEADER_CHARS + " characters");
        }
        byte[] headerBytes = readFully(in, (int) headerLength, file, "the NPY header of " + headerLength + " bytes");
        String header;
        if (major == 3) {
            try {
                header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(headerBytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new EOPatchFormatException(file, "NPY 3.0 header is not valid UTF-8", e);
            }
            if (header.codePointCount(0, header.length()) > MAX_HEADER_CHARS) {
                throw new EOPatchFormatException(file, "NPY header exceeds numpy's limit of " + MAX_HEADER_CHARS
                        + " characters");
            }
        } else {
            header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        }
        return parseHeader(header, major < 3, forLoad, file);
    }

    private static final int MAX_HEADER_CHARS = 10000;

    private static Header parseHeader(String header, boolean python2Filter, boolean forLoad, Path file)
            throws EOPatchFormatException {
        Object value;
        try {
            value = PyLiteral.eval(header, python2Filter);
        } catch (PyLiteral.Malformed e) {
            throw new EOPatchFormatException(file, "cannot parse the NPY header (" + e.getMessage() + "): "
                    + abbreviate(header));
        } catch (RuntimeException | StackOverflowError e) {
            throw new EOPatchFormatException(file, "cannot parse the NPY header (" + e + "): " + abbreviate(header));
        }
        if (!(value instanceof Map<?, ?> dict)) {
            throw new EOPatchFormatException(file, "NPY header is not a dictionary: " + abbreviate(header));
        }
        if (dict.size() != 3 || !dict.containsKey("descr") || !dict.containsKey("fortran_order")
                || !dict.containsKey("shape")) {
            throw new EOPatchFormatException(file, "NPY header does not contain exactly the keys 'descr', "
                    + "'fortran_order' and 'shape': " + abbreviate(header));
        }
        Object shapeValue = dict.get("shape");
        if (!(shapeValue instanceof PyLiteral.Tuple tuple)
                || !tuple.items().stream().allMatch(x -> x instanceof BigInteger || x instanceof Boolean)) {
            throw new EOPatchFormatException(file, "NPY shape is not a tuple of ints: " + abbreviate(header));
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new EOPatchFormatException(file, "NPY fortran_order is not a bool: " + abbreviate(header));
        }
        Object descrValue = dict.get("descr");
        if (!(descrValue instanceof String)) {
            if (descrValue instanceof List || descrValue instanceof PyLiteral.Tuple || descrValue instanceof Map
                    || descrValue instanceof java.util.Set || descrValue instanceof PyLiteral.Bytes) {
                throw new UnsupportedArrayException(file, "structured and sub-array dtypes are not supported: "
                        + abbreviate(header));
            }
            throw new EOPatchFormatException(file, "NPY descr is not a valid dtype descriptor: " + abbreviate(header));
        }
        DType.Descr descr = descr((String) descrValue);
        if (descr == null) {
            throw new UnsupportedArrayException(file, "unsupported dtype '" + abbreviate((String) descrValue)
                    + "': only bool, int8..int64, uint8..uint64 and float16/32/64 are supported");
        }
        if (forLoad && tuple.items().size() > 1 && tuple.items().stream().anyMatch(x -> x instanceof Boolean)
                || forLoad && tuple.items().size() == 1 && tuple.items().get(0) instanceof Boolean) {
            throw new EOPatchFormatException(file, "NPY shape " + tupleText(tuple) + " holds a bool, which numpy's "
                    + "loader refuses");
        }
        long[] shape = new long[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = tuple.items().get(i);
            BigInteger v = d instanceof Boolean b ? (b ? BigInteger.ONE : BigInteger.ZERO) : (BigInteger) d;
            if (v.signum() < 0) {
                throw new UnsupportedArrayException(file, "NPY shape " + tupleText(tuple) + " has a negative "
                        + "dimension (numpy treats -1 as a reshape wildcard for plain files; not supported)");
            }
            if (v.bitLength() > 63) {
                throw new UnsupportedArrayException(file, "NPY shape " + tupleText(tuple) + " has a dimension "
                        + "larger than " + Long.MAX_VALUE);
            }
            shape[i] = v.longValueExact();
        }
        try {
            Math.multiplyExact(elementCount(shape), descr.type().itemSize());
        } catch (ArithmeticException e) {
            throw new UnsupportedArrayException(file, "NPY shape " + tupleText(tuple) + " of "
                    + descr.type().numpyName() + " overflows 64-bit byte counts");
        }
        return new Header(descr.type(), descr.bigEndian(), (Boolean) fortran, shape);
    }

    private static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static String tupleText(PyLiteral.Tuple t) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < t.items().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(t.items().get(i));
        }
        return abbreviate(b.append(t.items().size() == 1 ? ",)" : ")").toString());
    }

    /** numpy's dtype strings for the supported types, or null (numpy may still know them). */
    private static DType.Descr descr(String s) {
        String code = s;
        boolean big = false;
        if (!s.isEmpty() && "<>=|".indexOf(s.charAt(0)) >= 0) {
            big = s.charAt(0) == '>';
            code = s.substring(1);
        } else {
            for (DType t : DType.values()) {
                if (t.numpyName().equals(s)) {
                    return new DType.Descr(t, false);
                }
            }
        }
        DType type = null;
        for (DType t : DType.values()) {
            if (t.descr().substring(1).equals(code)) {
                type = t;
            }
        }
        if (type == null && code.length() == 1) {
            switch (code.charAt(0)) {
                case '?': type = DType.BOOL; break;
                case 'b': type = DType.INT8; break;
                case 'B': type = DType.UINT8; break;
                case 'h': type = DType.INT16; break;
                case 'H': type = DType.UINT16; break;
                case 'i': type = DType.INT32; break;
                case 'I': type = DType.UINT32; break;
                case 'l': case 'q': type = DType.INT64; break;
                case 'L': case 'Q': type = DType.UINT64; break;
                case 'e': type = DType.FLOAT16; break;
                case 'f': type = DType.FLOAT32; break;
                case 'd': type = DType.FLOAT64; break;
                default: break;
            }
        }
        if (type == null) {
            return null;
        }
        return new DType.Descr(type, big && type.itemSize() > 1);
    }

    /**
     * Reads a whole NPY array from a stream.
     *
     * @param in   the stream, positioned at the magic string (read to the end, not closed)
     * @param file the file name for messages
     * @return a C-ordered array of the file's dtype
     * @throws EOPatchFormatException if the file is malformed, truncated or longer than its header says
     * @throws IOException            if reading fails
     */
    public static INDArray read(InputStream in, Path file) throws IOException {
        return readStream(in, file);
    }

    /**
     * Reads a whole NPY array from a file, straight into the array's memory.
     *
     * @param file the file
     * @return a C-ordered array of the file's dtype
     * @throws EOPatchFormatException if the file is malformed, truncated or longer than its header says
     * @throws IOException            if reading fails
     */
    public static INDArray read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file);
        }
    }

    /** Fills {@code target} from a file channel; large files are read in parallel slices at their positions. */
    private static void readBody(FileChannel fc, ByteBuffer target, Path file, Header h) throws IOException {
        int size = target.remaining();
        long base = fc.position();
        if (size < PARALLEL_READ) {
            while (target.hasRemaining()) {
                if (fc.read(target) < 0) {
                    throw truncated(file, h, size, target.position(), "the file");
                }
            }
            return;
        }
        int slices = ComputePolicy.threads();
        if (slices <= 1) {
            while (target.hasRemaining()) {
                if (fc.read(target) < 0) {
                    throw truncated(file, h, size, target.position(), "the file");
                }
            }
            return;
        }
        int per = (size / slices + 4095) & ~4095;
        int parts = (size + per - 1) / per;
        ComputePolicy.parallelForIo(parts, k -> {
            int off = k * per;
            ByteBuffer slice = target.duplicate();
            slice.position(off).limit(Math.min(size, off + per));
            long pos = base + off;
            while (slice.hasRemaining()) {
                int n = fc.read(slice, pos);
                if (n < 0) {
                    throw new EOPatchFormatException(file, "NPY data is truncated (the file shrank while being read)");
                }
                pos += n;
            }
        });
        fc.position(base + size);
        target.position(target.limit());
    }

    private static EOPatchFormatException truncated(Path file, Header h, long size, long got, String what) {
        return new EOPatchFormatException(file, "NPY data is truncated: the header's shape " + shapeText(h.shape())
                + " of " + h.dtype().numpyName() + " needs " + size + " bytes of data but " + what + " holds only "
                + got);
    }

    /** The data size the header promises; refuses arrays this reader cannot hold in one buffer. */
    private static int dataSize(Header h, Path file) throws EOPatchFormatException {
        long bytes = elementCount(h.shape()) * h.dtype().itemSize(); // no overflow: checked by parseHeader
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new UnsupportedArrayException(file, "NPY array of shape " + shapeText(h.shape()) + " ("
                    + h.dtype().numpyName() + ", " + bytes + " bytes) is larger than 2 GiB, which this reader does "
                    + "not support");
        }
        return (int) bytes;
    }

    private static INDArray allocate(Header h, Path file) throws IOException {
        long[] storedShape = h.fortranOrder() ? reversed(h.shape()) : h.shape();
        try {
            return ArrayPool.uninitialized(h.dtype().dataType(), storedShape);
        } catch (OutOfMemoryError | RuntimeException e) {
            throw new IOException(file + ": cannot allocate the NPY array of shape " + shapeText(h.shape()) + " ("
                    + h.dtype().numpyName() + "): " + e, e);
        }
    }

    /** A plain file: the header's byte count is checked against the file size before anything is allocated. */
    private static INDArray read(FileChannel channel, Path file) throws IOException {
        Header h = readHeader(Channels.newInputStream(channel), file, true);
        long available = channel.size() - channel.position();
        long needed = elementCount(h.shape()) * h.dtype().itemSize();
        if (needed > available) {
            throw new EOPatchFormatException(file, "NPY data is truncated: the header's shape " + shapeText(h.shape())
                    + " of " + h.dtype().numpyName() + " needs " + needed + " bytes of data but the file ("
                    + channel.size() + " bytes) holds only " + available);
        }
        if (needed < available) {
            throw longer(file, h, needed);
        }
        int size = dataSize(h, file);
        INDArray array = allocate(h, file);
        ByteBuffer target = size == 0 ? ByteBuffer.allocate(0) : array.data().asNio();
        target.clear().limit(size);
        readBody(channel, target, file, h);
        if (channel.read(ByteBuffer.allocate(1)) > 0) {
            throw longer(file, h, needed);
        }
        return finish(array, target, h);
    }

    private static EOPatchFormatException longer(Path file, Header h, long needed) {
        return new EOPatchFormatException(file, "NPY file is longer than its header says: shape "
                + shapeText(h.shape()) + " of " + h.dtype().numpyName() + " needs " + needed + " data bytes");
    }

    /**
     * A stream (for example gzip): the header is not trusted; the data is collected in chunks as it arrives (the
     * chunk size doubles up to 16 MiB), and only when all of it is there is the array allocated.
     */
    private static INDArray readStream(InputStream in, Path file) throws IOException {
        Header h = readHeader(in, file, true);
        long needed = elementCount(h.shape()) * h.dtype().itemSize();
        List<byte[]> chunks = new ArrayList<>();
        long got = 0;
        int chunk = STREAM_CHUNK_MIN;
        while (got < needed) {
            int want = (int) Math.min(chunk, needed - got);
            byte[] b = in.readNBytes(want);
            got += b.length;
            if (b.length > 0) {
                chunks.add(b);
            }
            if (b.length < want) {
                chunks.clear();
                throw truncated(file, h, needed, got, "the stream");
            }
            chunk = Math.min(STREAM_CHUNK_MAX, chunk * 2);
        }
        int extra;
        try {
            extra = in.read();
        } catch (EOPatchFormatException e) {
            String m = e.getMessage();
            throw new EOPatchFormatException(file, "the array data is complete but the stream after it is damaged: "
                    + (m.startsWith(file + ": ") ? m.substring(file.toString().length() + 2) : m), e);
        }
        if (extra >= 0) {
            throw longer(file, h, needed);
        }
        int size = dataSize(h, file);
        INDArray array = allocate(h, file);
        ByteBuffer target = size == 0 ? ByteBuffer.allocate(0) : array.data().asNio();
        target.clear().limit(size);
        for (int i = 0; i < chunks.size(); i++) {
            target.put(chunks.get(i));
            chunks.set(i, null);
        }
        target.flip();
        return finish(array, target, h);
    }

    private static final int STREAM_CHUNK_MIN = 1 << 16;
    private static final int STREAM_CHUNK_MAX = 16 << 20;

    private static INDArray finish(INDArray array, ByteBuffer target, Header h) {
        int size = target.limit();
        if (size > 0 && (h.bigEndian() || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)) {
            swapInPlace(target, h.dtype().itemSize(), h.bigEndian() != (ByteOrder.nativeOrder()
                    == ByteOrder.BIG_ENDIAN));
        }
        if (h.fortranOrder() && h.shape().length > 1) {
            int[] perm = new int[h.shape().length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
            return array.permute(perm).dup('c');
        }
        return array;
    }

    private static void swapInPlace(ByteBuffer b, int itemSize, boolean swap) {
        if (!swap || itemSize == 1) {
            return;
        }
        int limit = b.limit();
        for (int i = 0; i + itemSize <= limit; i += itemSize) {
            for (int a = i, z = i + itemSize - 1; a < z; a++, z--) {
                byte t = b.get(a);
                b.put(a, b.get(z));
                b.put(z, t);
            }
        }
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
