package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The retry policy through the OkHttp interceptors, with a recording sleeper: no real waits. */
class RetryTest {
    private static final String CATALOG = "/api/v1/catalog";
    private static final String PUBLIC = "/public/";

    private FakeSentinelHub hub;
    private final MutableClock clock = new MutableClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @BeforeEach
    void start() {
        hub = FakeSentinelHub.start();
        hub.handle(CATALOG, r -> FakeSentinelHub.json(200, "{\"features\":[]}"));
        hub.handlePublic(PUBLIC, r -> FakeSentinelHub.json(200, "{\"ok\":true}"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DownloadClient client(SHConfig config) {
        return DownloadClient.create(config, RetryPolicy.of(config).withClock(clock).withSleeper(sleeper));
    }

    /** The fake hub's host (localhost) is a Sentinel Hub host here: it is the configured base and token URL. */
    private DownloadClient sentinelHubClient() {
        return client(hub.config().downloadSleepTime(Duration.ofSeconds(1)).build());
    }

    /** A configuration for which the fake hub's host is some other service. */
    private SHConfig otherServiceConfig() {
        return SHConfig.builder().shBaseUrl(URI.create("https://services.example.invalid"))
                .shTokenUrl(URI.create("https://identity.example.invalid/token")).sentinelHubHosts(List.of())
                .downloadSleepTime(Duration.ofSeconds(1)).downloadTimeout(Duration.ofSeconds(2)).build();
    }

    private DownloadRequest catalog() {
        return DownloadRequest.postJson(hub.url(CATALOG + "/1.0.0/search"), "{}", "application/json");
    }

    private DownloadRequest publicGet() {
        return DownloadRequest.get(hub.url(PUBLIC + "x"));
    }

    @Test
    void sentinelHubRetryAfterIsMilliseconds() {
        hub.retryAfter("500").enqueueFault(CATALOG, Fault.RATE_LIMIT).enqueueFault(PUBLIC, Fault.RATE_LIMIT);
        try (DownloadClient client = sentinelHubClient()) {
            assertThat(client.download(catalog()).status()).isEqualTo(200);
            assertThat(client.download(publicGet()).status()).isEqualTo(200);
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
            assertThat(client.stats().rateLimited()).isEqualTo(2);
            assertThat(client.stats().retries()).isEqualTo(2);
            assertThat(client.stats().attempts()).isEqualTo(4);
        }
    }

    @Test
    void otherServicesRetryAfterIsSeconds() {
        hub.retryAfter("3").enqueueFault(PUBLIC, Fault.RATE_LIMIT);
        try (DownloadClient client = client(otherServiceConfig())) {
            client.download(publicGet());
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        }
    }

    @Test
    void sentinelHubHostsAreAPolicySetting() {
        SHConfig config = otherServiceConfig().toBuilder().sentinelHubHosts(List.of(hub.baseUrl().getHost())).build();
        hub.retryAfter("3").enqueueFault(PUBLIC, Fault.RATE_LIMIT);
        try (DownloadClient client = client(config)) {
            client.download(publicGet());
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(3));
        }
        RetryPolicy p = RetryPolicy.of(SHConfig.sentinelHub());
        assertThat(p.retryAfterInMilliseconds("services.sentinel-hub.com")).isTrue();
        assertThat(p.retryAfterInMilliseconds("services-uswest2.sentinel-hub.com")).isTrue();
        assertThat(p.retryAfterInMilliseconds("sh.dataspace.copernicus.eu")).isTrue();
        assertThat(p.retryAfterInMilliseconds("identity.dataspace.copernicus.eu")).isTrue();
        assertThat(p.retryAfterInMilliseconds("sentinel-hub.com.evil.example")).isFalse();
        assertThat(p.retryAfterInMilliseconds("example.com")).isFalse();
        assertThat(RetryPolicy.of(SHConfig.builder().shBaseUrl(URI.create("https://my.deployment.example")).build())
                .retryAfterInMilliseconds("my.deployment.example")).isTrue();
    }

    @Test
    void httpDateRetryAfter() {
        Instant at = clock.instant().plusSeconds(7).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
        hub.retryAfter(date).enqueueFault(PUBLIC, Fault.RATE_LIMIT).enqueueFault(PUBLIC, Fault.RATE_LIMIT);
        try (DownloadClient client = sentinelHubClient()) {
            client.download(publicGet());
            // The first wait reaches the date; the second 429 names the same date, now past: no wait.
            assertThat(sleeper.waits()).containsExactly(Duration.between(clock.instant().minus(sleeper.waits().get(0)), at),
                    Duration.ZERO);
            assertThat(sleeper.waits().get(0)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7));
        }
    }

    @Test
    void retryAfterParsing() {
        RetryPolicy p = RetryPolicy.of(SHConfig.sentinelHub()).withClock(clock);
        Instant now = clock.instant();
        String in10 = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(10).atZone(ZoneOffset.UTC));
        String ago = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(10).atZone(ZoneOffset.UTC));
        assertThat(p.retryAfter("3", "example.com")).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.retryAfter("1.5", "example.com")).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.retryAfter("3", "services.sentinel-hub.com")).isEqualTo(Duration.ofMillis(3));
        assertThat(p.retryAfter(" 2500 ", "services.sentinel-hub.com")).isEqualTo(Duration.ofMillis(2500));
        assertThat(p.retryAfter(in10, "example.com")).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(p.retryAfter(in10, "services.sentinel-hub.com")).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(p.retryAfter(ago, "example.com")).isEqualTo(Duration.ZERO);
        assertThat(p.retryAfter("soon", "example.com")).isNull();
        assertThat(p.retryAfter("-1", "example.com")).isNull();
        assertThat(p.retryAfter("NaN", "example.com")).isNull();
        assertThat(p.retryAfter("1e9", "example.com")).isNull();
        assertThat(p.retryAfter(null, "example.com")).isNull();
    }

    @Test
    void everyWaitIsCapped() {
        hub.retryAfter("600000").enqueueFault(PUBLIC, Fault.RATE_LIMIT); // 10 minutes in milliseconds
        try (DownloadClient client = sentinelHubClient()) {
            client.download(publicGet());
        }
        hub.retryAfter("3600").enqueueFault(PUBLIC, Fault.RATE_LIMIT); // an hour in seconds
        try (DownloadClient client = client(otherServiceConfig().toBuilder().maxRetryWait(Duration.ofSeconds(5)).build())) {
            client.download(publicGet());
        }
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(5));

        // The backoff is capped too: 10 s, 30 s, 90 s -> 60 s.
        RetryPolicy p = RetryPolicy.of(SHConfig.builder().downloadSleepTime(Duration.ofSeconds(10)).build());
        assertThat(p.maxWait()).isEqualTo(SHConfig.DEFAULT_MAX_RETRY_WAIT).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.afterFailure(1).duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.afterFailure(2).duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.afterFailure(3).duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.afterFailure(3).capped()).isTrue();
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void serverErrorsBackOffExponentially() {
        hub.enqueueFault(PUBLIC, Fault.UNAVAILABLE).enqueueFault(PUBLIC, Fault.SERVER_ERROR)
                .enqueueFault(PUBLIC, Fault.DISCONNECT);
        try (DownloadClient client = sentinelHubClient()) {
            assertThat(client.download(publicGet()).status()).isEqualTo(200);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9));
            assertThat(client.stats().attempts()).isEqualTo(4);
            assertThat(client.stats().retries()).isEqualTo(3);
        }
        for (int i = 0; i < 4; i++) {
            hub.enqueueFault(PUBLIC, Fault.UNAVAILABLE);
        }
        try (DownloadClient client = sentinelHubClient()) {
            assertThatThrownBy(() -> client.download(publicGet())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("failed after 4 attempts").hasMessageContaining("HTTP 503");
        }
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOff() {
        hub.retryAfter(null).enqueueFault(PUBLIC, Fault.RATE_LIMIT).enqueueFault(PUBLIC, Fault.RATE_LIMIT);
        try (DownloadClient client = sentinelHubClient()) {
            client.download(publicGet());
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
        }
    }

    @Test
    void logLinesSayHowLongAndWhyWithoutSecrets() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = ctx.getLogger(RetryInterceptor.class);
        Logger auth = ctx.getLogger(TokenAuthenticator.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(ctx);
        appender.start();
        logger.addAppender(appender);
        auth.addAppender(appender);
        Level before = auth.getLevel();
        auth.setLevel(Level.INFO);
        try (DownloadClient client = sentinelHubClient()) {
            hub.retryAfter("500").enqueueFault(PUBLIC, Fault.RATE_LIMIT).enqueueFault(PUBLIC, Fault.UNAVAILABLE);
            client.download(DownloadRequest.get(hub.url(PUBLIC + "x?access_token=query-secret-123456")));
            hub.retryAfter("900000").enqueueFault(PUBLIC, Fault.RATE_LIMIT);
            client.download(publicGet());
            client.download(catalog());
            hub.revokeTokens();
            client.download(catalog());
        } finally {
            logger.detachAppender(appender);
            auth.detachAppender(appender);
            auth.setLevel(before);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        List<Level> levels = appender.list.stream().map(ILoggingEvent::getLevel).toList();
        String base = hub.baseUrl().toString().replaceAll("/$", "");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("GET " + base + PUBLIC + "x?... was rate limited (HTTP 429, Retry-After: 500 ms "
                + "(Sentinel Hub)); retrying in 500 ms");
        assertThat(lines.get(1)).startsWith("GET " + base + PUBLIC + "x?... failed (HTTP 503: Injected unavailability), "
                + "attempt 1 of 4; retrying in 1000 ms (backoff 1000 ms after attempt 1)");
        assertThat(lines.get(2)).isEqualTo("GET " + base + PUBLIC + "x was rate limited (HTTP 429, Retry-After: 900000 ms "
                + "(Sentinel Hub), capped at 60000 ms); retrying in 60000 ms");
        assertThat(lines.get(3)).isEqualTo("POST " + base + CATALOG + "/1.0.0/search answered 401; fetched a new token "
                + "and retrying");
        assertThat(levels).containsExactly(Level.WARN, Level.WARN, Level.WARN, Level.INFO);
        assertThat(String.join("\n", lines)).doesNotContain("query-secret-123456").doesNotContain("eyJ");
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void unauthorizedRefreshesTheTokenThroughTheAuthenticator() throws Exception {
        try (DownloadClient client = sentinelHubClient()) {
            client.download(catalog());
            hub.revokeTokens();
            assertThat(client.download(catalog()).status()).isEqualTo(200);
            List<RecordedRequest> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seen.add(hub.server().takeRequest());
            }
            assertThat(seen).extracting(r -> r.getUrl().encodedPath())
                    .containsExactly(FakeSentinelHub.TOKEN_PATH, CATALOG + "/1.0.0/search", CATALOG + "/1.0.0/search",
                            FakeSentinelHub.TOKEN_PATH, CATALOG + "/1.0.0/search");
            List<String> tokens = hub.issuedTokens();
            assertThat(seen.get(2).getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.get(0));
            assertThat(seen.get(4).getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.get(1));
            assertThat(client.stats().attempts()).isEqualTo(3);
            assertThat(client.stats().retries()).isEqualTo(1);
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void unauthenticatedRequestsAnswered401AreNotRetried() {
        hub.enqueueFault(PUBLIC, Fault.UNAUTHORIZED);
        try (DownloadClient client = sentinelHubClient()) {
            assertThatThrownBy(() -> client.download(publicGet())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("HTTP 401");
            assertThat(hub.tokenRequests()).isZero();
            assertThat(client.stats().attempts()).isEqualTo(1);
        }
    }

    @Test
    void tokenEndpointRateLimitIsMilliseconds() {
        hub.retryAfter("250").enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.RATE_LIMIT)
                .enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.UNAVAILABLE);
        SHConfig config = hub.config().downloadSleepTime(Duration.ofSeconds(2)).build();
        try (SentinelHubSession s = SentinelHubSession.create(config, RetryPolicy.of(config).withSleeper(sleeper))) {
            assertThat(s.token()).isEqualTo(hub.issuedTokens().get(0));
            assertThat(s.tokenRequests()).isEqualTo(3);
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2));
        }
        hub.retryAfter("7200000");
        for (int i = 0; i < 3; i++) {
            hub.enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.RATE_LIMIT);
        }
        SHConfig capped = config.toBuilder().maxRetries(2).maxRetryWait(Duration.ofSeconds(30)).build();
        try (SentinelHubSession s = SentinelHubSession.create(capped, RetryPolicy.of(capped).withSleeper(sleeper))) {
            assertThatThrownBy(s::token).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("token request POST " + hub.tokenUrl())
                    .hasMessageContaining("still rate limited (HTTP 429) after 2 retries")
                    .satisfies(e -> assertThat(((DownloadFailedException) e).status()).isEqualTo(429));
        }
        assertThat(sleeper.waits()).endsWith(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void anInterruptedWaitFailsTheDownload() {
        hub.enqueueFault(PUBLIC, Fault.UNAVAILABLE);
        SHConfig config = hub.config().build();
        Sleeper interrupted = d -> {
            throw new InterruptedException("test");
        };
        try (DownloadClient client = DownloadClient.create(config, RetryPolicy.of(config).withSleeper(interrupted))) {
            assertThatThrownBy(() -> client.download(publicGet())).isInstanceOf(DownloadFailedException.class)
                    .hasMessageEndingWith("interrupted");
            assertThat(Thread.interrupted()).isTrue(); // the flag is kept (and cleared here)
        }
    }

    @Test
    void http11ConnectionsAreStillReused() throws Exception {
        try (DownloadClient client = sentinelHubClient()) {
            for (int i = 0; i < 5; i++) {
                client.download(publicGet());
            }
            for (int i = 0; i < 5; i++) {
                assertThat(hub.server().takeRequest().getConnectionIndex()).isZero();
            }
        }
    }
}
