package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FastDeflate} and {@link ParallelGzip} output is valid DEFLATE/gzip that zlib inflates exactly. */
class FastDeflateTest {

    private static byte[] inflate(byte[] deflated, int expectedSize) throws DataFormatException {
        Inflater inf = new Inflater(true);
        inf.setInput(deflated);
        byte[] out = new byte[expectedSize + 1];
        int n = 0;
        while (!inf.finished()) {
            int got = inf.inflate(out, n, out.length - n);
            if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                break;
            }
            n += got;
        }
        assertThat(inf.finished()).as("stream must end with a final block").isTrue();
        inf.end();
        return java.util.Arrays.copyOf(out, n);
    }

    static List<byte[]> inputs() {
        Random r = new Random(42);
        List<byte[]> list = new ArrayList<>();
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 100, 65535, 65536, 70000, 300_000}) {
            byte[] random = new byte[size];
            r.nextBytes(random);
            list.add(random);
            list.add(new byte[size]);
            byte[] periodic = new byte[size];
            for (int i = 0; i < size; i++) {
                periodic[i] = (byte) ((i % 1000) * 7 % 13);
            }
            list.add(periodic);
            byte[] floats = new byte[size - size % 4];
            ByteBuffer fb = ByteBuffer.wrap(floats);
            while (fb.remaining() >= 4) {
                fb.putFloat((float) (0.3 + 0.01 * r.nextGaussian()));
            }
            list.add(floats);
            byte[] text = new byte[size];
            for (int i = 0; i < size; i++) {
                text[i] = (byte) ("the quick brown fox jumps over the lazy dog ".charAt(r.nextInt(44)));
            }
            list.add(text);
        }
        byte[] longRuns = new byte[200_000];
        for (int i = 0; i < longRuns.length; i++) {
            longRuns[i] = (byte) (i / 5000);
        }
        list.add(longRuns);
        // float32 reflectances widened to float64, as an interpolated band stack is saved: a short match about
        // every 12 bytes, so a segment fills blocks by their count of matches rather than of symbols
        ByteBuffer widened = ByteBuffer.allocate(8 * 80_000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (widened.hasRemaining()) {
            widened.putDouble((float) (r.nextInt(400) / 10000.0));
        }
        list.add(widened.array());
        return list;
    }

    @Test
    void segmentsRoundTripThroughZlib() throws Exception {
        for (byte[] input : inputs()) {
            byte[] encoded = FastDeflate.encode(input, 0, 0, input.length, true);
            assertThat(inflate(encoded, input.length)).as("size " + input.length).isEqualTo(input);
        }
    }

    @Test
    void segmentsWithHistoryConcatenate() throws Exception {
        for (byte[] input : inputs()) {
            int cut = input.length / 3;
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.write(FastDeflate.encode(input, 0, 0, cut, false));
            joined.write(FastDeflate.encode(input, Math.max(0, cut - 32768), cut, input.length, true));
            assertThat(inflate(joined.toByteArray(), input.length)).as("size " + input.length).isEqualTo(input);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 1 << 20, (1 << 20) + 1, 5_000_003})
    void parallelGzipIsOneValidMember(int size) throws IOException {
        Random r = new Random(size);
        byte[] header = "NPY header".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : i / 100);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(size);
        direct.put(body).flip();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(header);
        expected.write(body);
        byte[] first = null;
        // one thread (large blocks, one at a time), two and three threads (windows of blocks): valid streams
        for (int threads : new int[] {1, 2, 3}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            org.eolearn.core.compute.ComputePolicy.withThreads(threads, () -> {
                try {
                    ParallelGzip.write(List.of(ByteBuffer.wrap(header), direct.duplicate()), out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
            byte[] back;
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
                back = in.readAllBytes();
            }
            assertThat(back).as("%d threads", threads).isEqualTo(expected.toByteArray());
            if (threads > 1) {
                // blocks of 512 KiB on several threads, of 4 MiB on one: the same bytes whatever the thread count
                if (first == null) {
                    first = out.toByteArray();
                }
                assertThat(out.toByteArray()).as("independent of the number of threads").isEqualTo(first);
            }
        }
    }

    /** Size on real arrays, next to zlib level 1 (printed for the record; the bound keeps it honest). */
    @Test
    void ratioIsCloseToZlibLevel1OnRealArrays() throws Exception {
        long ours = 0;
        long zlib = 0;
        long raw = 0;
        try (Stream<Path> files = Files.walk(SharedData.testEOPatch())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".npy"))::iterator) {
                byte[] data = Files.readAllBytes(f);
                raw += data.length;
                byte[] encoded = FastDeflate.encode(data, 0, 0, data.length, true);
                assertThat(inflate(encoded, data.length)).isEqualTo(data);
                ours += encoded.length;
                Deflater d = new Deflater(1, true);
                d.setInput(data);
                d.finish();
                byte[] buf = new byte[1 << 16];
                while (!d.finished()) {
                    zlib += d.deflate(buf);
                }
                d.end();
            }
        }
        System.out.printf("TestEOPatch arrays: raw %d, zlib level 1 %d (%.3f), FastDeflate %d (%.3f)%n", raw, zlib,
                zlib / (double) raw, ours, ours / (double) raw);
        assertThat((double) ours).isLessThan(zlib * 1.25);
    }
}
