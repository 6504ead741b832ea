package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentinelHubSessionTest {
    private FakeSentinelHub hub;

    @BeforeEach
    void start() {
        hub = FakeSentinelHub.start();
        hub.handle("/api/v1/catalog", r -> FakeSentinelHub.json(200, "{\"type\":\"FeatureCollection\",\"features\":[]}"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private SentinelHubSession session(SHConfig config, MutableClock clock) {
        return new SentinelHubSession(config, DownloadClient.newHttpClient(config), true, clock,
                SentinelHubSession.DEFAULT_REFRESH_MARGIN);
    }

    @Test
    void sendsAClientCredentialsForm() throws Exception {
        try (SentinelHubSession s = SentinelHubSession.create(hub.config().build())) {
            String token = s.token();
            assertThat(token).isEqualTo(hub.issuedTokens().get(0));
            var recorded = hub.server().takeRequest();
            assertThat(recorded.getMethod()).isEqualTo("POST");
            assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(recorded.getBody().utf8()).contains("grant_type=client_credentials")
                    .contains("client_id=" + hub.clientId());
            assertThat(recorded.getHeaders().get("Authorization")).isNull();
            assertThat(s.toString()).doesNotContain(token).doesNotContain(hub.clientSecret());
        }
    }

    @Test
    void oneTokenServesManyRequests() {
        try (DownloadClient client = DownloadClient.create(hub.config().maxThreads(8).build())) {
            List<DownloadRequest> rs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                rs.add(DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"), "{\"i\":" + i + "}",
                        "application/json"));
            }
            assertThat(client.downloadAll(rs)).hasSize(50);
            assertThat(hub.tokenRequests()).isEqualTo(1);
            assertThat(client.session().tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void refreshesBeforeExpiry() {
        MutableClock clock = new MutableClock();
        try (SentinelHubSession s = session(hub.config().build(), clock)) {
            String first = s.token();
            clock.advance(Duration.ofSeconds(3600 - 121));
            assertThat(s.token()).isEqualTo(first);
            clock.advance(Duration.ofSeconds(2)); // now within sentinelhub-py's 120 s margin
            String second = s.token();
            assertThat(second).isNotEqualTo(first);
            assertThat(hub.tokenRequests()).isEqualTo(2);
            assertThat(s.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        }
    }

    @Test
    void shortLivedTokensRefreshAtHalfTheirLife() {
        hub.expiresIn(Duration.ofSeconds(60));
        MutableClock clock = new MutableClock();
        try (SentinelHubSession s = session(hub.config().build(), clock)) {
            String first = s.token();
            assertThat(s.token()).isEqualTo(first);
            clock.advance(Duration.ofSeconds(29));
            assertThat(s.token()).isEqualTo(first);
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.token()).isNotEqualTo(first);
        }
    }

    @Test
    void unauthorizedAnswerRefreshesTheTokenOnceAndRetries() {
        try (DownloadClient client = DownloadClient.create(hub.config().build())) {
            DownloadRequest r = DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"), "{}", "application/json");
            client.download(r);
            hub.revokeTokens();
            DownloadResponse response = client.download(r);
            assertThat(response.status()).isEqualTo(200);
            assertThat(hub.tokenRequests()).isEqualTo(2);
            assertThat(client.stats().retries()).isEqualTo(1);

            // A second 401 in a row is not retried again.
            hub.enqueueFault("/api/v1/catalog", Fault.UNAUTHORIZED).enqueueFault("/api/v1/catalog", Fault.UNAUTHORIZED);
            assertThatThrownBy(() -> client.download(r)).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("Token revoked")
                    .hasMessageContaining("POST " + hub.url("/api/v1/catalog/1.0.0/search"));
        }
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        try (SentinelHubSession s = SentinelHubSession.create(hub.config().build())) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return s.token();
                }));
            }
            go.countDown();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            for (Future<String> f : fs) {
                tokens.add(f.get());
            }
            pool.shutdown();
            assertThat(tokens).hasSize(1);
            assertThat(hub.tokenRequests()).isEqualTo(1);

            // After a 401, many threads invalidate the same stale token: still one new token.
            String stale = tokens.iterator().next();
            List<Future<String>> again = new ArrayList<>();
            ExecutorService pool2 = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 32; i++) {
                again.add(pool2.submit(() -> {
                    s.invalidate(stale);
                    return s.token();
                }));
            }
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            for (Future<String> f : again) {
                fresh.add(f.get());
            }
            pool2.shutdown();
            assertThat(fresh).doesNotContain(stale);
            assertThat(hub.tokenRequests()).isBetween(2, 33);
        }
    }

    @Test
    void tokenEndpointErrorsAreRetried() {
        hub.enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.UNAVAILABLE)
                .enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.DISCONNECT)
                .enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.RATE_LIMIT);
        try (SentinelHubSession s = SentinelHubSession.create(hub.config().build())) {
            assertThat(s.token()).isEqualTo(hub.issuedTokens().get(0));
            assertThat(s.tokenRequests()).isEqualTo(4);
        }
    }

    @Test
    void tokenEndpointThatNeverRecoversFails() {
        for (int i = 0; i < 4; i++) {
            hub.enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.SERVER_ERROR);
        }
        try (SentinelHubSession s = SentinelHubSession.create(hub.config().build())) {
            assertThatThrownBy(s::token).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("failed after 4 attempts").hasMessageContaining("HTTP 500")
                    .hasMessageContaining(hub.tokenUrl().toString());
        }
    }

    @Test
    void wrongCredentialsFailAtOnceWithoutTheSecret() {
        SHConfig config = hub.config().clientSecret("wrong-secret-value-123456").build();
        try (SentinelHubSession s = SentinelHubSession.create(config)) {
            assertThatThrownBy(s::token).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong-secret-value-123456")
                    .satisfies(e -> assertThat(((DownloadFailedException) e).status()).isEqualTo(401));
            assertThat(hub.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void sharedSessionServesManyClients() {
        SHConfig config = hub.config().build();
        SentinelHubSession shared = SentinelHubSession.shared(config);
        assertThat(SentinelHubSession.shared(config.toBuilder().maxThreads(2).build())).isSameAs(shared);
        assertThat(SentinelHubSession.shared(config.toBuilder().clientSecret("other-secret-000000").build()))
                .isNotSameAs(shared);
        for (int i = 0; i < 3; i++) {
            try (DownloadClient client = DownloadClient.create(config, shared)) {
                client.download(DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"), "{}", "application/json"));
            }
        }
        assertThat(hub.tokenRequests()).isEqualTo(1);
        assertThat(shared.token()).isEqualTo(hub.issuedTokens().get(0));
    }

    @Test
    void sessionNeedsCredentials() {
        assertThatThrownBy(() -> SentinelHubSession.create(SHConfig.sentinelHub()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sh_client_id");
    }
}
