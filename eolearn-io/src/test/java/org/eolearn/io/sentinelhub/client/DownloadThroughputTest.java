package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Runs the throughput measurement against a local server answering after 50 ms (figures printed, not asserted). */
class DownloadThroughputTest {
    @Test
    void measuresWithFiftyMillisecondAnswers() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                            .body("x".repeat(1024)).headersDelay(50, TimeUnit.MILLISECONDS).build();
                }
            });
            server.start();
            URI url = server.url("/data").uri();
            for (int threads : new int[] {1, 4, 16}) {
                SHConfig config = SHConfig.builder().maxThreads(threads).build();
                try (DownloadClient client = DownloadClient.create(config)) {
                    DownloadThroughput.measure(client, url, threads * 2); // warm-up: connections, JIT
                    DownloadThroughput.Result r = DownloadThroughput.measure(client, url, threads * 20);
                    System.out.println("DownloadThroughput 50 ms answers: " + r);
                    assertThat(r.requests()).isEqualTo(threads * 20);
                    assertThat(r.threads()).isEqualTo(threads);
                    assertThat(r.bytes()).isEqualTo(threads * 20 * 1024L);
                }
            }
        }
    }
}
