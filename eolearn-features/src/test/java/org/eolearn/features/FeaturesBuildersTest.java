package org.eolearn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;

/**
 * The builders of the features tasks: with only the required parameters they equal the registry's task built from
 * JSON with only the required parameters (eo-learn's defaults agree), a non-default setting has its effect, and a
 * bad argument is refused naming the parameter.
 */
class FeaturesBuildersTest {

    private static final Feature BANDS = Feature.of(FeatureType.DATA, "BANDS");
    private static final Feature MASK = Feature.of(FeatureType.MASK, "M");
    private static final Feature NDWI = Feature.of(FeatureType.DATA, "NDWI");
    private static final Feature NOMINAL = Feature.of(FeatureType.MASK_TIMELESS, "NOMINAL");
    private static final Feature WATER = Feature.of(FeatureType.MASK, "WATER");
    private static final Feature LEVEL = Feature.of(FeatureType.SCALAR, "LEVEL");
    private static final Feature NDI = Feature.of(FeatureType.DATA, "NDI");
    private static final Feature FRAMES = Feature.of(FeatureType.DATA, "F");
    private static final LocalDateTime START = LocalDateTime.parse("2020-01-02T00:00");
    private static final LocalDateTime END = LocalDateTime.parse("2020-01-03T10:00");

    private static EOTask fromJson(String name, String json) throws IOException {
        return TaskRegistry.standard().create(name, JsonMapper.builder().build().readTree(json.replace('\'', '"')));
    }

    /** 4 frames of 3 x 4 pixels: random float32 bands (with NaN and -inf), frames of constant value f, a mask. */
    private static EOPatch patch() {
        List<LocalDateTime> ts = List.of(LocalDateTime.parse("2020-01-01T10:00"),
                LocalDateTime.parse("2020-01-02T10:00"), LocalDateTime.parse("2020-01-03T10:00"),
                LocalDateTime.parse("2020-01-04T10:00"));
        EOPatch p = new EOPatch(PatchGenerator.BBOX, ts);
        p.put(BANDS, PatchGenerator.randomArray(DType.FLOAT32, 7, 4, 3, 4, 3));
        double[] frames = new double[4 * 3 * 4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i / 12; // the frame index
        }
        p.put(FRAMES, NdArrays.fromDoubles(DType.FLOAT64, new long[] {4, 3, 4, 1}, frames));
        p.put(MASK, PatchGenerator.randomArray(DType.UINT8, 8, 4, 3, 4, 1));
        p.put(Feature.of(FeatureType.MASK_TIMELESS, "MT"), PatchGenerator.randomArray(DType.UINT8, 9, 3, 4, 1));
        return p;
    }

    /** The two tasks give equal patches on copies of the same patch, and describe themselves alike. */
    private static void assertSame(PatchTask built, EOTask fromJson, boolean describe) {
        EOPatch input = patch();
        EOPatch a = built.execute(input.deepCopy());
        EOPatch b = (EOPatch) fromJson.execute(List.of(input.deepCopy()), Map.of());
        assertThat(a).isEqualTo(b);
        if (describe) {
            assertThat(built.describe().toString()).isEqualTo(fromJson.describe().toString());
        }
    }

    @Test
    void ndiDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("NormalizedDifferenceIndexTask",
                "{'input_feature': ['data', 'BANDS'], 'output_feature': ['data', 'NDI'], 'bands': [0, 2]}");
        assertSame(NormalizedDifferenceIndexTask.builder(BANDS, NDI, 0, 2).build(), json, true);
        assertSame(new NormalizedDifferenceIndexTask(BANDS, NDI, 0, 2), json, true);
    }

    @Test
    void ndiSettingsHaveTheirEffect() {
        EOPatch p = NormalizedDifferenceIndexTask.builder(BANDS, NDI, 0, 2).undefinedValue(-7).acorviConstant(1)
                .build().execute(patch());
        double[] bands = NdArrays.toDoubles(p.getArray(FeatureType.DATA, "BANDS"));
        double[] v = NdArrays.toDoubles(p.getArray(FeatureType.DATA, "NDI"));
        assertThat(v[0]).as("NaN input gives the undefined value").isEqualTo(-7);
        float a = (float) bands[3];
        float b = (float) bands[5];
        assertThat(v[1]).isEqualTo((a - b + 1f) / (a + b + 1f));
    }

    @Test
    void ndiBadArgumentsNameTheParameter() {
        assertThatThrownBy(() -> NormalizedDifferenceIndexTask.builder(BANDS, NDI, 0, 1)
                .acorviConstant(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acorvi_constant");
        assertThatThrownBy(() -> NormalizedDifferenceIndexTask.builder(null, NDI, 0, 1))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("input_feature");
        assertThatThrownBy(() -> NormalizedDifferenceIndexTask.builder(BANDS, NDI, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bands");
    }

    @Test
    void spatialResizeDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("SpatialResizeTask",
                "{'resize_type': 'new_size', 'height_param': 5, 'width_param': 7}");
        assertSame(SpatialResizeTask.builder(SpatialResizeTask.ResizeType.NEW_SIZE, 5, 7).build(), json, true);
        assertSame(new SpatialResizeTask(SpatialResizeTask.ResizeType.NEW_SIZE, 5, 7), json, true);
    }

    @Test
    void spatialResizeSettingsHaveTheirEffect() {
        EOPatch p = SpatialResizeTask.builder(SpatialResizeTask.ResizeType.SCALE_FACTORS, 2, 2)
                .features(FeatureSpec.of(FeatureType.DATA)).resizeMethod(Resize.Method.NEAREST)
                .resizeLibrary("cv2").build().execute(patch());
        assertThat(p.getArray(FeatureType.DATA, "F").shape()).containsExactly(4, 6, 8, 1);
        assertThat(p.getArray(FeatureType.MASK, "M").shape()).as("not among the features").containsExactly(
                4, 3, 4, 1);
        // nearest neighbours of constant frames: the values stay the frame indices
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.DATA, "F"))).containsOnly(0, 1, 2, 3);
        EOPatch linear = new SpatialResizeTask(SpatialResizeTask.ResizeType.SCALE_FACTORS, 2, 2).execute(patch());
        assertThat(linear.getArray(FeatureType.MASK, "M").shape()).containsExactly(4, 6, 8, 1);
    }

    @Test
    void spatialResizeBadArgumentsNameTheParameter() {
        SpatialResizeTask.Builder b = SpatialResizeTask.builder(SpatialResizeTask.ResizeType.NEW_SIZE, 5, 7);
        assertThatThrownBy(() -> b.resizeLibrary("PIL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resize_library");
        assertThatThrownBy(() -> b.resizeMethod(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("resize_method");
        assertThatThrownBy(() -> b.features(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("features");
        assertThatThrownBy(() -> SpatialResizeTask.builder(SpatialResizeTask.ResizeType.NEW_SIZE, 2.5, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height_param");
        assertThatThrownBy(() -> SpatialResizeTask.builder(null, 2, 7))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("resize_type");
    }

    @Test
    void simpleFilterDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("SimpleFilterTask", "{'feature': ['data', 'F'], "
                + "'filter_func': {'callable': 'lambda frame: np.mean(frame) < 1.5'}}");
        assertSame(SimpleFilterTask.builder(FRAMES, f -> f.meanNumber().doubleValue() < 1.5).build(), json,
                false);
        assertSame(new SimpleFilterTask(FRAMES, f -> f.meanNumber().doubleValue() < 1.5), json, false);
        EOPatch kept = (EOPatch) json.execute(List.of(patch()), Map.of());
        assertThat(kept.timestamps()).hasSize(2);
        assertThat(kept.contains(FeatureType.MASK, "M")).isTrue();
    }

    @Test
    void simpleFilterSettingsHaveTheirEffect() {
        EOPatch p = SimpleFilterTask.builder(FRAMES, f -> f.meanNumber().doubleValue() > 0.5)
                .filterFeatures(FeatureSpec.of(FeatureType.MASK)).build().execute(patch());
        assertThat(p.timestamps()).hasSize(3);
        assertThat(p.getArray(FeatureType.MASK, "M").shape()).containsExactly(3, 3, 4, 1);
        assertThat(p.contains(FeatureType.DATA, "F")).as("not among filter_features").isFalse();
        EOPatch byDate = SimpleFilterTask.builder((LocalDateTime t) -> t.getDayOfMonth() == 2).build()
                .execute(patch());
        assertThat(byDate.timestamps()).containsExactly(LocalDateTime.parse("2020-01-02T10:00"));
        assertThat(byDate.contains(FeatureType.DATA, "F")).isTrue();
        assertThat(new SimpleFilterTask((LocalDateTime t) -> t.getDayOfMonth() == 2).execute(patch()))
                .isEqualTo(byDate);
    }

    @Test
    void simpleFilterBadArgumentsNameTheParameter() {
        assertThatThrownBy(() -> SimpleFilterTask.builder(Feature.of(FeatureType.DATA_TIMELESS, "F"), f -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature");
        assertThatThrownBy(() -> SimpleFilterTask.builder(FRAMES, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("filter_func");
        assertThatThrownBy(() -> SimpleFilterTask.builder(FRAMES, f -> true).filterFeatures(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("filter_features");
    }

    @Test
    void filterTimeSeriesDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("FilterTimeSeriesTask",
                "{'start_date': '2020-01-02', 'end_date': '2020-01-03T10:00:00'}");
        assertSame(FilterTimeSeriesTask.builder(START, END).build(), json, false);
        assertSame(new FilterTimeSeriesTask(START, END), json, false);
        EOPatch kept = (EOPatch) json.execute(List.of(patch()), Map.of());
        assertThat(kept.timestamps()).containsExactly(LocalDateTime.parse("2020-01-02T10:00"), END);
    }

    @Test
    void filterTimeSeriesSettingsHaveTheirEffect() {
        EOPatch p = FilterTimeSeriesTask.builder(START, END).filterFeatures(FeatureSpec.of(BANDS)).build()
                .execute(patch());
        assertThat(p.getArray(FeatureType.DATA, "BANDS").shape()).containsExactly(2, 3, 4, 3);
        assertThat(p.contains(FeatureType.MASK, "M")).isFalse();
    }

    @Test
    void filterTimeSeriesBadArgumentsNameTheParameter() {
        assertThatThrownBy(() -> FilterTimeSeriesTask.builder(END, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end_date");
        assertThatThrownBy(() -> FilterTimeSeriesTask.builder(null, END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start_date");
        assertThatThrownBy(() -> FilterTimeSeriesTask.builder(START, END).filterFeatures(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("filter_features");
    }

    private static EOPatch waterPatch() {
        EOPatch p = new EOPatch(PatchGenerator.BBOX, List.of(LocalDateTime.parse("2020-01-01T10:00"),
                LocalDateTime.parse("2020-01-02T10:00")));
        double[] ndwi = new double[2 * 4 * 4];
        for (int i = 0; i < ndwi.length; i++) {
            ndwi[i] = (i % 4 < 2 ? 0.6 : -0.4) + 0.01 * (i % 3);
        }
        p.put(NDWI, NdArrays.fromDoubles(DType.FLOAT32, new long[] {2, 4, 4, 1}, ndwi));
        double[] nominal = new double[16];
        for (int i = 0; i < 16; i++) {
            nominal[i] = i < 12 ? 1 : 0;
        }
        p.put(NOMINAL, NdArrays.fromDoubles(DType.UINT8, new long[] {4, 4, 1}, nominal));
        return p;
    }

    @Test
    void waterDetectionDefaultsAgreeWithTheRegistry() throws IOException {
        EOTask json = fromJson("WaterDetectionTask", "{'ndwi_feature': ['data', 'NDWI'], "
                + "'nominal_water_feature': ['mask_timeless', 'NOMINAL'], 'water_mask_feature': ['mask', 'WATER'], "
                + "'water_level_feature': ['scalar', 'LEVEL']}");
        for (PatchTask built : List.of(WaterDetectionTask.builder(NDWI, NOMINAL, WATER, LEVEL).build(),
                new WaterDetectionTask(NDWI, NOMINAL, WATER, LEVEL))) {
            EOPatch a = built.execute(waterPatch());
            EOPatch b = (EOPatch) json.execute(List.of(waterPatch()), Map.of());
            assertThat(a).isEqualTo(b);
            assertThat(a.names(FeatureType.SCALAR)).containsExactly("LEVEL");
            assertThat(built.describe().toString()).isEqualTo(json.describe().toString());
        }
    }

    @Test
    void waterDetectionSettingsHaveTheirEffect() {
        Feature thr = Feature.of(FeatureType.SCALAR, "THR");
        EOPatch p = WaterDetectionTask.builder(NDWI, NOMINAL, WATER, LEVEL).thresholdFeature(thr).build()
                .execute(waterPatch());
        double[] t = NdArrays.toDoubles(p.getArray(FeatureType.SCALAR, "THR"));
        assertThat(t).hasSize(2);
        assertThat(t[0]).isBetween(-0.4, 0.6);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.SCALAR, "LEVEL"))).containsExactly(0.5, 0.5);
    }

    @Test
    void waterDetectionBadArgumentsNameTheParameter() {
        assertThatThrownBy(() -> WaterDetectionTask.builder(NDWI, NOMINAL, WATER, LEVEL)
                .thresholdFeature(Feature.of(FeatureType.DATA, "THR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold_feature");
        assertThatThrownBy(() -> WaterDetectionTask.builder(NDWI, NOMINAL, WATER, LEVEL).thresholdFeature(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("threshold_feature");
        assertThatThrownBy(() -> WaterDetectionTask.builder(null, NOMINAL, WATER, LEVEL))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ndwi_feature");
    }
}
