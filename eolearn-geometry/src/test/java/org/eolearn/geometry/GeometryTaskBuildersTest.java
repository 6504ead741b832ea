package org.eolearn.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.geometry.morphology.ErosionTask;
import org.eolearn.geometry.morphology.MorphologicalFilterTask;
import org.eolearn.geometry.morphology.MorphologicalOperation;
import org.eolearn.geometry.morphology.StructuringElement;
import org.eolearn.geometry.transformations.RasterToVectorTask;
import org.eolearn.geometry.transformations.VectorToRasterTask;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The geometry tasks' builders: {@code builder(required).build()} behaves as the registry's task made from JSON with
 * only the required parameters (eo-learn's defaults agree), a non-default setting has its effect, and a bad argument
 * names its parameter.
 */
class GeometryTaskBuildersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TaskRegistry REGISTRY = TaskRegistry.standard();
    private static final BBox BBOX = new BBox(0, 0, 70, 70, new CRS(32633));
    private static final Feature LABELS = Feature.of(FeatureType.MASK_TIMELESS, "L");
    private static final Feature CLOUDS = Feature.of(FeatureType.MASK, "C");
    private static final Feature SHAPES = Feature.of(FeatureType.VECTOR_TIMELESS, "SHAPES");

    private static EOTask fromJson(String name, String params) {
        try {
            return REGISTRY.create(name, JSON.readTree(params.replace('\'', '"')));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A small patch: a 7 x 7 timeless label mask (label 1 in columns 0-3, label 2 in columns 4-6, label 3 in the
     * bottom row), a temporal uint8 mask of two frames with one set pixel in frame 1, and a timeless vector with a
     * 30 m square of value 4.
     */
    private static EOPatch small() {
        EOPatch p = new EOPatch(BBOX, List.of(java.time.LocalDateTime.of(2020, 1, 1, 0, 0),
                java.time.LocalDateTime.of(2020, 1, 2, 0, 0)));
        double[] labels = new double[49];
        for (int i = 0; i < 49; i++) {
            labels[i] = i / 7 == 6 ? 3 : i % 7 < 4 ? 1 : 2;
        }
        p.put(LABELS, NdArrays.fromDoubles(DType.UINT8, new long[] {7, 7, 1}, labels));
        double[] clouds = new double[2 * 49];
        clouds[49 + 3 * 7 + 3] = 1;
        p.put(CLOUDS, NdArrays.fromDoubles(DType.UINT8, new long[] {2, 7, 7, 1}, clouds));
        GeometryFactory gf = new GeometryFactory();
        GeoTable table = GeoTable.builder(BBOX.crs()).column("VALUE", GeoTable.ColumnType.REAL)
                .row(gf.createPolygon(new Coordinate[] {new Coordinate(10, 10), new Coordinate(10, 40),
                    new Coordinate(40, 40), new Coordinate(40, 10), new Coordinate(10, 10)}), 4.0)
                .build();
        p.put(SHAPES, table);
        return p;
    }

    private static EOPatch run(EOTask task) {
        return (EOPatch) task.execute(List.of(small()), Map.of());
    }

    private static long count(INDArray a, double value) {
        return Arrays.stream(NdArrays.toDoubles(a)).filter(v -> v == value).count();
    }

    @Test
    void erosionTask() {
        Feature renamed = Feature.of(FeatureType.MASK_TIMELESS, "L", "E");
        EOPatch viaBuilder = run(ErosionTask.builder(renamed).build());
        EOPatch viaJson = run(fromJson("ErosionTask", "{'mask_feature': ['mask_timeless', 'L', 'E']}"));
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(run(new ErosionTask(renamed)));
        // eo-learn's default disk of size 1 is a single pixel: nothing is eroded
        assertThat(viaBuilder.getArray(FeatureType.MASK_TIMELESS, "E"))
                .isEqualTo(viaBuilder.getArray(LABELS.type(), LABELS.name()));

        INDArray all = run(ErosionTask.builder(renamed).diskRadius(3).noDataLabel(9).build())
                .getArray(FeatureType.MASK_TIMELESS, "E");
        assertThat(count(all, 9)).isGreaterThan(0);
        assertThat(count(all, 0)).isZero();
        INDArray onlyTwo = run(ErosionTask.builder(renamed).diskRadius(3).erodeLabels(List.of(2)).build())
                .getArray(FeatureType.MASK_TIMELESS, "E");
        INDArray both = run(ErosionTask.builder(renamed).diskRadius(3).erodeLabels(1, 2).build())
                .getArray(FeatureType.MASK_TIMELESS, "E");
        assertThat(count(onlyTwo, 0)).isGreaterThan(0).isLessThan(count(both, 0));
        assertThat(count(onlyTwo, 1)).isEqualTo(count(small().getArray(LABELS.type(), LABELS.name()), 1));

        assertThatThrownBy(() -> ErosionTask.builder(renamed).diskRadius(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disk_radius");
        assertThatThrownBy(() -> ErosionTask.builder(renamed).erodeLabels((double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("erode_labels");
        assertThatThrownBy(() -> ErosionTask.builder(Feature.of(FeatureType.SCALAR, "S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask_feature");
        assertThatThrownBy(() -> ErosionTask.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mask_feature");
    }

    @Test
    void morphologicalFilterTask() {
        FeatureSpec in = FeatureSpec.of(CLOUDS);
        EOPatch viaBuilder = run(MorphologicalFilterTask.builder(in, MorphologicalOperation.DILATION).build());
        EOPatch viaJson = run(fromJson("MorphologicalFilterTask", "{'input_features': [['mask', 'C']], "
                + "'morph_operation': 'dilation'}"));
        assertThat(viaBuilder).isEqualTo(viaJson)
                .isEqualTo(run(new MorphologicalFilterTask(in, MorphologicalOperation.DILATION)));
        // in place, with OpenCV's 3x3 square
        assertThat(count(viaBuilder.getArray(CLOUDS.type(), CLOUDS.name()), 1)).isEqualTo(9);

        EOPatch wider = run(MorphologicalFilterTask.builder(in, MorphologicalOperation.DILATION)
                .outputFeatures(FeatureSpec.of(Feature.of(FeatureType.MASK, "D")))
                .structElem(StructuringElement.square(5)).build());
        assertThat(count(wider.getArray(FeatureType.MASK, "D"), 1)).isEqualTo(25);
        assertThat(wider.getArray(CLOUDS.type(), CLOUDS.name())).isEqualTo(small().getArray(CLOUDS.type(),
                CLOUDS.name()));

        assertThatThrownBy(() -> MorphologicalFilterTask.builder(in, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("morph_operation");
        assertThatThrownBy(() -> MorphologicalFilterTask.builder(in, MorphologicalOperation.OPENING)
                .outputFeatures(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("output_features");
        assertThatThrownBy(() -> MorphologicalFilterTask.builder(in, MorphologicalOperation.OPENING)
                .structElem(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("struct_elem");
        assertThatThrownBy(() -> MorphologicalFilterTask.builder(in, MorphologicalOperation.OPENING)
                .outputFeatures(FeatureSpec.of(Feature.of(FeatureType.MASK, "X"), Feature.of(FeatureType.MASK, "Y")))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output_features");
    }

    @Test
    void rasterToVectorTask() {
        FeatureSpec features = FeatureSpec.of(Feature.of(FeatureType.MASK_TIMELESS, "L", "V"));
        EOPatch viaBuilder = run(RasterToVectorTask.builder(features).build());
        EOPatch viaJson = run(fromJson("RasterToVectorTask", "{'features': [['mask_timeless', 'L', 'V']]}"));
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(run(new RasterToVectorTask(features)));
        GeoTable all = viaBuilder.getVector(FeatureType.VECTOR_TIMELESS, "V");
        assertThat(all.size()).isEqualTo(3);
        assertThat(all.columnNames()).containsExactly("VALUE");
        assertThat(all.column("VALUE").type()).isEqualTo(GeoTable.ColumnType.REAL);

        GeoTable some = run(RasterToVectorTask.builder(features).values(2, 3).valuesColumn("CLASS")
                .rasterDtype(DType.INT32).connectivity(8).build()).getVector(FeatureType.VECTOR_TIMELESS, "V");
        assertThat(some.columnNames()).containsExactly("CLASS");
        assertThat(some.column("CLASS").type()).isEqualTo(GeoTable.ColumnType.INTEGER);
        assertThat(some.column("CLASS").values()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(run(RasterToVectorTask.builder(features).values(List.of(1)).build())
                .getVector(FeatureType.VECTOR_TIMELESS, "V").column("VALUE").values()).containsExactly(1.0);

        assertThatThrownBy(() -> RasterToVectorTask.builder(features).connectivity(6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectivity");
        assertThatThrownBy(() -> RasterToVectorTask.builder(features).valuesColumn("geometry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values_column");
        assertThatThrownBy(() -> RasterToVectorTask.builder(features).rasterDtype(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("raster_dtype");
        assertThatThrownBy(() -> RasterToVectorTask.builder(features).values((double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("values");
        assertThatThrownBy(() -> RasterToVectorTask.builder(FeatureSpec.of(Feature.of(FeatureType.DATA, "D"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
    }

    @Test
    void vectorToRasterTask() {
        Feature raster = Feature.of(FeatureType.MASK_TIMELESS, "R");
        // one of raster_shape and raster_resolution, and values or values_column, are needed as in eo-learn
        EOPatch viaBuilder = run(VectorToRasterTask.builder(SHAPES, raster).values(4).rasterShape(7, 7).build());
        EOPatch viaJson = run(fromJson("VectorToRasterTask", "{'vector_input': ['vector_timeless', 'SHAPES'], "
                + "'raster_feature': ['mask_timeless', 'R'], 'values': 4, 'raster_shape': [7, 7]}"));
        assertThat(viaBuilder).isEqualTo(viaJson);
        INDArray burnt = viaBuilder.getArray(raster.type(), raster.name());
        assertThat(DType.of(burnt)).isEqualTo(DType.UINT8);
        assertThat(count(burnt, 4)).isEqualTo(9);
        assertThat(count(burnt, 0)).isEqualTo(40);

        INDArray custom = run(VectorToRasterTask.builder(SHAPES, raster).valuesColumn("VALUE").rasterShape(7, 7)
                .noDataValue(5).rasterDtype(DType.INT16).build()).getArray(raster.type(), raster.name());
        assertThat(DType.of(custom)).isEqualTo(DType.INT16);
        assertThat(count(custom, 5)).isEqualTo(40);

        VectorToRasterTask.Builder b = VectorToRasterTask.builder(SHAPES, raster);
        assertThatThrownBy(() -> b.rasterShape(0, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raster_shape");
        assertThatThrownBy(() -> b.rasterResolution(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raster_resolution");
        assertThatThrownBy(() -> b.rasterDtype(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("raster_dtype");
        assertThatThrownBy(() -> b.buffer(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer");
        assertThatThrownBy(() -> b.valuesColumn(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("values_column");
        assertThatThrownBy(() -> b.rasterShape(Feature.of(FeatureType.SCALAR, "S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raster_shape");
        assertThatThrownBy(() -> VectorToRasterTask.builder(SHAPES, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("raster_feature");
    }
}
