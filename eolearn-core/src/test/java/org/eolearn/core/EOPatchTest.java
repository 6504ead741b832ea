package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tests the {@link EOPatch} data model: validation, access, copies, subsets, equality and printing. */
class EOPatchTest {

    private static final List<LocalDateTime> TIMES = List.of(LocalDateTime.parse("2020-01-01T10:00:00"),
            LocalDateTime.parse("2020-02-01T10:00:00"), LocalDateTime.parse("2020-03-01T10:00:00"));

    private static INDArray floats(long... shape) {
        return PatchGenerator.randomArray(DType.FLOAT32, 1, shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a/b", "a\\b", "a|b", "a;b", "a:b", "a\nb", "a\tb", "a\u0000b", "..", ""})
    void forbiddenFeatureNames(String name) {
        EOPatch p = new EOPatch();
        assertThatThrownBy(() -> p.put(FeatureType.DATA_TIMELESS, name, floats(2, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void wrongNumberOfDimensions() {
        EOPatch p = new EOPatch(null, TIMES);
        assertThatThrownBy(() -> p.put(FeatureType.DATA, "X", floats(3, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 dimensions")
                .hasMessageContaining("[3, 2, 2]");
        assertThatThrownBy(() -> p.put(FeatureType.SCALAR_TIMELESS, "X", floats(3, 2)))
                .hasMessageContaining("1 dimensions");
    }

    @Test
    void discreteTypesNeedIntegerDtypes() {
        EOPatch p = new EOPatch(null, TIMES);
        assertThatThrownBy(() -> p.put(FeatureType.MASK, "M", floats(3, 2, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
        p.put(FeatureType.MASK, "M", PatchGenerator.randomArray(DType.BOOL, 1, 3, 2, 2, 1));
        p.put(FeatureType.LABEL_TIMELESS, "L", PatchGenerator.randomArray(DType.UINT64, 1, 4));
        p.put(FeatureType.DATA, "BOOL_DATA", PatchGenerator.randomArray(DType.BOOL, 1, 3, 2, 2, 1));
        assertThat(p.getFeatures()).hasSize(3);
    }

    @Test
    void wrongValueKinds() {
        EOPatch p = new EOPatch();
        assertThatThrownBy(() -> p.put(FeatureType.DATA, "X", "not an array")).hasMessageContaining("INDArray");
        assertThatThrownBy(() -> p.put(FeatureType.VECTOR_TIMELESS, "V", floats(1))).hasMessageContaining("GeoTable");
        GeoTable noTime = GeoTable.builder(CRS.WGS84).column("VALUE", GeoTable.ColumnType.REAL).build();
        assertThatThrownBy(() -> p.put(FeatureType.VECTOR, "V", noTime)).hasMessageContaining("TIMESTAMP");
        assertThatThrownBy(() -> p.put(FeatureType.META_INFO, "m", new Object())).hasMessageContaining("JSON-like");
    }

    @Test
    void temporalMismatchIsAWarningNotAnError() {
        EOPatch p = new EOPatch(null, TIMES);
        p.put(FeatureType.DATA, "X", floats(5, 2, 2, 1));
        assertThat(p.getArray(FeatureType.DATA, "X").size(0)).isEqualTo(5);
        EOPatch none = new EOPatch();
        none.put(FeatureType.SCALAR, "S", floats(2, 1));
        assertThat(none.contains(FeatureType.SCALAR, "S")).isTrue();
    }

    @Test
    void noneAndEmptyTimestampsDiffer() {
        assertThat(new EOPatch().timestamps()).isNull();
        assertThat(new EOPatch(null, List.of()).timestamps()).isEmpty();
        assertThatThrownBy(() -> new EOPatch().requireTimestamps()).isInstanceOf(IllegalStateException.class);
        assertThat(new EOPatch()).isNotEqualTo(new EOPatch(null, List.of()));
    }

    @Test
    void accessAndOrder() {
        EOPatch p = new EOPatch(PatchGenerator.BBOX, TIMES);
        p.put(FeatureType.META_INFO, "m", 1);
        p.put(FeatureType.DATA, "B", floats(3, 4, 5, 1));
        p.put(FeatureType.DATA, "A", floats(3, 4, 5, 1));
        p.put(FeatureType.MASK_TIMELESS, "LULC", PatchGenerator.randomArray(DType.UINT16, 1, 4, 5, 1));
        assertThat(p.getFeatures()).containsExactly(Feature.of(FeatureType.DATA, "B"), Feature.of(FeatureType.DATA, "A"),
                Feature.of(FeatureType.MASK_TIMELESS, "LULC"), Feature.of(FeatureType.META_INFO, "m"));
        assertThat(p.contains(FeatureType.DATA)).isTrue();
        assertThat(p.contains(FeatureType.MASK)).isFalse();
        assertThat(p.getSpatialDimension(FeatureType.DATA, "A")).containsExactly(4, 5);
        assertThatThrownBy(() -> p.getSpatialDimension(FeatureType.META_INFO, "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.get(FeatureType.DATA, "C")).hasMessageContaining("(data, C)")
                .hasMessageContaining("[B, A]");
        p.remove(FeatureType.DATA, "B");
        assertThat(p.names(FeatureType.DATA)).containsExactly("A");
        p.removeAll(FeatureType.DATA);
        assertThat(p.contains(FeatureType.DATA)).isFalse();
        assertThatThrownBy(() -> p.remove(FeatureType.DATA, "A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityFollowsEoLearnDeepEq() {
        EOPatch a = PatchGenerator.everyKind(1);
        EOPatch b = PatchGenerator.everyKind(1);
        assertThat(a).isEqualTo(b); // NaNs at equal positions compare equal
        b.put(FeatureType.DATA_TIMELESS, "DT_FLOAT32",
                a.getArray(FeatureType.DATA_TIMELESS, "DT_FLOAT32").castTo(DType.FLOAT64.dataType()));
        assertThat(a).as("dtype must match").isNotEqualTo(b);
        EOPatch c = PatchGenerator.everyKind(1);
        c.put(FeatureType.META_INFO, "maxcc", 0.7);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(PatchGenerator.everyKind(2));
    }

    @Test
    void shallowAndDeepCopies() {
        EOPatch p = PatchGenerator.everyKind(3);
        EOPatch shallow = p.copy();
        EOPatch deep = p.deepCopy();
        assertThat(shallow).isEqualTo(p);
        assertThat(deep).isEqualTo(p);
        INDArray original = p.getArray(FeatureType.DATA, "DATA_FLOAT64");
        assertThat(shallow.getArray(FeatureType.DATA, "DATA_FLOAT64")).isSameAs(original);
        assertThat(deep.getArray(FeatureType.DATA, "DATA_FLOAT64")).isNotSameAs(original);
        shallow.remove(FeatureType.DATA, "DATA_FLOAT64");
        assertThat(p.contains(FeatureType.DATA, "DATA_FLOAT64")).as("containers are new").isTrue();
        original.putScalar(new long[] {0, 0, 0, 0}, 42.0);
        assertThat(deep.getArray(FeatureType.DATA, "DATA_FLOAT64").getDouble(0, 0, 0, 0)).isNotEqualTo(42.0);

        EOPatch timeless = p.copy(FeatureSpec.of(FeatureType.DATA_TIMELESS), false);
        assertThat(timeless.timestamps()).as("auto: no temporal feature copied").isNull();
        assertThat(timeless.bbox()).isEqualTo(p.bbox());
        EOPatch withMask = p.copy(FeatureSpec.of(Feature.of(FeatureType.MASK, "MASK_BOOL")), false);
        assertThat(withMask.timestamps()).isEqualTo(p.timestamps());
    }

    @Test
    void temporalSubsets() {
        EOPatch p = PatchGenerator.everyKind(4);
        EOPatch sub = p.temporalSubset(new int[] {4, 0});
        assertThat(sub.timestamps()).containsExactly(p.timestamps().get(4), p.timestamps().get(0));
        INDArray data = sub.getArray(FeatureType.DATA, "DATA_INT16");
        assertThat(data.shape()).containsExactly(2, 6, 7, 2);
        assertThat(NdArrays.nanEquals(data.slice(0), p.getArray(FeatureType.DATA, "DATA_INT16").slice(4))).isTrue();
        assertThat(DType.of(data)).isEqualTo(DType.INT16);
        GeoTable clouds = sub.getVector(FeatureType.VECTOR, "CLOUDS");
        assertThat(clouds.column(GeoTable.TIMESTAMP).values()).allMatch(t -> sub.timestamps().contains(t));
        assertThat(sub.getArray(FeatureType.DATA_TIMELESS, "DT_FLOAT32"))
                .isSameAs(p.getArray(FeatureType.DATA_TIMELESS, "DT_FLOAT32"));
        // by dates as eo-learn: in the patch's order (docs/differences.md D2)
        EOPatch byDate = p.temporalSubset(List.of(p.timestamps().get(4), p.timestamps().get(0)));
        assertThat(byDate).isEqualTo(p.temporalSubset(new int[] {0, 4}));
        EOPatch byPredicate = p.temporalSubset(t -> t.getMonthValue() >= 5);
        assertThat(byPredicate.timestamps()).hasSize(3);
        EOPatch none = p.temporalSubset(t -> false);
        assertThat(none.timestamps()).isEmpty();
        assertThat(none.getArray(FeatureType.DATA, "DATA_FLOAT32").shape()).containsExactly(0, 6, 7, 2);
        assertThatThrownBy(() -> p.temporalSubset(new int[] {5})).hasMessageContaining("out of range");
        assertThat(p.temporalSubset(List.of(LocalDateTime.parse("1999-01-01T00:00:00"))).timestamps()).isEmpty();
    }

    @Test
    void reprOfMinimalAndEmptyPatches() {
        assertThat(new EOPatch().toString()).isEqualTo("EOPatch()");
        EOPatch p = new EOPatch(new BBox(0, 0, 1, 1, CRS.POP_WEB), null);
        assertThat(p.toString()).isEqualTo("EOPatch(\n  bbox=BBox(((0.0, 0.0), (1.0, 1.0)), crs=CRS('3857'))\n)");
        p.setTimestamps(TIMES);
        p.put(FeatureType.SCALAR_TIMELESS, "S", floats(3));
        assertThat(p.toString()).isEqualTo("EOPatch(\n  bbox=BBox(((0.0, 0.0), (1.0, 1.0)), crs=CRS('3857'))\n"
                + "  timestamps=[2020-01-01 10:00:00, 2020-02-01 10:00:00, 2020-03-01 10:00:00]\n"
                + "  scalar_timeless={\n    S: numpy.ndarray(shape=(3,), dtype=float32)\n  }\n)");
    }
}
