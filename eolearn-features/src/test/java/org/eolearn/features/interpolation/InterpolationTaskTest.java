package org.eolearn.features.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.SharedData;
import org.eolearn.core.testing.Stats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * eo-learn's own interpolation tests ({@code tests/features/extra/test_interpolation.py}) on the 20 x 20 corner of
 * the TestEOPatch: the tasks are configured through the registry with eo-learn's parameters and the statistics are
 * eo-learn's literals (abs 1e-5).
 */
class InterpolationTaskTest {

    private static EOPatch full;

    @BeforeAll
    static void load() throws IOException {
        full = EOPatch.load(SharedData.testEOPatch());
    }

    /** eo-learn's test_patch fixture: NDVI, IS_VALID, LULC, RANDOM_UINT8 cut to [..., :20, :20, :]. */
    private static EOPatch testPatch() {
        EOPatch p = new EOPatch(full.bbox(), full.timestamps());
        for (Feature f : List.of(Feature.of(FeatureType.DATA, "NDVI"), Feature.of(FeatureType.MASK, "IS_VALID"))) {
            p.put(f, full.getArray(f.type(), f.name()).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 20),
                    NDArrayIndex.interval(0, 20), NDArrayIndex.all()).dup('c'));
        }
        for (Feature f : List.of(Feature.of(FeatureType.MASK_TIMELESS, "LULC"),
                Feature.of(FeatureType.MASK_TIMELESS, "RANDOM_UINT8"))) {
            p.put(f, full.getArray(f.type(), f.name()).get(NDArrayIndex.interval(0, 20), NDArrayIndex.interval(0, 20),
                    NDArrayIndex.all()).dup('c'));
        }
        p.put(FeatureType.LABEL, "RANDOM_DIGIT", full.getArray(FeatureType.LABEL, "RANDOM_DIGIT"));
        return p;
    }

    private static JsonNode json(String s) throws IOException {
        return JsonMapper.builder().build().readTree(s.replace('\'', '"'));
    }

    private static INDArray run(String task, String params, Double nanReplace) throws IOException {
        EOTask t = TaskRegistry.standard().create(task, json(params));
        EOPatch out = (EOPatch) t.execute(List.of(testPatch()), java.util.Map.of());
        INDArray ndvi = out.getArray(FeatureType.DATA, "NDVI");
        if (nanReplace != null) {
            double[] v = NdArrays.toDoubles(ndvi);
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.isNaN(v[i]) ? nanReplace : v[i];
            }
            ndvi = NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, ndvi.shape(), v);
        }
        return ndvi;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "linear|LinearInterpolationTask|{'feature': ['data', 'NDVI'], 'result_interval': [0.0, 1.0], "
            + "'mask_feature': ['mask', 'IS_VALID'], 'unknown_value': 10}|none|68|0.0|0.82836|0.51187|0.57889",
        "linear-p|LinearInterpolationTask|{'feature': ['data', 'NDVI'], 'result_interval': [0.0, 1.0], "
            + "'mask_feature': ['mask', 'IS_VALID'], 'unknown_value': 10, 'interpolate_pixel_wise': true}"
            + "|none|68|0.0|0.82836|0.51187|0.57889",
        "linear_change_timescale|LinearInterpolationTask|{'feature': ['data', 'NDVI'], 'result_interval': [0.0, 1.0],"
            + " 'mask_feature': ['mask', 'IS_VALID'], 'unknown_value': 10, 'scale_time': 1}"
            + "|none|68|0.0|0.82836|0.51187|0.57889",
        "cubic|InterpolationTask|{'feature': ['data', 'NDVI'], 'interpolation_object': 'scipy.interpolate.interp1d',"
            + " 'kind': 'cubic', 'result_interval': [0.0, 1.0], 'mask_feature': ['mask', 'IS_VALID'], "
            + "'resample_range': ['2015-01-01', '2018-01-01', 16], 'unknown_value': 5, 'bounds_error': false}"
            + "|none|69|0.0|5.0|1.3532|0.638732",
        "spline|InterpolationTask|{'feature': ['data', 'NDVI'], 'interpolation_object': "
            + "'scipy.interpolate.UnivariateSpline', 'result_interval': [-0.3, 1.0], 'mask_feature': ['mask', "
            + "'IS_VALID'], 'resample_range': ['2016-01-01', '2018-01-01', 5], 'k': 3, 's': 0, 'unknown_value': 0}"
            + "|none|147|-0.1781458|1.0|0.49738|0.556853",
        "akima|InterpolationTask|{'feature': ['data', 'NDVI'], 'interpolation_object': "
            + "'scipy.interpolate.Akima1DInterpolator', 'unknown_value': 0, 'mask_feature': ['mask', 'IS_VALID']}"
            + "|none|68|-0.091035|0.8283603|0.51427454|0.59095883",
        "nearest resample|ResamplingTask|{'feature': ['data', 'NDVI'], 'interpolation_object': "
            + "'scipy.interpolate.interp1d', 'kind': 'nearest', 'result_interval': [0.0, 1.0], "
            + "'resample_range': ['2016-01-01', '2018-01-01', 5]}|-0.2|147|-0.2|0.8283603|0.32318678|0.2794411",
        "linear resample|ResamplingTask|{'feature': ['data', 'NDVI'], 'interpolation_object': "
            + "'scipy.interpolate.interp1d', 'kind': 'linear', 'result_interval': [0.0, 1.0], "
            + "'resample_range': ['2016-01-01', '2018-01-01', 5]}|-0.2|147|-0.2|0.82643485|0.32218185|0.29093677",
        "cubic resample|ResamplingTask|{'feature': ['data', 'NDVI'], 'interpolation_object': "
            + "'scipy.interpolate.interp1d', 'kind': 'cubic', 'result_interval': [-0.2, 1.0], "
            + "'resample_range': ['2015-01-01', '2018-01-01', 16], 'unknown_value': 5}"
            + "|-0.2|69|-0.2|5.0|1.209852|0.40995836",
        "linear custom list|LinearInterpolationTask|{'feature': ['data', 'NDVI'], 'result_interval': [-0.2, 1.0], "
            + "'unknown_value': -2, 'parallel': true, 'resample_range': ['2015-09-01', '2016-01-01', '2016-07-01', "
            + "'2017-01-01', '2017-07-01']}|none|5|-0.0252167|0.816656|0.49966|0.533415"})
    void eoLearnStatistics(String name, String task, String params, Double nanReplace, int frames, double min,
                           double max, double mean, double median) throws IOException {
        INDArray ndvi = run(task, params, nanReplace);
        assertThat(ndvi.shape()).containsExactly(frames, 20, 20, 1);
        Stats s = Stats.of(ndvi);
        assertThat(s.min()).as("min").isCloseTo(min, within(1e-5));
        assertThat(s.max()).as("max").isCloseTo(max, within(1e-5));
        assertThat(s.mean()).as("mean").isCloseTo(mean, within(1e-5));
        assertThat(s.median()).as("median").isCloseTo(median, within(1e-5));
    }

    @Test
    void copiedFeaturesAndNameClashes() throws IOException {
        String base = "{'feature': ['data', 'NDVI'], 'interpolation_object': 'scipy.interpolate.interp1d', 'kind': "
                + "'cubic', 'result_interval': [0.0, 1.0], 'mask_feature': ['mask', 'IS_VALID'], 'resample_range': "
                + "['2015-01-01', '2018-01-01', 16], 'unknown_value': 5, 'bounds_error': false, 'copy_features': ";
        EOTask ok = TaskRegistry.standard().create("InterpolationTask", json(base + "[['mask', 'IS_VALID'], "
                + "['data', 'NDVI', 'NDVI_OLD'], ['mask_timeless', 'LULC']]}"));
        EOPatch out = (EOPatch) ok.execute(List.of(testPatch()), java.util.Map.of());
        assertThat(out.contains(FeatureType.MASK, "IS_VALID")).isTrue();
        assertThat(out.contains(FeatureType.DATA, "NDVI_OLD")).isTrue();
        assertThat(out.contains(FeatureType.MASK_TIMELESS, "LULC")).isTrue();
        assertThat(out.contains(FeatureType.MASK_TIMELESS, "RANDOM_UINT8")).isFalse();
        assertThat(out.timestamps()).hasSize(69).startsWith(LocalDateTime.of(2015, 1, 1, 0, 0));
        EOTask clash = TaskRegistry.standard().create("InterpolationTask", json(base + "[['data', 'NDVI']]}"));
        assertThatThrownBy(() -> clash.execute(List.of(testPatch()), java.util.Map.of()))
                .hasMessageContaining("NDVI").hasMessageContaining("already exists");
    }

    @Test
    void multipleMasksOfEveryKind() throws IOException {
        // IS_VALID (mask), RANDOM_UINT8 (mask_timeless: 0 masks a pixel everywhere), RANDOM_DIGIT (label: 0 masks a
        // frame): every masked value is missing before interpolation, so more of the result is unknown
        INDArray one = run("LinearInterpolationTask", "{'feature': ['data', 'NDVI'], 'unknown_value': 10, "
                + "'mask_feature': ['mask', 'IS_VALID']}", null);
        INDArray all = run("LinearInterpolationTask", "{'feature': ['data', 'NDVI'], 'unknown_value': 10, "
                + "'mask_feature': [['mask', 'IS_VALID'], ['mask_timeless', 'RANDOM_UINT8'], ['label', "
                + "'RANDOM_DIGIT']]}", null);
        long unknownOne = java.util.Arrays.stream(NdArrays.toDoubles(one)).filter(v -> v == 10).count();
        long unknownAll = java.util.Arrays.stream(NdArrays.toDoubles(all)).filter(v -> v == 10).count();
        // RANDOM_UINT8 has 13 bands, the data 1: as in eo-learn its band 0 is used, and pixels where it is 0 are
        // unknown in all 68 frames
        double[] random = NdArrays.toDoubles(testPatch().getArray(FeatureType.MASK_TIMELESS, "RANDOM_UINT8"));
        long zeroPixels = 0;
        for (int px = 0; px < 400; px++) {
            zeroPixels += random[px * 13] == 0 ? 1 : 0;
        }
        assertThat(zeroPixels).isPositive();
        assertThat(unknownAll).isGreaterThan(unknownOne).isGreaterThanOrEqualTo(zeroPixels * 68);
        double[] a = NdArrays.toDoubles(all);
        for (int px = 0; px < 400; px++) {
            if (random[px * 13] == 0) {
                for (int t = 0; t < 68; t++) {
                    assertThat(a[t * 400 + px]).isEqualTo(10);
                }
            }
        }
    }

    @Test
    void badInputIsNamed() throws IOException {
        EOPatch p = testPatch();
        p.put(FeatureType.MASK, "SMALL", NdArrays.zeros(org.eolearn.core.DType.UINT8, 68, 10, 10, 1));
        InterpolationTask wrongMask = InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI"))
                .maskFeature(FeatureSpec.of(Feature.of(FeatureType.MASK, "SMALL"))).build();
        assertThatThrownBy(() -> wrongMask.execute(p)).hasMessageContaining("mask_feature")
                .hasMessageContaining("SMALL");
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI"))
                .resampling(Interpolator.Kind.LINEAR).build()).hasMessageContaining("resample_range");
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA_TIMELESS, "DEM")))
                .hasMessageContaining("DATA or MASK");
        assertThatThrownBy(() -> TaskRegistry.standard().create("InterpolationTask", json("{'feature': ['data', "
                + "'NDVI'], 'interpolation_object': 'scipy.interpolate.interp1d', 'kind': 'quadratic'}")))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> TaskRegistry.standard().create("InterpolationTask", json("{'feature': ['data', "
                + "'NDVI'], 'interpolation_object': 'scipy.interpolate.UnivariateSpline', 'k': 3}")))
                .hasMessageContaining("'s'");
        assertThatThrownBy(() -> TaskRegistry.standard().create("LinearInterpolationTask", json("{'feature': "
                + "['data', 'NDVI'], 'resample_range': ['2015-01-01', '2016-01-01', 0]}")))
                .hasMessageContaining("resample_range");
        EOPatch one = new EOPatch(p.bbox(), p.timestamps().subList(0, 1));
        one.put(FeatureType.DATA, "NDVI", NdArrays.zeros(org.eolearn.core.DType.FLOAT32, 1, 2, 2, 1));
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI")).build().execute(one))
                .hasMessageContaining("at least size 2");
        EOPatch withNan = testPatch();
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "NDVI"))
                .resampling(Interpolator.Kind.LINEAR).resampleRange(ResampleRange.of("2016-01-01", "2017-01-01", 5))
                .maskFeature(FeatureSpec.of(Feature.of(FeatureType.MASK, "IS_VALID"))).build().execute(withNan))
                .hasMessageContaining("mask");
    }

    /** Behaviour pinned by the differential test against eo-learn (InterpolationDifferentialTest). */
    @Test
    void followsEoLearnOnEdgeCases() {
        // a range whose end is not after its start is its start, whatever the step (but a negative one)
        assertThat(ResampleRange.of("2016-01-01", "2015-01-01", 5).dates()).hasSize(1);
        assertThat(ResampleRange.of("2016-01-01", "2016-01-01", 0).dates()).hasSize(1);
        assertThatThrownBy(() -> ResampleRange.of("2016-01-01", "2015-01-01", -1)).hasMessageContaining("step");
        EOPatch p = new EOPatch(full.bbox(), THREE_DAYS);
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, new long[] {3, 1, 1, 1},
                new double[] {Double.POSITIVE_INFINITY, 1, 2}));
        p.put(FeatureType.DATA, "B", NdArrays.fromDoubles(org.eolearn.core.DType.BOOL, new long[] {3, 1, 1, 1},
                new double[] {0, 0, 0}));
        p.put(FeatureType.DATA, "I", NdArrays.fromDoubles(org.eolearn.core.DType.INT16, new long[] {3, 1, 1, 1},
                new double[] {0, 1, 2}));
        p.put(FeatureType.MASK, "M", NdArrays.fromDoubles(org.eolearn.core.DType.UINT8, new long[] {3, 1, 1, 1},
                new double[] {1, 0, 1}));
        // numpy.clip with min > max gives max
        EOPatch clipped = InterpolationTask.builder(Feature.of(FeatureType.DATA, "X", "C")).resultInterval(0, -1)
                .build().execute(p.copy());
        assertThat(NdArrays.toDoubles(clipped.getArray(FeatureType.DATA, "C"))).containsExactly(-1, -1, -1);
        // numpy.interp from an infinite sample: inf, not NaN
        EOPatch inf = InterpolationTask.builder(Feature.of(FeatureType.DATA, "X", "C"))
                .resampleRange(new ResampleRange(List.of(LocalDateTime.of(2020, 1, 1, 12, 0)))).build()
                .execute(p.copy());
        assertThat(NdArrays.toDoubles(inf.getArray(FeatureType.DATA, "C"))[0]).isEqualTo(Double.POSITIVE_INFINITY);
        // masked bool data is true (eo-learn writes NaN into the bool array); integer data cannot be masked
        EOPatch bool = InterpolationTask.builder(Feature.of(FeatureType.DATA, "B", "C"))
                .maskFeature(FeatureSpec.of(Feature.of(FeatureType.MASK, "M"))).build().execute(p.copy());
        assertThat(NdArrays.toDoubles(bool.getArray(FeatureType.DATA, "C"))).containsExactly(0, 1, 0);
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "I"))
                .maskFeature(FeatureSpec.of(Feature.of(FeatureType.MASK, "M"))).build().execute(p.copy()))
                .hasMessageContaining("int16");
        // filling_factor <= 1 only matters (and is refused) in the generic mode (D45)
        InterpolationTask.builder(Feature.of(FeatureType.DATA, "X")).fillingFactor(1).build();
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "X"))
                .generic(Interpolator.Kind.LINEAR).fillingFactor(1).build()).hasMessageContaining("filling_factor");
        // all frames on one time at the scale (three days at a scale of a week): the spacing of eo-learn's series
        // is 0 whatever the factor, and the generic mode is refused (D45); numpy.interp's mode has one sample
        EOPatch two = new EOPatch(full.bbox(), THREE_DAYS);
        two.put(FeatureType.DATA, "X", twoSeriesFirstStartingWithNaN());
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "X", "C"))
                .generic(Interpolator.Kind.LINEAR).scaleTime(7 * 86400).build().execute(two))
                .hasMessageContaining("fall on one time");
    }

    /**
     * The pixel-wise mode (docs/differences.md D130): each series interpolated on its own valid points, NaN where it
     * has too few for the method or outside them; eo-learn 1.5.6 fails to broadcast its results there.
     */
    @Test
    void pixelWiseInterpolatesEachSeries() {
        List<LocalDateTime> ts = List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 2, 0, 0),
                LocalDateTime.of(2020, 1, 3, 0, 0), LocalDateTime.of(2020, 1, 4, 0, 0));
        EOPatch p = new EOPatch(full.bbox(), ts);
        double nan = Double.NaN;
        // (t, 1, 3, 1): pixel 0 linear in time, pixel 1 valid at days 2 and 3 only, pixel 2 valid once
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, new long[] {4, 1, 3, 1},
                new double[] {0, nan, nan, 1, 10, 5, nan, 20, nan, 3, nan, nan}));
        EOPatch out = InterpolationTask.builder(Feature.of(FeatureType.DATA, "X", "Y"))
                .generic(Interpolator.Kind.LINEAR).interpolatePixelWise(true).fillingFactor(1).build()
                .execute(p.copy());
        double[] y = NdArrays.toDoubles(out.getArray(FeatureType.DATA, "Y"));
        assertThat(y).hasSize(12);
        // pixel 0 keeps its values, the gap at day 3 filled from days 2 and 4
        assertThat(new double[] {y[0], y[3], y[6], y[9]}).containsExactly(0, 1, 2, 3);
        // pixel 1: NaN before its first and after its last valid day
        assertThat(new double[] {y[1], y[4], y[7], y[10]}).containsExactly(nan, 10, 20, nan);
        // pixel 2: one valid point is too few for linear interpolation
        assertThat(new double[] {y[2], y[5], y[8], y[11]}).containsOnly(nan);
    }

    /** Resampling and Akima as eo-learn's scipy objects take them (InterpolationDifferentialTest). */
    @Test
    void resamplingAndAkimaRefuseWhatScipyRefuses() throws IOException {
        List<LocalDateTime> ts = List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 2, 0, 0),
                LocalDateTime.of(2020, 1, 2, 0, 0));
        EOPatch p = new EOPatch(full.bbox(), ts);
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, new long[] {3, 1, 1, 1},
                new double[] {0, 1, Double.POSITIVE_INFINITY}));
        ResampleRange range = new ResampleRange(List.of(LocalDateTime.of(2020, 1, 1, 12, 0)));
        // one interpolation object over all series: a cubic needs 4 distinct times
        assertThatThrownBy(() -> InterpolationTask.builder(Feature.of(FeatureType.DATA, "X"))
                .resampling(Interpolator.Kind.CUBIC).resampleRange(range).build().execute(p.copy()))
                .hasMessageContaining("at least 4 distinct times");
        // interp1d's linear kind takes one time (NaN); here there are two
        InterpolationTask.builder(Feature.of(FeatureType.DATA, "X")).resampling(Interpolator.Kind.LINEAR)
                .resampleRange(range).build().execute(p.copy());
        // ResamplingTask passes axis=0, which numpy.interp and UnivariateSpline do not take
        for (String object : List.of("numpy.interp", "scipy.interpolate.UnivariateSpline")) {
            assertThatThrownBy(() -> TaskRegistry.standard().create("ResamplingTask", json("{'feature': ['data', "
                    + "'X'], 'interpolation_object': '" + object + "', 'resample_range': ['2020-01-01'], 's': 0}")))
                    .hasMessageContaining("axis=0");
        }
        // Akima1DInterpolator refuses infinite values
        assertThatThrownBy(() -> Interpolator.of(Interpolator.Kind.AKIMA, new double[] {0, 1, 2},
                new double[] {0, Double.NEGATIVE_INFINITY, 1}, 3)).hasMessageContaining("finite");
    }

    /** numpy's nanmean of float16 duplicates: summed in float32, rounded to float16 before and after dividing. */
    @Test
    void float16DuplicatesAreAveragedAsNumpyDoes() {
        LocalDateTime day = LocalDateTime.of(2020, 1, 1, 0, 0);
        EOPatch p = new EOPatch(full.bbox(), List.of(day, day, day, day.plusDays(1)));
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT16, new long[] {4, 1, 1, 1},
                new double[] {0.3711, -1704, 0.4419, 0}));
        EOPatch out = InterpolationTask.builder(Feature.of(FeatureType.DATA, "X")).build().execute(p);
        // float16 steps of 1 near 1703: a float16 running sum would give -1704 (mean -568)
        assertThat(NdArrays.toDoubles(out.getArray(FeatureType.DATA, "X"))[0]).isEqualTo(-567.5);
    }

    /** interp1d's default bounds_error in the generic mode: positions outside the samples laid end to end fail. */
    @Test
    void interp1dBoundsErrorAsScipy() throws IOException {
        EOPatch p = new EOPatch(full.bbox(), THREE_DAYS);
        // the first series (pixel 0) starts with NaN: its first valid time is the first sample of the series laid
        // end to end
        p.put(FeatureType.DATA, "X", twoSeriesFirstStartingWithNaN());
        String params = "{'feature': ['data', 'X'], 'interpolation_object': 'scipy.interpolate.interp1d', "
                + "'resample_range': ['2020-01-01T12:00:00', '2020-01-02']";
        EOTask raising = TaskRegistry.standard().create("InterpolationTask", json(params + "}"));
        assertThatThrownBy(() -> ((org.eolearn.core.task.PatchTask) raising).execute(p.copy()))
                .hasMessageContaining("bounds_error");
        EOTask nan = TaskRegistry.standard().create("InterpolationTask", json(params + ", 'bounds_error': false}"));
        EOPatch out = ((org.eolearn.core.task.PatchTask) nan).execute(p.copy());
        double[] y = NdArrays.toDoubles(out.getArray(FeatureType.DATA, "X"));
        // times (hours) of the resampled dates count from the first of them: 0 and 12; pixel 0 is valid from 24 on
        assertThat(y).containsExactly(Double.NaN, 1, Double.NaN, 1.5);
    }

    /** make_interp_spline in the generic mode: extrapolated end pieces, infinite values refused. */
    @Test
    void bSplineExtrapolatesAndRefusesInfinity() throws IOException {
        EOPatch p = new EOPatch(full.bbox(), THREE_DAYS);
        p.put(FeatureType.DATA, "X", twoSeriesFirstStartingWithNaN());
        String params = "{'feature': ['data', 'X'], 'spline_degree': 1, "
                + "'resample_range': ['2020-01-01T12:00:00', '2020-01-02']";
        EOTask task = TaskRegistry.standard().create("BSplineInterpolationTask", json(params + "}"));
        double[] y = NdArrays.toDoubles(((org.eolearn.core.task.PatchTask) task).execute(p.copy())
                .getArray(FeatureType.DATA, "X"));
        // resampled hours 0 and 12: pixel 0 (valid from hour 24) at hour 12 is its first piece extended, 1.5
        assertThat(y).containsExactly(Double.NaN, 1, 1.5, 1.5);
        EOPatch inf = p.copy();
        inf.put(FeatureType.DATA, "X", NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, new long[] {3, 1, 2, 1},
                new double[] {0, 1, Double.POSITIVE_INFINITY, 2, 3, 3}));
        assertThatThrownBy(() -> ((org.eolearn.core.task.PatchTask) task).execute(inf)).hasMessageContaining("infinite");
    }

    /** Days 1, 2 and 3 of January 2020. */
    private static final List<LocalDateTime> THREE_DAYS = List.of(LocalDateTime.of(2020, 1, 1, 0, 0),
            LocalDateTime.of(2020, 1, 2, 0, 0), LocalDateTime.of(2020, 1, 3, 0, 0));

    /** Two series over {@link #THREE_DAYS}, (3, 1, 2, 1): pixel 0 is NaN, 2, 3; pixel 1 is 1, 2, 3. */
    private static org.nd4j.linalg.api.ndarray.INDArray twoSeriesFirstStartingWithNaN() {
        return NdArrays.fromDoubles(org.eolearn.core.DType.FLOAT64, new long[] {3, 1, 2, 1},
                new double[] {Double.NaN, 1, 2, 2, 3, 3});
    }

}
