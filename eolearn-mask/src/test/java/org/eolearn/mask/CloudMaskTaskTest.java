package org.eolearn.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tests {@link CloudMaskTask} with a tiny hand-written model: cloud where B02 > 0.3. */
class CloudMaskTaskTest {

    /** One split on feature 1 (B02): P(cloud) = sigmoid(2) above 0.3, sigmoid(-2) below. */
    static final String MODEL = String.join("\n", "tree", "version=v3", "num_class=1", "num_tree_per_iteration=1",
            "label_index=0", "max_feature_idx=9", "objective=binary sigmoid:1",
            "feature_names=B01 B02 B04 B05 B08 B8A B09 B10 B11 B12", "", "Tree=0", "num_leaves=2", "num_cat=0",
            "split_feature=1", "split_gain=1", "threshold=0.30000000000000004", "decision_type=2", "left_child=-1",
            "right_child=-2", "leaf_value=-2 2", "leaf_weight=1 1", "leaf_count=1 1", "internal_value=0",
            "internal_weight=0", "internal_count=2", "shrinkage=1", "", "", "end of trees", "");

    @TempDir
    Path dir;

    private static EOPatch patch() {
        int t = 2;
        int h = 12;
        int w = 12;
        float[] bands = new float[t * h * w * 13];
        byte[] valid = new byte[t * h * w];
        for (int f = 0; f < t; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (f * h + y) * w + x;
                    bands[p * 13 + 1] = x < 6 + f ? 0.5f : 0.1f; // B02: a cloud on the left
                    valid[p] = (byte) (y == 0 ? 0 : 1);
                }
            }
        }
        EOPatch patch = new EOPatch(new BBox(0, 0, 120, 120, CRS.utm(33, true)),
                List.of(java.time.LocalDateTime.parse("2020-01-01T10:00:00"),
                        java.time.LocalDateTime.parse("2020-01-06T10:00:00")));
        patch.put(FeatureType.DATA, "BANDS-S2-L1C", NdArrays.fromDoubles(DType.FLOAT32, new long[] {t, h, w, 13},
                toDoubles(bands)));
        patch.put(FeatureType.MASK, "IS_DATA", NdArrays.fromBytes(DType.UINT8, new long[] {t, h, w, 1},
                java.nio.ByteBuffer.wrap(valid)));
        return patch;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void masksAndProbabilitiesTimesValidData() throws Exception {
        Path model = Files.writeString(dir.resolve("model.txt"), MODEL);
        EOTask task = TaskRegistry.standard().create("CloudMaskTask", JsonMapper.builder().build().readTree(
                ("{'data_feature': ['data', 'BANDS-S2-L1C'], 'valid_data_feature': ['mask', 'IS_DATA'], "
                        + "'output_mask_feature': ['mask', 'CLM'], 'output_proba_feature': ['data', 'CLP'], "
                        + "'average_over': 0, 'dilation_size': 0, 'model_path': '" + model + "'}")
                        .replace('\'', '"')));
        EOPatch out = (EOPatch) task.execute(List.of(patch()), Map.of());
        INDArray clm = out.getArray(FeatureType.MASK, "CLM");
        INDArray clp = out.getArray(FeatureType.DATA, "CLP");
        assertThat(DType.of(clm)).isEqualTo(DType.BOOL);
        assertThat(clm.shape()).containsExactly(2, 12, 12, 1);
        assertThat(DType.of(clp)).isEqualTo(DType.FLOAT32);
        double[] m = NdArrays.toDoubles(clm);
        double[] p = NdArrays.toDoubles(clp);
        float high = (float) (1 / (1 + Math.exp(-2)));
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    int i = (f * 12 + y) * 12 + x;
                    boolean cloud = y > 0 && x < 6 + f;
                    assertThat(m[i]).as("mask at " + f + "," + y + "," + x).isEqualTo(cloud ? 1 : 0);
                    assertThat(p[i]).isEqualTo(y == 0 ? 0 : x < 6 + f ? high : (float) (1 / (1 + Math.exp(2))));
                }
            }
        }
    }

    @Test
    void defaultsAverageAndDilate() throws Exception {
        LightGbmModel model = LightGbmModel.parse(MODEL);
        EOPatch out = new CloudMaskTask(Feature.of(FeatureType.DATA, "BANDS-S2-L1C"), null,
                Feature.of(FeatureType.MASK, "CLM"), null, true, 0.4, 4, 2, model).execute(patch());
        double[] m = NdArrays.toDoubles(out.getArray(FeatureType.MASK, "CLM"));
        // frame 0: cloud columns 0-5; the 4-disk average crosses 0.4 a column or so past the edge, dilation adds 2
        assertThat(m[5 * 12 + 7]).isEqualTo(1);
        assertThat(m[5 * 12 + 11]).isZero();
        assertThat(out.contains(FeatureType.DATA, "CLP")).isFalse();
    }

    @Test
    void badConfigurationAndInput() {
        LightGbmModel model;
        try {
            model = LightGbmModel.parse(MODEL);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> new CloudMaskTask(Feature.of(FeatureType.MASK, "X"), null,
                Feature.of(FeatureType.MASK, "CLM"), null, true, 0.4, 4, 2, model)).hasMessageContaining("data_feature");
        EOPatch noBbox = patch().setBbox(null);
        CloudMaskTask task = new CloudMaskTask(Feature.of(FeatureType.DATA, "BANDS-S2-L1C"), null,
                Feature.of(FeatureType.MASK, "CLM"), null, true, 0.4, 4, 2, model);
        assertThatThrownBy(() -> task.execute(noBbox)).hasMessageContaining("bbox");
        CloudMaskTask tenBands = new CloudMaskTask(Feature.of(FeatureType.DATA, "BANDS-S2-L1C"), null,
                Feature.of(FeatureType.MASK, "CLM"), null, false, 0.4, 4, 2, model);
        assertThatThrownBy(() -> tenBands.execute(patch())).hasMessageContaining("(N, H, W, 10)");
        assertThatThrownBy(() -> new CloudMaskTask(Feature.of(FeatureType.DATA, "B"), null,
                Feature.of(FeatureType.MASK, "CLM"))).hasMessageContaining("eolearn cloudless fetch-model");
    }
}
