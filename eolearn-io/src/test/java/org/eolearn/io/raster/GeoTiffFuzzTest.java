package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eolearn.core.DType;
import org.eolearn.core.testing.FuzzSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts GeoTIFFs written by {@link GeoTiff} (700 per compression, 2,100 per run: bytes of the header, the IFD
 * and the data changed, files cut short) and reads each. The reader must return a raster or throw an
 * {@link IOException} naming the file, nothing else, within 5 s a file.
 *
 * <p>Where Python with GDAL's bindings and numpy is present (CI installs them; {@code -Deolearn.requireTools=true}
 * makes their absence a failure), one Python process reads every file with GDAL too and the outcomes are compared:
 * on files both read, the dtype, size and every pixel must agree; a file only GDAL reads is acceptable when the Java
 * reader names an unsupported feature ("unsupported ..."), otherwise it is counted and listed. The counts are printed.
 * A fresh seed each run, printed; {@code -Deolearn.seed=N} reruns one.
 */
class GeoTiffFuzzTest {

    private static final int PER_COMPRESSION = 700;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    /** The outcome of the Java reader on one file: null hash when refused. */
    private record Outcome(Path file, String dtype, int bands, int height, int width, String sha, byte[] data,
                           String error) {
    }

    @Test
    void corruptedFilesGiveIoExceptionsOnlyAndAgreeWithGdal() throws Exception {
        long seed = FuzzSeed.seed("GeoTiffFuzzTest");
        ByteBuffer data = ByteBuffer.allocate(2 * 40 * 30 * 4).order(ByteOrder.LITTLE_ENDIAN);
        Random rnd = new Random(seed);
        while (data.hasRemaining()) {
            data.putFloat((float) rnd.nextGaussian());
        }
        data.flip();
        GeoRaster r = new GeoRaster(DType.FLOAT32, 2, 40, 30, data, new double[] {0, 1, 0, 0, 0, -1}, 4326, 0.0);
        List<Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        long slowest = 0;
        int index = 0;
        for (GeoTiff.Compression c : GeoTiff.Compression.values()) {
            Path good = tmp.resolve("fuzz-" + c + ".tif");
            GeoTiff.write(r, good, c);
            byte[] bytes = Files.readAllBytes(good);
            for (int trial = 0; trial < PER_COMPRESSION; trial++, index++) {
                byte[] m = bytes.clone();
                if (rnd.nextInt(10) == 0) {
                    m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
                } else {
                    int flips = 1 + rnd.nextInt(4);
                    for (int k = 0; k < flips && m.length > 0; k++) {
                        // mostly the header and the IFD at the end, sometimes the data
                        int pos = rnd.nextInt(3) == 0 ? rnd.nextInt(m.length) : rnd.nextBoolean() ? rnd.nextInt(16)
                                : m.length - 1 - rnd.nextInt(Math.min(m.length, 400));
                        m[pos] = (byte) rnd.nextInt(256);
                    }
                }
                Path bad = tmp.resolve("bad-" + c + "-" + trial + ".tif");
                Files.write(bad, m);
                long t0 = System.nanoTime();
                try {
                    GeoRaster got = GeoTiff.read(bad);
                    byte[] pixels = new byte[got.data().remaining()];
                    got.data().duplicate().get(pixels);
                    outcomes.add(new Outcome(bad, got.type().numpyName(), got.bands(), got.height(), got.width(),
                            sha(got.data()), pixels, null));
                } catch (IOException e) {
                    assertThat(e.getMessage()).as(FuzzSeed.where(seed, index)).contains(bad.toString());
                    outcomes.add(new Outcome(bad, null, 0, 0, 0, null, null, e.getMessage()));
                } catch (Throwable e) {
                    fail(FuzzSeed.where(seed, index) + ": " + c + " trial " + trial + ": " + e, e);
                }
                long took = System.nanoTime() - t0;
                assertThat(took).as(FuzzSeed.where(seed, index) + " took too long").isLessThan(5_000_000_000L);
                slowest = Math.max(slowest, took);
            }
        }
        long javaRead = outcomes.stream().filter(o -> o.sha != null).count();
        System.out.printf("GeoTiffFuzzTest: %d corrupted files, %d read, %d refused, in %.1f s, slowest %.1f ms%n",
                outcomes.size(), javaRead, outcomes.size() - javaRead, (System.nanoTime() - start) / 1e9,
                slowest / 1e6);
        assertThat(outcomes).hasSize(GeoTiff.Compression.values().length * PER_COMPRESSION);
        compareWithGdal(seed, outcomes);
    }

    private static String sha(ByteBuffer data) throws NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(data.duplicate());
        return HexFormat.of().formatHex(d.digest());
    }

    private static final String GDAL_SCRIPT = String.join("\n",
            "import sys, json, hashlib",
            "from osgeo import gdal",
            "gdal.UseExceptions()",
            "gdal.PushErrorHandler('CPLQuietErrorHandler')",
            "out = open(sys.argv[2], 'w')",
            "for path in open(sys.argv[1]).read().split('\\n'):",
            "    if not path:",
            "        continue",
            "    rec = {'file': path}",
            "    try:",
            "        ds = gdal.Open(path)",
            "        n = ds.RasterCount",
            "        if n < 1:",
            "            raise RuntimeError('no bands')",
            "        size = n * ds.RasterXSize * ds.RasterYSize * 8",
            "        if size > 64 * 1024 * 1024:",
            "            rec.update(ok=False, large=True, error='%d bytes' % size)",
            "        else:",
            "            a = ds.ReadAsArray()",
            "            if a.ndim == 2:",
            "                a = a.reshape((1,) + a.shape)",
            "            le = a.astype(a.dtype.newbyteorder('<'), copy=False)",
            "            rec.update(ok=True, dtype=a.dtype.name, bands=a.shape[0], height=a.shape[1],",
            "                       width=a.shape[2], sha=hashlib.sha256(le.tobytes()).hexdigest())",
            "            open(path + '.gdal', 'wb').write(le.tobytes())",
            "        ds = None",
            "    except Exception as e:",
            "        rec.update(ok=False, error=str(e)[:200])",
            "    out.write(json.dumps(rec) + '\\n')",
            "out.close()",
            "");

    private static String python() {
        return GdalPython.find();
    }

    private void compareWithGdal(long seed, List<Outcome> outcomes) throws Exception {
        String python = python();
        if (python == null) {
            if (Boolean.getBoolean("eolearn.requireTools")) {
                fail("no Python with GDAL's bindings and numpy but eolearn.requireTools=true (install python3-gdal)");
            }
            System.out.println("GeoTiffFuzzTest: no Python with GDAL's bindings (python3-gdal) and numpy: the GDAL "
                    + "comparison is skipped");
            return;
        }
        Path script = tmp.resolve("gdal_read.py");
        Files.writeString(script, GDAL_SCRIPT);
        Path list = tmp.resolve("files.txt");
        StringBuilder b = new StringBuilder();
        outcomes.forEach(o -> b.append(o.file).append('\n'));
        Files.writeString(list, b);
        Path results = tmp.resolve("gdal.jsonl");
        Process p = new ProcessBuilder(python, script.toString(), list.toString(), results.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("GDAL reads the files in time").isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Map<String, JsonNode> gdal = new TreeMap<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode n = JSON.readTree(line);
            gdal.put(n.get("file").asText(), n);
        }
        int bothRead = 0;
        int bothRefused = 0;
        int onlyGdalUnsupported = 0;
        int gdalTooLarge = 0;
        int zeroFilled = 0;
        List<String> onlyGdal = new ArrayList<>();
        List<String> onlyJava = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (Outcome o : outcomes) {
            JsonNode g = gdal.get(o.file.toString());
            assertThat(g).as("GDAL's outcome for " + o.file).isNotNull();
            boolean gdalOk = g.get("ok").asBoolean();
            if (g.has("large")) {
                gdalTooLarge++;
            } else if (o.sha != null && gdalOk) {
                bothRead++;
                String ours = o.dtype + " " + o.bands + "x" + o.height + "x" + o.width + " " + o.sha;
                String other = g.get("dtype").asText() + " " + g.get("bands").asInt() + "x" + g.get("height").asInt()
                        + "x" + g.get("width").asInt() + " " + g.get("sha").asText();
                if (!ours.equals(other)) {
                    if (zeroFilled(o, g)) {
                        zeroFilled++;
                    } else {
                        differ.add(o.file.getFileName() + ": Java " + ours + ", GDAL " + other);
                    }
                }
            } else if (o.sha == null && !gdalOk) {
                bothRefused++;
            } else if (o.sha == null) {
                if (o.error.contains("unsupported") || o.error.contains("not supported")) {
                    onlyGdalUnsupported++;
                } else {
                    onlyGdal.add(o.file.getFileName() + ": " + o.error);
                }
            } else {
                onlyJava.add(o.file.getFileName() + ": GDAL: " + g.get("error").asText());
            }
        }
        System.out.printf("GeoTiffFuzzTest vs GDAL: %d both read (%d with the same pixels, %d where Java left zeros "
                + "in chunks shorter than their size tags promise, %d other differences), %d both refused, %d only GDAL read (%d of them an unsupported feature "
                + "for Java, %d other), %d only Java read, %d too large for the comparison%n", bothRead,
                bothRead - zeroFilled - differ.size(), zeroFilled, differ.size(),
                bothRefused, onlyGdalUnsupported + onlyGdal.size(), onlyGdalUnsupported, onlyGdal.size(),
                onlyJava.size(), gdalTooLarge);
        Map<String, Integer> why = new TreeMap<>();
        for (String s : onlyGdal) {
            String reason = s.replaceAll("^.*?not a readable GeoTIFF \\(", "").replaceAll("(?s)'.*'", "'...'")
                    .replaceAll("\\d+", "N").replaceAll("\\)$", "");
            why.merge(reason.length() > 70 ? reason.substring(0, 70) : reason, 1, Integer::sum);
        }
        System.out.println("  only GDAL read, by the Java reader's reason: " + why);
        onlyGdal.stream().limit(10).forEach(s -> System.out.println("  only GDAL read " + s));
        onlyJava.stream().limit(10).forEach(s -> System.out.println("  only Java read " + s));
        differ.forEach(s -> System.out.println("  different pixels " + s));
        // the uncorrupted files decode identically; corrupted ones may differ only where a damaged compressed
        // stream decodes differently in the two inflaters (rare: at most 1 % of the files both read)
        assertThat(differ.size()).as(FuzzSeed.where(seed, -1) + ": files both read with different pixels: " + differ)
                .isLessThanOrEqualTo(Math.max(1, bothRead / 100));
    }

    /**
     * Whether Java's pixels differ from GDAL's only by zeros: the reader fills what a chunk shorter than its size
     * tags promise lacks with zeros (documented in {@link GeoTiff}), where libtiff recomputes bogus byte counts or
     * reads on.
     */
    private static boolean zeroFilled(Outcome o, JsonNode g) throws IOException {
        if (!o.dtype.equals(g.get("dtype").asText()) || o.bands != g.get("bands").asInt()
                || o.height != g.get("height").asInt() || o.width != g.get("width").asInt()) {
            return false;
        }
        byte[] other = Files.readAllBytes(Path.of(o.file + ".gdal"));
        if (other.length != o.data.length) {
            return false;
        }
        // byte by byte: a chunk may end inside a sample, whose missing bytes are then zeros
        for (int i = 0; i < other.length; i++) {
            if (o.data[i] != other[i] && o.data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
