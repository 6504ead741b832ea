package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.LazyValue;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.SharedData;
import org.eolearn.core.testing.Stats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loads eo-learn's example TestEOPatch and checks it against spec §1.7. */
class TestEOPatchLoadTest {

    private static EOPatch patch;

    @BeforeAll
    static void load() throws IOException {
        patch = EOPatch.load(SharedData.testEOPatch());
    }

    @Test
    void hasTheTwentySixAvailableFeatures() {
        // eo-learn counts 27 with BANDS-S2-L1C, which the shared copy of the example data does not have
        assertThat(patch.getFeatures()).hasSize(26);
        assertThat(patch.contains(FeatureType.DATA, "BANDS-S2-L1C")).isFalse();
    }

    @Test
    void bboxAndTimestamps() {
        BBox b = patch.bbox();
        assertThat(b.crs()).isEqualTo(new CRS(32633));
        assertThat(b.minX()).isEqualTo(465181.0522318204);
        assertThat(b.minY()).isEqualTo(5079244.8912012065);
        assertThat(b.maxX()).isEqualTo(466180.53145382757);
        assertThat(b.maxY()).isEqualTo(5080254.63349641);
        List<LocalDateTime> ts = patch.timestamps();
        assertThat(ts).hasSize(68);
        assertThat(ts.get(0)).isEqualTo(LocalDateTime.parse("2015-07-11T10:00:08"));
        assertThat(ts.get(67)).isEqualTo(LocalDateTime.parse("2017-12-22T10:04:15"));
        assertThat(ts).contains(LocalDateTime.parse("2015-12-08T10:04:09"), LocalDateTime.parse("2015-12-08T10:11:25"));
    }

    @Test
    void metaInfo() {
        assertThat(patch.getMetaInfo("maxcc")).isEqualTo(0.8);
        assertThat(patch.getMetaInfo("service_type")).isEqualTo("wcs");
        assertThat(patch.getMetaInfo("size_x")).isEqualTo("10m");
        assertThat(patch.getMetaInfo("size_y")).isEqualTo("10m");
    }

    @Test
    void dtypesAndShapes() {
        check(FeatureType.DATA, "CLP", DType.FLOAT32, 68, 101, 100, 1);
        check(FeatureType.DATA, "CLP_MULTI", DType.FLOAT32, 68, 101, 100, 1);
        check(FeatureType.DATA, "CLP_S2C", DType.FLOAT32, 68, 101, 100, 1);
        check(FeatureType.DATA, "NDVI", DType.FLOAT32, 68, 101, 100, 1);
        check(FeatureType.DATA_TIMELESS, "DEM", DType.FLOAT32, 101, 100, 1);
        check(FeatureType.DATA_TIMELESS, "MAX_NDVI", DType.FLOAT64, 101, 100, 1);
        check(FeatureType.LABEL, "IS_CLOUDLESS", DType.BOOL, 68, 1);
        check(FeatureType.LABEL, "RANDOM_DIGIT", DType.INT8, 68, 2);
        check(FeatureType.LABEL_TIMELESS, "LULC_COUNTS", DType.INT32, 6);
        check(FeatureType.MASK, "CLM", DType.UINT8, 68, 101, 100, 1);
        check(FeatureType.MASK, "CLM_INTERSSIM", DType.BOOL, 68, 101, 100, 1);
        check(FeatureType.MASK, "CLM_MULTI", DType.BOOL, 68, 101, 100, 1);
        check(FeatureType.MASK, "CLM_S2C", DType.BOOL, 68, 101, 100, 1);
        check(FeatureType.MASK, "IS_DATA", DType.UINT8, 68, 101, 100, 1);
        check(FeatureType.MASK, "IS_VALID", DType.BOOL, 68, 101, 100, 1);
        check(FeatureType.MASK_TIMELESS, "LULC", DType.UINT16, 101, 100, 1);
        check(FeatureType.MASK_TIMELESS, "RANDOM_UINT8", DType.UINT8, 101, 100, 13);
        check(FeatureType.MASK_TIMELESS, "VALID_COUNT", DType.INT64, 101, 100, 1);
        check(FeatureType.SCALAR, "CLOUD_COVERAGE", DType.FLOAT16, 68, 1);
        check(FeatureType.SCALAR_TIMELESS, "LULC_PERCENTAGE", DType.FLOAT64, 6);
        assertThat(patch.getSpatialDimension(FeatureType.DATA, "NDVI")).containsExactly(101, 100);
        assertThat(patch.getSpatialDimension(FeatureType.MASK_TIMELESS, "LULC")).containsExactly(101, 100);
    }

    private static void check(FeatureType type, String name, DType dtype, long... shape) {
        INDArray a = patch.getArray(type, name);
        assertThat(DType.of(a)).as(type + "/" + name).isEqualTo(dtype);
        assertThat(a.shape()).as(type + "/" + name).isEqualTo(shape);
    }

    @Test
    void statisticsOfSpec() {
        Stats clp = Stats.of(patch.getArray(FeatureType.DATA, "CLP"));
        assertThat(clp.min()).isCloseTo(0.00107, within(1e-5));
        assertThat(clp.max()).isCloseTo(0.99999, within(1e-5));
        assertThat(clp.mean()).isCloseTo(0.39203, within(1e-5));
        assertThat(Stats.of(patch.getArray(FeatureType.DATA, "CLP_MULTI")).mean()).isCloseTo(0.435238, within(1e-6));
        assertThat(Stats.of(patch.getArray(FeatureType.DATA, "CLP_S2C")).mean()).isCloseTo(0.392591, within(1e-6));
        Stats ndvi = Stats.of(patch.getArray(FeatureType.DATA, "NDVI"));
        assertThat(ndvi.min()).isCloseTo(-0.151033, within(1e-6));
        assertThat(ndvi.max()).isCloseTo(0.860242, within(1e-6));
        assertThat(ndvi.mean()).isCloseTo(0.388327, within(1e-6));
        assertThat(ndvi.countNan()).isZero();
        Stats dem = Stats.of(patch.getArray(FeatureType.DATA_TIMELESS, "DEM"));
        assertThat(dem.min()).isEqualTo(664);
        assertThat(dem.max()).isEqualTo(801);
        assertThat(dem.mean()).isCloseTo(711.584, within(1e-3));
        assertThat(dem.median()).isEqualTo(701);
        assertThat(Stats.of(patch.getArray(FeatureType.LABEL, "IS_CLOUDLESS")).mean()).isCloseTo(0.426471,
                within(1e-6));
        Stats digit = Stats.of(patch.getArray(FeatureType.LABEL, "RANDOM_DIGIT"));
        assertThat(digit.min()).isZero();
        assertThat(digit.max()).isEqualTo(9);
        assertThat(digit.sum()).isEqualTo(633);
        assertThat(NdArrays.toDoubles(patch.getArray(FeatureType.LABEL_TIMELESS, "LULC_COUNTS")))
                .containsExactly(155, 11, 7601, 1777, 358, 198);
        Stats clm = Stats.of(patch.getArray(FeatureType.MASK, "CLM"));
        assertThat(clm.sum()).isEqualTo(271633);
        assertThat(clm.max()).isEqualTo(1);
        assertThat(Stats.of(patch.getArray(FeatureType.MASK, "CLM_INTERSSIM")).mean()).isCloseTo(0.397724,
                within(1e-6));
        assertThat(Stats.of(patch.getArray(FeatureType.MASK, "CLM_MULTI")).mean()).isCloseTo(0.4368, within(1e-4));
        assertThat(Stats.of(patch.getArray(FeatureType.MASK, "CLM_S2C")).mean()).isCloseTo(0.388515, within(1e-6));
        assertThat(Stats.of(patch.getArray(FeatureType.MASK, "IS_DATA")).min()).isEqualTo(1);
        assertThat(Stats.of(patch.getArray(FeatureType.MASK, "IS_VALID")).sum()).isEqualTo(415167);
        Stats lulc = Stats.of(patch.getArray(FeatureType.MASK_TIMELESS, "LULC"));
        assertThat(lulc.mean()).isCloseTo(2.33267, within(1e-5));
        Stats random = Stats.of(patch.getArray(FeatureType.MASK_TIMELESS, "RANDOM_UINT8"));
        assertThat(random.min()).isZero();
        assertThat(random.max()).isEqualTo(255);
        assertThat(random.sum()).isEqualTo(16713641);
        Stats valid = Stats.of(patch.getArray(FeatureType.MASK_TIMELESS, "VALID_COUNT"));
        assertThat(valid.min()).isEqualTo(37);
        assertThat(valid.max()).isEqualTo(44);
    }

    @Test
    void consistencyIdentities() {
        double[] isData = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "IS_DATA"));
        double[] clm = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "CLM"));
        double[] isValid = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "IS_VALID"));
        double[] validCount = NdArrays.toDoubles(patch.getArray(FeatureType.MASK_TIMELESS, "VALID_COUNT"));
        double[] ndvi = NdArrays.toDoubles(patch.getArray(FeatureType.DATA, "NDVI"));
        double[] maxNdvi = NdArrays.toDoubles(patch.getArray(FeatureType.DATA_TIMELESS, "MAX_NDVI"));
        double[] coverage = NdArrays.toDoubles(patch.getArray(FeatureType.SCALAR, "CLOUD_COVERAGE"));
        int pixels = 101 * 100;
        double[] count = new double[pixels];
        double[] max = new double[pixels];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < 68; t++) {
            double frameSum = 0;
            for (int p = 0; p < pixels; p++) {
                int i = t * pixels + p;
                assertThat(isValid[i]).isEqualTo(isData[i] == 1 && clm[i] == 0 ? 1.0 : 0.0);
                count[p] += isValid[i];
                max[p] = Math.max(max[p], ndvi[i]);
                frameSum += clm[i];
            }
            // float16 holds the per-frame cloud fraction to half precision
            assertThat(coverage[t]).isCloseTo(frameSum / pixels, within(1e-3));
        }
        assertThat(validCount).containsExactly(count);
        assertThat(maxNdvi).containsExactly(max);
    }

    @Test
    void vectors() {
        GeoTable clm = patch.getVector(FeatureType.VECTOR, "CLM_VECTOR");
        assertThat(clm.size()).isEqualTo(55);
        assertThat(clm.crs()).isEqualTo(new CRS(32633));
        assertThat(clm.columnNames()).containsExactly("TIMESTAMP", "VALUE");
        assertThat(clm.column("TIMESTAMP").type()).isEqualTo(GeoTable.ColumnType.DATETIME);
        assertThat(new java.util.HashSet<>(clm.column("TIMESTAMP").values())).hasSize(39);
        assertThat(clm.column("VALUE").values()).containsOnly(1.0);
        assertThat(clm.toString()).isEqualTo(
                "geopandas.GeoDataFrame(columns=['TIMESTAMP', 'VALUE', 'geometry'], length=55, crs=EPSG:32633)");
        GeoTable lulc = patch.getVector(FeatureType.VECTOR_TIMELESS, "LULC");
        assertThat(lulc.size()).isEqualTo(88);
        assertThat(lulc.columnNames()).containsExactly("index", "RABA_ID", "AREA", "DATE", "LULC_ID", "LULC_NAME");
        assertThat(lulc.column("LULC_ID").type()).isEqualTo(GeoTable.ColumnType.INTEGER);
        assertThat(lulc.column("LULC_NAME").values().get(0)).isEqualTo("grassland");
    }

    @Test
    void lazyLoadingReadsNothingUntilUsed() throws IOException {
        EOPatch lazy = EOPatch.load(SharedData.testEOPatch(), LoadOptions.defaults().withLazy(true));
        assertThat(lazy.getFeatures()).hasSize(26);
        for (Feature f : lazy.getFeatures()) {
            assertThat(((LazyValue) lazy.getRaw(f.type(), f.name())).isLoaded()).isFalse();
        }
        EOPatch copy = lazy.copy();
        INDArray ndvi = lazy.getArray(FeatureType.DATA, "NDVI");
        assertThat(((LazyValue) copy.getRaw(FeatureType.DATA, "NDVI")).isLoaded()).as("shared by shallow copies")
                .isTrue();
        assertThat(((LazyValue) lazy.getRaw(FeatureType.DATA, "CLP")).isLoaded()).isFalse();
        assertThat(NdArrays.nanEquals(ndvi, patch.getArray(FeatureType.DATA, "NDVI"))).isTrue();
        assertThat(lazy).isEqualTo(patch);
    }

    @Test
    void loadsASubsetWithAutoTimestamps() throws IOException {
        EOPatch masks = EOPatch.load(SharedData.testEOPatch(),
                LoadOptions.defaults().withFeatures(FeatureSpec.of(FeatureType.MASK_TIMELESS)));
        assertThat(masks.bbox()).isEqualTo(patch.bbox());
        assertThat(masks.timestamps()).isNull();
        assertThat(masks.names(FeatureType.MASK_TIMELESS)).containsExactlyInAnyOrder("LULC", "RANDOM_UINT8",
                "VALID_COUNT");
        EOPatch onlyTimes = EOPatch.load(SharedData.testEOPatch(),
                LoadOptions.defaults().withFeatures(FeatureSpec.none()).withLoadTimestamps(true));
        assertThat(onlyTimes.timestamps()).hasSize(68);
        assertThat(onlyTimes.getFeatures()).isEmpty();
        EOPatch ndvi = EOPatch.load(SharedData.testEOPatch(),
                LoadOptions.defaults().withFeatures(FeatureSpec.of(Feature.of(FeatureType.DATA, "NDVI"))));
        assertThat(ndvi.timestamps()).hasSize(68);
    }

    @Test
    void printsLikeEoLearn() {
        String repr = patch.toString();
        assertThat(repr).startsWith("EOPatch(\n  bbox=BBox(((465181.0522318204, 5079244.8912012065), "
                + "(466180.53145382757, 5080254.63349641)), crs=CRS('32633'))\n  timestamps=[2015-07-11 10:00:08, "
                + "..., 2017-12-22 10:04:15]<length=68>\n  data={\n    CLP: numpy.ndarray(shape=(68, 101, 100, 1), "
                + "dtype=float32)\n");
        assertThat(repr).contains("  label_timeless={\n    LULC_COUNTS: numpy.ndarray(shape=(6,), dtype=int32)\n  }");
        assertThat(repr).contains("  meta_info={\n    maxcc: 0.8\n    service_type: 'wcs'\n");
        assertThat(repr).endsWith("  }\n)");
    }
}
