package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eolearn.io.stac.StacTestServer.body;
import static org.eolearn.io.stac.StacTestServer.item;
import static org.eolearn.io.stac.StacTestServer.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Landing page, conformance, collections and errors against a small STAC server. */
class StacClientTest {
    private StacTestServer server;
    private DownloadClient http;
    private StacClient stac;

    @BeforeEach
    void start() {
        server = new StacTestServer();
        http = server.client();
        stac = StacClient.of(server.root(), http);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void landingConformanceAndCollections() {
        server.landing(List.of("GET", "POST"), StacTestServer.CORE)
                .conformance(StacTestServer.CORE, StacTestServer.QUERY)
                .json("/v1/collections", "{\"collections\":[{\"id\":\"sentinel-2-l2a\",\"title\":\"Sentinel-2 Level-2A\","
                        + "\"extent\":{\"spatial\":{\"bbox\":[[-180,-90,180,90]]},"
                        + "\"temporal\":{\"interval\":[[\"2015-06-27T10:25:31Z\",null]]}}}],"
                        + "\"links\":[{\"rel\":\"next\",\"href\":\"collections2\"}]}")
                .json("/v1/collections2", "{\"collections\":[{\"id\":\"landsat-c2-l2\",\"title\":\"Landsat\"}],\"links\":[]}")
                .json("/v1/collections/sentinel-2-l2a", "{\"id\":\"sentinel-2-l2a\",\"title\":\"Sentinel-2 Level-2A\","
                        + "\"description\":\"BOA reflectance\"}");

        assertThat(stac.landing().path("title").asText()).isEqualTo("Test STAC");
        assertThat(stac.conformance()).containsExactly(StacTestServer.CORE, StacTestServer.QUERY);
        List<StacCollection> cs = stac.collections();
        assertThat(cs).extracting(StacCollection::id).containsExactly("sentinel-2-l2a", "landsat-c2-l2");
        assertThat(cs.get(0).title()).isEqualTo("Sentinel-2 Level-2A");
        assertThat(cs.get(0).bbox()).containsExactly(-180, -90, 180, 90);
        assertThat(cs.get(0).start()).isEqualTo(Instant.parse("2015-06-27T10:25:31Z"));
        assertThat(cs.get(0).end()).isNull();
        assertThat(cs.get(1).bbox()).isNull();
        assertThat(stac.collection("sentinel-2-l2a").description()).isEqualTo("BOA reflectance");
        stac.conformance();
        stac.landing();
        assertThat(server.requests("/v1")).hasSize(1);
        assertThat(server.requests("/v1/conformance")).hasSize(1);
        assertThat(server.requests("/v1/collections").get(0).getHeaders().get("Authorization")).isNull();
    }

    @Test
    void conformanceFallsBackToTheLandingPage() {
        server.landing(List.of("POST"), StacTestServer.CORE, StacTestServer.FILTER); // no /conformance route: 404
        assertThat(stac.conformance()).containsExactly(StacTestServer.CORE, StacTestServer.FILTER);
        assertThat(server.requests("/v1/conformance")).hasSize(1);
        assertThat(server.waits).isEmpty();
    }

    @Test
    void unknownCollectionIsReportedWithTheCataloguesDescription() {
        server.landing(List.of("POST"));
        assertThatThrownBy(() -> stac.collection("nope")).isInstanceOf(StacException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("NotFound: no route /v1/collections/nope")
                .satisfies(e -> assertThat(((StacException) e).status()).isEqualTo(404));
    }

    @Test
    void rateLimitIsWaitedOutWithoutSleeping() {
        server.landing(List.of("POST")).handle("/v1/search", r -> StacTestServer.geoJson(page(List.of(item("a", 5.0)), null)))
                .enqueue("/v1/search", new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
                        .addHeader("Content-Type", "application/json").body("{\"code\":\"TooManyRequests\"}").build());
        long t0 = System.nanoTime();
        List<StacItem> items = stac.search(StacSearch.builder().collections("sentinel-2-l2a").build());
        assertThat(items).extracting(StacItem::id).containsExactly("a");
        assertThat(server.requests("/v1/search")).hasSize(2);
        assertThat(server.waits).containsExactly(java.time.Duration.ofSeconds(3));
        assertThat(System.nanoTime() - t0).isLessThan(2_500_000_000L);
        assertThat(http.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void serviceUnavailableIsRetried() {
        server.landing(List.of("POST")).handle("/v1/search", r -> StacTestServer.geoJson(page(List.of(item("a", 5.0)), null)))
                .enqueue("/v1/search", StacTestServer.json(503, "{\"code\":\"Unavailable\"}"))
                .enqueue("/v1/search", StacTestServer.json(502, "bad gateway"));
        assertThat(stac.search(StacSearch.builder().build())).hasSize(1);
        assertThat(server.requests("/v1/search")).hasSize(3);
        assertThat(server.waits).containsExactly(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3));
    }

    @Test
    void serviceUnavailableTooOftenFailsWithTheSearch() {
        server.landing(List.of("POST")).handle("/v1/search", r -> StacTestServer.json(503, "{}"));
        assertThatThrownBy(() -> stac.search(StacSearch.builder().collections("sentinel-2-l2a").build()))
                .isInstanceOf(StacException.class).hasMessageContaining("503")
                .hasMessageContaining("collections=[sentinel-2-l2a]")
                .satisfies(e -> assertThat(((StacException) e).status()).isEqualTo(503));
        assertThat(server.requests("/v1/search")).hasSize(3);
    }

    @Test
    void badRequestIsReportedWithTheDescriptionAndTheSearch() {
        server.landing(List.of("POST")).handle("/v1/search", r -> StacTestServer.json(400,
                "{\"code\":\"BadRequest\",\"description\":\"datetime: end 2023-01-01 before start\"}"));
        StacSearch search = StacSearch.builder().collections("sentinel-2-l2a").bbox(13.3, 45.8, 13.6, 46.0)
                .datetime(Instant.parse("2024-06-01T00:00:00Z"), null).build();
        assertThatThrownBy(() -> stac.search(search)).isInstanceOf(StacException.class)
                .hasMessageContaining("POST " + server.root() + "/search answered HTTP 400: BadRequest: datetime: end "
                        + "2023-01-01 before start")
                .hasMessageContaining("collections=[sentinel-2-l2a]")
                .hasMessageContaining("bbox=[13.3, 45.8, 13.6, 46.0]")
                .hasMessageContaining("datetime=2024-06-01T00:00:00Z/..")
                .satisfies(e -> assertThat(((StacException) e).status()).isEqualTo(400));
        assertThat(server.requests("/v1/search")).hasSize(1);
        assertThat(server.waits).isEmpty();
    }

    @Test
    void aPageThatIsNotAFeatureCollectionIsReportedByUrl() {
        server.landing(List.of("POST")).json("/v1/search", "{\"type\":\"Collection\",\"id\":\"x\"}");
        assertThatThrownBy(() -> stac.search(StacSearch.builder().build())).isInstanceOf(StacException.class)
                .hasMessageContaining("POST " + server.root() + "/search")
                .hasMessageContaining("not a GeoJSON FeatureCollection").hasMessageContaining("type Collection");
    }

    @Test
    void aPageThatIsNotJsonIsReportedByUrl() {
        server.landing(List.of()).handle("/v1/search", r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/html").body("<html>maintenance</html>").build());
        assertThatThrownBy(() -> stac.search(StacSearch.builder().build())).isInstanceOf(StacException.class)
                .hasMessageContaining("GET " + server.root() + "/search").hasMessageContaining("not JSON");
    }

    @Test
    void relativeAssetHrefsAreResolvedAgainstTheSelfLinkOrThePage() {
        String withSelf = "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":null,\"properties\":{\"datetime\":null,"
                + "\"start_datetime\":\"2024-06-01T00:00:00Z\"},\"links\":[{\"rel\":\"self\",\"href\":\""
                + server.root() + "/collections/c/items/a\"}],\"assets\":{\"red\":{\"href\":\"./a/B04.tif\"},"
                + "\"meta\":{\"href\":\"../../meta.xml\"},\"abs\":{\"href\":\"s3://bucket/a.tif\"}}}";
        String withoutSelf = "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":null,\"properties\":{\"datetime\":"
                + "\"2024-06-02T00:00:00Z\"},\"assets\":{\"red\":{\"href\":\"data/b/B04.tif\"}}}";
        server.landing(List.of("POST")).json("/v1/search", page(List.of(withSelf, withoutSelf), null));
        List<StacItem> items = stac.search(StacSearch.builder().build());
        assertThat(items.get(0).asset("red").href()).isEqualTo(URI.create(server.root() + "/collections/c/items/a/B04.tif"));
        assertThat(items.get(0).asset("meta").href()).isEqualTo(URI.create(server.root() + "/collections/meta.xml"));
        assertThat(items.get(0).asset("abs").href()).isEqualTo(URI.create("s3://bucket/a.tif"));
        assertThat(items.get(0).datetime()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(items.get(1).asset("red").href()).isEqualTo(URI.create(server.root() + "/data/b/B04.tif"));
    }

    @Test
    void anItemWithoutIdIsReportedWithThePage() {
        server.landing(List.of("POST")).json("/v1/search", page(List.of("{\"type\":\"Feature\",\"properties\":{}}"), null));
        assertThatThrownBy(() -> stac.search(StacSearch.builder().build())).isInstanceOf(StacException.class)
                .hasMessageContaining("POST " + server.root() + "/search").hasMessageContaining("no id");
    }

    @Test
    void requestsAreUnauthenticatedAndAcceptGeoJson() {
        server.landing(List.of("POST")).json("/v1/search", page(List.of(item("a", 1.0)), null));
        stac.search(StacSearch.builder().build());
        RecordedRequest r = server.requests("/v1/search").get(0);
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(r.getHeaders().get("Accept")).startsWith("application/geo+json");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode b = body(r);
        assertThat(b.isObject()).isTrue();
        assertThat(b.size()).isZero();
    }
}
