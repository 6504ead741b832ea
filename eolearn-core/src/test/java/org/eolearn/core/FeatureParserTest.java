package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;

/** Tests {@link FeatureSpec} and {@link FeatureParser} on eo-learn's five specification forms. */
class FeatureParserTest {

    private final EOPatch patch = PatchGenerator.everyKind(1);

    @Test
    void ellipsisExpandsByTypeValueOrder() {
        List<Feature> all = new FeatureParser(FeatureSpec.all()).getFeatures(patch);
        assertThat(all).hasSize(patch.getFeatures().size());
        assertThat(all.get(0).type()).isEqualTo(FeatureType.DATA);
        assertThat(all.get(1).type()).as("types sorted by value: data < data_timeless").isEqualTo(FeatureType.DATA);
        assertThat(all.get(all.size() - 1).type()).isEqualTo(FeatureType.VECTOR_TIMELESS);
    }

    @Test
    void singleFeaturesRenamesAndTypes() {
        FeatureSpec spec = FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_FLOAT32"),
                Feature.of(FeatureType.MASK, "MASK_BOOL", "CLOUDS"), FeatureType.SCALAR_TIMELESS);
        List<Feature> renamed = new FeatureParser(spec).getRenamedFeatures(patch);
        assertThat(renamed.get(0)).isEqualTo(Feature.of(FeatureType.DATA, "DATA_FLOAT32", "DATA_FLOAT32"));
        assertThat(renamed.get(1)).isEqualTo(Feature.of(FeatureType.MASK, "MASK_BOOL", "CLOUDS"));
        assertThat(renamed).hasSize(2 + patch.names(FeatureType.SCALAR_TIMELESS).size());
        assertThatThrownBy(() -> new FeatureParser(spec).getFeatures())
                .hasMessageContaining("without a patch");
    }

    @Test
    void dictForm() {
        Map<FeatureType, List<?>> map = new LinkedHashMap<>();
        map.put(FeatureType.DATA, List.of("DATA_INT8", List.of("DATA_UINT8", "U8")));
        map.put(FeatureType.META_INFO, null);
        List<Feature> f = new FeatureParser(FeatureSpec.fromMap(map)).getRenamedFeatures(patch);
        assertThat(f).startsWith(Feature.of(FeatureType.DATA, "DATA_INT8", "DATA_INT8"),
                Feature.of(FeatureType.DATA, "DATA_UINT8", "U8"));
        assertThat(f).hasSize(2 + 3);
    }

    @Test
    void textForm() {
        FeatureSpec spec = FeatureSpec.parse("data/NDVI, mask, data_timeless/DEM/ELEVATION");
        assertThat(spec.items()).containsExactly(new FeatureSpec.Item(FeatureType.DATA, "NDVI", null),
                new FeatureSpec.Item(FeatureType.MASK, null, null),
                new FeatureSpec.Item(FeatureType.DATA_TIMELESS, "DEM", "ELEVATION"));
        assertThat(FeatureSpec.parse("...").isAll()).isTrue();
        assertThat(FeatureSpec.parse(spec.toString())).isEqualTo(spec);
        assertThatThrownBy(() -> FeatureSpec.parse("bbox")).hasMessageContaining("bbox");
        assertThatThrownBy(() -> FeatureSpec.parse("data/a/b/c")).hasMessageContaining("type/NAME");
    }

    @Test
    void disallowedTypesFailAtConstruction() {
        assertThatThrownBy(() -> FeatureParser.allowing(FeatureSpec.of(FeatureType.VECTOR), FeatureType.DATA,
                FeatureType.MASK)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vector");
        FeatureParser images = new FeatureParser(FeatureSpec.all(), FeatureType::isImage);
        assertThat(images.getFeatures(patch)).allMatch(f -> f.type().isImage());
    }

    @Test
    void missingFeaturesAreNamed() {
        assertThatThrownBy(() -> new FeatureParser(FeatureSpec.of(Feature.of(FeatureType.DATA, "NOPE")))
                .getFeatures(patch)).hasMessageContaining("NOPE");
    }

    @Test
    void requireTypeNamesTheParameterTheTypeAndTheFeature() {
        Feature ndvi = Feature.of(FeatureType.DATA, "NDVI");
        assertThat(Feature.requireType(ndvi, FeatureType.DATA, "data_feature")).isSameAs(ndvi);
        assertThatThrownBy(() -> Feature.requireType(ndvi, FeatureType.MASK, "valid_data_feature"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("valid_data_feature must be a mask feature, got (data, NDVI)");
        assertThatThrownBy(() -> Feature.requireType(null, FeatureType.MASK, "valid_data_feature"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("valid_data_feature");
    }
}
