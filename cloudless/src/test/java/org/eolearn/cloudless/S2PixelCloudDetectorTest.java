package org.eolearn.cloudless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Tests the detector: parity with s2cloudless's post-processing, the pixel classifier, bad input. */
class S2PixelCloudDetectorTest {

    @Test
    void diskMatchesSkimage() {
        int[] sizes = {1, 5, 13, 29, 49, 81};
        for (int r = 0; r <= 5; r++) {
            int count = 0;
            for (boolean b : CloudKernels.disk(r)) {
                count += b ? 1 : 0;
            }
            assertThat(count).as("disk(" + r + ")").isEqualTo(sizes[r]);
        }
        assertThat(CloudKernels.reflect(-1, 5)).isZero();
        assertThat(CloudKernels.reflect(-3, 5)).isEqualTo(2);
        assertThat(CloudKernels.reflect(5, 5)).isEqualTo(4);
        assertThat(CloudKernels.reflect(7, 5)).isEqualTo(2);
    }

    /** The parity corpus's s2cloudless case: masks from the TestEOPatch's cloud probabilities, exactly. */
    @Test
    void parityMaskFromProbabilities() throws IOException {
        ParityCase c = ParityCase.open("cloudless_mask_from_prob_4_2_04");
        var init = c.params().get("init");
        S2PixelCloudDetector detector = new S2PixelCloudDetector(null, init.get("threshold").asDouble(),
                init.get("average_over").asInt(), init.get("dilation_size").asInt(), init.get("all_bands").asBoolean());
        EOPatch input = c.input();
        INDArray probs = input.getArray(FeatureType.DATA, "CLP_S2C");
        INDArray mask = detector.maskFromProbabilities(probs.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.point(0)));
        EOPatch out = new EOPatch(input.bbox(), input.timestamps());
        long[] s = mask.shape();
        out.put(FeatureType.MASK, "CLM_POSTPROC", mask.reshape('c', s[0], s[1], s[2], 1));
        c.assertMatches(out);
    }

    /** eo-learn's CloudMaskTask defaults on all 68 frames reproduce the stored CLM_S2C from CLP_S2C. */
    @Test
    void reproducesTheStoredCloudMasksOfTheTestPatch() throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        INDArray probs = patch.getArray(FeatureType.DATA, "CLP_S2C");
        INDArray mask = new S2PixelCloudDetector(null, 0.4, 4, 2, true).maskFromProbabilities(probs.get(
                NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)));
        double[] ours = NdArrays.toDoubles(mask);
        double[] stored = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "CLM_S2C"));
        double[] isData = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "IS_DATA"));
        int mismatches = 0;
        for (int i = 0; i < ours.length; i++) {
            if ((ours[i] * isData[i] != 0) != (stored[i] != 0)) {
                mismatches++;
            }
        }
        assertThat(ours).hasSize(68 * 101 * 100);
        assertThat(mismatches).isZero();
    }

    @Test
    void skipRulesAndDtypes() {
        INDArray probs = Nd4j.createFromArray(new float[][][] {{{0.1f, 0.5f, 0.4f}, {0.41f, 0.3f, 0.9f}}});
        INDArray plain = new S2PixelCloudDetector(null, 0.4, 0, 0, false).maskFromProbabilities(probs);
        assertThat(DType.of(plain)).isEqualTo(DType.INT8);
        assertThat(NdArrays.toDoubles(plain)).containsExactly(0, 1, 0, 1, 0, 1);
        INDArray dilated = new S2PixelCloudDetector(null, 0.4, 0, 1, false).maskFromProbabilities(probs);
        assertThat(DType.of(dilated)).isEqualTo(DType.UINT8);
        assertThat(NdArrays.toDoubles(dilated)).containsExactly(1, 1, 1, 1, 1, 1);
        // float32 comparison: 0.4f is not greater than 0.4
        INDArray exact = new S2PixelCloudDetector(null, 0.4, 0, 0, false).maskFromProbabilities(
                Nd4j.createFromArray(new float[][][] {{{0.4f}}}));
        assertThat(NdArrays.toDoubles(exact)).containsExactly(0);
    }

    @Test
    void classifierPicksTheModelBandsAndPredictsExactly() throws Exception {
        Random r = new Random(3);
        int n = 6000;
        double[] x = new double[n * 10];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 10; j++) {
                x[i * 10 + j] = r.nextDouble() * 0.6;
            }
            y[i] = x[i * 10 + 1] + x[i * 10 + 9] + 0.1 * r.nextGaussian() > 0.6 ? 1f : 0f;
        }
        String text = org.eolearn.cloudless.lightgbm.NativeLightGbmAccess.train(x, 10, y,
                "objective=binary num_leaves=15", 30);
        LightGbmModel model = LightGbmModel.parse(text);
        // (2, 5, 6, 13) bands; the 10 model bands hold the training rows
        int frames = 2;
        int h = 5;
        int w = 6;
        float[] all = new float[frames * h * w * 13];
        float[] ten = new float[frames * h * w * 10];
        double[] rows = new double[frames * h * w * 10];
        for (int p = 0; p < frames * h * w; p++) {
            for (int b = 0; b < 13; b++) {
                all[p * 13 + b] = 7f; // bands the model must not read
            }
            for (int j = 0; j < 10; j++) {
                float v = (float) x[p * 10 + j];
                all[p * 13 + S2PixelCloudDetector.MODEL_BAND_IDS[j]] = v;
                ten[p * 10 + j] = v;
                rows[p * 10 + j] = v;
            }
        }
        INDArray probs13 = new S2PixelCloudDetector(model, 0.4, 1, 1, true).cloudProbabilityMaps(
                Nd4j.create(all, new long[] {frames, h, w, 13}, 'c'));
        INDArray probs10 = new S2PixelCloudDetector(model).cloudProbabilityMaps(
                Nd4j.create(ten, new long[] {frames, h, w, 10}, 'c'));
        assertThat(DType.of(probs13)).isEqualTo(DType.FLOAT32);
        assertThat(probs13.shape()).containsExactly(frames, h, w);
        assertThat(NdArrays.nanEquals(probs13, probs10)).isTrue();
        double[] nativeProbs = org.eolearn.cloudless.lightgbm.NativeLightGbmAccess.predict(text, rows, 10);
        double[] ours = NdArrays.toDoubles(probs13);
        for (int i = 0; i < ours.length; i++) {
            assertThat((float) ours[i]).isEqualTo((float) nativeProbs[i]);
        }
        INDArray masks = new S2PixelCloudDetector(model, 0.4, 1, 1, true).cloudMasks(
                Nd4j.create(all, new long[] {frames, h, w, 13}, 'c'));
        assertThat(DType.of(masks)).isEqualTo(DType.UINT8);
    }

    @Test
    void badInputIsNamed() {
        S2PixelCloudDetector noModel = new S2PixelCloudDetector(null, 0.4, 1, 1, false);
        assertThatThrownBy(() -> noModel.cloudProbabilityMaps(Nd4j.zeros(1, 2, 2, 10)))
                .hasMessageContaining("no model").hasMessageContaining("eolearn cloudless fetch-model");
        assertThatThrownBy(() -> S2PixelCloudDetector.withDefaultModel(0.4, 4, 2, true))
                .hasMessageContaining("eolearn cloudless fetch-model");
        assertThatThrownBy(() -> noModel.maskFromProbabilities(Nd4j.zeros(2, 2))).hasMessageContaining("(N, H, W)");
        assertThatThrownBy(() -> new S2PixelCloudDetector(null, 0.4, -1, 1, false)).hasMessageContaining("average_over");
        assertThatThrownBy(() -> new S2PixelCloudDetector(null, Double.NaN, 1, 1, false))
                .hasMessageContaining("threshold");
        assertThatThrownBy(S2PixelCloudDetector::loadDefaultModel).hasMessageContaining("eolearn cloudless fetch-model")
                .hasMessageContaining(S2PixelCloudDetector.MODEL_PROPERTY);
    }
}
