package org.eolearn.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builders of the mask tasks: with only the required parameters they equal the registry's task built from JSON
 * with only the required parameters (eo-learn's defaults agree), a non-default setting has its effect, and a bad
 * argument is refused naming the parameter. CloudMaskTask runs with {@link CloudMaskTaskTest#MODEL}, a tiny model
 * (the official one is not available to tests).
 */
class MaskBuildersTest {

    private static final Feature BANDS = Feature.of(FeatureType.DATA, "BANDS");
    private static final Feature X = Feature.of(FeatureType.DATA, "X");
    private static final Feature A = Feature.of(FeatureType.MASK, "A");
    private static final Feature B = Feature.of(FeatureType.MASK, "B");
    private static final Feature OUT = Feature.of(FeatureType.MASK, "OUT");
    private static final Feature L1C = Feature.of(FeatureType.DATA, "BANDS-S2-L1C");
    private static final Feature CLM = Feature.of(FeatureType.MASK, "CLM");
    private static final Feature IS_DATA = Feature.of(FeatureType.MASK, "IS_DATA");

    @TempDir
    Path dir;

    private static EOTask fromJson(String name, String json) throws IOException {
        return TaskRegistry.standard().create(name, JsonMapper.builder().build().readTree(json.replace('\'', '"')));
    }

    /**
     * 2 frames of 3 x 4 pixels: random float32 data X (with NaN), masks A and B (bool) and M (0, 1, 2), a timeless
     * mask, the masks dataMask and CLM of eo-learn's notebook, and snow bands: NDSI 1/3 and bright in column 0, dark
     * in column 1, NDVI near 0.1 in column 2, zero (undefined indices) in column 3.
     */
    private static EOPatch patch() {
        EOPatch p = new EOPatch(PatchGenerator.BBOX, List.of(LocalDateTime.parse("2020-01-01T10:00"),
                LocalDateTime.parse("2020-01-06T10:00")));
        p.put(X, PatchGenerator.randomArray(DType.FLOAT32, 3, 2, 3, 4, 1));
        p.put(A, PatchGenerator.randomArray(DType.BOOL, 4, 2, 3, 4, 1));
        p.put(B, PatchGenerator.randomArray(DType.BOOL, 5, 2, 3, 4, 1));
        double[] m = new double[24];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 3;
        }
        p.put(Feature.of(FeatureType.MASK, "M"), NdArrays.fromDoubles(DType.UINT8, new long[] {2, 3, 4, 1}, m));
        p.put(Feature.of(FeatureType.MASK_TIMELESS, "MT"), PatchGenerator.randomArray(DType.UINT8, 6, 3, 4, 1));
        p.put(Feature.of(FeatureType.MASK, "dataMask"), PatchGenerator.randomArray(DType.UINT8, 7, 2, 3, 4, 1));
        p.put(CLM, PatchGenerator.randomArray(DType.BOOL, 8, 2, 3, 4, 1));
        double[] bands = new double[24 * 4];
        for (int i = 0; i < 24; i++) {
            double[] px;
            switch (i % 4) {
                case 0: px = new double[] {0.5, 0.1, 0.5, 0.25}; break; // B03, B04, B08, B11: NDSI 1/3
                case 1: px = new double[] {0.2, 0.1, 0.5, 0.0}; break; // NDSI 1 but B03 < 0.3
                case 2: px = new double[] {0.6, 0.45, 0.55, 0.6}; break; // NDVI 0.1
                default: px = new double[] {0.0, 0.0, 0.0, 0.0}; break; // undefined indices
            }
            System.arraycopy(px, 0, bands, 4 * i, 4);
        }
        p.put(BANDS, NdArrays.fromDoubles(DType.FLOAT32, new long[] {2, 3, 4, 4}, bands));
        return p;
    }

    /** The two tasks give equal patches on copies of the same patch, and describe themselves alike. */
    private static void assertSame(EOPatch input, PatchTask built, EOTask fromJson) {
        EOPatch a = built.execute(input.deepCopy());
        EOPatch b = (EOPatch) fromJson.execute(List.of(input.deepCopy()), Map.of());
        assertThat(a).isEqualTo(b);
        assertThat(built.describe().toString()).isEqualTo(fromJson.describe().toString());
    }

    private static double[] values(EOPatch p, FeatureType type, String name) {
        return NdArrays.toDoubles(p.getArray(type, name));
    }

    // ------------------------------------------------------------------ CloudMaskTask

    /** 2 frames of 12 x 12 pixels of 13 bands: B02 high (cloud for the test model) in columns below 6 + frame. */
    private static EOPatch cloudPatch() {
        int t = 2;
        int h = 12;
        int w = 12;
        double[] bands = new double[t * h * w * 13];
        double[] valid = new double[t * h * w];
        for (int f = 0; f < t; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int px = (f * h + y) * w + x;
                    bands[px * 13 + 1] = x < 6 + f ? 0.5 : 0.1;
                    valid[px] = y == 0 ? 0 : 1;
                }
            }
        }
        EOPatch patch = new EOPatch(new BBox(0, 0, 120, 120, CRS.utm(33, true)),
                List.of(LocalDateTime.parse("2020-01-01T10:00"), LocalDateTime.parse("2020-01-06T10:00")));
        patch.put(L1C, NdArrays.fromDoubles(DType.FLOAT32, new long[] {t, h, w, 13}, bands));
        patch.put(IS_DATA, NdArrays.fromDoubles(DType.UINT8, new long[] {t, h, w, 1}, valid));
        return patch;
    }

    @Test
    void cloudMaskDefaultsAgreeWithTheRegistry() throws IOException {
        Path model = Files.writeString(dir.resolve("model.txt"), CloudMaskTaskTest.MODEL);
        // model_path is this project's parameter; without it the official model would be needed
        EOTask json = fromJson("CloudMaskTask", "{'data_feature': ['data', 'BANDS-S2-L1C'], "
                + "'output_mask_feature': ['mask', 'CLM'], 'model_path': '" + model + "'}");
        CloudMaskTask built = CloudMaskTask.builder(L1C, CLM).model(LightGbmModel.parse(CloudMaskTaskTest.MODEL))
                .build();
        assertSame(cloudPatch(), built, json);
        assertThat(built.describe()).containsEntry("all_bands", true).containsEntry("threshold", 0.4)
                .containsEntry("average_over", 4).containsEntry("dilation_size", 2);
    }

    @Test
    void cloudMaskSettingsHaveTheirEffect() throws IOException {
        LightGbmModel model = LightGbmModel.parse(CloudMaskTaskTest.MODEL);
        Feature clp = Feature.of(FeatureType.DATA, "CLP");
        EOPatch out = CloudMaskTask.builder(L1C, CLM).model(model).validDataFeature(IS_DATA).outputProbaFeature(clp)
                .averageOver(0).dilationSize(0).build().execute(cloudPatch());
        double[] m = values(out, FeatureType.MASK, "CLM");
        double[] p = values(out, FeatureType.DATA, "CLP");
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    int i = (f * 12 + y) * 12 + x;
                    assertThat(m[i]).as("mask at %d,%d,%d", f, y, x).isEqualTo(y > 0 && x < 6 + f ? 1 : 0);
                    assertThat(p[i] == 0).isEqualTo(y == 0);
                }
            }
        }
        EOPatch defaults = CloudMaskTask.builder(L1C, CLM).model(model).build().execute(cloudPatch());
        assertThat(defaults.contains(FeatureType.DATA, "CLP")).isFalse();
        double[] clouds = values(defaults, FeatureType.MASK, "CLM");
        assertThat(clouds[0]).as("row 0, without a valid-data mask").isEqualTo(1);
        assertThat(clouds[5 * 12 + 7]).as("averaged and dilated past the edge").isEqualTo(1);
        // a threshold above every probability leaves no cloud
        EOPatch none = CloudMaskTask.builder(L1C, CLM).model(model).threshold(0.95).build().execute(cloudPatch());
        assertThat(values(none, FeatureType.MASK, "CLM")).containsOnly(0);
    }

    @Test
    void cloudMaskBadArgumentsNameTheParameter() throws IOException {
        CloudMaskTask.Builder b = CloudMaskTask.builder(L1C, CLM);
        assertThatThrownBy(() -> b.threshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> b.averageOver(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("average_over");
        assertThatThrownBy(() -> b.dilationSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dilation_size");
        assertThatThrownBy(() -> b.validDataFeature(Feature.of(FeatureType.DATA, "V")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid_data_feature");
        assertThatThrownBy(() -> b.model(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> CloudMaskTask.builder(Feature.of(FeatureType.MASK, "X"), CLM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data_feature");
        assertThatThrownBy(() -> CloudMaskTask.builder(L1C, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("output_mask_feature");
    }

    // ------------------------------------------------------------------ MaskFeatureTask

    @Test
    void maskFeatureDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("MaskFeatureTask", "{'feature': ['data', 'X'], 'mask_feature': ['mask', 'M'], "
                + "'mask_values': [1]}");
        Feature m = Feature.of(FeatureType.MASK, "M");
        assertSame(patch(), MaskFeatureTask.builder(X, m, List.of(1)).build(), json);
        assertSame(patch(), new MaskFeatureTask(X, m, List.of(1)), json);
    }

    @Test
    void maskFeatureSettingsHaveTheirEffect() {
        EOPatch p = MaskFeatureTask.builder(Feature.of(FeatureType.DATA, "X", "Y"), Feature.of(FeatureType.MASK,
                "M"), List.of(1, 2)).noDataValue(-5).build().execute(patch());
        double[] x = values(p, FeatureType.DATA, "X");
        double[] y = values(p, FeatureType.DATA, "Y");
        for (int i = 0; i < y.length; i++) {
            if (i % 3 == 0) {
                assertThat(Double.compare(y[i], x[i])).as("unmasked %d", i).isZero();
            } else {
                assertThat(y[i]).as("masked %d", i).isEqualTo(-5);
            }
        }
    }

    @Test
    void maskFeatureBadArgumentsNameTheParameter() {
        Feature m = Feature.of(FeatureType.MASK, "M");
        assertThatThrownBy(() -> MaskFeatureTask.builder(Feature.of(FeatureType.SCALAR, "S"), m, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature");
        assertThatThrownBy(() -> MaskFeatureTask.builder(X, m, List.of("cloud")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask_values");
        assertThatThrownBy(() -> MaskFeatureTask.builder(X, null, List.of(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mask_feature");
    }

    // ------------------------------------------------------------------ JoinMasksTask

    @Test
    void joinMasksDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("JoinMasksTask", "{'input_features': [['mask', 'A'], ['mask', 'B']], "
                + "'output_feature': ['mask', 'OUT']}");
        assertSame(patch(), JoinMasksTask.builder(List.of(A, B), OUT).build(), json);
        assertSame(patch(), new JoinMasksTask(List.of(A, B), OUT), json);
    }

    @Test
    void joinMasksSettingsHaveTheirEffect() {
        EOPatch p = patch();
        double[] a = values(p, FeatureType.MASK, "A");
        double[] b = values(p, FeatureType.MASK, "B");
        double[] or = values(JoinMasksTask.builder(List.of(A, B), OUT).joinOperation(JoinMasksTask.Operation.OR)
                .build().execute(patch()), FeatureType.MASK, "OUT");
        double[] xor = values(JoinMasksTask.builder(List.of(A, B), OUT).joinOperation("xor").build()
                .execute(patch()), FeatureType.MASK, "OUT");
        for (int i = 0; i < a.length; i++) {
            assertThat(or[i]).isEqualTo(a[i] != 0 || b[i] != 0 ? 1 : 0);
            assertThat(xor[i]).isEqualTo(a[i] != 0 ^ b[i] != 0 ? 1 : 0);
        }
        EOPatch second = JoinMasksTask.builder(List.of(A, B), OUT).joinOperation((x, y) -> y, "lambda x, y: y")
                .build().execute(patch());
        assertThat(values(second, FeatureType.MASK, "OUT")).containsExactly(b);
    }

    @Test
    void joinMasksBadArgumentsNameTheParameter() {
        JoinMasksTask.Builder b = JoinMasksTask.builder(List.of(A, B), OUT);
        assertThatThrownBy(() -> b.joinOperation("nand")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("join_operation");
        assertThatThrownBy(() -> b.joinOperation((JoinMasksTask.Operation) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("join_operation");
        assertThatThrownBy(() -> JoinMasksTask.builder(List.of(), OUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input_features");
        assertThatThrownBy(() -> JoinMasksTask.builder(List.of(A), Feature.of(FeatureType.VECTOR, "V")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output_feature");
    }

    // ------------------------------------------------------------------ SnowMaskTask

    @Test
    void snowMaskDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("SnowMaskTask", "{'data_feature': ['data', 'BANDS'], 'band_indices': [0, 1, 2, 3]}");
        int[] bands = {0, 1, 2, 3};
        assertSame(patch(), SnowMaskTask.builder(BANDS, bands).build(), json);
        assertSame(patch(), new SnowMaskTask(BANDS, bands), json);
        // eo-learn's defaults: NDSI 1/3 is below 0.4, B03 0.2 is too dark, NDVI 0.1 is snow, undefined is not
        assertThat(values(SnowMaskTask.builder(BANDS, bands).build().execute(patch()), FeatureType.MASK,
                "SNOW_MASK")).startsWith(0, 0, 1, 0);
    }

    @Test
    void snowMaskSettingsHaveTheirEffect() {
        EOPatch p = SnowMaskTask.builder(BANDS, new int[] {0, 1, 2, 3}).ndsiThreshold(0.3).undefinedValue(1)
                .maskName("SNOW").build().execute(patch());
        assertThat(p.contains(FeatureType.MASK, "SNOW_MASK")).isFalse();
        assertThat(values(p, FeatureType.MASK, "SNOW")).startsWith(1, 0, 1, 1);
        EOPatch bright = SnowMaskTask.builder(BANDS, new int[] {0, 1, 2, 3}).brightnessThreshold(0.1).build()
                .execute(patch());
        assertThat(values(bright, FeatureType.MASK, "SNOW_MASK")).startsWith(0, 1, 1, 0);
        EOPatch dilated = SnowMaskTask.builder(BANDS, new int[] {0, 1, 2, 3}).dilationSize(1).build()
                .execute(patch());
        // column 1 is dilated from column 2; column 3 stays undefined (0)
        assertThat(values(dilated, FeatureType.MASK, "SNOW_MASK")).startsWith(0, 1, 1, 0);
    }

    @Test
    void snowMaskBadArgumentsNameTheParameter() {
        SnowMaskTask.Builder b = SnowMaskTask.builder(BANDS, new int[] {0, 1, 2, 3});
        assertThatThrownBy(() -> b.ndsiThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ndsi_threshold");
        assertThatThrownBy(() -> b.brightnessThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brightness_threshold");
        assertThatThrownBy(() -> b.maskName("SNOW/MASK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask_name");
        assertThatThrownBy(() -> b.maskName(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mask_name");
        assertThatThrownBy(() -> SnowMaskTask.builder(BANDS, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band_indices");
    }

    // ------------------------------------------------------------------ AddValidDataMaskTask

    @Test
    void addValidDataMaskDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("AddValidDataMaskTask", "{}");
        assertSame(patch(), AddValidDataMaskTask.builder().build(), json);
        assertSame(patch(), AddValidDataMaskTask.dataAndNotCloud(), json);
        EOPatch p = AddValidDataMaskTask.builder().build().execute(patch());
        assertThat(p.getArray(FeatureType.MASK, "VALID_DATA").shape()).containsExactly(2, 3, 4, 1);
    }

    @Test
    void addValidDataMaskSettingsHaveTheirEffect() {
        Feature valid = Feature.of(FeatureType.MASK, "IS_VALID");
        EOPatch p = AddValidDataMaskTask.builder().dataMaskFeature(A).cloudMaskFeature(B).validDataFeature(valid)
                .build().execute(patch());
        assertThat(p.contains(FeatureType.MASK, "VALID_DATA")).isFalse();
        double[] a = values(p, FeatureType.MASK, "A");
        double[] b = values(p, FeatureType.MASK, "B");
        double[] v = values(p, FeatureType.MASK, "IS_VALID");
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).isEqualTo(a[i] != 0 && b[i] == 0 ? 1 : 0);
        }
        EOPatch own = AddValidDataMaskTask.builder(patch -> patch.getArray(FeatureType.MASK, "A"), "A").build()
                .execute(patch());
        assertThat(values(own, FeatureType.MASK, "VALID_DATA")).containsExactly(a);
        assertThat(new AddValidDataMaskTask(patch -> patch.getArray(FeatureType.MASK, "A"), "A").execute(patch()))
                .isEqualTo(own);
    }

    @Test
    void addValidDataMaskBadArgumentsNameTheParameter() {
        assertThatThrownBy(() -> AddValidDataMaskTask.builder().validDataFeature(Feature.of(FeatureType.VECTOR, "V")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid_data_feature");
        assertThatThrownBy(() -> AddValidDataMaskTask.builder().dataMaskFeature(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("data_mask_feature");
        assertThatThrownBy(() -> AddValidDataMaskTask.builder(p -> null, "none").cloudMaskFeature(CLM))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cloud_mask_feature");
        assertThatThrownBy(() -> AddValidDataMaskTask.builder(null, "none"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("predicate");
    }
}
