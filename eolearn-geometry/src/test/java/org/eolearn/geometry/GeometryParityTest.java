package org.eolearn.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The geometry parity cases, run through the task registry exactly as their parameters say. */
class GeometryParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"geometry_erosion_r3_full", "geometry_morph_erosion_default_struct",
        "geometry_morph_opening_disk", "geometry_v2r_lulc_values_column", "geometry_v2r_temporal_clm_vector"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }

    /** The case vectorises LULC, then re-rasterises the polygons with the task its "check" parameters name. */
    @Test
    void rasterToVectorAndBack() throws IOException {
        ParityCase c = ParityCase.open("geometry_r2v_lulc");
        TaskRegistry registry = TaskRegistry.standard();
        EOPatch input = c.input();
        EOPatch vectorized = (EOPatch) registry.create(c.spec().get("task").asText(), c.params().get("init"))
                .execute(List.of(input), java.util.Map.of());
        ObjectNode check = c.params().get("check").deepCopy();
        String checkTask = check.remove("task").asText();
        EOPatch result = (EOPatch) registry.create(checkTask, check).execute(List.of(vectorized), java.util.Map.of());
        c.assertMatches(result);
        assertThat(NdArrays.nanEquals(NdArrays.fromDoubles(org.eolearn.core.DType.UINT16, new long[] {101, 100, 1},
                NdArrays.toDoubles(result.getArray(FeatureType.MASK_TIMELESS, "LULC"))),
                result.getArray(FeatureType.MASK_TIMELESS, "LULC_RERASTERIZED"))).as("re-rasterised equals LULC")
                .isTrue();
        assertThat(result.getVector(FeatureType.VECTOR_TIMELESS, "LULC_VECTORIZED").geometries())
                .allMatch(g -> g.isValid() && g.getGeometryType().equals("Polygon"));
    }
}
