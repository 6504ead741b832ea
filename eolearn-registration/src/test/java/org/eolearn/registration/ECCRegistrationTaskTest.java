package org.eolearn.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.api.Test;

/** ECC registration: the parity case, every motion model on synthetic shifts, bad parameters. */
class ECCRegistrationTaskTest {

    @Test
    void parityIntegerShifts() throws IOException {
        ParityCase c = ParityCase.open("registration_ecc_integer_shift");
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
        // tighter than the case's tolerance: OpenCV's iterations are reproduced, not only their neighbourhood
        com.fasterxml.jackson.databind.JsonNode expected = c.spec().get("expected_summary").get("meta_info/warp_matrices");
        java.util.Map<?, ?> actual = (java.util.Map<?, ?>) ((EOPatch) result).getMetaInfo("warp_matrices");
        for (int t = 1; t < 4; t++) {
            double[][] m = toMatrix(actual.get(String.valueOf(t)));
            assertThat(m[0][2]).as("frame %d tx", t).isCloseTo(expected.get(String.valueOf(t)).get(0).get(2).asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m[1][2]).as("frame %d ty", t).isCloseTo(expected.get(String.valueOf(t)).get(1).get(2).asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static double[][] toMatrix(Object nested) {
        java.util.List<?> rows = (java.util.List<?>) nested;
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = ((java.util.List<?>) rows.get(r)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return m;
    }

    @Test
    void warpPositionsAreOpenCvFixedPoint() {
        // ty = 1.98425 is 63.496/32 pixel: rounded directly it would sample at 63/32, but OpenCV first rounds to
        // 1/1024 (2032/1024) and then to 1/32 with half up, which lands exactly on 2 pixels
        int h = 6;
        int w = 3;
        float[] src = new float[h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = i * i;
        }
        float[] dst = new float[h * w];
        Ecc.warpFrame(src, h, w, new double[][] {{1, 0, 0}, {0, 1, 1.98425f}}, true, true, 0, dst);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(dst[y * w + x]).as("(%d, %d)", y, x).isEqualTo(src[Math.min(h - 1, y + 2) * w + x]);
            }
        }
        // a true half step interpolates halfway
        Ecc.warpFrame(src, h, w, new double[][] {{1, 0, 0.5}, {0, 1, 0}}, true, true, 0, dst);
        assertThat(dst[0]).isEqualTo((src[0] + src[1]) / 2);
        // nearest neighbour rounds half up: x + 0.5 samples x + 1
        Ecc.warpFrame(src, h, w, new double[][] {{1, 0, 0.5}, {0, 1, 0}}, false, false, -1, dst);
        assertThat(dst[0]).isEqualTo(src[1]);
        assertThat(dst[2]).as("outside: the border value").isEqualTo(-1);
    }

    /** A smooth random texture. */
    static float[] texture(int h, int w, long seed) {
        Random r = new Random(seed);
        double[][] waves = new double[12][4];
        for (double[] wave : waves) {
            wave[0] = r.nextDouble() * 0.3;
            wave[1] = r.nextDouble() * 0.3;
            wave[2] = r.nextDouble() * 6;
            wave[3] = r.nextDouble();
        }
        float[] img = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (double[] wave : waves) {
                    v += wave[3] * Math.sin(wave[0] * x + wave[1] * y + wave[2]);
                }
                img[y * w + x] = (float) v;
            }
        }
        return img;
    }

    @Test
    void recoversKnownWarpsForEveryMotion() {
        int h = 80;
        int w = 90;
        float[] ref = texture(h, w, 1);
        double[][][] truths = {
            {{1, 0, 1.5}, {0, 1, -2.25}},
            {{Math.cos(0.03), -Math.sin(0.03), 1.0}, {Math.sin(0.03), Math.cos(0.03), -0.5}},
            {{1.02, 0.01, 0.8}, {-0.015, 0.99, 1.2}},
            {{1.01, 0.005, 0.5}, {0.004, 0.995, -0.7}, {1e-5, -2e-5, 1}}};
        Ecc.Motion[] motions = {Ecc.Motion.TRANSLATION, Ecc.Motion.EUCLIDEAN, Ecc.Motion.AFFINE,
            Ecc.Motion.HOMOGRAPHY};
        for (int m = 0; m < motions.length; m++) {
            // the input is the reference seen through the inverse warp: input(M p) = ref(p)
            float[] input = new float[h * w];
            double[][] inverse = invertWarp(truths[m]);
            Ecc.warpFrame(ref, h, w, inverse, true, true, 0, input);
            double[][] found = Ecc.findTransform(ref, input, h, w, motions[m], Ecc.identity(motions[m]), 100, 1e-9,
                    null, 1);
            for (int i = 0; i < truths[m].length; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(found[i][j]).as(motions[m] + " [" + i + "][" + j + "]")
                            .isCloseTo(truths[m][i][j], org.assertj.core.data.Offset.offset(i == 2 ? 1e-4 : 0.05));
                }
            }
        }
    }

    private static double[][] invertWarp(double[][] m) {
        double[][] full = m.length == 3 ? m : new double[][] {m[0], m[1], {0, 0, 1}};
        double[][] inv = Ecc.invert(full);
        double s = inv[2][2];
        for (double[] row : inv) {
            for (int j = 0; j < 3; j++) {
                row[j] /= s;
            }
        }
        return m.length == 3 ? inv : new double[][] {inv[0], inv[1]};
    }

    @Test
    void badParametersAreNamed() {
        Feature data = Feature.of(FeatureType.DATA, "NDVI");
        Feature ref = Feature.of(FeatureType.DATA_TIMELESS, "REF");
        assertThatThrownBy(() -> new ECCRegistrationTask(ref, ref, 0, null, FeatureSpec.all(), true,
                Ecc.Motion.TRANSLATION, 100, 1, true, 0, 5)).hasMessageContaining("registration_feature");
        assertThatThrownBy(() -> new ECCRegistrationTask(data, ref, 0, null, FeatureSpec.all(), true,
                Ecc.Motion.TRANSLATION, 100, 2, true, 0, 5)).hasMessageContaining("gauss_kernel_size");
        assertThatThrownBy(() -> Ecc.Motion.ofOpenCv(7)).hasMessageContaining("warp_mode");
        assertThatThrownBy(() -> TaskRegistry.standard().create("ECCRegistrationTask",
                new com.fasterxml.jackson.databind.json.JsonMapper().readTree("{\"registration_feature\": [\"data\", "
                        + "\"NDVI\"], \"reference_feature\": [\"data_timeless\", \"REF\"], \"interpolation_mode\": 2}")))
                .hasMessageContaining("interpolation_mode");
        assertThat(Map.of()).isEmpty();
    }
}
