package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Servers that close the connection after each answer must not cost retries. */
class KeepAliveTest {
    private static SHConfig config() {
        return SHConfig.builder().downloadSleepTime(Duration.ofMillis(1)).downloadTimeout(Duration.ofSeconds(2))
                .maxThreads(2).build();
    }

    @Test
    void http10ServerThatClosesCostsNoRetry() throws IOException {
        int n = 12;
        try (Http10Server server = Http10Server.http10(); DownloadClient client = DownloadClient.create(config())) {
            for (int i = 1; i <= n; i++) {
                DownloadResponse r = client.download(DownloadRequest.get(server.url("/get?i=" + i)));
                assertThat(r.json().get("n").asInt()).isEqualTo(i);
            }
            assertThat(server.requests()).isEqualTo(n);
            assertThat(client.stats().attempts()).isEqualTo(n);
            assertThat(client.stats().retries()).isZero();
        }
    }

    @Test
    void http10PostsToAClosingServerCostNoRetry() throws IOException {
        int n = 6;
        try (Http10Server server = Http10Server.http10(); DownloadClient client = DownloadClient.create(config())) {
            for (int i = 1; i <= n; i++) {
                DownloadRequest post = new DownloadRequest("POST", server.url("/post"),
                        java.util.Map.of("Content-Type", "application/json"),
                        ("{\"i\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "application/json",
                        false);
                assertThat(client.download(post).json().get("n").asInt()).isEqualTo(i);
            }
            assertThat(server.requests()).isEqualTo(n);
            assertThat(client.stats().retries()).isZero();
        }
    }

    @Test
    void connectionCloseServerCostsNoRetry() throws IOException {
        try (Http10Server server = Http10Server.of("HTTP/1.1 200 OK", "Connection: close\r\n");
                DownloadClient client = DownloadClient.create(config())) {
            for (int i = 1; i <= 5; i++) {
                client.download(DownloadRequest.get(server.url("/get")));
            }
            assertThat(server.requests()).isEqualTo(5);
            assertThat(client.stats().retries()).isZero();
        }
    }
}
