package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link EOPatchIO}: round trips, overwrite rules, crash safety and bad input. */
class EOPatchIOTest {

    @TempDir
    Path dir;

    @AfterEach
    void resetHook() {
        PatchCommit.hook = (kind, p) -> { };
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTripOfEveryKindAndDtype(boolean compress) throws IOException {
        EOPatch patch = PatchGenerator.everyKind(7);
        Path p = dir.resolve("patch");
        patch.save(p, SaveOptions.defaults().withCompress(compress));
        EOPatch back = EOPatch.load(p);
        assertThat(back).isEqualTo(patch);
        for (Feature f : patch.getFeatures()) {
            assertThat(EOPatch.valueEquals(back.get(f), patch.get(f))).as(f.toString()).isTrue();
        }
        String suffix = compress ? ".npy.gz" : ".npy";
        assertThat(p.resolve("data/DATA_FLOAT16" + suffix)).exists();
        assertThat(p.resolve("vector/CLOUDS.gpkg" + (compress ? ".gz" : ""))).exists();
        assertThat(p.resolve("meta_info/maxcc.json" + (compress ? ".gz" : ""))).exists();
        assertThat(p.resolve("bbox.geojson")).exists();
        assertThat(p.resolve("timestamps.json")).exists();
        EOPatch lazy = EOPatch.load(p, LoadOptions.defaults().withLazy(true));
        assertThat(lazy).isEqualTo(patch);
    }

    @Test
    void zlibLevel1GzipRoundTrips() throws IOException {
        EOPatch patch = PatchGenerator.everyKind(9);
        patch.put(FeatureType.DATA_TIMELESS, "LARGE", PatchGenerator.randomArray(DType.FLOAT32, 3, 700, 700, 3));
        Path p = dir.resolve("zlib");
        patch.save(p, SaveOptions.defaults().withCompression(Compression.GZIP_ZLIB));
        assertThat(p.resolve("data_timeless/LARGE.npy.gz")).exists();
        assertThat(EOPatch.load(p)).isEqualTo(patch);
    }

    @Test
    void jsonFilesAreTheBytesPythonWrites() throws IOException {
        EOPatch patch = PatchGenerator.everyKind(1);
        Path p = dir.resolve("patch");
        patch.save(p, SaveOptions.defaults().withCompress(false));
        assertThat(Files.readString(p.resolve("bbox.geojson"))).isEqualTo("{\n  \"crs\": {\n    \"type\": \"name\",\n"
                + "    \"properties\": {\n      \"name\": \"urn:ogc:def:crs:EPSG::32633\"\n    }\n  },\n"
                + "  \"type\": \"Polygon\",\n  \"coordinates\": [\n    [\n      [\n        0.0,\n        0.0\n      ],\n"
                + "      [\n        0.0,\n        100.0\n      ],\n      [\n        100.0,\n        100.0\n      ],\n"
                + "      [\n        100.0,\n        0.0\n      ],\n      [\n        0.0,\n        0.0\n      ]\n    ]\n"
                + "  ]\n}");
        assertThat(Files.readString(p.resolve("timestamps.json"))).startsWith("[\n  \"2019-01-03T10:00:00\",\n"
                + "  \"2019-03-03T10:00:01\",");
        assertThat(Files.readString(p.resolve("meta_info/maxcc.json"))).isEqualTo("0.8");
        assertThat(Files.readString(p.resolve("meta_info/nested.json"))).isEqualTo("{\n  \"list\": [\n    1,\n"
                + "    2.5,\n    \"x\",\n    true\n  ],\n  \"none\": null,\n  \"unicode\": \"Ljubljana \\u010c\\u0161\"\n}");
    }

    @Test
    void emptyTemporalPatchKeepsEmptyTimestamps() throws IOException {
        EOPatch patch = new EOPatch(PatchGenerator.BBOX, List.of());
        patch.put(FeatureType.DATA, "X", org.eolearn.core.NdArrays.zeros(DType.FLOAT32, 0, 3, 3, 1));
        Path p = dir.resolve("empty");
        patch.save(p);
        EOPatch back = EOPatch.load(p);
        assertThat(back.timestamps()).isEmpty();
        assertThat(back.getArray(FeatureType.DATA, "X").shape()).containsExactly(0, 3, 3, 1);
        EOPatch noTime = new EOPatch(PatchGenerator.BBOX, null);
        noTime.save(dir.resolve("none"));
        assertThat(EOPatch.load(dir.resolve("none")).timestamps()).isNull();
    }

    @Test
    void addOnlyRefusesExistingFeaturesCaseInsensitively() throws IOException {
        EOPatch patch = PatchGenerator.everyKind(2);
        Path p = dir.resolve("patch");
        patch.save(p);
        Map<String, String> before = snapshot(p);
        EOPatch other = new EOPatch(PatchGenerator.BBOX, patch.timestamps());
        other.put(FeatureType.DATA, "data_float32", patch.get(FeatureType.DATA, "DATA_FLOAT32"));
        assertThatThrownBy(() -> other.save(p)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("DATA_FLOAT32").hasMessageContaining("OVERWRITE_FEATURES");
        assertThat(snapshot(p)).isEqualTo(before);
    }

    @Test
    void overwriteFeaturesReplacesOnlyWhatIsSaved() throws IOException {
        EOPatch patch = PatchGenerator.everyKind(3);
        Path p = dir.resolve("patch");
        patch.save(p, SaveOptions.defaults().withCompress(false));
        EOPatch changed = patch.copy();
        changed.put(FeatureType.DATA, "DATA_FLOAT32", PatchGenerator.randomArray(DType.FLOAT32, 99, 5, 6, 7, 2));
        changed.save(p, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_FEATURES)
                .withFeatures(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_FLOAT32"))));
        EOPatch back = EOPatch.load(p);
        assertThat(back).isEqualTo(changed);
        assertThat(p.resolve("data/DATA_FLOAT32.npy.gz")).exists();
        assertThat(p.resolve("data/DATA_FLOAT32.npy")).as("stale other-format file removed").doesNotExist();
        assertThat(p.resolve("data/DATA_INT8.npy")).as("other features untouched").exists();
    }

    @Test
    void overwritePatchReplacesTheWholeFolder() throws IOException {
        Path p = dir.resolve("patch");
        PatchGenerator.everyKind(4).save(p);
        EOPatch small = new EOPatch(PatchGenerator.BBOX, null);
        small.put(FeatureType.META_INFO, "only", 1);
        small.save(p, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
        assertThat(EOPatch.load(p)).isEqualTo(small);
        try (Stream<Path> files = Files.list(p)) {
            assertThat(files.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("bbox.geojson",
                    "meta_info");
        }
    }

    @Test
    void featuresDifferingOnlyInCaseAreRefused() {
        EOPatch patch = new EOPatch(PatchGenerator.BBOX, null);
        patch.put(FeatureType.DATA_TIMELESS, "DEM", PatchGenerator.randomArray(DType.FLOAT32, 1, 2, 2, 1));
        patch.put(FeatureType.DATA_TIMELESS, "dem", PatchGenerator.randomArray(DType.FLOAT32, 2, 2, 2, 1));
        assertThatThrownBy(() -> patch.save(dir.resolve("p"))).isInstanceOf(IOException.class)
                .hasMessageContaining("differ only in case");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousPatchIntact() throws IOException {
        EOPatch original = PatchGenerator.everyKind(5);
        Path p = dir.resolve("patch");
        original.save(p);
        Map<String, String> before = snapshot(p);
        EOPatch changed = PatchGenerator.everyKind(6);
        PatchCommit.hook = (kind, target) -> {
            if (kind.equals("write") && target.getFileName().toString().startsWith("MT_UINT16")) {
                throw new IllegalStateException("simulated crash while writing " + target);
            }
        };
        assertThatThrownBy(() -> changed.save(p, SaveOptions.defaults()
                .withOverwrite(OverwritePermission.OVERWRITE_PATCH))).hasMessageContaining("simulated crash");
        assertThat(snapshot(p)).isEqualTo(before);
        assertThat(EOPatch.load(p)).isEqualTo(original);
    }

    @Test
    void aFailedFirstSaveLeavesNoFolder() {
        PatchCommit.hook = (kind, target) -> {
            if (kind.equals("write")) {
                throw new IOException("disk full");
            }
        };
        Path p = dir.resolve("new-patch");
        assertThatThrownBy(() -> PatchGenerator.everyKind(1).save(p)).hasMessageContaining("disk full");
        assertThat(p).doesNotExist();
    }

    @Test
    void missingFolderAndMissingFeaturesAreNamed() throws IOException {
        assertThatThrownBy(() -> EOPatch.load(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> EOPatch.load(file)).isInstanceOf(java.nio.file.NotDirectoryException.class);
        Path p = dir.resolve("patch");
        PatchGenerator.everyKind(1).save(p);
        assertThatThrownBy(() -> EOPatch.load(p, LoadOptions.defaults().withFeatures(
                FeatureSpec.of(Feature.of(FeatureType.DATA, "MISSING"))))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("MISSING");
        EOPatch noTimes = new EOPatch(PatchGenerator.BBOX, null);
        noTimes.save(dir.resolve("nt"));
        assertThatThrownBy(() -> EOPatch.load(dir.resolve("nt"), LoadOptions.defaults().withLoadTimestamps(true)))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("timestamps");
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        Path p = dir.resolve("patch");
        Files.createDirectories(p.resolve("meta_info"));
        Files.writeString(p.resolve("meta_info/bad.json"), "{not json");
        assertThatThrownBy(() -> EOPatch.load(p)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("invalid JSON");

        Path q = dir.resolve("q");
        Files.createDirectories(q.resolve("data"));
        Files.write(q.resolve("data/X.npy.gz"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> EOPatch.load(q)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("X.npy.gz").hasMessageContaining("gzip");

        Path r = dir.resolve("r");
        Files.createDirectories(r.resolve("data_timeless"));
        Files.write(r.resolve("data_timeless/TWO_D.npy"), NpyTest.file(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new byte[16]));
        assertThatThrownBy(() -> EOPatch.load(r)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("TWO_D.npy").hasMessageContaining("3 dimensions");

        Path s = dir.resolve("s");
        Files.createDirectories(s.resolve("mask_timeless"));
        Files.write(s.resolve("mask_timeless/FLOATS.npy"), NpyTest.file(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }", new byte[4]));
        assertThatThrownBy(() -> EOPatch.load(s)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("FLOATS.npy").hasMessageContaining("integer or bool");

        Path t = dir.resolve("t");
        Files.createDirectories(t);
        Files.writeString(t.resolve("timestamps.json"), "[\"2019-13-45\"]");
        assertThatThrownBy(() -> EOPatch.load(t)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("timestamps.json");

        Path u = dir.resolve("u");
        Files.createDirectories(u.resolve("data"));
        Files.writeString(u.resolve("data/OLD.pkl"), "x");
        assertThatThrownBy(() -> EOPatch.load(u)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("OLD.pkl").hasMessageContaining("pickle");

        Path v = dir.resolve("v");
        Files.createDirectories(v.resolve("data"));
        Files.write(v.resolve("data/a:b.npy"), Npy.toBytes(PatchGenerator.randomArray(DType.FLOAT32, 1, 1, 1, 1, 1)));
        assertThatThrownBy(() -> EOPatch.load(v)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("a:b.npy").hasMessageContaining("forbidden");
    }

    @Test
    void vectorWithoutGeometryIsRefused() throws Exception {
        Path p = dir.resolve("patch");
        Files.createDirectories(p.resolve("vector_timeless"));
        Path gpkg = p.resolve("vector_timeless/NOGEOM.gpkg");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + gpkg);
             var s = c.createStatement()) {
            s.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertThatThrownBy(() -> EOPatch.load(p)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("NOGEOM.gpkg").hasMessageContaining("geometry");
    }

    @Test
    void temporalVectorWithoutTimestampColumnIsRefused() throws IOException {
        Path p = dir.resolve("patch");
        EOPatch patch = PatchGenerator.everyKind(1);
        patch.save(p, SaveOptions.defaults().withCompress(false));
        Files.createDirectories(p.resolve("vector"));
        Files.delete(p.resolve("vector/CLOUDS.gpkg"));
        Files.copy(p.resolve("vector_timeless/FIELDS.gpkg"), p.resolve("vector/CLOUDS.gpkg"));
        assertThatThrownBy(() -> EOPatch.load(p)).isInstanceOf(EOPatchFormatException.class)
                .hasMessageContaining("CLOUDS.gpkg").hasMessageContaining("TIMESTAMP");
    }

    @Test
    void readsLegacyTimestampAndMetaInfoFilesAndCleansThemUp() throws IOException {
        Path p = dir.resolve("legacy");
        Files.createDirectories(p);
        Files.writeString(p.resolve("timestamp.json"), "[\"2017-01-01T10:00:00\", \"2017-02-01T10:00:00\"]");
        Files.writeString(p.resolve("meta_info.json"), "{\"maxcc\": 0.5, \"service_type\": \"wms\"}");
        EOPatch patch = EOPatch.load(p);
        assertThat(patch.timestamps()).hasSize(2);
        assertThat(patch.getMetaInfo("maxcc")).isEqualTo(0.5);
        patch.save(p, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_FEATURES));
        assertThat(p.resolve("timestamp.json")).doesNotExist();
        assertThat(p.resolve("meta_info.json")).doesNotExist();
        assertThat(EOPatch.load(p)).isEqualTo(patch);
    }

    @Test
    void readsGzippedJsonWrittenByPython() throws IOException {
        Path p = dir.resolve("patch");
        Files.createDirectories(p.resolve("meta_info"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p.resolve("meta_info/x.json.gz")))) {
            out.write("{\"a\": [1, NaN, Infinity]}".getBytes(StandardCharsets.UTF_8));
        }
        Object x = EOPatch.load(p).getMetaInfo("x");
        assertThat(x).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) x).get("a")).isEqualTo(List.of(1, Double.NaN, Double.POSITIVE_INFINITY));
    }

    @Test
    void savingALazyPatchOverItself() throws IOException {
        Path p = dir.resolve("patch");
        EOPatch original = PatchGenerator.everyKind(8);
        original.save(p, SaveOptions.defaults().withCompress(false));
        EOPatch lazy = EOPatch.load(p, LoadOptions.defaults().withLazy(true));
        lazy.save(p, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
        assertThat(EOPatch.load(p)).isEqualTo(original);
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(f)) {
                    files.put(root.relativize(f).toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
                }
            }
        }
        return files;
    }
}
