package org.eolearn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.api.Test;

/** Otsu's threshold and the water detection of eo-learn's water-monitor example. */
class WaterDetectionTest {

    @Test
    void parityOfTheWaterMonitorSteps() throws IOException {
        ParityCase c = ParityCase.open("water_otsu_refscenes");
        TaskRunner runner = new TaskRunner(TaskRegistry.standard());
        EOPatch patch = c.input();
        for (JsonNode step : c.params().get("steps")) {
            String task = step.get("task").asText();
            if (task.equals("WaterDetection")) {
                patch = new WaterDetectionTask(Feature.of(FeatureType.DATA, "NDWI"),
                        Feature.of(FeatureType.MASK_TIMELESS, "NOMINAL_WATER"), Feature.of(FeatureType.MASK,
                        "WATER_MASK"), Feature.of(FeatureType.SCALAR, "WATER_LEVEL"), Feature.of(FeatureType.SCALAR,
                        "OTSU_THRESHOLD")).execute(patch);
            } else {
                ObjectNode init = ((ObjectNode) step.deepCopy());
                init.remove("task");
                ObjectNode params = init.objectNode();
                params.set("init", init);
                patch = (EOPatch) runner.run(task, params, List.of(patch));
            }
        }
        c.assertMatches(patch);
        JsonNode recorded = c.spec().get("recorded");
        double[] thresholds = NdArrays.toDoubles(patch.getArray(FeatureType.SCALAR, "OTSU_THRESHOLD"));
        for (int i = 0; i < thresholds.length; i++) {
            assertThat(thresholds[i]).as("frame %d", i).isEqualTo(recorded.get("otsu_thresholds").get(i).asDouble());
        }
    }

    @Test
    void otsuSplitsTwoClustersAndHandlesEdgeCases() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 600 ? -0.5f + i * 1e-4f : 0.4f + i * 1e-4f;
        }
        float thr = Otsu.threshold(v, 256);
        assertThat(thr).isBetween(-0.44f, 0.46f);
        int below = 0;
        for (float x : v) {
            below += x <= thr ? 1 : 0;
        }
        assertThat(below).isEqualTo(600);
        assertThat(Otsu.threshold(new float[] {0.25f, 0.25f}, 256)).isEqualTo(0.25f);
        assertThatThrownBy(() -> Otsu.threshold(new float[] {1, Float.NaN}, 256)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Otsu.threshold(new float[0], 256)).hasMessageContaining("at least one");
    }

    @Test
    void aFlatFrameGetsThresholdOneAndShapesAreChecked() {
        EOPatch p = new EOPatch();
        p.put(FeatureType.DATA, "NDWI", NdArrays.full(DType.FLOAT32, new long[] {2, 3, 3, 1}, 0.5));
        p.put(FeatureType.MASK_TIMELESS, "NOMINAL", NdArrays.full(DType.UINT8, new long[] {3, 3, 1}, 1));
        WaterDetectionTask task = new WaterDetectionTask(Feature.of(FeatureType.DATA, "NDWI"),
                Feature.of(FeatureType.MASK_TIMELESS, "NOMINAL"), Feature.of(FeatureType.MASK, "WATER"),
                Feature.of(FeatureType.SCALAR, "LEVEL"), Feature.of(FeatureType.SCALAR, "THR"));
        task.execute(p);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.SCALAR, "THR"))).containsExactly(1, 1);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.SCALAR, "LEVEL"))).containsExactly(0, 0);
        p.put(FeatureType.MASK_TIMELESS, "NOMINAL", NdArrays.full(DType.UINT8, new long[] {4, 3, 1}, 1));
        assertThatThrownBy(() -> task.execute(p)).hasMessageContaining("nominal_water_feature");
    }
}
