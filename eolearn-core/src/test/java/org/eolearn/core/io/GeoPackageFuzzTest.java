package org.eolearn.core.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.GeoTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Fuzzes the GeoPackage loader: mutated {@code .gpkg} and {@code .gpkg.gz} feature files, loaded through
 * {@link EOPatch#load}, must either load or fail with an {@link IOException} (in practice an
 * {@link EOPatchFormatException}) whose message names the file, each within 5 s.
 *
 * <p>{@code -Deolearn.seed=N} reruns a seed; {@code -Deolearn.fuzz.gpkg=N} sets the number of cases (1,000).
 */
class GeoPackageFuzzTest {

    private static final int CASES = Integer.getInteger("eolearn.fuzz.gpkg", 1000);

    @TempDir
    Path dir;

    static List<byte[]> bases() throws IOException {
        GeometryFactory f = new GeometryFactory();
        List<Geometry> points = new ArrayList<>();
        List<Object> ints = new ArrayList<>();
        List<Object> reals = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        List<Object> times = new ArrayList<>();
        List<Object> dates = new ArrayList<>();
        List<Object> bools = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            points.add(i == 7 ? null : f.createPoint(new Coordinate(500000 + i, 5000000 - i)));
            ints.add(i == 3 ? null : (long) i * 1000);
            reals.add(i * 0.5);
            texts.add("name-" + i + "-\u00e9");
            times.add(LocalDateTime.of(2020, 1, 1, 0, 0).plusHours(i));
            dates.add(LocalDate.of(2020, 1, 1).plusDays(i));
            bools.add(i % 2 == 0);
        }
        List<Geometry> polygons = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            polygons.add(f.createPolygon(new Coordinate[] {new Coordinate(i, 0), new Coordinate(i + 1, 0),
                new Coordinate(i + 1, 1), new Coordinate(i, i + 1), new Coordinate(i, 0)}));
        }
        GeoTable a = new GeoTable(new CRS(32633), points, List.of(
                new GeoTable.Column("ID", GeoTable.ColumnType.INTEGER, ints),
                new GeoTable.Column("AREA", GeoTable.ColumnType.REAL, reals),
                new GeoTable.Column("NAME", GeoTable.ColumnType.TEXT, texts),
                new GeoTable.Column(GeoTable.TIMESTAMP, GeoTable.ColumnType.DATETIME, times),
                new GeoTable.Column("DAY", GeoTable.ColumnType.DATE, dates),
                new GeoTable.Column("FLAG", GeoTable.ColumnType.BOOLEAN, bools)));
        GeoTable b = new GeoTable(CRS.WGS84, polygons, List.of(
                new GeoTable.Column(GeoTable.TIMESTAMP, GeoTable.ColumnType.DATETIME, times.subList(0, 10))));
        GeoTable c = new GeoTable(null, List.of(), List.of());
        return List.of(GeoPackage.toBytes(a, "a"), GeoPackage.toBytes(b, "b"), GeoPackage.toBytes(c, "c"));
    }

    @Test
    void mutatedGeoPackagesLoadOrFailNamingTheFile() throws Exception {
        long seed = Long.getLong("eolearn.seed", System.nanoTime());
        System.out.println("GeoPackageFuzzTest seed " + seed + " (rerun with -Deolearn.seed=" + seed + ")");
        Random rnd = new Random(seed);
        List<byte[]> bases = bases();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gpkg-fuzz");
            t.setDaemon(true);
            return t;
        });
        List<String> broken = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        long slowest = 0;
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < CASES; i++) {
                byte[] content = mutate(rnd, bases.get(rnd.nextInt(bases.size())));
                boolean gz = rnd.nextBoolean();
                if (gz) {
                    content = NpyFuzzTest.gzip(content);
                    if (rnd.nextInt(8) == 0) {
                        content = NpyFuzzTest.corruptBytes(rnd, content);
                    }
                }
                String type = rnd.nextBoolean() ? "vector_timeless" : "vector";
                Path patch = dir.resolve("p" + i);
                Path file = patch.resolve(type).resolve("V.gpkg" + (gz ? ".gz" : ""));
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                long s = System.nanoTime();
                Future<EOPatch> result = pool.submit(() -> EOPatch.load(patch));
                try {
                    result.get(5, TimeUnit.SECONDS);
                    loaded++;
                } catch (TimeoutException e) {
                    fail("seed " + seed + ": case " + i + " (" + file + ") took more than 5 s");
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof IOException) || cause.getMessage() == null
                            || !cause.getMessage().contains(file.toString())) {
                        broken.add("case " + i + " " + file.getFileName() + ": " + cause);
                    }
                    refused++;
                }
                slowest = Math.max(slowest, System.nanoTime() - s);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "GeoPackageFuzzTest: %d files, %d loaded, %d refused, %d ms in all, slowest %d "
                + "ms%n", CASES, loaded, refused, (System.nanoTime() - t0) / 1_000_000, slowest / 1_000_000);
        if (!broken.isEmpty()) {
            fail("seed " + seed + " (-Deolearn.seed=" + seed + "): " + broken.size() + " undocumented errors:\n"
                    + String.join("\n", broken.subList(0, Math.min(20, broken.size()))));
        }
    }

    private static byte[] mutate(Random rnd, byte[] base) {
        byte[] b = base.clone();
        int pageSize = 4096;
        switch (rnd.nextInt(9)) {
            case 0: // bytes anywhere
                for (int k = 0; k < 1 + rnd.nextInt(20); k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            case 1: // the database header and the schema page
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    b[rnd.nextInt(Math.min(b.length, rnd.nextBoolean() ? 100 : pageSize))] = (byte) rnd.nextInt(256);
                }
                return b;
            case 2: // truncated
                return Arrays.copyOf(b, rnd.nextBoolean() ? rnd.nextInt(b.length) : pageSize * rnd.nextInt(
                        Math.max(1, b.length / pageSize)));
            case 3: { // a page zeroed or copied over another
                int pages = b.length / pageSize;
                int to = rnd.nextInt(pages);
                if (rnd.nextBoolean()) {
                    Arrays.fill(b, to * pageSize, (to + 1) * pageSize, (byte) 0);
                } else {
                    System.arraycopy(b, rnd.nextInt(pages) * pageSize, b, to * pageSize, pageSize);
                }
                return b;
            }
            case 4: // schema text: declared types, table and column names
                return replaceText(rnd, b, new String[] {"INTEGER", "DATETIME", "REAL", "TEXT", "gpkg_contents",
                    "geom", "BOOLEAN", "DATE", "POINT", "POLYGON", "features"},
                    new String[] {"BLOBXYZ", "DATETIMX", "JSON", "TEXX", "gpkg_contentz", "gexm", "BOOLEAX", "DATX",
                        "POINX", "POLYGOX", "featurex"});
            case 5: // geometry blobs: magic, flags, srs id, WKB type
                return replaceAt(rnd, b, "GP".getBytes(StandardCharsets.US_ASCII), 2 + rnd.nextInt(8));
            case 6: // values: a timestamp text
                return replaceText(rnd, b, new String[] {"2020-01-0", "T0", ":00:00"},
                    new String[] {"2020-13-0", "X0", ":99:00"});
            case 7: // not a database
                return rnd.nextBoolean() ? new byte[0] : Arrays.copyOf("SQLite format 3\0".getBytes(
                        StandardCharsets.US_ASCII), 100 + rnd.nextInt(5000));
            default:
                return b;
        }
    }

    private static byte[] replaceText(Random rnd, byte[] b, String[] from, String[] to) {
        int k = rnd.nextInt(from.length);
        byte[] f = from[k].getBytes(StandardCharsets.US_ASCII);
        byte[] t = to[k].getBytes(StandardCharsets.US_ASCII);
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i + f.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + f.length, f, 0, f.length)) {
                hits.add(i);
            }
        }
        if (!hits.isEmpty()) {
            int at = hits.get(rnd.nextInt(hits.size()));
            System.arraycopy(t, 0, b, at, Math.min(t.length, b.length - at));
        }
        return b;
    }

    private static byte[] replaceAt(Random rnd, byte[] b, byte[] marker, int span) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i + marker.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + marker.length, marker, 0, marker.length)) {
                hits.add(i);
            }
        }
        if (!hits.isEmpty()) {
            int at = hits.get(rnd.nextInt(hits.size())) + rnd.nextInt(span);
            if (at < b.length) {
                b[at] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }
}
