package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.RetryPolicy;
import org.eolearn.io.sentinelhub.client.SHConfig;

/**
 * A small STAC API on a MockWebServer: handlers by path, answers queued before them (faults), every request
 * recorded. The catalogue root is {@code /v1}.
 */
public final class StacTestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String QUERY = "https://api.stacspec.org/v1.0.0/item-search#query";
    static final String FILTER = "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter";
    static final String CQL2_JSON = "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json";
    static final String CQL2_TEXT = "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text";
    static final String CORE = "https://api.stacspec.org/v1.0.0/core";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Queue<MockResponse>> queued = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** The waits the download client's retry policy asked for (none is slept). */
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** Starts the server on a free port. */
    public StacTestServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                Queue<MockResponse> q = queued.get(path);
                MockResponse next = q == null ? null : q.poll();
                if (next != null) {
                    return next;
                }
                Function<RecordedRequest, MockResponse> h = handlers.get(path);
                return h == null ? json(404, "{\"code\":\"NotFound\",\"description\":\"no route " + path + "\"}")
                        : h.apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalogue root, {@code http://localhost:<port>/v1}. */
    URI root() {
        return url("/v1");
    }

    /**
     * A URL of this server.
     *
     * @param path the path
     * @return the URL
     */
    public URI url(String path) {
        String s = server.url("/").toString();
        return URI.create(s.substring(0, s.length() - 1) + path);
    }

    StacTestServer handle(String path, Function<RecordedRequest, MockResponse> handler) {
        handlers.put(path, handler);
        return this;
    }

    StacTestServer json(String path, String body) {
        return handle(path, r -> json(200, body));
    }

    StacTestServer enqueue(String path, MockResponse response) {
        queued.computeIfAbsent(path, k -> new ConcurrentLinkedQueue<>()).add(response);
        return this;
    }

    /**
     * Serves a file with HTTP range support (one range per request, as GDAL's /vsicurl/ and the project ask):
     * {@code 206} with {@code Content-Range}, {@code 200} without a {@code Range} header, {@code 416} past the end.
     */
    public StacTestServer file(String path, byte[] bytes) {
        return handle(path, r -> range(bytes, r.getHeaders().get("Range"), r.getMethod()));
    }

    static MockResponse range(byte[] bytes, String range, String method) {
        okio.Buffer body = new okio.Buffer();
        if (range == null) {
            if (!"HEAD".equals(method)) {
                body.write(bytes);
            }
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/tiff")
                    .addHeader("Accept-Ranges", "bytes").body(body).build();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range.trim());
        if (!m.matches()) {
            return json(400, "{\"code\":\"BadRange\",\"description\":\"multiple or malformed ranges\"}");
        }
        long a = Long.parseLong(m.group(1));
        long b = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Long.parseLong(m.group(2)));
        if (a >= bytes.length) {
            return new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + bytes.length).build();
        }
        body.write(bytes, (int) a, (int) (b - a + 1));
        return new MockResponse.Builder().code(206).addHeader("Content-Type", "image/tiff")
                .addHeader("Accept-Ranges", "bytes").addHeader("Content-Range", "bytes " + a + "-" + b + "/"
                        + bytes.length).body(body).build();
    }

    /** A range answer that claims the asked range but carries only half of it (a truncated part). */
    static MockResponse truncated(byte[] bytes, String range) {
        MockResponse full = range(bytes, range, "GET");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range.trim());
        if (!m.matches()) {
            return full;
        }
        long a = Long.parseLong(m.group(1));
        long b = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Long.parseLong(m.group(2)));
        okio.Buffer body = new okio.Buffer();
        body.write(bytes, (int) a, (int) Math.max(1, (b - a + 1) / 2));
        return new MockResponse.Builder().code(206).addHeader("Content-Type", "image/tiff")
                .addHeader("Content-Range", "bytes " + a + "-" + b + "/" + bytes.length).body(body).build();
    }

    /** All recorded requests. */
    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the recorded requests. */
    void clearRequests() {
        requests.clear();
    }

    /** The landing page with the given search methods (none: a search link without a method) and classes. */
    StacTestServer landing(List<String> searchMethods, String... conformsTo) {
        StringBuilder links = new StringBuilder("{\"rel\":\"self\",\"href\":\"" + root() + "\"},"
                + "{\"rel\":\"conformance\",\"href\":\"" + root() + "/conformance\"},"
                + "{\"rel\":\"data\",\"href\":\"" + root() + "/collections\"}");
        if (searchMethods.isEmpty()) {
            links.append(",{\"rel\":\"search\",\"type\":\"application/geo+json\",\"href\":\"" + root() + "/search\"}");
        }
        for (String m : searchMethods) {
            links.append(",{\"rel\":\"search\",\"type\":\"application/geo+json\",\"href\":\"" + root()
                    + "/search\",\"method\":\"" + m + "\"}");
        }
        return json("/v1", "{\"type\":\"Catalog\",\"id\":\"test\",\"title\":\"Test STAC\",\"stac_version\":\"1.0.0\","
                + "\"conformsTo\":" + strings(conformsTo) + ",\"links\":[" + links + "]}");
    }

    StacTestServer conformance(String... classes) {
        return json("/v1/conformance", "{\"conformsTo\":" + strings(classes) + "}");
    }

    static String strings(String... values) {
        return JSON.valueToTree(values).toString();
    }

    /** A FeatureCollection of items and an optional next link object. */
    static String page(List<String> items, String nextLink) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", items) + "],\"links\":["
                + (nextLink == null ? "" : nextLink) + "]}";
    }

    /** A Sentinel-2-like item with one red asset (absolute href) and a cloud cover (null for none). */
    static String item(String id, Double cloudCover) {
        return "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"" + id + "\",\"collection\":\"sentinel-2-l2a\","
                + "\"bbox\":[13.0,45.0,14.0,46.0],"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[13,45],[14,45],[14,46],[13,46],[13,45]]]},"
                + "\"properties\":{\"datetime\":\"2024-06-0" + (1 + Math.abs(id.hashCode()) % 9) + "T10:00:00Z\""
                + (cloudCover == null ? "" : ",\"eo:cloud_cover\":" + cloudCover) + ",\"proj:epsg\":32633},"
                + "\"assets\":{\"red\":{\"href\":\"https://example.com/" + id + "/B04.tif\",\"type\":\"image/tiff\","
                + "\"roles\":[\"data\"],\"eo:bands\":[{\"name\":\"B04\",\"common_name\":\"red\"}]}},\"links\":[]}";
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse geoJson(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/geo+json").body(body).build();
    }

    /** The recorded requests to a path, in order. */
    public List<RecordedRequest> requests(String path) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.getUrl().encodedPath().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody() == null ? "" : r.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A download client without credentials whose retry policy records its waits instead of sleeping. */
    public DownloadClient client() {
        return client(Duration.ofSeconds(10));
    }

    /**
     * The same client with another download timeout.
     *
     * @param timeout the timeout of one attempt
     * @return the client
     */
    public DownloadClient client(Duration timeout) {
        SHConfig config = SHConfig.builder().maxDownloadAttempts(3).downloadSleepTime(Duration.ofSeconds(1))
                .downloadTimeout(timeout).maxThreads(2).build();
        return DownloadClient.create(config, RetryPolicy.of(config).withSleeper(waits::add));
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }
}
