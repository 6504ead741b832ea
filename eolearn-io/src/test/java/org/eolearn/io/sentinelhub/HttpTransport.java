package org.eolearn.io.sentinelhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** An {@link SHTransport} over the JDK HTTP client (tests only; the module's download client replaces it). */
final class HttpTransport implements SHTransport {

    private final HttpClient client = HttpClient.newHttpClient();
    final List<Request> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<byte[]> execute(List<Request> requests) {
        List<byte[]> out = new ArrayList<>();
        for (Request r : requests) {
            sent.add(r);
            HttpRequest.Builder b = HttpRequest.newBuilder(r.url()).header("Accept", r.accept());
            if (r.authenticated()) {
                b.header("Authorization", "Bearer test-token");
            }
            if (r.jsonBody() != null) {
                b.header("Content-Type", "application/json").method(r.method(),
                        HttpRequest.BodyPublishers.ofString(r.jsonBody()));
            } else {
                b.method(r.method(), HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<byte[]> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() >= 400) {
                    throw new IllegalStateException(r.method() + " " + r.url() + " failed with HTTP "
                            + resp.statusCode() + ": " + new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                out.add(resp.body());
            } catch (IOException e) {
                throw new UncheckedIOException(r.method() + " " + r.url() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
    }
}
