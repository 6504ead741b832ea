package org.eolearn.examples.water;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.geometry.transformations.Reprojection;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A local, in-process server that speaks the Sentinel Hub protocol for the synthetic {@link DemoReservoir demo
 * area}: the OAuth2 token endpoint (client credentials), the Catalog API search (STAC, paged) and the Process API
 * (evalscript input bands, bounds, time range, size, several responses as a TIFF or a tar of TIFFs). The water
 * monitor's demo goes through the very same io code as real data, only against this server. It serves synthetic
 * data only and listens on the loopback interface.
 *
 * @since 0.1
 */
public final class DemoSentinelHub implements AutoCloseable {

    /** The demo client id. */
    public static final String CLIENT_ID = "demo-client";
    /** The demo client secret (not a secret: the server is local and serves synthetic data). */
    public static final String CLIENT_SECRET = "demo-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoSentinelHub.class);
    private static final Pattern INPUT_BANDS = Pattern.compile("bands\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern OUTPUT = Pattern.compile("id\\s*:\\s*[\"']([^\"']+)[\"']\\s*,\\s*bands\\s*:\\s*(\\d+)"
            + "(?:\\s*,\\s*sampleType\\s*:\\s*[\"']?([A-Za-z0-9_.]+)[\"']?)?");
    private static final Pattern UNITS = Pattern.compile("units\\s*:\\s*\\[?\\s*[\"']([A-Za-z]+)[\"']");

    private final List<DemoReservoir> area;
    private final List<Envelope> wgs84Bounds = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Boolean> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private DemoSentinelHub(List<DemoReservoir> area) throws IOException {
        this.area = List.copyOf(area);
        GeometryFactory gf = new GeometryFactory();
        for (DemoReservoir d : area) {
            Geometry box = gf.toGeometry(d.bbox().toEnvelope());
            wgs84Bounds.add(Reprojection.between(d.crs(), CRS.WGS84).apply(box).getEnvelopeInternal());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-sentinel-hub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/auth/realms/main/protocol/openid-connect/token", guarded("Sentinel Hub", this::token));
        server.createContext("/api/v1/catalog/1.0.0/search", guarded("Sentinel Hub", this::catalog));
        server.createContext("/api/v1/process", guarded("Sentinel Hub", this::process));
        server.start();
    }

    /** Logs what a handler of a demo stand-in throws (the JDK server would only drop the connection). */
    static com.sun.net.httpserver.HttpHandler guarded(String what, com.sun.net.httpserver.HttpHandler h) {
        return ex -> {
            try {
                h.handle(ex);
            } catch (IOException | RuntimeException e) {
                LOG.warn("demo {}: {} {} failed: {}", what, ex.getRequestMethod(), ex.getRequestURI(), e.toString());
                throw e;
            }
        };
    }

    /**
     * Starts a server for the demo area.
     *
     * @param area the demo reservoirs
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static DemoSentinelHub start(List<DemoReservoir> area) throws IOException {
        return new DemoSentinelHub(area);
    }

    /**
     * The base URL (as Sentinel Hub's {@code sh_base_url}).
     *
     * @return the URL
     */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The token URL (as Sentinel Hub's {@code sh_token_url}).
     *
     * @return the URL
     */
    public URI tokenUrl() {
        return baseUrl().resolve("/auth/realms/main/protocol/openid-connect/token");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> form = new HashMap<>();
            for (String kv : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                    || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                send(ex, 401, "application/json", "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String token = "demo-" + UUID.randomUUID();
            tokens.put(token, true);
            send(ex, 200, "application/json", ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private boolean authorised(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
            error(ex, 401, "missing or unknown access token");
            return false;
        }
        return true;
    }

    private void catalog(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorised(ex)) {
                return;
            }
            JsonNode q = JSON.readTree(ex.getRequestBody().readAllBytes());
            String[] interval = q.path("datetime").asText("").split("/");
            if (interval.length != 2) {
                error(ex, 400, "datetime must be 'start/end'");
                return;
            }
            LocalDateTime from = parse(interval[0]);
            LocalDateTime to = parse(interval[1]);
            JsonNode bbox = q.path("bbox");
            Envelope query = bbox.size() == 4 ? new Envelope(bbox.get(0).asDouble(), bbox.get(2).asDouble(),
                    bbox.get(1).asDouble(), bbox.get(3).asDouble()) : null;
            List<LocalDateTime> found = new ArrayList<>();
            for (int i = 0; i < area.size(); i++) {
                if (query == null || query.intersects(wgs84Bounds.get(i))) {
                    for (LocalDateTime t : area.get(i).timestamps()) {
                        if (!t.isBefore(from) && !t.isAfter(to) && !found.contains(t)) {
                            found.add(t);
                        }
                    }
                }
            }
            found.sort(null);
            int limit = Math.max(1, Math.min(100, q.path("limit").asInt(10)));
            int next = q.path("next").asInt(0);
            ObjectNode page = JSON.createObjectNode();
            page.put("type", "FeatureCollection");
            ArrayNode features = page.putArray("features");
            for (int i = next; i < Math.min(found.size(), next + limit); i++) {
                ObjectNode f = features.addObject();
                f.put("type", "Feature");
                f.put("id", "S2A_MSIL1C_DEMO_" + found.get(i).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
                f.putObject("properties").put("datetime", found.get(i).atOffset(ZoneOffset.UTC).toString())
                        .put("eo:cloud_cover", 0.0);
            }
            ObjectNode context = page.putObject("context");
            context.put("limit", limit).put("returned", features.size());
            if (next + limit < found.size()) {
                context.put("next", next + limit);
            }
            send(ex, 200, "application/geo+json", JSON.writeValueAsBytes(page));
        }
    }

    private void process(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorised(ex)) {
                return;
            }
            JsonNode q = JSON.readTree(ex.getRequestBody().readAllBytes());
            JsonNode bounds = q.path("input").path("bounds");
            JsonNode b = bounds.path("bbox");
            String crsUrl = bounds.path("properties").path("crs").asText("http://www.opengis.net/def/crs/EPSG/0/4326");
            int epsg = Integer.parseInt(crsUrl.substring(crsUrl.lastIndexOf('/') + 1).replace("CRS84", "4326"));
            if (b.size() != 4) {
                error(ex, 400, "input.bounds.bbox is required by the demo service");
                return;
            }
            BBox bbox = new BBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(),
                    new CRS(epsg));
            DemoReservoir demo = find(bbox);
            if (demo == null) {
                error(ex, 400, "the demo service only has data for the synthetic demo area in " + area.get(0).crs());
                return;
            }
            JsonNode output = q.path("output");
            int width = output.path("width").asInt(0);
            int height = output.path("height").asInt(0);
            if (width <= 0 && output.has("resx")) {
                width = (int) Math.round(bbox.width() / output.get("resx").asDouble());
                height = (int) Math.round(bbox.height() / output.get("resy").asDouble());
            }
            if (width <= 0 || height <= 0 || width > 2500 || height > 2500) {
                error(ex, 400, "output width and height must be 1..2500, got " + width + " x " + height);
                return;
            }
            JsonNode range = q.path("input").path("data").path(0).path("dataFilter").path("timeRange");
            LocalDateTime from = parse(range.path("from").asText("1900-01-01T00:00:00Z"));
            LocalDateTime to = parse(range.path("to").asText("2100-01-01T00:00:00Z"));
            String evalscript = q.path("evalscript").asText("");
            Matcher inputMatch = INPUT_BANDS.matcher(evalscript);
            if (!inputMatch.find()) {
                error(ex, 400, "the evalscript declares no input bands");
                return;
            }
            List<String> inputBands = new ArrayList<>();
            for (String s : inputMatch.group(1).split(",")) {
                String band = s.trim().replace("\"", "").replace("'", "");
                if (!band.isEmpty()) {
                    inputBands.add(band);
                }
            }
            Matcher units = UNITS.matcher(evalscript);
            boolean dn = units.find() && units.group(1).equalsIgnoreCase("DN");
            int frame = -1;
            List<LocalDateTime> ts = demo.timestamps();
            for (int i = 0; i < ts.size() && frame < 0; i++) {
                if (!ts.get(i).isBefore(from) && !ts.get(i).isAfter(to)) {
                    frame = i;
                }
            }
            List<String> spectral = inputBands.stream().filter(DemoReservoir.BANDS::contains).toList();
            DemoReservoir.Frame rendered = frame < 0 ? null : demo.render(frame, bbox, width, height, spectral);
            // outputs in evalscript order: masks by name, the others take the spectral bands in order
            Matcher outputs = OUTPUT.matcher(evalscript);
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            int nextBand = 0;
            int n = width * height;
            while (outputs.find()) {
                String id = outputs.group(1);
                int count = Integer.parseInt(outputs.group(2));
                String sampleType = outputs.group(3) == null ? "FLOAT32" : outputs.group(3).toUpperCase(Locale.ROOT)
                        .replace("SAMPLETYPE.", "");
                String type = sampleType.startsWith("FLOAT") ? "FLOAT32" : sampleType.equals("UINT16") ? "UINT16"
                        : "UINT8";
                double[] values = new double[n * count];
                if (id.equalsIgnoreCase("dataMask") || id.equalsIgnoreCase("CLM")) {
                    boolean[] m = rendered == null ? new boolean[n] : id.equalsIgnoreCase("dataMask")
                            ? rendered.dataMask() : rendered.cloudMask();
                    for (int i = 0; i < n; i++) {
                        values[i * count] = m[i] ? 1 : 0;
                    }
                } else if (rendered != null) {
                    int sb = spectral.size();
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < count && nextBand + c < sb; c++) {
                            double v = rendered.bands()[i * sb + nextBand + c];
                            values[i * count + c] = dn ? Math.round(v * 10000) : v;
                        }
                    }
                    nextBand += count;
                }
                files.put(id, TiffWriter.encode(width, height, count, type, values));
            }
            if (files.isEmpty()) {
                error(ex, 400, "the evalscript declares no outputs");
                return;
            }
            JsonNode responses = output.path("responses");
            List<String> ids = new ArrayList<>();
            for (JsonNode r : responses) {
                ids.add(r.path("identifier").asText("default"));
            }
            if (ids.isEmpty()) {
                ids.add(files.keySet().iterator().next());
            }
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (ids.size() == 1 && (accept == null || !accept.contains("tar"))) {
                byte[] tiff = files.getOrDefault(ids.get(0), files.values().iterator().next());
                send(ex, 200, "image/tiff", tiff);
                return;
            }
            List<String> names = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (String id : ids) {
                if (id.equals("userdata")) {
                    names.add("userdata.json");
                    contents.add(("{\"norm_factor\": 0.0001}").getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                byte[] tiff = files.get(id);
                if (tiff == null) {
                    error(ex, 400, "response " + id + " is not an output of the evalscript");
                    return;
                }
                names.add(id + ".tif");
                contents.add(tiff);
            }
            send(ex, 200, "application/x-tar", TiffWriter.tar(names, contents));
        } catch (RuntimeException e) {
            error(ex, 400, "bad request: " + e.getMessage());
        }
    }

    private DemoReservoir find(BBox bbox) {
        for (DemoReservoir d : area) {
            if (!d.crs().equals(bbox.crs())) {
                continue;
            }
            double cx = (bbox.minX() + bbox.maxX()) / 2;
            double cy = (bbox.minY() + bbox.maxY()) / 2;
            BBox a = d.bbox();
            if (cx >= a.minX() && cx <= a.maxX() && cy >= a.minY() && cy <= a.maxY()) {
                return d;
            }
        }
        return null;
    }

    private static LocalDateTime parse(String text) {
        String t = text.trim();
        if (t.length() <= 10) {
            return java.time.LocalDate.parse(t).atStartOfDay();
        }
        return OffsetDateTime.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? t : t + "Z")
                .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("status", status).put("reason", status == 401 ? "Unauthorized" : "Bad Request")
                .put("message", message).put("code", "COMMON_BAD_PAYLOAD");
        send(ex, status, "application/json", JSON.writeValueAsBytes(e));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes(); // drain what is left of the request
        } catch (IOException alreadyClosed) {
            // the handler consumed it
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
