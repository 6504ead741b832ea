package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planetary Computer SAS signing against a fake token endpoint. */
class StacSignerTest {
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String TOKEN_PATH = "/api/sas/v1/token/sentinel-2-l2a";
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger issued = new AtomicInteger();
    private StacTestServer server;
    private DownloadClient http;
    private PlanetaryComputerSigner signer;

    @BeforeEach
    void start() {
        server = new StacTestServer();
        http = server.client();
        // each token is valid for one hour from the clock's time of the request
        server.handle(TOKEN_PATH, r -> StacTestServer.json(200, "{\"msft:expiry\":\""
                + clock.instant().plus(Duration.ofHours(1)) + "\",\"token\":\"" + token(issued.incrementAndGet()) + "\"}"));
        server.handle("/api/sas/v1/token/landsat-c2-l2", r -> StacTestServer.json(200,
                "{\"msft:expiry\":\"2099-01-01T00:00:00Z\",\"token\":\"se=2099-01-01T00%3A00%3A00Z&sig=LANDSATSECRET\"}"));
        signer = new PlanetaryComputerSigner(http, server.url(""), clock);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private static String token(int n) {
        return "st=2026-12-03&se=2026-12-03T17%3A00%3A00Z&sp=rl&sv=2024-05-04&sr=c&skoid=abc&sig=SECRET" + n + "xyz%3D";
    }

    private static StacItem item(String collection, String... hrefs) {
        Map<String, StacAsset> assets = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hrefs.length; i++) {
            assets.put("a" + i, new StacAsset("a" + i, URI.create(hrefs[i]), null, null, null, null, null, null, null,
                    null));
        }
        return new StacItem("S2A_MSIL2A_20241203", collection, null, null, null, null, null, null, assets);
    }

    @Test
    void oneTokenRequestForManySignings() {
        StacItem item = item("sentinel-2-l2a", "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif",
                "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B08.tif?versionid=7");
        for (int i = 0; i < 50; i++) {
            signer.sign(item, item.asset("a" + (i % 2)));
        }
        SignedAsset b04 = signer.sign(item, "a0");
        SignedAsset b08 = signer.sign(item, "a1");
        assertThat(b04.uri().toString())
                .isEqualTo("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif?" + token(1));
        assertThat(b08.uri().toString())
                .isEqualTo("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B08.tif?versionid=7&" + token(1));
        assertThat(b04.headers()).isEmpty();
        assertThat(server.requests(TOKEN_PATH)).hasSize(1);
        assertThat(signer.tokenRequests()).isEqualTo(1);
    }

    @Test
    void tokensAreRefreshedFiveMinutesBeforeTheyExpire() {
        URI href = URI.create("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif");
        assertThat(signer.sign(href, "sentinel-2-l2a").getRawQuery()).isEqualTo(token(1));
        clock.advance(Duration.ofMinutes(54));
        assertThat(signer.sign(href, "sentinel-2-l2a").getRawQuery()).isEqualTo(token(1));
        clock.advance(Duration.ofMinutes(1)); // 55 min: 5 min before the expiry
        assertThat(signer.sign(href, "sentinel-2-l2a").getRawQuery()).isEqualTo(token(2));
        assertThat(signer.sign(href, "sentinel-2-l2a").getRawQuery()).isEqualTo(token(2));
        assertThat(server.requests(TOKEN_PATH)).hasSize(2);
    }

    @Test
    void oneTokenPerCollection() {
        URI href = URI.create("https://landsateuwest.blob.core.windows.net/landsat-c2/LC09_B4.TIF");
        assertThat(signer.sign(href, "landsat-c2-l2").getRawQuery()).endsWith("sig=LANDSATSECRET");
        assertThat(signer.sign(href, "sentinel-2-l2a").getRawQuery()).isEqualTo(token(1));
        assertThat(signer.tokenRequests()).isEqualTo(2);
        assertThat(signer.toString()).contains("landsat-c2-l2", "sentinel-2-l2a");
    }

    @Test
    void hrefsOutsideBlobStorageOrAlreadySignedAreLeftAlone() {
        URI thumb = URI.create("https://planetarycomputer.microsoft.com/api/data/v1/item/preview.png?collection=x");
        URI signed = URI.create("https://a.blob.core.windows.net/c/B04.tif?se=2026&sig=abc");
        StacItem noCollection = item(null, thumb.toString());
        assertThat(signer.sign(noCollection, "a0").uri()).isEqualTo(thumb);
        assertThat(signer.sign(signed, "sentinel-2-l2a")).isEqualTo(signed);
        assertThat(server.requests(TOKEN_PATH)).isEmpty();
        assertThatThrownBy(() -> signer.sign(item(null, "https://a.blob.core.windows.net/c/B04.tif"), "a0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no collection");
    }

    @Test
    void concurrentSigningsShareOneTokenRequest() throws Exception {
        URI href = URI.create("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        Set<String> queries = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < 20; k++) {
                        queries.add(signer.sign(href, "sentinel-2-l2a").getRawQuery());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queries).containsExactly(token(1));
        assertThat(server.requests(TOKEN_PATH)).hasSize(1);
    }

    @Test
    void theTokenIsNeverShown() {
        URI href = URI.create("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif");
        StacItem item = item("sentinel-2-l2a", href.toString());
        SignedAsset s = signer.sign(item, "a0");
        assertThat(s.uri().toString()).contains("SECRET1");
        assertThat(s.toString()).doesNotContain("SECRET1").doesNotContain("sig=")
                .isEqualTo("SignedAsset[https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif?..., headers=[]]");
        assertThat(signer.toString()).doesNotContain("SECRET").doesNotContain("sig=");

        // a failing token endpoint: its message names the URL and status, not a token
        server.handle("/api/sas/v1/token/naip", r -> StacTestServer.json(403,
                "{\"code\":\"Forbidden\",\"description\":\"no access to naip\"}"));
        assertThatThrownBy(() -> signer.sign(href, "naip")).isInstanceOf(StacException.class)
                .hasMessageContaining("/api/sas/v1/token/naip").hasMessageContaining("HTTP 403")
                .hasMessageContaining("no access to naip").message().doesNotContain("SECRET");
        server.handle("/api/sas/v1/token/bad", r -> StacTestServer.json(200, "{\"msft:expiry\":\"2026-12-03T17:00:00Z\"}"));
        assertThatThrownBy(() -> signer.sign(href, "bad")).isInstanceOf(StacException.class)
                .hasMessageContaining("without a token");
    }

    @Test
    void thePlanetaryComputerPresetSignsThroughItsOwnHost() {
        server.landing(List.of("POST")).json("/v1/search", StacTestServer.page(List.of("{\"type\":\"Feature\","
                + "\"id\":\"S2\",\"collection\":\"sentinel-2-l2a\",\"properties\":{\"datetime\":\"2024-06-01T10:00:00Z\"},"
                + "\"assets\":{\"B04\":{\"href\":\"https://sentinel2l2a01.blob.core.windows.net/c/B04.tif\"}}}"), null));
        StacClient stac = StacClient.of(Catalogue.PLANETARY_COMPUTER.at(server.root()), http);
        StacItem item = stac.search(StacSearch.builder().collections("sentinel-2-l2a").build()).get(0);
        SignedAsset red = stac.signer().sign(item, stac.catalogue().assetKey("red"));
        assertThat(red.uri().getRawQuery()).startsWith("st=2026-12-03&se=").contains("&sig=SECRET");
        assertThat(stac.signer()).isSameAs(stac.signer());
        stac.signer().sign(item, "B04");
        assertThat(server.requests(TOKEN_PATH)).hasSize(1);
    }
}
