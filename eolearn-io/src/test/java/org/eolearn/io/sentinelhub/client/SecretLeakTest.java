package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** No secret (client secret, access token, instance ID) in logs, exceptions, toString or cache files. */
class SecretLeakTest {
    private static final String INSTANCE = "inst-5f1c2d3e-4b5a-6978-8796-a5b4c3d2e1f0";
    @TempDir Path cache;

    @Test
    void secretsNeverLeak() throws IOException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = ctx.getLogger("org.eolearn");
        Level before = ours.getLevel();
        ours.setLevel(Level.TRACE);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(ctx);
        appender.start();
        root.addAppender(appender);
        ours.addAppender(appender);
        List<String> texts = new ArrayList<>();
        try (FakeSentinelHub hub = FakeSentinelHub.start()) {
            // A verbose server that echoes the request's Authorization header in its error message.
            hub.handle("/api/v1/process", r -> FakeSentinelHub.error(400, "Bad Request",
                    "cannot use " + r.getHeaders().get("Authorization") + " here"));
            hub.handle("/api/v1/catalog", r -> FakeSentinelHub.json(200, "{\"features\":[]}"));
            hub.handlePublic("/ogc/wms/", r -> FakeSentinelHub.error(400, "Bad Request", "Unknown instance " + INSTANCE));
            SHConfig config = hub.config().instanceId(INSTANCE).cacheFolder(cache)
                    .downloadTimeout(Duration.ofMillis(300)).build();
            LoggerFactory.getLogger("org.eolearn.test").info("configuration: {}", config);
            texts.add(config.toString());
            try (DownloadClient client = DownloadClient.create(config)) {
                texts.add(client.download(DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"), "{}",
                        "application/json")).toString());
                hub.revokeTokens();
                hub.enqueueFault("/api/v1/catalog", Fault.STALL).enqueueFault("/api/v1/catalog", Fault.SERVER_ERROR);
                texts.add(client.download(DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"), "{\"a\":1}",
                        "application/json")).toString());
                texts.add(failure(() -> client.download(DownloadRequest.postJson(hub.url("/api/v1/process"), "{}", "image/tiff"))));
                texts.add(failure(() -> client.download(DownloadRequest.get(hub.url("/ogc/wms/" + INSTANCE + "?REQUEST=GetMap")))));
                for (int i = 0; i < 4; i++) {
                    hub.enqueueFault("/api/v1/catalog", Fault.DISCONNECT);
                }
                texts.add(failure(() -> client.download(DownloadRequest.postJson(hub.url("/api/v1/catalog/1.0.0/search"),
                        "{\"b\":2}", "application/json"))));
                texts.add(client.toString());
                texts.add(client.session().toString());
                texts.add(client.stats().toString());
            }
            try (SentinelHubSession wrong = SentinelHubSession.create(config.toBuilder().clientSecret(hub.clientSecret() + "x").build())) {
                texts.add(failure(wrong::token));
            }

            for (ILoggingEvent e : appender.list) {
                texts.add(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    texts.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
            }
            try (Stream<Path> files = Files.walk(cache)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    texts.add(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
            List<String> secrets = new ArrayList<>(hub.issuedTokens());
            secrets.add(hub.clientSecret());
            secrets.add(INSTANCE);
            assertThat(hub.issuedTokens()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(appender.list).isNotEmpty();
            assertThat(String.join("\n", texts)).contains("HTTP 400").contains("*****");
            for (String text : texts) {
                for (String secret : secrets) {
                    assertThat(text).doesNotContain(secret);
                }
                assertThat(text).doesNotContain("Bearer eyJ");
            }
        } finally {
            root.detachAppender(appender);
            ours.detachAppender(appender);
            ours.setLevel(before);
        }
    }

    private static String failure(Runnable r) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(r::run).isInstanceOf(DownloadFailedException.class).satisfies(e -> caught[0] = e);
        StringWriter w = new StringWriter();
        caught[0].printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
