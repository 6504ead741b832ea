package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.eolearn.core.DType;

/**
 * A local stand-in for Sentinel Hub on okhttp's MockWebServer: the Catalog search (pages of {@link #pageSize}
 * items chained with {@code context.next}), the Process API (TIFFs or tars made from {@link #value}) and the OGC
 * endpoints (a float32 image with an alpha band; WFS pages). Every request is recorded.
 */
final class FakeSentinelHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT = Pattern.compile(
            "\\{id: \"([^\"]+)\", bands: (\\d+), sampleType: \"([A-Z0-9]+)\"\\}");

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> catalogBodies = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> processBodies = Collections.synchronizedList(new ArrayList<>());
    volatile List<String> catalogDatetimes = List.of();
    volatile int pageSize = 2;
    volatile boolean brokenCatalogPage;
    volatile boolean brokenTar;
    volatile List<String> wfsFeatures = List.of();

    FakeSentinelHub() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                try {
                    return answer(r);
                } catch (IOException | RuntimeException e) {
                    return new MockResponse.Builder().code(500).body(String.valueOf(e)).build();
                }
            }
        });
        server.start(0);
    }

    URI baseUrl() {
        String s = server.url("/").toString();
        return URI.create(s.substring(0, s.length() - 1));
    }

    /** The value of a pixel of a band in the scene whose time range starts at {@code from}. */
    static double value(int bandIndex, LocalDateTime from, int row, int col) {
        return bandIndex * 1000 + (from == null ? 0 : from.getDayOfMonth() * 10) + (row * 3 + col) % 7;
    }

    private MockResponse answer(RecordedRequest r) throws IOException {
        String path = r.getUrl().encodedPath();
        if (path.equals("/api/v1/catalog/1.0.0/search")) {
            return catalog(JSON.readTree(r.getBody().utf8()));
        }
        if (path.equals("/api/v1/process")) {
            return process(JSON.readTree(r.getBody().utf8()), r.getHeaders().get("Accept"));
        }
        if (path.startsWith("/ogc/wfs/")) {
            int offset = Integer.parseInt(r.getUrl().queryParameter("FEATURE_OFFSET"));
            int max = Integer.parseInt(r.getUrl().queryParameter("MAXFEATURES"));
            ObjectNode page = JSON.createObjectNode();
            ArrayNode feats = page.putArray("features");
            for (int i = offset; i < Math.min(wfsFeatures.size(), offset + max); i++) {
                String[] dt = wfsFeatures.get(i).split("T");
                ObjectNode props = feats.addObject().putObject("properties");
                props.put("date", dt[0]);
                props.put("time", dt[1]);
            }
            return json(page);
        }
        if (path.startsWith("/ogc/")) {
            int w = 4;
            int h = 3;
            double[] v = new double[w * h * 4];
            for (int i = 0; i < w * h; i++) {
                v[i * 4] = 0.1;
                v[i * 4 + 1] = 0.2;
                v[i * 4 + 2] = 0.3;
                v[i * 4 + 3] = i % 5 == 0 ? 0 : 1;
            }
            return bytes(TestFiles.tiff(w, h, 4, DType.FLOAT32, v, false, h, false));
        }
        return new MockResponse.Builder().code(404).body("no such endpoint " + path).build();
    }

    private MockResponse catalog(JsonNode body) {
        catalogBodies.add(body);
        int start = body.has("next") ? body.get("next").asInt() : 0;
        ObjectNode page = JSON.createObjectNode();
        if (brokenCatalogPage && start > 0) {
            page.putObject("context");
            return json(page);
        }
        ArrayNode feats = page.putArray("features");
        int end = Math.min(catalogDatetimes.size(), start + pageSize);
        for (int i = start; i < end; i++) {
            ObjectNode f = feats.addObject();
            f.put("id", "item-" + i);
            f.putObject("properties").put("datetime", catalogDatetimes.get(i));
        }
        ObjectNode ctx = page.putObject("context");
        ctx.put("limit", pageSize).put("returned", end - start);
        if (end < catalogDatetimes.size()) {
            ctx.put("next", end);
        }
        return json(page);
    }

    private MockResponse process(JsonNode body, String accept) throws IOException {
        processBodies.add(body);
        int w = body.path("output").path("width").asInt();
        int h = body.path("output").path("height").asInt();
        JsonNode tr = body.path("input").path("data").get(0).path("dataFilter").path("timeRange");
        LocalDateTime from = tr.isMissingNode() || tr.path("from").asText().equals("..") ? null
                : TimeUtils.parseTime(tr.path("from").asText());
        Map<String, String[]> outputs = new LinkedHashMap<>();
        Matcher m = OUTPUT.matcher(body.path("evalscript").asText());
        while (m.find()) {
            outputs.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        int bandIndex = 0;
        for (JsonNode resp : body.path("output").path("responses")) {
            String id = resp.path("identifier").asText();
            String type = resp.path("format").path("type").asText();
            if (type.equals("application/json")) {
                files.put(id + ".json", "{\"norm_factor\": 0.0001}".getBytes(StandardCharsets.UTF_8));
                continue;
            }
            String[] spec = outputs.getOrDefault(id, new String[] {"1", "FLOAT32"});
            int nb = Integer.parseInt(spec[0]);
            DType dt = switch (spec[1]) {
                case "UINT8" -> DType.UINT8;
                case "UINT16" -> DType.UINT16;
                default -> DType.FLOAT32;
            };
            double[] v = new double[w * h * nb];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    for (int b = 0; b < nb; b++) {
                        double x = dt == DType.UINT8 ? (r + c) % 2 : value(bandIndex + b, from, r, c);
                        v[(r * w + c) * nb + b] = x;
                    }
                }
            }
            bandIndex += nb;
            files.put(id + ".tif", TestFiles.tiff(w, h, nb, dt, v, true, 2, false));
        }
        if (files.size() == 1 && !"application/x-tar".equals(accept)) {
            return bytes(files.values().iterator().next());
        }
        byte[] tar = TestFiles.tar(files);
        if (brokenTar) {
            tar = java.util.Arrays.copyOf(tar, 700);
        }
        return bytes(tar);
    }

    private static MockResponse json(JsonNode node) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(node.toString()).build();
    }

    private static MockResponse bytes(byte[] b) {
        return new MockResponse.Builder().code(200).body(new Buffer().write(b)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
