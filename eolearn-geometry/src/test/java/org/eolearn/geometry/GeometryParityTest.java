package org.eolearn.geometry;

import java.io.IOException;
import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The geometry parity cases, run through the task registry exactly as their parameters say. */
class GeometryParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"geometry_erosion_r3_full", "geometry_morph_erosion_default_struct",
        "geometry_morph_opening_disk", "geometry_v2r_lulc_values_column", "geometry_v2r_temporal_clm_vector"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = new TaskRunner(TaskRegistry.standard()).run(c.spec().get("task").asText(), c.params(),
                List.of(c.input()));
        c.assertMatches((EOPatch) result);
    }
}
