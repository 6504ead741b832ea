package org.eolearn.io.stac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eolearn.io.raster.RangeReader;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.DownloadFailedException;
import org.eolearn.io.sentinelhub.client.DownloadRequest;
import org.eolearn.io.sentinelhub.client.DownloadResponse;

/**
 * A remote file read by HTTP range requests on the project's {@link DownloadClient}: its retries (429 with
 * {@code Retry-After}, 5xx, broken connections), its rate limits and, for unsigned URLs, its on-disk cache (keyed
 * by URL and range). A partial answer is checked against its {@code Content-Range} (a truncated part is retried);
 * the file size comes from the first answer. Several ranges are fetched in parallel on the client's threads.
 * A server that ignores ranges (HTTP 200) is accepted: the whole file is kept for later reads.
 *
 * <pre>{@code
 * try (CogReader cog = CogReader.open(new HttpRangeReader(client, signer.sign(item, "red")))) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class HttpRangeReader implements RangeReader {

    private final DownloadClient client;
    private final SignedAsset asset;
    private final boolean cache;
    private volatile long size = -1;
    private volatile byte[] whole;

    /**
     * A reader of one asset.
     *
     * @param client the download client
     * @param asset  the URL to read and the headers to send (e.g. from an {@link AssetSigner})
     */
    public HttpRangeReader(DownloadClient client, SignedAsset asset) {
        this.client = Objects.requireNonNull(client, "client");
        this.asset = Objects.requireNonNull(asset, "asset");
        String q = asset.uri().getRawQuery();
        // signed URLs change with every token: caching them would only fill the cache
        this.cache = asset.headers().isEmpty() && (q == null || !q.contains("sig="));
    }

    @Override
    public String name() {
        return SignedAsset.redact(asset.uri());
    }

    @Override
    public long size() throws IOException {
        if (size < 0) {
            read(0, 1);
        }
        return size;
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        return read(List.of(new long[] {offset, length})).get(0);
    }

    @Override
    public List<byte[]> read(List<long[]> ranges) throws IOException {
        byte[] all = whole;
        long known = size;
        // which ranges need a request: none past the known end, none once the whole file is here
        boolean[] asked = new boolean[ranges.size()];
        List<DownloadRequest> requests = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            asked[i] = all == null && r[1] > 0 && !(known >= 0 && r[0] >= known);
            if (asked[i]) {
                requests.add(request(r[0], r[1]));
            }
        }
        List<DownloadResponse> answers;
        try {
            answers = requests.isEmpty() ? List.of() : client.downloadAll(requests);
        } catch (DownloadFailedException e) {
            throw new IOException(name() + ": " + e.getMessage(), e);
        }
        List<byte[]> out = new ArrayList<>(ranges.size());
        int k = 0;
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            if (!asked[i]) {
                out.add(all != null ? slice(all, r) : new byte[0]);
                continue;
            }
            DownloadResponse a = answers.get(k++);
            if (a.status() == 200) {
                // a server that ignores ranges: keep the whole file for this and later reads
                byte[] body = a.body();
                whole = body;
                size = body.length;
                out.add(slice(body, r));
                continue;
            }
            long[] cr = a.contentRange();
            if (cr == null) {
                throw new IOException(name() + ": a partial answer without Content-Range");
            }
            if (cr[2] >= 0) {
                size = cr[2];
            }
            out.add(a.body());
        }
        return out;
    }

    private static byte[] slice(byte[] all, long[] r) {
        int from = (int) Math.min(all.length, r[0]);
        int to = (int) Math.min(all.length, r[0] + r[1]);
        return Arrays.copyOfRange(all, from, to);
    }

    private DownloadRequest request(long offset, long length) {
        long last = size >= 0 ? Math.min(size - 1, offset + length - 1) : offset + length - 1;
        DownloadRequest r = DownloadRequest.get(asset.uri()).withHeader("Range", "bytes=" + offset + "-" + last)
                .withCache(cache);
        for (var h : asset.headers().entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }

    /** Nothing to release: the download client belongs to the caller. */
    @Override
    public void close() {
        whole = null;
    }

    @Override
    public String toString() {
        return "HttpRangeReader[" + name() + "]";
    }
}
