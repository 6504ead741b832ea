package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.LazyValue;
import org.eolearn.core.testing.SharedData;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests {@link EOPatch#describe()}: eo-learn's repr of a loaded patch, from the arrays' headers only. */
class DescribeTest {

    @TempDir
    Path dir;

    @Test
    void describingALazyPatchEqualsTheReprOfTheLoadedOneAndReadsNoArray() throws IOException {
        for (int seed = 0; seed < 20; seed++) {
            EOPatch random = new RandomPatches(new java.util.Random(seed)).patch(seed % 3, 1 + seed % 4, 2 + seed % 5);
            Path folder = dir.resolve("p" + seed);
            random.save(folder, SaveOptions.defaults().withCompress(seed % 2 == 0));
            EOPatch loaded = EOPatch.load(folder);
            EOPatch lazy = EOPatch.load(folder, LoadOptions.defaults().withLazy(true));
            assertThat(lazy.describe()).as("seed %d", seed).isEqualTo(loaded.toString());
            for (Feature f : lazy.getFeatures()) {
                Object raw = lazy.getRaw(f.type(), f.name());
                if (f.type().isArray()) {
                    assertThat(raw).isInstanceOf(LazyValue.class);
                    assertThat(((LazyValue) raw).isLoaded()).as("%s read", f).isFalse();
                }
            }
            // toString keeps eo-learn's repr of unloaded values
            if (lazy.getFeatures().stream().anyMatch(f -> f.type().isArray())) {
                assertThat(lazy.toString()).contains("FeatureIO(");
            }
        }
    }

    @Test
    void theTestPatchIsDescribedWithoutReadingItsArrays() throws IOException {
        Path test = SharedData.testEOPatch();
        EOPatch lazy = EOPatch.load(test, LoadOptions.defaults().withLazy(true));
        assertThat(lazy.describe()).isEqualTo(EOPatch.load(test).toString())
                .contains("CLP: numpy.ndarray(shape=(68, 101, 100, 1), dtype=float32)");
        assertThat(((LazyValue) lazy.getRaw(FeatureType.DATA, "CLP")).isLoaded()).isFalse();
    }

    @Test
    void aBrokenHeaderNamesTheFile() throws IOException {
        EOPatch p = new EOPatch(null, List.of());
        p.put(FeatureType.DATA_TIMELESS, "A", org.eolearn.core.NdArrays.zeros(DType.UINT8, 2, 2, 1));
        Path folder = dir.resolve("broken");
        p.save(folder, SaveOptions.defaults().withCompress(false));
        Path file = folder.resolve("data_timeless").resolve("A.npy");
        Files.write(file, "not an npy file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        EOPatch lazy = EOPatch.load(folder, LoadOptions.defaults().withLazy(true));
        assertThatThrownBy(lazy::describe).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an NPY file");
    }
}
