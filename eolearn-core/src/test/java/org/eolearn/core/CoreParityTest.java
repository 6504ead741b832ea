package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core cases of the eo-learn parity corpus that need no task: load/save, merge and temporal subset. */
class CoreParityTest {

    @TempDir
    Path dir;

    @Test
    void roundTripOfTestEOPatch() throws IOException {
        ParityCase c = ParityCase.open("core_roundtrip_testeopatch");
        EOPatch loaded = c.input();
        Path saved = dir.resolve("saved");
        loaded.save(saved);
        EOPatch back = EOPatch.load(saved);
        assertThat(back).isEqualTo(loaded);
        c.assertMatches(back);
        // every array file holds the same NPY bytes as the one eo-learn saved
        Path expected = c.folder().resolve("expected");
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path e : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".npy.gz"))::iterator) {
                Path ours = saved.resolve(expected.relativize(e).toString());
                assertThat(gunzip(ours)).as(ours.toString()).isEqualTo(gunzip(e));
            }
        }
        assertThat(Files.readString(saved.resolve("bbox.geojson")))
                .isEqualTo(Files.readString(expected.resolve("bbox.geojson")));
        assertThat(Files.readString(saved.resolve("timestamps.json")))
                .isEqualTo(Files.readString(expected.resolve("timestamps.json")));
        assertThat(gunzip(saved.resolve("meta_info/service_type.json.gz")))
                .isEqualTo(gunzip(expected.resolve("meta_info/service_type.json.gz")));
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"core_merge_concatenate", "core_merge_mean_timeless_max", "core_merge_none"})
    void merge(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        JsonNode call = c.params().get("call");
        List<EOPatch> inputs = c.inputs();
        MergeOperation temporal = MergeOperation.parse(call.path("time_dependent_op").isNull() ? null
                : call.path("time_dependent_op").asText(null));
        MergeOperation timeless = MergeOperation.parse(call.path("timeless_op").isNull() ? null
                : call.path("timeless_op").asText(null));
        EOPatch merged = EOPatches.merge(inputs, FeatureSpec.all(), temporal, timeless);
        c.assertMatches(merged);
    }

    @Test
    void temporalSubsetByIndices() throws IOException {
        ParityCase c = ParityCase.open("core_temporal_subset_indices");
        JsonNode idx = c.params().get("init").get("timestamps");
        int[] indices = new int[idx.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = idx.get(i).asInt();
        }
        c.assertMatches(c.input().temporalSubset(indices));
    }
}
