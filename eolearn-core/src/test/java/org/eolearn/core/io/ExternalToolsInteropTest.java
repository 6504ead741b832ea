package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eolearn.core.EOPatch;
import org.eolearn.core.testing.PatchGenerator;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches saved by Java read by the reference tools: GDAL's {@code ogrinfo} opens every GeoPackage, and numpy
 * (Debian's python3-numpy, the version eo-learn's corpus was made with) loads every NPY file and writes the very
 * same bytes for the same array. Skipped when the tools are missing, unless {@code -Deolearn.requireTools=true}
 * (CI installs them and sets it).
 */
class ExternalToolsInteropTest {

    private static final String NUMPY_CHECK = String.join("\n",
            "import gzip, io, sys, numpy as np",
            "bad = 0",
            "for path in sys.argv[1:]:",
            "    raw = (gzip.open if path.endswith('.gz') else open)(path, 'rb').read()",
            "    arr = np.load(io.BytesIO(raw), allow_pickle=False)",
            "    out = io.BytesIO()",
            "    np.save(out, arr)",
            "    if out.getvalue() != raw:",
            "        bad += 1",
            "        print('MISMATCH', path, arr.dtype, arr.shape)",
            "print('checked', len(sys.argv) - 1, 'files', bad, 'mismatches')",
            "sys.exit(1 if bad else 0)");

    @TempDir
    Path dir;

    @Test
    void ogrinfoOpensEveryGeoPackage() throws Exception {
        requireTool(List.of("ogrinfo", "--version"), "ogrinfo (Debian package gdal-bin)");
        Path p = dir.resolve("patch");
        EOPatch patch = PatchGenerator.everyKind(1);
        EOPatch test = EOPatch.load(SharedData.testEOPatch());
        test.put(org.eolearn.core.FeatureType.VECTOR_TIMELESS, "FIELDS",
                patch.getVector(org.eolearn.core.FeatureType.VECTOR_TIMELESS, "FIELDS").withCrs(test.bbox().crs()));
        test.save(p, SaveOptions.defaults().withCompress(false));
        List<Path> gpkgs = list(p, ".gpkg");
        assertThat(gpkgs).hasSize(3);
        for (Path g : gpkgs) {
            String out = run(List.of("ogrinfo", "-ro", "-so", "-al", g.toString()));
            String name = g.getFileName().toString().replace(".gpkg", "");
            assertThat(out).as(g.toString()).contains("Layer name: " + name);
            long rows = EOPatch.load(p).getVector(g.getParent().getFileName().toString().equals("vector")
                    ? org.eolearn.core.FeatureType.VECTOR : org.eolearn.core.FeatureType.VECTOR_TIMELESS, name).size();
            assertThat(out).contains("Feature Count: " + rows);
            assertThat(out).contains("32633");
        }
        String clm = run(List.of("ogrinfo", "-ro", "-al", "-fid", "1", p.resolve("vector/CLM_VECTOR.gpkg").toString()));
        assertThat(clm).contains("TIMESTAMP (DateTime) = 2015/07/31 10:00:09").contains("POLYGON ((");
    }

    @Test
    void numpyLoadsEveryArrayAndWritesTheSameBytes() throws Exception {
        String python = findNumpyPython();
        Path p = dir.resolve("patch");
        PatchGenerator.everyKind(2).save(p, SaveOptions.defaults().withCompress(false));
        EOPatch.load(SharedData.testEOPatch()).save(dir.resolve("test"), SaveOptions.defaults().withCompress(false));
        PatchGenerator.everyKind(3).save(dir.resolve("gz"));
        EOPatch big = new EOPatch(null, null);
        big.put(org.eolearn.core.FeatureType.DATA_TIMELESS, "BIG",
                PatchGenerator.randomArray(org.eolearn.core.DType.FLOAT32, 5, 1000, 1000, 3));
        big.save(dir.resolve("big"));
        List<String> cmd = new ArrayList<>(List.of(python, "-c", NUMPY_CHECK));
        for (Path f : list(p, ".npy")) {
            cmd.add(f.toString());
        }
        for (Path f : list(dir.resolve("test"), ".npy")) {
            cmd.add(f.toString());
        }
        for (Path f : list(dir.resolve("gz"), ".npy.gz")) {
            cmd.add(f.toString());
        }
        cmd.add(dir.resolve("big/data_timeless/BIG.npy.gz").toString());
        assertThat(cmd.size()).isGreaterThan(60);
        String out = run(cmd);
        assertThat(out).contains(" 0 mismatches");
    }

    private static String findNumpyPython() throws Exception {
        for (String candidate : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process proc = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        missing("python3 with numpy (Debian package python3-numpy)");
        return null;
    }

    private static void requireTool(List<String> probe, String what) throws Exception {
        try {
            Process proc = new ProcessBuilder(probe).redirectErrorStream(true).start();
            if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // missing
        }
        missing(what);
    }

    private static void missing(String what) {
        String why = what + " is not installed";
        if (Boolean.getBoolean("eolearn.requireTools")) {
            fail(why + " but -Deolearn.requireTools=true");
        }
        assumeTrue(false, why);
    }

    private static String run(List<String> cmd) throws Exception {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(120, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            fail(cmd.get(0) + " failed:\n" + out);
        }
        return out;
    }

    private static List<Path> list(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
