package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tests {@link Npy}: numpy's exact header bytes, every dtype, byte orders, Fortran order and bad files. */
class NpyTest {

    private static final Path FILE = Path.of("test.npy");

    /** Every NPY file in the shared data was written by numpy; our header for its dtype and shape must match. */
    @Test
    void headersAreTheBytesNumpyWrites() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : new String[] {"data/eolearn/TestEOPatch", "parity/public"}) {
            try (Stream<Path> s = Files.walk(SharedData.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".npy") || p.toString().endsWith(".npy.gz")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path f : files) {
            byte[] head;
            try (InputStream in = open(f)) {
                head = in.readNBytes(4096);
            }
            Npy.Header h = Npy.readHeader(new ByteArrayInputStream(head), f);
            if (h.fortranOrder()) {
                continue; // numpy wrote a Fortran-ordered array; we always write C order
            }
            byte[] ours = Npy.header(h.dtype(), h.shape());
            assertThat(Arrays.copyOf(head, ours.length)).as(f.toString()).isEqualTo(ours);
        }
    }

    private static InputStream open(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        return f.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    @Test
    void headerOfOneDimensionalAndScalarShapes() {
        String oneD = new String(Npy.header(DType.INT32, new long[] {6}), StandardCharsets.ISO_8859_1);
        assertThat(oneD).startsWith("\u0093NUMPY\u0001\u0000v\u0000{'descr': '<i4', 'fortran_order': False, "
                + "'shape': (6,), }");
        assertThat(oneD).hasSize(128).endsWith(" \n");
        String scalar = new String(Npy.header(DType.FLOAT64, new long[0]), StandardCharsets.ISO_8859_1);
        assertThat(scalar).contains("'shape': (), }").hasSize(128);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryDtype(DType type) throws IOException {
        Random random = new Random(type.ordinal());
        long[] shape = {3, 4, 5, 2};
        byte[] raw = new byte[(int) NdArrays.length(shape) * type.itemSize()];
        random.nextBytes(raw);
        if (type == DType.BOOL) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (raw[i] & 1);
            }
        }
        INDArray a = NdArrays.fromBytes(type, shape, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
        byte[] file = Npy.toBytes(a);
        byte[] body = Arrays.copyOfRange(file, file.length - raw.length, file.length);
        assertThat(body).as("raw bytes survive").isEqualTo(raw);
        INDArray back = Npy.read(new ByteArrayInputStream(file), FILE);
        assertThat(DType.of(back)).isEqualTo(type);
        assertThat(back.shape()).isEqualTo(shape);
        assertThat(NdArrays.toBytes(back).array()).isEqualTo(raw);
    }

    @Test
    void roundTripsEmptyArrays() throws IOException {
        INDArray empty = NdArrays.zeros(DType.FLOAT32, 0, 101, 100, 1);
        INDArray back = Npy.read(new ByteArrayInputStream(Npy.toBytes(empty)), FILE);
        assertThat(back.shape()).containsExactly(0, 101, 100, 1);
        assertThat(DType.of(back)).isEqualTo(DType.FLOAT32);
    }

    @Test
    void readsBigEndianFiles() throws IOException {
        ByteBuffer body = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        body.putFloat(1.5f).putFloat(-2f).putFloat(Float.NaN);
        INDArray a = Npy.read(new ByteArrayInputStream(file("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }",
                body.array())), FILE);
        assertThat(DType.of(a)).isEqualTo(DType.FLOAT32);
        assertThat(NdArrays.toDoubles(a)).containsExactly(1.5, -2.0, Double.NaN);
        ByteBuffer shorts = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 258)
                .putShort((short) -3);
        INDArray s = Npy.read(new ByteArrayInputStream(file("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }",
                shorts.array())), FILE);
        assertThat(NdArrays.toDoubles(s)).containsExactly(258, -3);
    }

    @Test
    void readsFortranOrderIntoCOrder() throws IOException {
        // the 2x3 matrix [[1,2,3],[4,5,6]] stored column by column
        ByteBuffer body = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[] {1, 4, 2, 5, 3, 6}) {
            body.putInt(v);
        }
        INDArray a = Npy.read(new ByteArrayInputStream(file("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }",
                body.array())), FILE);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(NdArrays.toDoubles(a)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void truncatedDataIsReportedWithTheFile() {
        byte[] f = file("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", new byte[12]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(f), FILE))
                .isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("test.npy").hasMessageContaining("truncated").hasMessageContaining("40 bytes");
    }

    @Test
    void lyingHeaderWithExtraDataIsRefused() {
        byte[] f = file("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[12]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(f), FILE))
                .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("longer than its header says");
    }

    @Test
    void truncatedHeaderIsReported() {
        byte[] f = Arrays.copyOf(file("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]), 30);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(f), FILE))
                .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("truncated while reading the NPY header");
    }

    @Test
    void unknownAndUnsupportedDtypesAreRefused() {
        for (String descr : new String[] {"<c8", "|O", "<U5", "<V8", "<x4"}) {
            byte[] f = file("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
            assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(f), FILE)).as(descr)
                    .isInstanceOf(EOPatchFormatException.class).hasMessageContaining(descr);
        }
        byte[] structured = file("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(structured), FILE))
                .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("descr");
    }

    @Test
    void badMagicAndBrokenDictsAreRefused() {
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream("PK\u0003\u0004 not numpy at all".getBytes(
                StandardCharsets.ISO_8859_1)), FILE)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("bad magic");
        byte[] noShape = file("{'descr': '<f4', 'fortran_order': False, }", new byte[4]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(noShape), FILE))
                .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("shape");
        byte[] negative = file("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", new byte[4]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(negative), FILE))
                .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("-1");
        byte[] huge = file("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000, 100000), }",
                new byte[4]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(huge), FILE))
                .isInstanceOf(EOPatchFormatException.class);
    }

    /** Builds an NPY v1 file from a header dict and a body. */
    static byte[] file(String dict, byte[] body) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text).put(body);
        return b.array();
    }
}
