package org.eolearn.geometry.transformations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.nd4j.linalg.api.ndarray.INDArray;

/** VectorToRasterTask and RasterToVectorTask against eo-learn's own test expectations on TestEOPatch. */
class TransformationTasksTest {

    private static final Feature LULC_VECTOR = Feature.of(FeatureType.VECTOR_TIMELESS, "LULC");
    private static final Feature RASTER = Feature.of(FeatureType.MASK_TIMELESS, "RASTERIZED_LULC");
    private static final Feature SHAPE = Feature.of(FeatureType.MASK_TIMELESS, "LULC");

    private static EOPatch testPatch;

    @BeforeAll
    static void load() throws IOException {
        testPatch = EOPatch.load(SharedData.testEOPatch());
    }

    private static EOPatch patch() {
        return testPatch.copy();
    }

    /** eo-learn's CUSTOM_DATAFRAME: the LULC rows with AREA below 1000. */
    private static GeoTable smallAreas() {
        GeoTable lulc = testPatch.getVector(FeatureType.VECTOR_TIMELESS, "LULC");
        List<Object> area = lulc.column("AREA").values();
        return lulc.filter(i -> ((Number) area.get(i)).doubleValue() < 1000);
    }

    private static double mean(INDArray a) {
        return Arrays.stream(NdArrays.toDoubles(a)).average().orElse(Double.NaN);
    }

    private static double max(INDArray a) {
        return Arrays.stream(NdArrays.toDoubles(a)).max().orElse(Double.NaN);
    }

    private static double min(INDArray a) {
        return Arrays.stream(NdArrays.toDoubles(a)).min().orElse(Double.NaN);
    }

    private static double median(INDArray a) {
        double[] v = NdArrays.toDoubles(a);
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static INDArray run(VectorToRasterTask task) {
        return task.execute(patch()).getArray(task.rasterFeature().type(), task.rasterFeature().outputName());
    }

    @Test
    void basicTest() {
        INDArray r = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesColumn("LULC_ID").rasterShape(SHAPE)
                .noDataValue(20).build());
        assertThat(r.shape()).containsExactly(101, 100, 1);
        assertThat(DType.of(r)).isEqualTo(DType.UINT8);
        assertThat(max(r)).isEqualTo(8);
        assertThat(mean(r)).isCloseTo(2.33267, within(1e-3));
        assertThat(median(r)).isEqualTo(2);
    }

    @Test
    void basicTestTimed() {
        INDArray r = run(VectorToRasterTask.builder(Feature.of(FeatureType.VECTOR, "CLM_VECTOR"),
                Feature.of(FeatureType.MASK, "RASTERIZED_CLM")).valuesColumn("VALUE").rasterShape(SHAPE)
                .noDataValue(20).build());
        assertThat(r.shape()).containsExactly(68, 101, 100, 1);
        assertThat(min(r)).isEqualTo(1);
        assertThat(max(r)).isEqualTo(20);
        assertThat(mean(r)).isCloseTo(12.4854, within(1e-3));
        assertThat(median(r)).isEqualTo(20);
    }

    @Test
    void singleValueFilterFixedShape() {
        INDArray r = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(8).valuesColumn("LULC_ID")
                .rasterShape(50, 50).noDataValue(20).writeToExisting(true).rasterDtype(DType.INT32).build());
        assertThat(r.shape()).containsExactly(50, 50, 1);
        assertThat(DType.of(r)).isEqualTo(DType.INT32);
        assertThat(min(r)).isEqualTo(8);
        assertThat(mean(r)).isCloseTo(19.76, within(1e-3));
    }

    @Test
    void multipleValuesResolutionAllTouched() {
        INDArray r = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesList(1, 5).valuesColumn("LULC_ID")
                .rasterResolution(60, 60).noDataValue(13).rasterDtype(DType.UINT16).allTouched(true).build());
        assertThat(r.shape()).containsExactly(17, 17, 1);
        assertThat(DType.of(r)).isEqualTo(DType.UINT16);
        assertThat(min(r)).isEqualTo(1);
        assertThat(mean(r)).isCloseTo(12.7093, within(1e-3));
        // without all_touched fewer pixels are burned
        INDArray centres = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesList(1, 5)
                .valuesColumn("LULC_ID").rasterResolution(60, 60).noDataValue(13).rasterDtype(DType.UINT16).build());
        assertThat(mean(centres)).isGreaterThan(mean(r));
    }

    @Test
    void tableInputSingleValueCustomResolution() {
        INDArray r = run(VectorToRasterTask.builder(smallAreas(), RASTER).values(14).rasterResolution(32, 15)
                .noDataValue(-1).rasterDtype(DType.INT32).build());
        assertThat(r.shape()).containsExactly(67, 31, 1);
        assertThat(max(r)).isEqualTo(14);
        assertThat(mean(r)).isCloseTo(-0.8411, within(1e-3));
    }

    @Test
    void emptyVectorDataGivesNoData() {
        GeoTable empty = smallAreas().filter(i -> false);
        INDArray r = run(VectorToRasterTask.builder(empty, RASTER).valuesColumn("LULC_ID").rasterShape(SHAPE)
                .build());
        assertThat(r.shape()).containsExactly(101, 100, 1);
        assertThat(max(r)).isZero();
    }

    @Test
    void polygonBuffering() {
        INDArray negative = run(VectorToRasterTask.builder(smallAreas(), RASTER).valuesColumn("LULC_ID")
                .buffer(-2).rasterShape(SHAPE).build());
        INDArray positive = run(VectorToRasterTask.builder(smallAreas(), RASTER).valuesColumn("LULC_ID")
                .buffer(2).rasterShape(SHAPE).build());
        assertThat(mean(negative)).isCloseTo(0.02285, within(1e-3));
        assertThat(mean(positive)).isCloseTo(0.0664, within(1e-3));
        assertThat(max(negative)).isEqualTo(8);
    }

    @Test
    void differentCrsIsReprojected() {
        GeoTable small = smallAreas();
        Reprojection toMercator = Reprojection.between(small.crs(), CRS.POP_WEB);
        List<Geometry> moved = small.geometries().stream().map(toMercator::apply).toList();
        GeoTable mercator = new GeoTable(CRS.POP_WEB, moved, small.columns());
        INDArray r = run(VectorToRasterTask.builder(mercator, RASTER).valuesColumn("LULC_ID").rasterShape(SHAPE)
                .build());
        assertThat(max(r)).isEqualTo(8);
        assertThat(mean(r)).isCloseTo(0.042079, within(1e-3));
    }

    @Test
    void threeDimensionalPolygonsInt8() {
        GeoTable small = smallAreas();
        org.locationtech.jts.geom.util.GeometryEditor editor = new org.locationtech.jts.geom.util.GeometryEditor(
                new org.locationtech.jts.geom.GeometryFactory());
        List<Geometry> withZ = small.geometries().stream().map(g -> editor.edit(g,
                new org.locationtech.jts.geom.util.GeometryEditor.CoordinateOperation() {
                    @Override
                    public org.locationtech.jts.geom.Coordinate[] edit(org.locationtech.jts.geom.Coordinate[] cs,
                                                                         Geometry geometry) {
                        return Arrays.stream(cs).map(c -> new org.locationtech.jts.geom.Coordinate(c.x, c.y, 0))
                                .toArray(org.locationtech.jts.geom.Coordinate[]::new);
                    }
                })).toList();
        assertThat(withZ.get(0).getCoordinate().getZ()).isZero();
        INDArray r = run(VectorToRasterTask.builder(new GeoTable(small.crs(), withZ, small.columns()), RASTER)
                .valuesColumn("LULC_ID").rasterShape(SHAPE).noDataValue(-1).rasterDtype(DType.INT8).build());
        assertThat(DType.of(r)).isEqualTo(DType.INT8);
        assertThat(min(r)).isEqualTo(-1);
        assertThat(mean(r)).isCloseTo(-0.9461386, within(1e-3));
    }

    @Test
    void boolDtype() {
        INDArray r = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesList(1).valuesColumn("LULC_ID")
                .rasterShape(100, 150).rasterDtype(DType.BOOL).build());
        assertThat(r.shape()).containsExactly(100, 150, 1);
        assertThat(DType.of(r)).isEqualTo(DType.BOOL);
        assertThat(Arrays.stream(NdArrays.toDoubles(r)).distinct().sorted().toArray()).containsExactly(0, 1);
    }

    @Test
    void overlapValueMarksPixelsWhereClassesMeet() {
        GeoTable lulc = testPatch.getVector(FeatureType.VECTOR_TIMELESS, "LULC");
        INDArray plain = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesColumn("LULC_ID")
                .rasterShape(SHAPE).build());
        INDArray overlapped = run(VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesColumn("LULC_ID")
                .rasterShape(SHAPE).overlapValue(99.0).build());
        // LULC polygons tile the patch without overlaps: merging by value changes nothing, no 99 appears
        assertThat(lulc.size()).isGreaterThan(1);
        assertThat(NdArrays.nanEquals(plain, overlapped)).isTrue();
        // two overlapping squares of different values: the shared pixels get the overlap value
        EOPatch p = patch();
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        org.eolearn.core.BBox b = p.bbox();
        double cx = (b.minX() + b.maxX()) / 2;
        double cy = (b.minY() + b.maxY()) / 2;
        GeoTable squares = GeoTable.builder(b.crs()).column("V", GeoTable.ColumnType.INTEGER)
                .row(gf.toGeometry(new org.locationtech.jts.geom.Envelope(cx - 300, cx + 100, cy - 300, cy + 100)), 3L)
                .row(gf.toGeometry(new org.locationtech.jts.geom.Envelope(cx - 100, cx + 300, cy - 100, cy + 300)), 5L)
                .build();
        INDArray r = VectorToRasterTask.builder(squares, RASTER).valuesColumn("V").rasterShape(SHAPE)
                .overlapValue(7.0).build().execute(p).getArray(FeatureType.MASK_TIMELESS, "RASTERIZED_LULC");
        double[] v = NdArrays.toDoubles(r);
        long threes = Arrays.stream(v).filter(x -> x == 3).count();
        long fives = Arrays.stream(v).filter(x -> x == 5).count();
        long sevens = Arrays.stream(v).filter(x -> x == 7).count();
        // 40x40 and 40x40 pixel squares (10 m pixels, roughly) sharing a 20x20 corner
        assertThat(sevens).isBetween(380L, 420L);
        assertThat(threes).isEqualTo(fives);
        assertThat(threes + sevens).isBetween(1560L, 1640L);
    }

    @Test
    void rasterToVectorConnectivity8WithValues() {
        EOPatch out = new RasterToVectorTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "CLM")), new double[] {1, 2},
                "IS_CLOUD", DType.INT16, 8).execute(patch());
        GeoTable t = out.getVector(FeatureType.VECTOR, "CLM");
        assertThat(t.size()).isEqualTo(54);
        assertThat(t.columnNames()).containsExactly("IS_CLOUD", GeoTable.TIMESTAMP);
        assertThat(t.column("IS_CLOUD").type()).isEqualTo(GeoTable.ColumnType.INTEGER);
        assertThat(t.crs()).isEqualTo(testPatch.bbox().crs());
        assertThat(t.geometries()).allMatch(Geometry::isValid);
        // the polygons cover exactly the cloudy pixels
        double pixelArea = (testPatch.bbox().width() / 100) * (testPatch.bbox().height() / 101);
        double cloudy = Arrays.stream(NdArrays.toDoubles(testPatch.getArray(FeatureType.MASK, "CLM")))
                .filter(x -> x == 1).count();
        assertThat(t.geometries().stream().mapToDouble(Geometry::getArea).sum())
                .isCloseTo(cloudy * pixelArea, within(1e-6 * cloudy * pixelArea));
    }

    @Test
    void temporalRoundTripThroughVectors() {
        EOPatch p = new RasterToVectorTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "CLM", "CLM_POLY")), null,
                "VALUE", null, 4).execute(patch());
        GeoTable t = p.getVector(FeatureType.VECTOR, "CLM_POLY");
        assertThat(new java.util.HashSet<>(t.column(GeoTable.TIMESTAMP).values()))
                .isEqualTo(new java.util.HashSet<Object>(testPatch.timestamps()));
        assertThat(t.column("VALUE").type()).isEqualTo(GeoTable.ColumnType.REAL);
        INDArray back = VectorToRasterTask.builder(Feature.of(FeatureType.VECTOR, "CLM_POLY"),
                Feature.of(FeatureType.MASK, "CLM_BACK")).valuesColumn("VALUE")
                .rasterShape(Feature.of(FeatureType.MASK, "CLM")).noDataValue(7).build().execute(p)
                .getArray(FeatureType.MASK, "CLM_BACK");
        assertThat(NdArrays.nanEquals(back, testPatch.getArray(FeatureType.MASK, "CLM"))).isTrue();
    }

    @Test
    void writeToExistingDrawsOntoTheRasterAndKeepsItsDtype() {
        EOPatch p = patch();
        INDArray lulc = p.getArray(FeatureType.MASK_TIMELESS, "LULC");
        org.eolearn.core.BBox b = p.bbox();
        // a square over columns 10..19 and rows 0..9 (10 m pixels, edges between pixel centres)
        double px = b.width() / 100;
        double py = b.height() / 101;
        Geometry square = new org.locationtech.jts.geom.GeometryFactory().toGeometry(
                new org.locationtech.jts.geom.Envelope(b.minX() + 10 * px, b.minX() + 20 * px, b.maxY() - 10 * py,
                        b.maxY()));
        GeoTable table = GeoTable.builder(b.crs()).row(square).build();
        for (boolean add : new boolean[] {false, true}) {
            INDArray r = VectorToRasterTask.builder(table, Feature.of(FeatureType.MASK_TIMELESS, "LULC", "OUT"))
                    .values(5).rasterShape(SHAPE).writeToExisting(true).mergeAdd(add).rasterDtype(DType.INT32)
                    .build().execute(patch()).getArray(FeatureType.MASK_TIMELESS, "OUT");
            assertThat(DType.of(r)).as("a new raster of the asked dtype: OUT does not exist").isEqualTo(DType.INT32);
            EOPatch q = patch();
            q.put(FeatureType.MASK_TIMELESS, "OUT", lulc.dup());
            INDArray drawn = VectorToRasterTask.builder(table, Feature.of(FeatureType.MASK_TIMELESS, "OUT"))
                    .values(5).rasterShape(SHAPE).writeToExisting(true).mergeAdd(add).rasterDtype(DType.INT32)
                    .build().execute(q).getArray(FeatureType.MASK_TIMELESS, "OUT");
            assertThat(DType.of(drawn)).isEqualTo(DType.of(lulc));
            double[] before = NdArrays.toDoubles(lulc);
            double[] after = NdArrays.toDoubles(drawn);
            int changed = 0;
            for (int i = 0; i < before.length; i++) {
                int row = i / 100;
                int col = i % 100;
                boolean inside = row < 10 && col >= 10 && col < 20;
                assertThat(after[i]).isEqualTo(inside ? (add ? before[i] + 5 : 5) : before[i]);
                changed += inside ? 1 : 0;
            }
            assertThat(changed).isEqualTo(100);
        }
    }

    @Test
    void badParametersNameTheParameter() throws IOException {
        assertThatThrownBy(() -> VectorToRasterTask.builder(Feature.of(FeatureType.MASK, "X"), RASTER).values(1)
                .rasterShape(2, 2).build()).hasMessageContaining("vector_input");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, Feature.of(FeatureType.SCALAR, "X"))
                .values(1).rasterShape(2, 2).build()).hasMessageContaining("raster_feature");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, Feature.of(FeatureType.MASK, "X"))
                .values(1).rasterShape(2, 2).build()).hasMessageContaining("raster_feature");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1).rasterShape(2, 2)
                .rasterDtype(DType.FLOAT32).build()).hasMessageContaining("raster_dtype");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).rasterShape(2, 2).build())
                .hasMessageContaining("values");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesList(1, 2).rasterShape(2, 2)
                .build()).hasMessageContaining("values");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1).build())
                .hasMessageContaining("raster_shape");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1).rasterShape(2, 2)
                .rasterResolution(10, 10).build()).hasMessageContaining("raster_resolution");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1).rasterShape(0, 2)
                .build()).hasMessageContaining("raster_shape");
        assertThatThrownBy(() -> VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1)
                .rasterResolution(-5, 5).build()).hasMessageContaining("raster_resolution");
        VectorToRasterTask huge = VectorToRasterTask.builder(LULC_VECTOR, RASTER).values(1)
                .rasterResolution(5000, 5000).build();
        assertThatThrownBy(() -> huge.execute(patch())).hasMessageContaining("raster_resolution")
                .hasMessageContaining("zero-size");
        VectorToRasterTask noColumn = VectorToRasterTask.builder(LULC_VECTOR, RASTER).valuesColumn("NOPE")
                .rasterShape(SHAPE).build();
        assertThatThrownBy(() -> noColumn.execute(patch())).hasMessageContaining("values_column");
        assertThatThrownBy(() -> new RasterToVectorTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "NDVI")), null,
                "VALUE", null, 4)).hasMessageContaining("features");
        assertThatThrownBy(() -> new RasterToVectorTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "CLM")), null,
                "VALUE", null, 6)).hasMessageContaining("connectivity");
        ObjectMapper json = new ObjectMapper();
        TaskRegistry registry = TaskRegistry.standard();
        assertThatThrownBy(() -> registry.create("VectorToRasterTask", json.readTree("{\"vector_input\": "
                + "[\"vector_timeless\", \"LULC\"], \"raster_feature\": [\"mask_timeless\", \"R\"], \"values\": 1, "
                + "\"raster_resolution\": \"sixty\"}"))).hasMessageContaining("raster_resolution");
        assertThatThrownBy(() -> registry.create("VectorToRasterTask", json.readTree("{\"vector_input\": "
                + "[\"vector_timeless\", \"LULC\"], \"raster_feature\": [\"mask_timeless\", \"R\"], \"values\": 1, "
                + "\"raster_shape\": [5, 5], \"merge_alg\": \"max\"}"))).hasMessageContaining("merge_alg");
        assertThatThrownBy(() -> registry.create("RasterToVectorTask", json.readTree("{\"features\": "
                + "[\"mask\", \"CLM\"], \"connectivity\": 6}"))).hasMessageContaining("connectivity");
        // eo-learn's JSON forms: resolution strings, rasterio keywords
        EOPatch out = (EOPatch) registry.create("VectorToRasterTask", json.readTree("{\"vector_input\": "
                + "[\"vector_timeless\", \"LULC\"], \"raster_feature\": [\"mask_timeless\", \"R\"], \"values\": [1, 5], "
                + "\"values_column\": \"LULC_ID\", \"raster_resolution\": \"60m\", \"no_data_value\": 13, "
                + "\"raster_dtype\": \"uint16\", \"all_touched\": true}")).execute(List.of(patch()), java.util.Map.of());
        assertThat(mean(out.getArray(FeatureType.MASK_TIMELESS, "R"))).isCloseTo(12.7093, within(1e-3));
    }
}
