package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eolearn.io.stac.StacTestServer.body;
import static org.eolearn.io.stac.StacTestServer.item;
import static org.eolearn.io.stac.StacTestServer.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Item Search: POST or GET, next links of both kinds, maxItems, and the cloud-cover encodings. */
class StacSearchPagingTest {
    private static final String SEARCH = "/v1/search";
    private StacTestServer server;
    private DownloadClient http;
    private StacClient stac;

    @BeforeEach
    void start() {
        server = new StacTestServer();
        http = server.client();
        stac = StacClient.of(Catalogue.EARTH_SEARCH.at(server.root()), http);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private static StacSearch.Builder s2() {
        return StacSearch.builder().collections("sentinel-2-l2a").bbox(13.3, 45.8, 13.6, 46.0).limit(2);
    }

    /** Pages by the "token" member of the POST body (or the query): p1 without, then p2, p3. */
    private static String token(RecordedRequest r) {
        if (r.getMethod().equals("GET")) {
            String t = r.getUrl().queryParameter("token");
            return t == null ? "p1" : t;
        }
        JsonNode t = body(r).get("token");
        return t == null ? "p1" : t.asText();
    }

    @Test
    void postSearchFollowsPostNextLinksMergingTheirBodies() {
        server.landing(List.of("GET", "POST")).handle(SEARCH, r -> switch (token(r)) {
            case "p1" -> StacTestServer.geoJson(page(List.of(item("a", 1.0), item("b", 2.0)),
                    "{\"rel\":\"next\",\"href\":\"" + server.root() + "/search\",\"method\":\"POST\","
                            + "\"body\":{\"token\":\"p2\"},\"merge\":true}"));
            case "p2" -> StacTestServer.geoJson(page(List.of(item("c", 3.0), item("d", 4.0)),
                    "{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\",\"headers\":{\"X-Page\":\"3\"},"
                            + "\"body\":{\"token\":\"p3\",\"limit\":2}}"));
            case "p3" -> StacTestServer.geoJson(page(List.of(item("e", 5.0)), null));
            default -> StacTestServer.json(400, "{\"code\":\"BadRequest\",\"description\":\"unknown token\"}");
        });
        List<StacItem> items = stac.search(s2().build());

        assertThat(items).extracting(StacItem::id).containsExactly("a", "b", "c", "d", "e");
        List<RecordedRequest> rs = server.requests(SEARCH);
        assertThat(rs).extracting(RecordedRequest::getMethod).containsExactly("POST", "POST", "POST");
        JsonNode first = body(rs.get(0));
        assertThat(first.toString()).isEqualTo("{\"collections\":[\"sentinel-2-l2a\"],\"bbox\":[13.3,45.8,13.6,46.0],"
                + "\"limit\":2}");
        JsonNode second = body(rs.get(1));
        assertThat(second.get("token").asText()).isEqualTo("p2");
        assertThat(second.get("collections").get(0).asText()).isEqualTo("sentinel-2-l2a"); // merged
        assertThat(second.get("bbox").size()).isEqualTo(4);
        // merge absent: the link's body replaces the request's; its headers are sent
        assertThat(body(rs.get(2)).toString()).isEqualTo("{\"token\":\"p3\",\"limit\":2}");
        assertThat(rs.get(2).getHeaders().get("X-Page")).isEqualTo("3");
        assertThat(items.get(0).collection()).isEqualTo("sentinel-2-l2a");
    }

    @Test
    void postSearchFollowsGetNextLinks() {
        server.landing(List.of("POST")).handle(SEARCH, r -> switch (token(r)) {
            case "p1" -> StacTestServer.geoJson(page(List.of(item("a", 1.0), item("b", 2.0)),
                    "{\"rel\":\"next\",\"href\":\"search?token=p2&collections=sentinel-2-l2a\"}"));
            case "p2" -> StacTestServer.geoJson(page(List.of(item("c", 3.0), item("d", 4.0)),
                    "{\"rel\":\"next\",\"href\":\"" + server.root() + "/search?token=p3\",\"method\":\"GET\"}"));
            case "p3" -> StacTestServer.geoJson(page(List.of(item("e", 5.0)), null));
            default -> StacTestServer.json(400, "{}");
        });
        List<StacItem> items = stac.search(s2().build());

        assertThat(items).extracting(StacItem::id).containsExactly("a", "b", "c", "d", "e");
        List<RecordedRequest> rs = server.requests(SEARCH);
        assertThat(rs).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET", "GET");
        assertThat(rs.get(1).getUrl().queryParameter("collections")).isEqualTo("sentinel-2-l2a");
        assertThat(rs.get(2).getUrl().queryParameter("token")).isEqualTo("p3");
        assertThat(rs.get(2).getBodySize()).isZero();
    }

    @Test
    void maxItemsStopsPagingEarly() {
        server.landing(List.of("POST")).handle(SEARCH, r -> {
            String t = token(r);
            int n = Integer.parseInt(t.equals("p1") ? "1" : t.substring(1));
            return StacTestServer.geoJson(page(List.of(item("i" + (2 * n - 1), 1.0), item("i" + 2 * n, 1.0)),
                    "{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\",\"body\":{\"token\":\"p" + (n + 1)
                            + "\"},\"merge\":true}"));
        });
        List<StacItem> items = stac.search(s2().maxItems(3).build());
        assertThat(items).extracting(StacItem::id).containsExactly("i1", "i2", "i3");
        assertThat(server.requests(SEARCH)).hasSize(2);

        List<StacItem> five = stac.search(s2().maxItems(5).build());
        assertThat(five).hasSize(5);
        assertThat(server.requests(SEARCH)).hasSize(2 + 3);
    }

    @Test
    void anEmptyPageEndsPagingEvenWithANextLink() {
        server.landing(List.of("POST")).json(SEARCH, page(List.of(),
                "{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\",\"body\":{\"token\":\"again\"}}"));
        assertThat(stac.search(s2().build())).isEmpty();
        assertThat(server.requests(SEARCH)).hasSize(1);
    }

    @Test
    void getWhenTheLandingPageDoesNotAdvertisePost() {
        server.landing(List.of()).json(SEARCH, page(List.of(item("a", 1.0)), null));
        StacSearch search = StacSearch.builder().collections("sentinel-2-l2a", "sentinel-2-c1-l2a")
                .bbox(13.3, 45.8, 13.6, 46.0).datetime(null, Instant.parse("2024-07-01T00:00:00Z"))
                .sortBy("properties.eo:cloud_cover", StacSearch.Direction.ASC)
                .sortBy("properties.datetime", StacSearch.Direction.DESC).limit(10).build();
        assertThat(stac.search(search)).hasSize(1);

        RecordedRequest r = server.requests(SEARCH).get(0);
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().queryParameter("collections")).isEqualTo("sentinel-2-l2a,sentinel-2-c1-l2a");
        assertThat(r.getUrl().queryParameter("bbox")).isEqualTo("13.3,45.8,13.6,46");
        assertThat(r.getUrl().queryParameter("datetime")).isEqualTo("../2024-07-01T00:00:00Z");
        assertThat(r.getUrl().queryParameter("sortby")).isEqualTo("+properties.eo:cloud_cover,-properties.datetime");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("10");
        assertThat(r.getTarget()).contains("sortby=%2Bproperties.eo:cloud_cover");
    }

    @Test
    void theMethodCanBeForced() {
        server.landing(List.of("GET", "POST")).json(SEARCH, page(List.of(item("a", 1.0)), null));
        stac.search(s2().method(StacSearch.Method.GET).build());
        server.landing(List.of()); // the landing page is remembered: still the first one
        stac.search(s2().method(StacSearch.Method.POST).sortBy("datetime", StacSearch.Direction.DESC).build());
        stac.search(s2().build());
        List<RecordedRequest> rs = server.requests(SEARCH);
        assertThat(rs).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST", "POST");
        assertThat(body(rs.get(1)).get("sortby").toString()).isEqualTo("[{\"field\":\"datetime\",\"direction\":\"desc\"}]");
        assertThat(server.requests("/v1")).hasSize(1);
    }

    @Test
    void cloudCoverIsAFilterWhenTheCatalogueHasBothFilterAndQuery() {
        server.landing(List.of("POST")).conformance(StacTestServer.CORE, StacTestServer.QUERY, StacTestServer.FILTER,
                StacTestServer.CQL2_JSON).json(SEARCH, page(List.of(item("a", 90.0)), null));
        List<StacItem> items = stac.search(s2().maxCloudCover(20).build());
        JsonNode b = body(server.requests(SEARCH).get(0));
        assertThat(b.get("filter").toString())
                .isEqualTo("{\"op\":\"<=\",\"args\":[{\"property\":\"eo:cloud_cover\"},20.0]}");
        assertThat(b.get("filter-lang").asText()).isEqualTo("cql2-json");
        assertThat(b.has("query")).isFalse();
        assertThat(items).hasSize(1); // the server's answer is trusted
    }

    @Test
    void cloudCoverIsAQueryWhenOnlyTheQueryExtensionIsThere() {
        server.landing(List.of("POST")).conformance(StacTestServer.CORE, "https://api.stacspec.org/v1.0.0-rc.1/item-search#query")
                .json(SEARCH, page(List.of(item("a", 10.0)), null));
        stac.search(s2().maxCloudCover(35.5).build());
        JsonNode b = body(server.requests(SEARCH).get(0));
        assertThat(b.get("query").toString()).isEqualTo("{\"eo:cloud_cover\":{\"lte\":35.5}}");
        assertThat(b.has("filter")).isFalse();
        assertThat(b.has("filter-lang")).isFalse();
    }

    @Test
    void cloudCoverIsAppliedByTheClientWhenTheCatalogueHasNeither() {
        server.landing(List.of("POST"), StacTestServer.CORE)
                .handle("/v1/conformance", r -> StacTestServer.json(404, "{}"))
                .json(SEARCH, page(List.of(item("a", 10.0), item("b", 50.0), item("c", null), item("d", 20.0)), null));
        List<StacItem> items = stac.search(s2().maxCloudCover(20).build());
        assertThat(items).extracting(StacItem::id).containsExactly("a", "d");
        JsonNode b = body(server.requests(SEARCH).get(0));
        assertThat(b.has("query")).isFalse();
        assertThat(b.has("filter")).isFalse();
    }

    @Test
    void getFilterIsCql2TextWhenAdvertised() {
        server.landing(List.of("GET")).conformance(StacTestServer.FILTER, StacTestServer.CQL2_TEXT, StacTestServer.CQL2_JSON)
                .json(SEARCH, page(List.of(item("a", 10.0)), null));
        stac.search(s2().maxCloudCover(20).build());
        RecordedRequest r = server.requests(SEARCH).get(0);
        assertThat(r.getUrl().queryParameter("filter")).isEqualTo("eo:cloud_cover <= 20");
        assertThat(r.getUrl().queryParameter("filter-lang")).isEqualTo("cql2-text");
    }

    @Test
    void getQueryIsJsonText() {
        server.landing(List.of("GET")).conformance(StacTestServer.QUERY)
                .json(SEARCH, page(List.of(item("a", 10.0)), null));
        stac.search(s2().maxCloudCover(20).build());
        RecordedRequest r = server.requests(SEARCH).get(0);
        assertThat(r.getUrl().queryParameter("query")).isEqualTo("{\"eo:cloud_cover\":{\"lte\":20.0}}");
    }

    @Test
    void aNextLinkToTheSameRequestIsAnError() {
        server.landing(List.of("POST")).json(SEARCH, page(List.of(item("a", 1.0)),
                "{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\"}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stac.search(s2().build()))
                .isInstanceOf(StacException.class).hasMessageContaining("links to itself");
        assertThat(server.requests(SEARCH)).hasSize(1); // found before asking for the same page again
    }

    @Test
    void aRateLimitedSecondPageIsWaitedOut() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.landing(List.of("POST")).handle(SEARCH, r -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                return new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build();
            }
            return token(r).equals("p1")
                    ? StacTestServer.geoJson(page(List.of(item("a", 1.0)), "{\"rel\":\"next\",\"href\":\"search?token=p2\"}"))
                    : StacTestServer.geoJson(page(List.of(item("b", 1.0)), null));
        });
        assertThat(stac.search(s2().build())).extracting(StacItem::id).containsExactly("a", "b");
        assertThat(server.requests(SEARCH)).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET", "GET");
        assertThat(server.waits).containsExactly(java.time.Duration.ofSeconds(7));
    }
}
