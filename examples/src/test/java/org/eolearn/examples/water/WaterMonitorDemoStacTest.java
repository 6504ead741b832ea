package org.eolearn.examples.water;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.BBox;
import org.eolearn.core.DType;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;
import org.junit.jupiter.api.Test;

/**
 * The water monitor's local STAC stand-in answers like a STAC API: landing page and conformance, searches by time,
 * area and cloud cover with paging, and GeoTIFF assets (the generator's frames) by HTTP range requests.
 */
class WaterMonitorDemoStacTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(URI url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url.toString()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<byte[]> post(URI url, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** All items of a search, following the next links (POST, body merged). */
    private List<JsonNode> search(URI url, ObjectNode body) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        ObjectNode b = body.deepCopy();
        while (true) {
            HttpResponse<byte[]> r = post(url, b);
            assertThat(r.statusCode()).as(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            assertThat(page.path("type").asText()).isEqualTo("FeatureCollection");
            page.path("features").forEach(items::add);
            JsonNode next = null;
            for (JsonNode l : page.path("links")) {
                if (l.path("rel").asText().equals("next")) {
                    next = l;
                }
            }
            if (next == null) {
                return items;
            }
            assertThat(next.path("method").asText()).isEqualTo("POST");
            assertThat(next.path("merge").asBoolean()).isTrue();
            b.setAll((ObjectNode) next.path("body"));
        }
    }

    private HttpResponse<byte[]> asset(String href, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(href));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void landingConformanceSearchAndRangedAssets() throws Exception {
        DemoReservoir demo = DemoReservoir.standard();
        try (DemoStac stac = DemoStac.start(List.of(demo))) {
            JsonNode landing = get(stac.root());
            boolean postSearch = false;
            for (JsonNode l : landing.path("links")) {
                postSearch |= l.path("rel").asText().equals("search") && l.path("method").asText().equals("POST")
                        && l.path("href").asText().equals(stac.root() + "/search");
            }
            assertThat(postSearch).as("the landing page advertises POST /search").isTrue();
            assertThat(landing.path("title").asText()).contains("synthetic");
            List<String> classes = new ArrayList<>();
            get(URI.create(stac.root() + "/conformance")).path("conformsTo").forEach(c -> classes.add(c.asText()));
            assertThat(classes).contains(DemoStac.QUERY_CLASS, "https://api.stacspec.org/v1.0.0/item-search");
            assertThat(get(URI.create(stac.root() + "/collections/sentinel-2-l2a")).path("id").asText())
                    .isEqualTo("sentinel-2-l2a");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(stac.root() + "/search")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(405);

            URI search = URI.create(stac.root() + "/search");
            ObjectNode year = JSON.createObjectNode();
            year.putArray("collections").add("sentinel-2-l2a");
            year.putArray("bbox").add(19.0).add(-34.2).add(19.4).add(-33.9);
            year.put("datetime", "2019-01-01T00:00:00Z/2019-12-31T23:59:59Z");
            year.put("limit", 20);
            List<JsonNode> all = search(search, year);
            assertThat(all).hasSize(73); // every 5 days of 2019
            assertThat(all.get(0).path("properties").path("datetime").asText()).isEqualTo("2019-01-01T08:40:12Z");
            ObjectNode clear = year.deepCopy();
            clear.putObject("query").putObject("eo:cloud_cover").put("lte", 50);
            List<JsonNode> fewClouds = search(search, clear);
            ObjectNode cloudy = year.deepCopy();
            cloudy.putObject("query").putObject("eo:cloud_cover").put("gt", 50);
            List<JsonNode> manyClouds = search(search, cloudy);
            assertThat(fewClouds).isNotEmpty();
            assertThat(manyClouds).isNotEmpty();
            assertThat(fewClouds.size() + manyClouds.size()).isEqualTo(73);
            for (JsonNode item : fewClouds) {
                assertThat(item.path("properties").path("eo:cloud_cover").asDouble()).isLessThanOrEqualTo(50);
            }
            ObjectNode elsewhere = year.deepCopy();
            elsewhere.putArray("bbox").add(13.0).add(45.0).add(13.5).add(45.5);
            assertThat(search(search, elsewhere)).isEmpty();
            ObjectNode other = year.deepCopy();
            other.putArray("collections").add("landsat-c2-l2");
            assertThat(search(search, other)).isEmpty();
            ObjectNode badQuery = year.deepCopy();
            badQuery.putObject("query").putObject("platform").put("eq", "sentinel-2a");
            assertThat(post(search, badQuery).statusCode()).isEqualTo(400);

            // the first item without clouds: its assets are the generator's frame as digital numbers
            JsonNode item = null;
            for (JsonNode i : fewClouds) {
                if (item == null && i.path("properties").path("eo:cloud_cover").asDouble() == 0) {
                    item = i;
                }
            }
            assertThat(item).as("a cloud-free acquisition in 2019").isNotNull();
            assertThat(item.path("properties").path("proj:epsg").asInt()).isEqualTo(32734);
            JsonNode green = item.path("assets").path("green");
            assertThat(green.path("eo:bands").path(0).path("name").asText()).isEqualTo("B03");
            assertThat(green.path("raster:bands").path(0).path("scale").asDouble()).isEqualTo(0.0001);
            String greenHref = green.path("href").asText();
            HttpResponse<byte[]> whole = asset(greenHref, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            byte[] file = whole.body();
            HttpResponse<byte[]> part = asset(greenHref, "bytes=100-1123");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1123/" + file.length);
            assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(file, 100, 1124));
            HttpResponse<byte[]> tail = asset(greenHref, "bytes=" + (file.length - 10) + "-");
            assertThat(tail.statusCode()).isEqualTo(206);
            assertThat(tail.body()).hasSize(10);
            assertThat(asset(greenHref, "bytes=" + file.length + "-").statusCode()).isEqualTo(416);
            DemoStac.Traffic t = stac.traffic();
            assertThat(t.rangeRequests()).isEqualTo(2);
            assertThat(t.wholeFileRequests()).isEqualTo(1);

            GeoRaster g = GeoTiff.read(file, "green.tif");
            assertThat(g.type()).isEqualTo(DType.UINT16);
            assertThat(g.epsg()).isEqualTo(32734);
            assertThat(g.noData()).isEqualTo(0.0);
            assertThat(g.geoTransform()[1]).isEqualTo(DemoStac.BAND_RESOLUTION);
            double[] gt = g.geoTransform();
            BBox extent = new BBox(gt[0], gt[3] + g.height() * gt[5], gt[0] + g.width() * gt[1], gt[3], demo.crs());
            assertThat(extent.toEnvelope().contains(demo.bbox().toEnvelope())).as("the scene covers the demo area")
                    .isTrue();
            int frame = demo.timestamps().indexOf(java.time.LocalDateTime.parse(item.path("properties")
                    .path("datetime").asText().replace("Z", "")));
            // the four bands are rendered together (the noise follows the band order): green is the second
            DemoReservoir.Frame f = demo.render(frame, extent, g.width(), g.height(), WaterMonitor.BANDS);
            for (int p = 0; p < g.width() * g.height(); p += 997) {
                long dn = f.dataMask()[p] ? Math.max(1, Math.round(f.bands()[4 * p + 1] * 10000.0)) : 0;
                assertThat(g.sample(p)).as("pixel %d", p).isEqualTo((double) dn);
            }

            GeoRaster scl = GeoTiff.read(asset(item.path("assets").path("scl").path("href").asText(), null).body(),
                    "scl.tif");
            assertThat(scl.type()).isEqualTo(DType.UINT8);
            assertThat(scl.geoTransform()[1]).isEqualTo(DemoStac.SCL_RESOLUTION);
            boolean[] water = demo.waterMask(frame, extent, scl.width(), scl.height());
            DemoReservoir.Frame masks = demo.render(frame, extent, scl.width(), scl.height(), List.of());
            int waterPixels = 0;
            for (int p = 0; p < scl.width() * scl.height(); p++) {
                int expected = !masks.dataMask()[p] ? 0 : masks.cloudMask()[p] ? 9 : water[p] ? 6 : 4;
                assertThat((int) scl.sample(p)).as("SCL pixel %d", p).isEqualTo(expected);
                waterPixels += expected == 6 ? 1 : 0;
            }
            assertThat(waterPixels).as("the reservoir is in the scene").isGreaterThan(1000);
        }
    }
}
