package org.eolearn.io.sentinelhub;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.DownloadRequest;
import org.eolearn.io.sentinelhub.client.DownloadResponse;

/**
 * The {@link SHTransport} of the input tasks over the module's {@link DownloadClient}: OAuth2 session, parallel
 * downloads ({@code max_threads}), retries, 429 handling, answer validation and, for Process API requests, the
 * on-disk cache of the client's configuration.
 *
 * @since 0.1
 */
public final class DownloadClientTransport implements SHTransport {

    private final DownloadClient client;

    /**
     * Wraps a client.
     *
     * @param client the download client (not closed by this transport)
     */
    public DownloadClientTransport(DownloadClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public List<byte[]> execute(List<Request> requests) {
        List<DownloadRequest> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            boolean process = r.url().getPath().endsWith("/process");
            String accept = r.accept() == null || r.accept().equals("*/*") ? null : r.accept();
            DownloadRequest d;
            if (r.jsonBody() != null) {
                d = DownloadRequest.postJson(r.url(), r.jsonBody(), accept);
            } else {
                d = DownloadRequest.get(r.url()).withExpectedContentType(accept);
                if (accept != null) {
                    d = d.withHeader("Accept", accept);
                }
            }
            out.add(d.withAuthenticated(r.authenticated()).withCache(process));
        }
        List<byte[]> bodies = new ArrayList<>(out.size());
        for (DownloadResponse response : client.downloadAll(out)) {
            bodies.add(response.body());
        }
        return bodies;
    }
}
