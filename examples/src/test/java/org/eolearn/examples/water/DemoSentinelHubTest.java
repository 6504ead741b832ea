package org.eolearn.examples.water;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eolearn.core.BBox;
import org.junit.jupiter.api.Test;

/** The demo server answers like Sentinel Hub: tokens, paged Catalog searches, Process API TIFFs and tars. */
class DemoSentinelHubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> post(URI url, String contentType, String body, String token, String accept)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void tokenCatalogAndProcess() throws Exception {
        DemoReservoir demo = DemoReservoir.standard();
        try (DemoSentinelHub hub = DemoSentinelHub.start(List.of(demo))) {
            HttpResponse<byte[]> bad = post(hub.tokenUrl(), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_id=demo-client&client_secret=wrong", null, null);
            assertThat(bad.statusCode()).isEqualTo(401);
            HttpResponse<byte[]> tok = post(hub.tokenUrl(), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret", null, null);
            String token = JSON.readTree(tok.body()).get("access_token").asText();
            URI catalog = hub.baseUrl().resolve("/api/v1/catalog/1.0.0/search");
            assertThat(post(catalog, "application/json", "{}", null, null).statusCode()).isEqualTo(401);
            int total = 0;
            Integer next = 0;
            while (next != null) {
                JsonNode page = JSON.readTree(post(catalog, "application/json", "{\"bbox\": [19.0, -34.2, 19.4, -33.9], "
                        + "\"datetime\": \"2019-01-01T00:00:00Z/2019-12-31T23:59:59Z\", \"collections\": "
                        + "[\"sentinel-2-l1c\"], \"limit\": 50, \"next\": " + next + "}", token, null).body());
                total += page.get("features").size();
                next = page.get("context").has("next") ? page.get("context").get("next").asInt() : null;
            }
            assertThat(total).isEqualTo(73); // every 5 days of 2019
            BBox b = demo.bbox();
            String request = "{\"input\": {\"bounds\": {\"bbox\": [" + b.minX() + ", " + b.minY() + ", " + b.maxX()
                    + ", " + b.maxY() + "], \"properties\": {\"crs\": \"http://www.opengis.net/def/crs/EPSG/0/32734\"}},"
                    + " \"data\": [{\"type\": \"sentinel-2-l1c\", \"dataFilter\": {\"timeRange\": {\"from\": "
                    + "\"2019-01-01T00:00:00Z\", \"to\": \"2019-01-01T23:59:59Z\"}}}]}, \"output\": {\"width\": 30, "
                    + "\"height\": 20, \"responses\": [{\"identifier\": \"bands\"}, {\"identifier\": \"dataMask\"}]},"
                    + " \"evalscript\": \"//VERSION=3\\nfunction setup() { return { input: [{bands: [\\\"B03\\\", "
                    + "\\\"B08\\\", \\\"dataMask\\\"], units: \\\"REFLECTANCE\\\"}], output: [{id: \\\"bands\\\", "
                    + "bands: 2, sampleType: \\\"FLOAT32\\\"}, {id: \\\"dataMask\\\", bands: 1, sampleType: "
                    + "\\\"UINT8\\\"}] }; }\"}";
            HttpResponse<byte[]> tar = post(hub.baseUrl().resolve("/api/v1/process"), "application/json", request,
                    token, "application/x-tar");
            assertThat(tar.statusCode()).as(new String(tar.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            byte[] body = tar.body();
            assertThat(new String(body, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
            assertThat(new String(body, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("bands.tif");
            long size = Long.parseLong(new String(body, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            assertThat(size).isGreaterThan(30 * 20 * 2 * 4);
            ByteBuffer tiff = ByteBuffer.wrap(body, 512, (int) size).slice().order(ByteOrder.LITTLE_ENDIAN);
            assertThat(tiff.get(0)).isEqualTo((byte) 'I');
            assertThat(tiff.getShort(2)).isEqualTo((short) 42);
            HttpResponse<byte[]> outside = post(hub.baseUrl().resolve("/api/v1/process"), "application/json",
                    request.replace("32734", "32633"), token, "application/x-tar");
            assertThat(outside.statusCode()).isEqualTo(400);
            assertThat(new String(outside.body(), StandardCharsets.UTF_8)).contains("synthetic demo area");
        }
    }
}
