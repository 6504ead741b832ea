package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** StacSearch's checks and its encodings. */
class StacSearchTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2024-07-01T00:00:00Z");

    @Test
    void argumentsAreChecked() {
        StacSearch.Builder b = StacSearch.builder();
        assertThatThrownBy(() -> b.bbox(13.6, 45.8, 13.3, 46.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("west 13.6 is east of east 13.3");
        assertThatThrownBy(() -> b.bbox(13.3, 46.0, 13.6, 45.8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("south 46.0 is north of north 45.8");
        assertThatThrownBy(() -> b.bbox(new double[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 3 numbers");
        assertThatThrownBy(() -> b.bbox(300000, 5000000, 310000, 5010000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within -180..180");
        assertThatThrownBy(() -> b.bbox(10, -95, 11, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within -90..90");
        assertThatThrownBy(() -> b.bbox(Double.NaN, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> b.datetime(JULY, JUNE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the datetime interval starts (2024-07-01T00:00:00Z) after it ends (2024-06-01T00:00:00Z)");
        assertThatThrownBy(() -> b.maxCloudCover(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the maximum cloud cover is a percentage within 0..100, got -1.0");
        assertThatThrownBy(() -> b.maxCloudCover(100.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 100.5");
        assertThatThrownBy(() -> b.maxCloudCover(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit (the page size) must be at least 1, got 0");
        assertThatThrownBy(() -> b.maxItems(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxItems must be at least 1, got 0");
        assertThatThrownBy(() -> b.collections("a", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("collection id must not be blank");
        assertThatThrownBy(() -> b.sortBy("", StacSearch.Direction.ASC)).isInstanceOf(IllegalArgumentException.class);
        Geometry line = GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)});
        assertThatThrownBy(() -> b.intersects(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intersects must be a Point, Polygon or MultiPolygon, got LineString");
        assertThatThrownBy(() -> b.intersects(GF.createPoint(new Coordinate(500000, 5000000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WGS84");
        StacSearch.Builder both = StacSearch.builder().bbox(0, 0, 1, 1).intersects(GF.createPoint(new Coordinate(0.5, 0.5)));
        assertThatThrownBy(both::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        // the failed calls changed nothing
        assertThat(b.build()).isEqualTo(StacSearch.builder().build());
    }

    @Test
    void datetimeIntervals() {
        assertThat(StacSearch.builder().datetime(JUNE, JULY).build().datetime())
                .isEqualTo("2024-06-01T00:00:00Z/2024-07-01T00:00:00Z");
        assertThat(StacSearch.builder().datetime(JUNE, null).build().datetime()).isEqualTo("2024-06-01T00:00:00Z/..");
        assertThat(StacSearch.builder().datetime(null, JULY).build().datetime()).isEqualTo("../2024-07-01T00:00:00Z");
        assertThat(StacSearch.builder().datetime(JUNE, JUNE).build().datetime()).isEqualTo("2024-06-01T00:00:00Z");
        assertThat(StacSearch.builder().build().datetime()).isNull();
    }

    @Test
    void postBodyWithIntersectsAndSort() {
        Geometry square = GF.createPolygon(new Coordinate[] {new Coordinate(13, 45), new Coordinate(14, 45),
            new Coordinate(14, 46), new Coordinate(13, 46), new Coordinate(13, 45)});
        StacSearch s = StacSearch.builder().collections("sentinel-2-l2a").intersects(square).datetime(JUNE, JULY)
                .sortBy("properties.eo:cloud_cover", StacSearch.Direction.ASC).limit(50).maxItems(10).build();
        assertThat(SearchEncoding.body(s, SearchEncoding.CloudCover.FILTER).toString()).isEqualTo(
                "{\"collections\":[\"sentinel-2-l2a\"],"
                + "\"intersects\":{\"type\":\"Polygon\",\"coordinates\":[[[13.0,45.0],[14.0,45.0],[14.0,46.0],[13.0,46.0],"
                + "[13.0,45.0]]]},\"datetime\":\"2024-06-01T00:00:00Z/2024-07-01T00:00:00Z\",\"limit\":50,"
                + "\"sortby\":[{\"field\":\"properties.eo:cloud_cover\",\"direction\":\"asc\"}]}");
        Map<String, String> get = SearchEncoding.parameters(StacSearch.builder()
                .intersects(GF.createPoint(new Coordinate(13.5, 45.25))).build(), SearchEncoding.CloudCover.CLIENT, Set.of());
        assertThat(get).containsExactly(Map.entry("intersects", "{\"type\":\"Point\",\"coordinates\":[13.5,45.25]}"));
        assertThat(SearchEncoding.queryString(Map.of("q", "a b+c/é"))).isEqualTo("q=a%20b%2Bc/%C3%A9");
    }

    @Test
    void cloudCoverEncodingFollowsConformance() {
        assertThat(SearchEncoding.CloudCover.of(Set.of("https://api.stacspec.org/v1.0.0/item-search#query")))
                .isEqualTo(SearchEncoding.CloudCover.QUERY);
        assertThat(SearchEncoding.CloudCover.of(Set.of("https://api.stacspec.org/v1.0.0-beta.2/item-search#query",
                "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter"))).isEqualTo(SearchEncoding.CloudCover.FILTER);
        assertThat(SearchEncoding.CloudCover.of(Set.of("http://www.opengis.net/spec/cql2/1.0/conf/cql2-json")))
                .isEqualTo(SearchEncoding.CloudCover.FILTER);
        assertThat(SearchEncoding.CloudCover.of(Set.of("https://api.stacspec.org/v1.0.0/core",
                "https://api.stacspec.org/v1.0.0/ogcapi-features#query"))).isEqualTo(SearchEncoding.CloudCover.CLIENT);
    }

    @Test
    void toStringNamesTheParameters() {
        StacSearch s = StacSearch.builder().collections("sentinel-2-l2a").bbox(13.3, 45.8, 13.6, 46.0)
                .datetime(JUNE, null).maxCloudCover(20).limit(5).build();
        assertThat(s.toString()).isEqualTo("StacSearch[collections=[sentinel-2-l2a], bbox=[13.3, 45.8, 13.6, 46.0], "
                + "datetime=2024-06-01T00:00:00Z/.., maxCloudCover=20.0, limit=5]");
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toBuilder().maxItems(3).build()).isNotEqualTo(s);
    }
}
