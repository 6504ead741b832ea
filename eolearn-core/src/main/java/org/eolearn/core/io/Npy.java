package org.eolearn.core.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
     * Reads a whole NPY array from a stream.
     *
     * @param in   the stream, positioned at the magic string (read to the end, not closed)
     * @param file the file name for messages
     * @return a C-ordered array of the file's dtype
     * @throws EOPatchFormatException if the file is malformed, truncated or longer than its header says
     * @throws IOException            if reading fails
     */
    public static INDArray read(InputStream in, Path file) throws IOException {
        return read(Channels.newChannel(in), file);
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

    /** Fills {@code target} from the channel; large files are read in parallel slices at their positions. */
    private static void readBody(ReadableByteChannel channel, ByteBuffer target, Path file, Header h)
            throws IOException {
        int size = target.remaining();
        if (channel instanceof FileChannel && size >= PARALLEL_READ) {
            FileChannel fc = (FileChannel) channel;
            long base = fc.position();
            if (fc.size() - base < size) {
                throw truncated(file, h, size, fc.size() - base);
            }
            int slices = Math.max(2, Runtime.getRuntime().availableProcessors());
            int per = (size / slices + 4095) & ~4095;
            List<java.util.concurrent.ForkJoinTask<Void>> tasks = new ArrayList<>();
            for (int off = 0; off < size; off += per) {
                ByteBuffer slice = target.duplicate();
                slice.position(off).limit(Math.min(size, off + per));
                long at = base + off;
                tasks.add(IoPools.COMPUTE.submit(() -> {
                    long pos = at;
                    while (slice.hasRemaining()) {
                        int n = fc.read(slice, pos);
                        if (n < 0) {
                            throw new java.io.EOFException();
                        }
                        pos += n;
                    }
                    return null;
                }));
            }
            try {
                for (var t : tasks) {
                    t.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + file);
            }
            fc.position(base + size);
            target.position(target.limit());
            return;
        }
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw truncated(file, h, size, target.position());
            }
        }
    }

    private static EOPatchFormatException truncated(Path file, Header h, int size, long got) {
        return new EOPatchFormatException(file, "NPY data is truncated: the header promises " + size
                + " bytes for shape " + shapeText(h.shape()) + " (" + h.dtype().numpyName()
                + ") but the file ends after " + got);
    }

    private static INDArray read(ReadableByteChannel channel, Path file) throws IOException {
        Header h = readHeader(Channels.newInputStream(channel), file);
        long n = NdArrays.length(h.shape());
        int size = (int) (n * h.dtype().itemSize());
        long[] storedShape = h.fortranOrder() ? reversed(h.shape()) : h.shape();
        INDArray array = Nd4j.createUninitialized(h.dtype().dataType(), storedShape.clone(), 'c');
        ByteBuffer target = size == 0 ? ByteBuffer.allocate(0) : array.data().asNio();
        target.clear().limit(size);
        readBody(channel, target, file, h);
        if (channel.read(ByteBuffer.allocate(1)) > 0) {
            throw new EOPatchFormatException(file, "NPY file is longer than its header says: shape "
                    + shapeText(h.shape()) + " of " + h.dtype().numpyName() + " needs " + size + " data bytes");
        }
        if (size > 0 && (h.bigEndian() || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)) {
            swapInPlace(target, h.dtype().itemSize(), h.bigEndian() != (ByteOrder.nativeOrder()
                    == ByteOrder.BIG_ENDIAN));
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
