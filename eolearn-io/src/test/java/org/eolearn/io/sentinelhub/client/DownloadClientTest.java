package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DownloadClientTest {
    private static final byte[] PAYLOAD = "pixels".getBytes(StandardCharsets.UTF_8);
    private static final String PROCESS = "/api/v1/process";

    @TempDir Path dir;
    private FakeSentinelHub hub;
    private final AtomicInteger processed = new AtomicInteger();

    @BeforeEach
    void start() {
        hub = FakeSentinelHub.start().stallDelay(Duration.ofMillis(2500));
        hub.handle(PROCESS, r -> {
            processed.incrementAndGet();
            return FakeSentinelHub.tiff(PAYLOAD);
        });
        hub.handle("/api/v1/catalog/1.0.0/search", r -> FakeSentinelHub.json(200, "{\"features\":[]}"));
        hub.handlePublic("/ogc/wms/", r -> FakeSentinelHub.json(200, "{\"ok\":true}"));
        hub.handlePublic("/tar", r -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                .body(new okio.Buffer().write(FakeSentinelHub.tarBytes("default.tif", FakeSentinelHub.tiffBytes(PAYLOAD))))
                .build());
        hub.handlePublic("/badjson", r -> FakeSentinelHub.json(200, "{\"broken\":"));
        hub.handlePublic("/bad-request", r -> FakeSentinelHub.error(400, "Bad Request", "Invalid evalscript: line 3"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadClient client() {
        return DownloadClient.create(hub.config().downloadTimeout(Duration.ofSeconds(1)).build());
    }

    private DownloadRequest process() {
        return DownloadRequest.postJson(hub.url(PROCESS), "{\"input\":{}}", "image/tiff");
    }

    @Test
    void downloadsAndSendsHeaders() throws Exception {
        try (DownloadClient client = client()) {
            DownloadResponse r = client.download(process());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).isEqualTo("image/tiff");
            assertThat(r.body()).isEqualTo(FakeSentinelHub.tiffBytes(PAYLOAD));
            assertThat(r.fromCache()).isFalse();
            hub.server().takeRequest(); // token
            var recorded = hub.server().takeRequest();
            assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + hub.issuedTokens().get(0));
            assertThat(recorded.getHeaders().get("Accept")).isEqualTo("image/tiff");
            assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(recorded.getHeaders().get("User-Agent")).startsWith("eolearn-java");
            assertThat(recorded.getBody().utf8()).isEqualTo("{\"input\":{}}");
            assertThat(client.stats()).isEqualTo(new DownloadStats(1, 1, 0, 0, 0, 0, 8 + PAYLOAD.length));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"SERVER_ERROR", "UNAVAILABLE", "STALL", "TRUNCATED", "DISCONNECT",
            "WRONG_CONTENT_TYPE", "INVALID_TIFF", "RATE_LIMIT"})
    void temporaryFaultsAreRetried(Fault fault) {
        hub.enqueueFault(PROCESS, fault).enqueueFault(PROCESS, fault);
        try (DownloadClient client = client()) {
            DownloadResponse r = client.download(process());
            assertThat(r.body()).isEqualTo(FakeSentinelHub.tiffBytes(PAYLOAD));
            assertThat(client.stats().attempts()).isEqualTo(3);
            assertThat(client.stats().retries()).isEqualTo(2);
            assertThat(client.stats().rateLimited()).isEqualTo(fault == Fault.RATE_LIMIT ? 2 : 0);
        }
    }

    @Test
    void faultThatNeverClearsFailsNamingTheRequest() {
        for (int i = 0; i < 10; i++) {
            hub.enqueueFault(PROCESS, Fault.UNAVAILABLE);
        }
        try (DownloadClient client = client()) {
            assertThatThrownBy(() -> client.download(process())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("POST " + hub.url(PROCESS)).hasMessageContaining("failed after 4 attempts")
                    .hasMessageContaining("HTTP 503").hasMessageContaining("Injected unavailability")
                    .satisfies(e -> assertThat(((DownloadFailedException) e).status()).isEqualTo(503));
            assertThat(client.stats().attempts()).isEqualTo(4);
            assertThat(client.stats().failures()).isEqualTo(1);
        }
    }

    @Test
    void timeoutsThatNeverClearFailWithTheCause() {
        for (int i = 0; i < 4; i++) {
            hub.enqueueFault(PROCESS, Fault.STALL);
        }
        try (DownloadClient client = DownloadClient.create(hub.config().downloadTimeout(Duration.ofMillis(200))
                .maxDownloadAttempts(4).build())) {
            assertThatThrownBy(() -> client.download(process())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("POST " + hub.url(PROCESS)).hasMessageContaining("SocketTimeoutException")
                    .satisfies(e -> assertThat(((DownloadFailedException) e).status()).isEqualTo(-1));
        }
    }

    @Test
    void endlessRateLimitStopsAtMaxRetries() {
        for (int i = 0; i < 5; i++) {
            hub.enqueueFault(PROCESS, Fault.RATE_LIMIT);
        }
        try (DownloadClient client = DownloadClient.create(hub.config().maxRetries(2).build())) {
            assertThatThrownBy(() -> client.download(process())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("rate limited").hasMessageContaining("POST " + hub.url(PROCESS));
            assertThat(client.stats().attempts()).isEqualTo(3);
        }
    }

    @Test
    void userErrorsFailAtOnceWithTheServerMessage() {
        try (DownloadClient client = client()) {
            assertThatThrownBy(() -> client.download(DownloadRequest.get(hub.url("/bad-request"))))
                    .isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("GET " + hub.url("/bad-request")).hasMessageContaining("HTTP 400")
                    .hasMessageContaining("Invalid evalscript: line 3");
            assertThatThrownBy(() -> client.download(DownloadRequest.get(hub.url("/missing"))))
                    .hasMessageContaining("HTTP 404");
            assertThat(client.stats().attempts()).isEqualTo(2);
        }
    }

    @Test
    void serverMessageFormats() {
        assertThat(HttpSupport.serverMessage("{\"error\":{\"status\":400,\"message\":\"bad bbox\"}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("bad bbox");
        assertThat(HttpSupport.serverMessage("{\"error\":\"invalid_client\",\"error_description\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("invalid_client: nope");
        assertThat(HttpSupport.serverMessage(("<?xml version=\"1.0\"?><ServiceExceptionReport><ServiceException>"
                + "Layer not found</ServiceException></ServiceExceptionReport>").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Layer not found");
        assertThat(HttpSupport.serverMessage("plain\n text".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain text");
    }

    @Test
    void answersAreValidated() {
        try (DownloadClient client = client()) {
            DownloadResponse tar = client.download(DownloadRequest.get(hub.url("/tar")).withExpectedContentType("application/x-tar"));
            assertThat(ResponseValidator.isTar(tar.body())).isTrue();
            assertThatThrownBy(() -> client.download(DownloadRequest.get(hub.url("/badjson"))))
                    .hasMessageContaining("JSON answer does not parse").hasMessageContaining("failed after 4 attempts");
            assertThatThrownBy(() -> client.download(DownloadRequest.get(hub.url("/tar")).withExpectedContentType("image/tiff")))
                    .hasMessageContaining("content type 'application/x-tar' where 'image/tiff' was expected");
        }
        assertThat(ResponseValidator.isTiff(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8})).isTrue();
        assertThat(ResponseValidator.isTiff(new byte[] {'I', 'I', 0, 42, 0, 0, 0, 8})).isFalse();
    }

    @Test
    void authenticatedRequestWithoutCredentialsFails() {
        try (DownloadClient client = DownloadClient.create(hub.config().clientId("").clientSecret("").build())) {
            assertThat(client.session()).isNull();
            assertThatThrownBy(() -> client.download(process())).hasMessageContaining("needs OAuth2 credentials");
            assertThat(client.download(DownloadRequest.get(hub.url("/ogc/wms/abc"))).json().get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void cacheHitDoesNotTouchTheNetwork() throws IOException {
        try (DownloadClient client = DownloadClient.create(hub.config().cacheFolder(dir).build())) {
            DownloadResponse first = client.download(process());
            int requestsBefore = hub.requestCount();
            DownloadResponse second = client.download(process());
            assertThat(second.fromCache()).isTrue();
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.contentType()).isEqualTo("image/tiff");
            assertThat(hub.requestCount()).isEqualTo(requestsBefore);
            assertThat(client.stats().cacheHits()).isEqualTo(1);

            // Another body is another entry; a non-cacheable request does not read the cache.
            client.download(DownloadRequest.postJson(hub.url(PROCESS), "{\"input\":1}", "image/tiff"));
            client.download(process().withCache(false));
            assertThat(processed.get()).isEqualTo(3);
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> entries = s.toList();
                assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e.getFileName().toString()).hasSize(64));
                Path entry = entries.get(0);
                assertThat(entry.resolve("response.tiff")).exists();
                String json = Files.readString(entry.resolve("request.json"));
                assertThat(json).contains("\"method\" : \"POST\"").contains(PROCESS).doesNotContain("Bearer")
                        .doesNotContain("Authorization");
            }
        }
        // A new client (e.g. a new process) reads the same cache.
        try (DownloadClient client = DownloadClient.create(hub.config().cacheFolder(dir).build())) {
            assertThat(client.download(process()).fromCache()).isTrue();
            assertThat(hub.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void concurrentIdenticalRequestsDownloadOnce() throws IOException {
        try (DownloadClient client = DownloadClient.create(hub.config().cacheFolder(dir).maxThreads(16).build())) {
            List<DownloadRequest> rs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                rs.add(process());
            }
            List<DownloadResponse> out = client.downloadAll(rs);
            assertThat(out).allSatisfy(r -> assertThat(r.body()).isEqualTo(FakeSentinelHub.tiffBytes(PAYLOAD)));
            assertThat(processed.get()).isEqualTo(1);
            assertThat(client.stats().cacheHits()).isEqualTo(63);
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.toList()).hasSize(1);
            }
        }
    }

    @Test
    void downloadAllKeepsOrderAndReportsTheFirstFailure() {
        try (DownloadClient client = client()) {
            List<DownloadRequest> rs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                rs.add(DownloadRequest.get(hub.url("/ogc/wms/inst?i=" + i)));
            }
            List<DownloadResponse> out = client.downloadAll(rs);
            for (int i = 0; i < 20; i++) {
                assertThat(out.get(i).request().url().getQuery()).isEqualTo("i=" + i);
            }
            rs.set(7, DownloadRequest.get(hub.url("/bad-request")));
            assertThatThrownBy(() -> client.downloadAll(rs)).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("GET " + hub.url("/bad-request"));
        }
    }

    @Test
    void tokenFailureNamesTheDownloadRequest() {
        try (DownloadClient client = DownloadClient.create(hub.config().clientSecret("not-the-right-secret-42").build())) {
            assertThatThrownBy(() -> client.download(process())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageStartingWith("POST " + hub.url(PROCESS) + " failed: no access token")
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("not-the-right-secret-42");
            assertThat(client.stats().failures()).isEqualTo(1);
        }
    }

    @Test
    void corruptCacheEntryIsDownloadedAgain() throws IOException {
        try (DownloadClient client = DownloadClient.create(hub.config().cacheFolder(dir).build())) {
            client.download(process());
            Path entry;
            try (Stream<Path> s = Files.list(dir)) {
                entry = s.findFirst().orElseThrow();
            }
            Files.writeString(entry.resolve("response.tiff"), "garbage");
            DownloadResponse again = client.download(process());
            assertThat(again.fromCache()).isFalse();
            assertThat(again.body()).isEqualTo(FakeSentinelHub.tiffBytes(PAYLOAD));
            assertThat(processed.get()).isEqualTo(2);
            DownloadResponse third = client.download(process());
            assertThat(third.fromCache()).isTrue();
            assertThat(third.body()).isEqualTo(FakeSentinelHub.tiffBytes(PAYLOAD));
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.toList()).hasSize(1);
            }
        }
    }

    @Test
    void unreadableCacheEntryIsReplaced() throws IOException {
        try (DownloadClient client = DownloadClient.create(hub.config().cacheFolder(dir).build())) {
            client.download(process());
            Path entry;
            try (Stream<Path> s = Files.list(dir)) {
                entry = s.findFirst().orElseThrow();
            }
            Files.delete(entry.resolve("request.json"));
            assertThat(client.download(process()).fromCache()).isFalse();
            assertThat(client.download(process()).fromCache()).isTrue();
            assertThat(entry.resolve("request.json")).exists();
            assertThat(processed.get()).isEqualTo(2);
        }
    }

    @Test
    void headRequestsHaveNoBodyToCheck() {
        try (DownloadClient client = client()) {
            DownloadRequest head = new DownloadRequest("HEAD", hub.url("/tar"), null, null, false, "application/x-tar", false);
            DownloadResponse r = client.download(head);
            assertThat(r.bodyLength()).isZero();
            assertThat(r.contentType()).isEqualTo("application/x-tar");
        }
    }

    @Test
    void contentTypeIsAPrefixMatch() {
        hub.handlePublic("/multi", r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "multipart/mixed; boundary=abc").body("--abc--").build());
        hub.handlePublic("/tiff32", r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "image/tiff;depth=32f")
                .body(new okio.Buffer().write(FakeSentinelHub.tiffBytes(PAYLOAD))).build());
        try (DownloadClient client = client()) {
            assertThat(client.download(DownloadRequest.get(hub.url("/multi")).withExpectedContentType("multipart/"))
                    .contentType()).startsWith("multipart/mixed");
            assertThat(client.download(DownloadRequest.get(hub.url("/tiff32")).withExpectedContentType("IMAGE/TIFF"))
                    .bodyLength()).isEqualTo(8 + PAYLOAD.length);
        }
    }

    @Test
    void requestValueSemantics() {
        DownloadRequest a = process();
        DownloadRequest b = process();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.withHeader("Authorization", "Bearer xyz").toString()).doesNotContain("xyz");
        assertThat(a.headers().get("content-type")).isEqualTo("application/json");
        byte[] body = a.body();
        body[0] = 'X';
        assertThat(a.body()[0]).isEqualTo((byte) '{');
        assertThatThrownBy(() -> DownloadRequest.get(java.net.URI.create("relative/path")))
                .hasMessageContaining("absolute");
    }
}
