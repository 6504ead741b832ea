package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.RetryPolicy;
import org.eolearn.io.sentinelhub.client.SHConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Range reads on the download client: Content-Range checks, the cache keyed by range, servers without ranges. */
class HttpRangeReaderTest {

    @TempDir
    Path tmp;

    static byte[] file(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static byte[] slice(byte[] b, int from, int len) {
        return java.util.Arrays.copyOfRange(b, from, Math.min(b.length, from + len));
    }

    @Test
    void rangesAreReadAndTheSizeLearntFromContentRange() throws Exception {
        byte[] bytes = file(50_000);
        try (StacTestServer server = new StacTestServer(); DownloadClient http = server.client()) {
            server.file("/f.tif", bytes);
            HttpRangeReader r = new HttpRangeReader(http, SignedAsset.of(server.url("/f.tif")));
            assertThat(r.read(100, 1000)).containsExactly(slice(bytes, 100, 1000));
            assertThat(r.size()).isEqualTo(50_000);
            // past the end: fewer bytes, then none
            assertThat(r.read(49_990, 100)).containsExactly(slice(bytes, 49_990, 100));
            assertThat(r.read(60_000, 10)).isEmpty();
            List<byte[]> many = r.read(List.of(new long[] {0, 10}, new long[] {30_000, 5}, new long[] {7, 3}));
            assertThat(many.get(0)).containsExactly(slice(bytes, 0, 10));
            assertThat(many.get(1)).containsExactly(slice(bytes, 30_000, 5));
            assertThat(many.get(2)).containsExactly(slice(bytes, 7, 3));
            assertThat(server.requests("/f.tif")).allSatisfy(q -> assertThat(q.getHeaders().get("Range"))
                    .startsWith("bytes="));
        }
    }

    @Test
    void theCacheKeepsEachRangeApart() throws Exception {
        byte[] bytes = file(20_000);
        try (StacTestServer server = new StacTestServer()) {
            server.file("/f.tif", bytes);
            SHConfig config = SHConfig.builder().cacheFolder(tmp.resolve("cache")).maxDownloadAttempts(2).build();
            try (DownloadClient http = DownloadClient.create(config, RetryPolicy.of(config).withSleeper(d -> { }))) {
                HttpRangeReader r = new HttpRangeReader(http, SignedAsset.of(server.url("/f.tif")));
                assertThat(r.read(0, 100)).containsExactly(slice(bytes, 0, 100));
                assertThat(r.read(100, 100)).containsExactly(slice(bytes, 100, 100));
                int before = server.requests("/f.tif").size();
                HttpRangeReader again = new HttpRangeReader(http, SignedAsset.of(server.url("/f.tif")));
                assertThat(again.read(100, 100)).containsExactly(slice(bytes, 100, 100));
                assertThat(again.read(0, 100)).containsExactly(slice(bytes, 0, 100));
                assertThat(server.requests("/f.tif")).as("answered from the cache").hasSize(before);
                assertThat(again.size()).as("the size survives the cache").isEqualTo(20_000);
            }
        }
    }

    @Test
    void aServerWithoutRangesSendsTheWholeFileOnce() throws Exception {
        byte[] bytes = file(5_000);
        try (StacTestServer server = new StacTestServer(); DownloadClient http = server.client()) {
            server.handle("/f.tif", q -> new MockResponse.Builder().code(200).addHeader("Content-Type", "image/tiff")
                    .body(new okio.Buffer().write(bytes)).build());
            HttpRangeReader r = new HttpRangeReader(http, SignedAsset.of(server.url("/f.tif")));
            assertThat(r.read(10, 20)).containsExactly(slice(bytes, 10, 20));
            assertThat(r.read(4_000, 2_000)).containsExactly(slice(bytes, 4_000, 2_000));
            assertThat(r.size()).isEqualTo(5_000);
            assertThat(server.requests("/f.tif")).hasSize(1);
        }
    }

    @Test
    void aPartFromTheWrongOffsetIsRetriedThenReported() throws Exception {
        byte[] bytes = file(5_000);
        try (StacTestServer server = new StacTestServer(); DownloadClient http = server.client()) {
            server.handle("/f.tif", q -> StacTestServer.range(bytes, "bytes=0-99", "GET"));
            HttpRangeReader r = new HttpRangeReader(http, SignedAsset.of(server.url("/f.tif?sig=SECRET&se=x")));
            assertThatThrownBy(() -> r.read(1000, 100)).hasMessageContaining("bytes from 0 where bytes from 1000")
                    .hasMessageNotContaining("SECRET").hasMessageContaining("/f.tif");
            assertThat(server.requests("/f.tif")).hasSize(3);
            assertThat(r.name()).doesNotContain("SECRET");
        }
    }
}
