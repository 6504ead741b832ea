package org.eolearn.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.junit.jupiter.api.Test;

/**
 * ECCRegistrationTask's builder: {@code builder(required).build()} behaves as the registry's task made from JSON
 * with only the required parameters (eo-learn's defaults agree), non-default settings have their effect, and a bad
 * argument names its parameter.
 */
class ECCRegistrationTaskBuilderTest {

    private static final Feature DATA = Feature.of(FeatureType.DATA, "BANDS");
    private static final Feature REF = Feature.of(FeatureType.DATA_TIMELESS, "REF");
    private static final int H = 32;
    private static final int W = 32;

    /** Three frames of a smooth texture, shifted by 0, 1 and 2 pixels along x, and the unshifted reference. */
    private static EOPatch small() {
        int pad = 4;
        float[] big = ECCRegistrationTaskTest.texture(H + 2 * pad, W + 2 * pad, 7);
        double[] frames = new double[3 * H * W];
        double[] ref = new double[H * W];
        for (int t = 0; t < 3; t++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    frames[(t * H + y) * W + x] = big[(y + pad) * (W + 2 * pad) + x + pad + t];
                    ref[y * W + x] = big[(y + pad) * (W + 2 * pad) + x + pad];
                }
            }
        }
        List<LocalDateTime> ts = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            ts.add(LocalDateTime.of(2020, 1, 1 + t, 0, 0));
        }
        EOPatch p = new EOPatch(new BBox(0, 0, W * 10, H * 10, new CRS(32633)), ts);
        p.put(DATA, NdArrays.fromDoubles(DType.FLOAT32, new long[] {3, H, W, 1}, frames));
        p.put(REF, NdArrays.fromDoubles(DType.FLOAT32, new long[] {H, W, 1}, ref));
        return p;
    }

    private static EOPatch run(EOTask task) {
        return (EOPatch) task.execute(List.of(small()), Map.of());
    }

    private static double tx(EOPatch out, int frame) {
        List<?> rows = (List<?>) ((Map<?, ?>) out.getMetaInfo("warp_matrices")).get(String.valueOf(frame));
        return ((Number) ((List<?>) rows.get(0)).get(2)).doubleValue();
    }

    @Test
    void defaultsAgreeWithTheRegistry() throws IOException {
        EOPatch viaBuilder = run(ECCRegistrationTask.builder(DATA, REF, 0).build());
        EOTask fromJson = TaskRegistry.standard().create("ECCRegistrationTask", new ObjectMapper().readTree(
                "{\"registration_feature\": [\"data\", \"BANDS\"], \"reference_feature\": [\"data_timeless\", "
                        + "\"REF\"], \"channel\": 0}"));
        assertThat(viaBuilder).isEqualTo(run(fromJson)).isEqualTo(run(new ECCRegistrationTask(DATA, REF, 0)));
        assertThat(ECCRegistrationTask.builder(DATA, REF, 0).build().describe()).isEqualTo(fromJson.describe());
        // the shifted frames are found (translations of about 1 and 2 pixels, below max_translation=5)
        assertThat(Math.abs(tx(viaBuilder, 1))).isBetween(0.5, 1.5);
        assertThat(Math.abs(tx(viaBuilder, 2))).isBetween(1.5, 2.5);
    }

    @Test
    void nonDefaultSettingsHaveTheirEffect() {
        EOPatch strict = run(ECCRegistrationTask.builder(DATA, REF, 0).maxTranslation(0.5).build());
        assertThat(tx(strict, 1)).isZero();
        assertThat(tx(strict, 2)).isZero();
        assertThat(strict.getArray(DATA.type(), DATA.name())).isEqualTo(small().getArray(DATA.type(), DATA.name()));

        ECCRegistrationTask custom = ECCRegistrationTask.builder(DATA, REF, 0)
                .interpolationMode(ECCRegistrationTask.InterpolationMode.INTER_NEAREST)
                .borderMode(ECCRegistrationTask.BorderMode.BORDER_CONSTANT).borderValue(-1)
                .warpMode(Ecc.Motion.EUCLIDEAN).maxIter(50).gaussKernelSize(3)
                .applyToFeatures(FeatureSpec.of(DATA)).validMaskFeature(Feature.of(FeatureType.MASK, "VALID"))
                .build();
        assertThat(custom.describe()).containsEntry("interpolation_mode", "INTER_NEAREST")
                .containsEntry("border_mode", "BORDER_CONSTANT").containsEntry("border_value", -1.0f)
                .containsEntry("warp_mode", Ecc.Motion.EUCLIDEAN).containsEntry("max_iter", 50)
                .containsEntry("gauss_kernel_size", 3).containsEntry("max_translation", 5.0);
        // a frame warped with a constant border of -1 shows it where the frame is moved out of the image
        EOPatch bordered = run(ECCRegistrationTask.builder(DATA, REF, 0)
                .borderMode(ECCRegistrationTask.BorderMode.BORDER_CONSTANT).borderValue(-1).build());
        double[] warped = NdArrays.toDoubles(bordered.getArray(DATA.type(), DATA.name()));
        assertThat(java.util.Arrays.stream(warped).filter(v -> v == -1).count()).isGreaterThan(0);
    }

    @Test
    void badArgumentsNameTheirParameter() {
        ECCRegistrationTask.Builder b = ECCRegistrationTask.builder(DATA, REF, 0);
        assertThatThrownBy(() -> b.maxIter(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_iter");
        assertThatThrownBy(() -> b.gaussKernelSize(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gauss_kernel_size");
        assertThatThrownBy(() -> b.validMaskFeature(DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid_mask_feature");
        assertThatThrownBy(() -> b.applyToFeatures(FeatureSpec.of(FeatureType.DATA_TIMELESS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apply_to_features");
        assertThatThrownBy(() -> b.warpMode(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("warp_mode");
        assertThatThrownBy(() -> b.interpolationMode(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("interpolation_mode");
        assertThatThrownBy(() -> b.borderMode(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("border_mode");
        assertThatThrownBy(() -> b.maxTranslation(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_translation");
        assertThatThrownBy(() -> ECCRegistrationTask.builder(REF, REF, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registration_feature");
        assertThatThrownBy(() -> ECCRegistrationTask.builder(DATA, DATA, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference_feature");
        assertThatThrownBy(() -> ECCRegistrationTask.builder(DATA, REF, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        assertThatThrownBy(() -> ECCRegistrationTask.InterpolationMode.ofOpenCv(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interpolation_mode");
        assertThatThrownBy(() -> ECCRegistrationTask.BorderMode.ofOpenCv(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("border_mode");
    }
}
