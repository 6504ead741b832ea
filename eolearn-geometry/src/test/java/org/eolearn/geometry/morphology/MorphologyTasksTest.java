package org.eolearn.geometry.morphology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ErosionTask and MorphologicalFilterTask: eo-learn's test expectations, dtypes, shapes and bad parameters. */
class MorphologyTasksTest {

    private static EOPatch lulc() throws IOException {
        Path p = SharedData.testEOPatch();
        return EOPatch.load(p, LoadOptions.defaults().withFeatures(FeatureSpec.of(
                Feature.of(FeatureType.MASK_TIMELESS, "LULC"))));
    }

    private static List<Long> uniqueCounts(INDArray a) {
        Map<Double, Long> counts = new TreeMap<>();
        for (double v : NdArrays.toDoubles(a)) {
            counts.merge(v, 1L, Long::sum);
        }
        return List.copyOf(counts.values());
    }

    @Test
    void erosionFullReproducesEoLearnTest() throws IOException {
        EOPatch out = new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_ERODED"), 3, null, 0)
                .execute(lulc());
        INDArray eroded = out.getArray(FeatureType.MASK_TIMELESS, "LULC_ERODED");
        assertThat(eroded.shape()).containsExactly(101, 100, 1);
        assertThat(DType.of(eroded)).isEqualTo(DType.of(out.getArray(FeatureType.MASK_TIMELESS, "LULC")));
        assertThat(uniqueCounts(eroded)).containsExactly(1942L, 6950L, 1069L, 87L, 52L);
        // the input is not modified
        assertThat(uniqueCounts(out.getArray(FeatureType.MASK_TIMELESS, "LULC"))).hasSize(6);
    }

    @Test
    void erosionPartialReproducesEoLearnTest() throws IOException {
        EOPatch out = new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_ERODED"), 3,
                new double[] {0, 1, 3, 4}, 0).execute(lulc());
        assertThat(uniqueCounts(out.getArray(FeatureType.MASK_TIMELESS, "LULC_ERODED")))
                .containsExactly(1145L, 7601L, 1069L, 87L, 198L);
    }

    @Test
    void filterKeepsBoolDtypeAndWorksOnTemporalData() {
        EOPatch patch = new EOPatch();
        double[] v = new double[2 * 4 * 4];
        v[16 + 5] = 1; // frame 1, pixel (1, 1)
        patch.put(FeatureType.MASK, "M", NdArrays.fromDoubles(DType.BOOL, new long[] {2, 4, 4, 1}, v));
        EOPatch out = new MorphologicalFilterTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "M")),
                FeatureSpec.of(Feature.of(FeatureType.MASK, "D")), MorphologicalOperation.DILATION, null)
                .execute(patch);
        INDArray d = out.getArray(FeatureType.MASK, "D");
        assertThat(DType.of(d)).isEqualTo(DType.BOOL);
        double[] r = NdArrays.toDoubles(d);
        double frame0 = 0;
        double frame1 = 0;
        for (int i = 0; i < 16; i++) {
            frame0 += r[i];
            frame1 += r[16 + i];
        }
        assertThat(frame0).isZero();
        assertThat(frame1).isEqualTo(9); // the 3x3 default square around (1, 1)
        assertThat(out.contains(FeatureType.MASK, "M")).isTrue();
    }

    @Test
    void withoutOutputsTheInputIsOverwritten() {
        EOPatch patch = new EOPatch();
        patch.put(FeatureType.DATA_TIMELESS, "X", NdArrays.fromDoubles(DType.FLOAT32, new long[] {1, 3, 1},
                new double[] {1.5, 0.5, 2.5}));
        new MorphologicalFilterTask(FeatureSpec.of(FeatureType.DATA_TIMELESS), null, MorphologicalOperation.EROSION,
                StructuringElement.square(3)).execute(patch);
        assertThat(NdArrays.toDoubles(patch.getArray(FeatureType.DATA_TIMELESS, "X"))).containsExactly(0.5, 0.5,
                0.5);
    }

    @Test
    void badParametersNameTheParameter() throws IOException {
        assertThatThrownBy(() -> new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC"), 0, null, 0))
                .hasMessageContaining("disk_radius");
        assertThatThrownBy(() -> new ErosionTask(Feature.of(FeatureType.SCALAR, "S"), 1, null, 0))
                .hasMessageContaining("mask_feature");
        assertThatThrownBy(() -> new MorphologicalFilterTask(FeatureSpec.of(Feature.of(FeatureType.SCALAR, "S")),
                null, MorphologicalOperation.EROSION, null)).hasMessageContaining("input_features");
        assertThatThrownBy(() -> new MorphologicalFilterTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "A")),
                null, null, null)).hasMessageContaining("morph_operation");
        ObjectMapper json = new ObjectMapper();
        TaskRegistry registry = TaskRegistry.standard();
        assertThatThrownBy(() -> registry.create("MorphologicalFilterTask", json.readTree(
                "{\"input_features\": [\"mask\", \"CLM\"], \"morph_operation\": \"tophat\"}")))
                .hasMessageContaining("morph_operation");
        assertThatThrownBy(() -> registry.create("MorphologicalFilterTask", json.readTree(
                "{\"input_features\": [\"mask\", \"CLM\"], \"morph_operation\": \"erosion\","
                        + " \"struct_elem\": {\"factory\": \"MorphologicalStructFactory.get_disk(-2)\"}}")))
                .hasMessageContaining("struct_elem").hasMessageContaining("radius");
        assertThatThrownBy(() -> registry.create("ErosionTask", json.readTree(
                "{\"mask_feature\": [\"mask_timeless\", \"LULC\"], \"disk_radius\": -1}")))
                .hasMessageContaining("disk_radius");
        assertThat(registry.create("MorphologicalFilterTask", json.readTree(
                "{\"input_features\": [\"mask\", \"CLM\"], \"morph_operation\": \"closing\","
                        + " \"struct_elem\": \"get_rectangle(2, 3)\"}")).describe().get("struct_elem"))
                .isEqualTo("StructuringElement[[1, 1, 1], [1, 1, 1]]");
        assertThat(registry.create("MorphologicalFilterTask", json.readTree(
                "{\"input_features\": [\"mask\", \"CLM\"], \"morph_operation\": \"dilation\","
                        + " \"struct_elem\": \"get_octagon(1, 1)\"}")).describe().get("struct_elem"))
                .isEqualTo("StructuringElement[[0, 1, 0], [1, 1, 1], [0, 1, 0]]");
    }

    /** docs/differences.md D7: a temporal mask is eroded frame by frame, each frame as a timeless mask would be. */
    @Test
    void erosionOfATemporalMaskIsPerFrame() {
        double[] v = new double[2 * 7 * 7];
        for (int y = 1; y < 6; y++) {
            for (int x = 1; x < 6; x++) {
                v[y * 7 + x] = 1; // frame 0: a 5x5 square
            }
        }
        for (int y = 2; y < 5; y++) {
            v[49 + y * 7 + 3] = 1; // frame 1: a vertical line
        }
        EOPatch patch = new EOPatch();
        patch.put(FeatureType.MASK, "M", NdArrays.fromDoubles(DType.UINT8, new long[] {2, 7, 7, 1}, v));
        INDArray out = new ErosionTask(Feature.of(FeatureType.MASK, "M", "E"), 3, null, 0).execute(patch)
                .getArray(FeatureType.MASK, "E");
        for (int t = 0; t < 2; t++) {
            EOPatch single = new EOPatch();
            single.put(FeatureType.MASK_TIMELESS, "M", NdArrays.fromDoubles(DType.UINT8, new long[] {7, 7, 1},
                    java.util.Arrays.copyOfRange(v, t * 49, t * 49 + 49)));
            INDArray expected = new ErosionTask(Feature.of(FeatureType.MASK_TIMELESS, "M", "E"), 3, null, 0)
                    .execute(single).getArray(FeatureType.MASK_TIMELESS, "E");
            assertThat(NdArrays.toDoubles(out.slice(t))).containsExactly(NdArrays.toDoubles(expected));
        }
    }
}
