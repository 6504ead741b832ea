package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bytedeco.javacpp.Pointer;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One regression test per finding of the hostile-files review: bounded memory, errors that name the file,
 * numpy's header rules.
 */
class HostileFilesTest {

    @TempDir
    Path dir;

    static byte[] npy(int major, String dict, byte[] body) {
        byte[] text = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + text.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(body).array();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------ finding 1: unbounded memory

    /** A 228-byte file claiming 2 GiB: refused before anything is allocated, plain and gzip. */
    @Test
    void smallFileClaimingAHugeShapeAllocatesNothing() throws IOException {
        byte[] file = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (16384, 32767), }", new byte[100]);
        Path plain = dir.resolve("NDVI.npy");
        Files.write(plain, file);
        Path gz = dir.resolve("NDVI.npy.gz");
        Files.write(gz, gzip(file));
        for (Path p : List.of(plain, gz)) {
            long before = Pointer.totalBytes();
            long t0 = System.nanoTime();
            Throwable e = catchThrowable(() -> EOPatchIO.readArray(p));
            long grew = Pointer.totalBytes() - before;
            assertThat(e).isInstanceOf(EOPatchFormatException.class).hasMessageStartingWith(p.toString())
                    .hasMessageContaining("(16384, 32767)").hasMessageContaining("truncated")
                    .hasMessageContaining("holds only 100");
            assertThat(grew).as("off-heap bytes allocated for " + p).isLessThan(64L << 20);
            assertThat(System.nanoTime() - t0).as("nanoseconds for " + p).isLessThan(2_000_000_000L);
        }
        assertThat(catchThrowable(() -> EOPatchIO.readArray(plain))).hasMessageContaining("file (" + file.length + " bytes)");
    }

    @Test
    void elementCountOverflowIsReported() throws IOException {
        for (String shape : new String[] {"(4294967296, 4294967296)", "(1180591620717411303424,)",
            "(1000000, 1000000, 1000000, 1000000)", "(3037000500, 3037000500, 8)"}) {
            byte[] file = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", new byte[8]);
            Path p = dir.resolve("X.npy");
            Files.write(p, file);
            assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).as(shape)
                    .isInstanceOf(EOPatchFormatException.class).hasMessageStartingWith(p.toString());
        }
    }

    // ------------------------------------------------------------ finding 2: errors name the file

    @Test
    void truncatedAndCorruptGzipNameTheFile() throws IOException {
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, 30);
        byte[] gz = gzip(Npy.toBytes(a));
        Path p = dir.resolve("NDVI.npy.gz");
        for (int cut : new int[] {0, 1, 5, 10, 11, 30, gz.length / 2, gz.length - 9, gz.length - 8, gz.length - 4,
            gz.length - 1}) {
            Files.write(p, Arrays.copyOf(gz, cut));
            assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).as("cut at " + cut)
                    .isInstanceOf(EOPatchFormatException.class).hasMessageStartingWith(p.toString());
        }
        Files.write(p, Arrays.copyOf(gz, gz.length / 2));
        assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).hasMessageContaining("truncated gzip stream");
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 0x55;
        Files.write(p, badCrc);
        assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).isInstanceOf(EOPatchFormatException.class)
                .hasMessageStartingWith(p.toString()).hasMessageContaining("corrupt gzip stream");
        byte[] badData = gz.clone();
        badData[gz.length / 2] ^= 0x55;
        Files.write(p, badData);
        assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).isInstanceOf(EOPatchFormatException.class)
                .hasMessageStartingWith(p.toString());
        byte[] garbage = Arrays.copyOf(gz, gz.length + 3);
        garbage[gz.length] = 'x';
        Files.write(p, garbage);
        assertThat(catchThrowable(() -> EOPatchIO.readArray(p))).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("after the last gzip member");
        Files.write(p, Arrays.copyOf(gz, gz.length + 5)); // zero padding, as Python's gzip accepts
        assertThat(EOPatchIO.readArray(p).equalsWithEps(a, 0)).isTrue();
    }

    @Test
    void aDirectoryWhereAFeatureFileShouldBeIsReported() throws IOException {
        EOPatch patch = new EOPatch();
        patch.put(FeatureType.DATA_TIMELESS, "DEM", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 2, 1));
        Path p = dir.resolve("patch");
        patch.save(p);
        Files.createDirectories(p.resolve("data_timeless/B01.npy"));
        assertThatThrownBy(() -> EOPatch.load(p)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("data_timeless/B01.npy").hasMessageContaining("directory");
    }

    @Test
    void truncatedGeoPackageGzipNamesTheFile() throws IOException {
        GeometryFactory f = new GeometryFactory();
        GeoTable table = new GeoTable(CRS.WGS84, List.of(f.createPoint(new Coordinate(1, 2))), List.of());
        EOPatch patch = new EOPatch();
        patch.put(FeatureType.VECTOR_TIMELESS, "POINTS", table);
        Path p = dir.resolve("patch");
        patch.save(p, SaveOptions.defaults().withCompress(true));
        Path gpkg = p.resolve("vector_timeless/POINTS.gpkg.gz");
        byte[] full = Files.readAllBytes(gpkg);
        for (int cut : new int[] {0, 3, 20, full.length / 2, full.length - 4}) {
            Files.write(gpkg, Arrays.copyOf(full, cut));
            assertThat(catchThrowable(() -> EOPatch.load(p))).as("cut at " + cut)
                    .isInstanceOf(EOPatchFormatException.class).hasMessageContaining("POINTS.gpkg.gz");
        }
    }

    // ------------------------------------------------------------ finding 3: numpy's header rules

    private static Npy.Header header(int major, String dict) throws IOException {
        return Npy.readHeader(new ByteArrayInputStream(npy(major, dict, new byte[0])), Path.of("h.npy"));
    }

    @Test
    void repeatedKeysKeepTheLastValueAsInNumpy() throws IOException {
        Npy.Header h = header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (3, 4), "
                + "'descr': '<i2'}");
        assertThat(h.shape()).containsExactly(3, 4);
        assertThat(h.dtype().numpyName()).isEqualTo("int16");
    }

    @Test
    void headersNumpyRefusesAreRefused() {
        String[] bad = {
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
            "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': [2]}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2.0,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (02,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk",
            "{'descr': '<f4', 'fortran_order': false, 'shape': (2,)}",
            "{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,),,}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1_,)}",
        };
        for (String h : bad) {
            assertThat(catchThrowable(() -> header(1, h))).as(h).isInstanceOf(EOPatchFormatException.class)
                    .isNotInstanceOf(UnsupportedArrayException.class);
        }
        assertThat(catchThrowable(() -> header(1, "{'descr': '!f4', 'fortran_order': False, 'shape': (2,)}")))
                .isInstanceOf(EOPatchFormatException.class);
        assertThat(catchThrowable(() -> header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ((2)),}")))
                .isInstanceOf(EOPatchFormatException.class);
        // version 1.1 does not exist
        byte[] v11 = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", new byte[0]);
        v11[7] = 1;
        assertThat(catchThrowable(() -> Npy.readHeader(new ByteArrayInputStream(v11), Path.of("v.npy"))))
                .hasMessageContaining("version 1.1");
        // Python 2 'L' suffixes are dropped in 1.0/2.0 headers only
        assertThat(catchThrowable(() -> header(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,)}")))
                .isInstanceOf(EOPatchFormatException.class);
    }

    @Test
    void pythonLiteralSyntaxNumpyAcceptsIsAccepted() throws IOException {
        assertThat(header(1, "{\"descr\": \"<f4\", \"fortran_order\": True, \"shape\": (2L, 3 L,),}").shape())
                .containsExactly(2, 3);
        assertThat(header(2, "{'descr':'<' 'u2','fortran_order':False,'shape':(0x10, 0o7, 0b11, 1_0, True)}")
                .shape()).containsExactly(16, 7, 3, 10, 1);
        assertThat(header(3, "{'descr': u'\\x3cf8', 'fortran_order': False, # comment\n 'shape': ((2),),}")
                .shape()).containsExactly(2);
        assertThat(header(1, "({'descr': 'f', 'fortran_order': False, 'shape': ()})").dtype().numpyName())
                .isEqualTo("float32");
        assertThat(catchThrowable(() -> header(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (2,)}")))
                .isInstanceOf(UnsupportedArrayException.class).hasMessageContaining("unsupported dtype");
        assertThat(catchThrowable(() -> header(1, "{'descr': [('a', '<f4')], 'fortran_order': False, "
                + "'shape': (2,)}"))).isInstanceOf(UnsupportedArrayException.class);
    }
}
