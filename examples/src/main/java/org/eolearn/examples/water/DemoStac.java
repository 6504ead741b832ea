package org.eolearn.examples.water;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.geometry.transformations.Reprojection;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A local, in-process STAC API for the synthetic {@link DemoReservoir demo area}: what {@code eolearn water-monitor
 * --demo --source stac} reads instead of a real catalogue such as Earth Search. It serves synthetic data only and
 * listens on the loopback interface.
 *
 * <ul>
 *   <li>{@code GET /v1}: the landing page, whose {@code search} link advertises {@code POST /v1/search};
 *   <li>{@code GET /v1/conformance}: STAC API core, item search and its query extension
 *       ({@value #QUERY_CLASS});
 *   <li>{@code GET /v1/collections}, {@code /v1/collections/sentinel-2-l2a} and its items by id;
 *   <li>{@code POST /v1/search}: items by {@code collections}, {@code bbox}, {@code datetime} and the query
 *       extension's {@code eo:cloud_cover} ({@code lt}, {@code lte}, {@code gt}, {@code gte}, {@code eq},
 *       {@code neq}), paged by {@code limit} (default 10, at most 100) and {@code next} links;
 *   <li>{@code GET /data/<item>/<asset>.tif}: the assets, answering a {@code Range: bytes=a-b} request with
 *       {@code 206} and {@code Content-Range} (a request without a range gets the whole file).
 * </ul>
 *
 * <p>There is one item per acquisition of each demo reservoir, laid out like Element 84's Earth Search items of
 * {@code sentinel-2-l2a}: assets {@code blue}, {@code green}, {@code red}, {@code nir} (B02, B03, B04, B08 at 10 m)
 * and {@code scl} (the scene classification at 20 m), {@code proj:epsg}, {@code eo:bands}, {@code raster:bands},
 * and {@code eo:cloud_cover} from the frame's cloud mask. Each item covers the reservoir's nominal outline with a
 * margin (a kilometre more than the water monitor's 10 %). The assets are uncompressed stripped GeoTIFFs written by
 * {@link GeoTiff#write}: digital numbers (reflectance × 10000 as uint16, at least 1 where there is data, 0 for no
 * data; {@code raster:bands} scale 0.0001, no offset) of {@link DemoReservoir#render the generator's frames}, and an
 * SCL made from its masks: 0 no data, 9 cloud, 6 water, 4 land. The generator's reflectances are top-of-atmosphere
 * ones: the demo's "Level-2A" is the same scene, not an atmospheric correction of it.
 *
 * <p>An item's files are rendered when one of them is first asked for and kept for a few items (rendering again
 * gives the same bytes); {@link #traffic()} counts what was served.
 *
 * @since 0.1
 */
public final class DemoStac implements AutoCloseable {

    /** The collection of the items. */
    public static final String COLLECTION = "sentinel-2-l2a";
    /** The conformance class of the query extension, which the catalogue advertises. */
    public static final String QUERY_CLASS = "https://api.stacspec.org/v1.0.0/item-search#query";
    /** The pixel size of the band assets (m). */
    public static final double BAND_RESOLUTION = 10;
    /** The pixel size of the SCL asset (m). */
    public static final double SCL_RESOLUTION = 20;

    /** SCL classes (Sen2Cor's). */
    static final int SCL_NO_DATA = 0;
    static final int SCL_VEGETATION = 4;
    static final int SCL_WATER = 6;
    static final int SCL_CLOUD_HIGH = 9;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoStac.class);
    private static final List<String> CONFORMANCE = List.of("https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/item-search", QUERY_CLASS, "https://api.stacspec.org/v1.0.0/collections",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
    /** Asset key, band id, title; the last one is the SCL. */
    private static final String[][] ASSETS = {{"blue", "B02", "Blue (band 2) - 10m"},
        {"green", "B03", "Green (band 3) - 10m"}, {"red", "B04", "Red (band 4) - 10m"},
        {"nir", "B08", "NIR 1 (band 8) - 10m"}, {"scl", "SCL", "Scene classification map (SCL)"}};
    private static final List<String> BANDS = List.of("B02", "B03", "B04", "B08");
    /** Metres of scene around the nominal outline and the water monitor's 10 % margin. */
    private static final double MARGIN = 1000;
    /** Items whose files are kept (about 4 MB each). */
    private static final int KEPT_ITEMS = 16;
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;
    private static final Pattern ASSET_PATH = Pattern.compile("/data/([A-Za-z0-9_.-]+)/([a-z]+)\\.tif");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    /** One item: a frame of a reservoir over its scene. */
    private record Item(String id, DemoReservoir demo, int frame, Instant datetime, BBox extent, Geometry footprint,
                        double cloudCover) {
    }

    /**
     * What the server answered so far.
     *
     * @param searches          search requests
     * @param rangeRequests     asset requests answered with a part of the file (206)
     * @param wholeFileRequests asset requests answered with the whole file (200: no or an ignored range)
     * @param bytesServed       asset bytes sent
     * @param filesRead         distinct asset files asked for
     * @param bytesOfFilesRead  the total size of those files
     * @param renders           how often an item's files were rendered (again, when no longer kept)
     */
    public record Traffic(long searches, long rangeRequests, long wholeFileRequests, long bytesServed,
                          int filesRead, long bytesOfFilesRead, long renders) {
    }

    private final List<Item> items = new ArrayList<>();
    private final Map<String, Item> byId = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService pool;
    private final Path scratch;
    private final Map<String, Map<String, byte[]>> kept = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, byte[]>> eldest) {
            return size() > KEPT_ITEMS;
        }
    };
    private final Map<String, Object> renderLocks = new ConcurrentHashMap<>();
    private final Map<String, Long> filesRead = new ConcurrentHashMap<>();
    private final AtomicLong searches = new AtomicLong();
    private final AtomicLong rangeRequests = new AtomicLong();
    private final AtomicLong wholeFileRequests = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong renders = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    private DemoStac(List<DemoReservoir> area) throws IOException {
        GeometryFactory gf = new GeometryFactory();
        int k = 0;
        for (DemoReservoir d : area) {
            k++;
            BBox extent = extent(d);
            Geometry footprint = Reprojection.between(d.crs(), CRS.WGS84).apply(gf.toGeometry(extent.toEnvelope()));
            int cw = (int) Math.round(extent.width() / 100);
            int ch = (int) Math.round(extent.height() / 100);
            List<LocalDateTime> ts = d.timestamps();
            for (int f = 0; f < ts.size(); f++) {
                DemoReservoir.Frame coarse = d.render(f, extent, cw, ch, List.of());
                int data = 0;
                int cloud = 0;
                for (int p = 0; p < cw * ch; p++) {
                    data += coarse.dataMask()[p] ? 1 : 0;
                    cloud += coarse.dataMask()[p] && coarse.cloudMask()[p] ? 1 : 0;
                }
                double cover = data == 0 ? 100 : Math.round(10000.0 * cloud / data) / 100.0;
                String id = String.format(Locale.ROOT, "S2%s_DEMO%d_%s_0_L2A", f % 2 == 0 ? "A" : "B", k,
                        ts.get(f).format(DAY));
                Item item = new Item(id, d, f, ts.get(f).toInstant(ZoneOffset.UTC), extent, footprint, cover);
                if (byId.put(id, item) != null) {
                    throw new IllegalArgumentException("two acquisitions of demo reservoir " + k + " on one day: "
                            + ts.get(f).toLocalDate());
                }
                items.add(item);
            }
        }
        items.sort(java.util.Comparator.comparing(Item::datetime).thenComparing(Item::id));
        scratch = Files.createTempDirectory("eolearn-demo-stac");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-stac");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/v1", DemoSentinelHub.guarded("STAC", this::api));
        server.createContext("/data/", DemoSentinelHub.guarded("STAC", this::asset));
        server.start();
    }

    /** The scene of a reservoir: its outline's bounds, the water monitor's 10 % and a margin, on the 20 m grid. */
    private static BBox extent(DemoReservoir d) {
        Envelope e = d.nominalOutline().getEnvelopeInternal();
        double dx = e.getWidth() * 0.1 + MARGIN;
        double dy = e.getHeight() * 0.1 + MARGIN;
        double g = SCL_RESOLUTION;
        return new BBox(Math.floor((e.getMinX() - dx) / g) * g, Math.floor((e.getMinY() - dy) / g) * g,
                Math.ceil((e.getMaxX() + dx) / g) * g, Math.ceil((e.getMaxY() + dy) / g) * g, d.crs());
    }

    /**
     * Starts a catalogue of the demo area.
     *
     * @param area the demo reservoirs (at most one acquisition per day each)
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static DemoStac start(List<DemoReservoir> area) throws IOException {
        return new DemoStac(area);
    }

    /**
     * The root URL of the STAC API (its landing page).
     *
     * @return {@code http://127.0.0.1:<port>/v1}
     */
    public URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /**
     * What the server answered so far: searches, asset requests answered with a range (206) or with the whole file
     * (200), the asset bytes sent, the asset files read and their total size, and how often an item's files were
     * rendered.
     *
     * @return the counts
     */
    public Traffic traffic() {
        long total = 0;
        for (long v : filesRead.values()) {
            total += v;
        }
        return new Traffic(searches.get(), rangeRequests.get(), wholeFileRequests.get(), bytesServed.get(),
                filesRead.size(), total, renders.get());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try (var files = Files.list(scratch)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            LOG.warn("demo STAC: cannot delete its scratch folder {}: {}", scratch, e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ the API

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            while (path.length() > 3 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String method = ex.getRequestMethod();
            String items = "/v1/collections/" + COLLECTION + "/items/";
            if (path.equals("/v1/search")) {
                if (!method.equals("POST")) {
                    error(ex, 405, "MethodNotAllowed", "the demo catalogue searches with POST /v1/search only");
                    return;
                }
                search(ex);
                return;
            }
            if (!method.equals("GET")) {
                error(ex, 405, "MethodNotAllowed", method + " " + path + " is not supported");
                return;
            }
            if (path.equals("/v1")) {
                send(ex, 200, "application/json", JSON.writeValueAsBytes(landing()));
            } else if (path.equals("/v1/conformance")) {
                ObjectNode c = JSON.createObjectNode();
                CONFORMANCE.forEach(c.putArray("conformsTo")::add);
                send(ex, 200, "application/json", JSON.writeValueAsBytes(c));
            } else if (path.equals("/v1/collections")) {
                ObjectNode c = JSON.createObjectNode();
                c.putArray("collections").add(collection());
                c.putArray("links").add(link("self", root() + "/collections", "application/json"));
                send(ex, 200, "application/json", JSON.writeValueAsBytes(c));
            } else if (path.equals("/v1/collections/" + COLLECTION)) {
                send(ex, 200, "application/json", JSON.writeValueAsBytes(collection()));
            } else if (path.startsWith(items) && byId.containsKey(path.substring(items.length()))) {
                send(ex, 200, "application/geo+json", JSON.writeValueAsBytes(itemJson(byId.get(path.substring(
                        items.length())))));
            } else {
                error(ex, 404, "NotFound", "no such resource: " + path);
            }
        }
    }

    private ObjectNode landing() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "Catalog").put("id", "eolearn-demo-stac").put("stac_version", "1.0.0")
                .put("title", "eo-learn demo STAC (synthetic data)")
                .put("description", "A local stand-in for a Sentinel-2 L2A STAC API serving the synthetic demo "
                        + "reservoir of eo-learn for Java: generated scenes, not a real place.");
        CONFORMANCE.forEach(o.putArray("conformsTo")::add);
        ArrayNode links = o.putArray("links");
        links.add(link("self", root().toString(), "application/json"));
        links.add(link("root", root().toString(), "application/json"));
        links.add(link("conformance", root() + "/conformance", "application/json"));
        links.add(link("data", root() + "/collections", "application/json"));
        links.add(link("search", root() + "/search", "application/geo+json").put("method", "POST"));
        return o;
    }

    private ObjectNode collection() {
        ObjectNode c = JSON.createObjectNode();
        c.put("type", "Collection").put("id", COLLECTION).put("stac_version", "1.0.0")
                .put("title", "Sentinel-2 Level-2A (synthetic demo)")
                .put("description", "Synthetic Sentinel-2 L2A-like scenes of the demo reservoir(s)")
                .put("license", "proprietary");
        Envelope all = new Envelope();
        for (Item i : items) {
            all.expandToInclude(i.footprint().getEnvelopeInternal());
        }
        ObjectNode extent = c.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(all.getMinX()).add(all.getMinY())
                .add(all.getMaxX()).add(all.getMaxY());
        ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
        if (items.isEmpty()) {
            interval.addNull().addNull();
        } else {
            interval.add(items.get(0).datetime().toString()).add(items.get(items.size() - 1).datetime().toString());
        }
        ArrayNode links = c.putArray("links");
        links.add(link("self", root() + "/collections/" + COLLECTION, "application/json"));
        links.add(link("root", root().toString(), "application/json"));
        return c;
    }

    private void search(HttpExchange ex) throws IOException {
        searches.incrementAndGet();
        JsonNode q;
        try {
            q = JSON.readTree(ex.getRequestBody().readAllBytes());
        } catch (IOException e) {
            error(ex, 400, "BadRequest", "the search body is not JSON");
            return;
        }
        if (q == null || !q.isObject()) {
            q = JSON.createObjectNode();
        }
        try {
            List<Item> found = matching(q);
            int limit = q.path("limit").asInt(DEFAULT_LIMIT);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, got " + limit);
            }
            limit = Math.min(limit, MAX_LIMIT);
            int next = Integer.parseInt(q.path("next").asText("0"));
            if (next < 0) {
                throw new IllegalArgumentException("next must not be negative");
            }
            ObjectNode page = JSON.createObjectNode();
            page.put("type", "FeatureCollection");
            ArrayNode features = page.putArray("features");
            int end = Math.min(found.size(), next + limit);
            for (int i = next; i < end; i++) {
                features.add(itemJson(found.get(i)));
            }
            ArrayNode links = page.putArray("links");
            if (end < found.size()) {
                ObjectNode n = link("next", root() + "/search", "application/geo+json");
                n.put("method", "POST").put("merge", true).putObject("body").put("next", Integer.toString(end));
                links.add(n);
            }
            links.add(link("root", root().toString(), "application/json"));
            page.put("numberMatched", found.size()).put("numberReturned", features.size());
            page.putObject("context").put("limit", limit).put("matched", found.size())
                    .put("returned", features.size());
            send(ex, 200, "application/geo+json", JSON.writeValueAsBytes(page));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            error(ex, 400, "BadRequest", e.getMessage());
        }
    }

    /** The items a search body asks for, in time order. */
    private List<Item> matching(JsonNode q) {
        if (q.has("intersects")) {
            throw new IllegalArgumentException("the demo catalogue searches by bbox, not intersects");
        }
        boolean collection = true;
        if (q.has("collections")) {
            collection = false;
            for (JsonNode c : q.get("collections")) {
                collection |= COLLECTION.equals(c.asText());
            }
        }
        Envelope box = null;
        JsonNode b = q.path("bbox");
        if (!b.isMissingNode() && !b.isNull()) {
            if (b.size() == 4) {
                box = new Envelope(b.get(0).asDouble(), b.get(2).asDouble(), b.get(1).asDouble(), b.get(3).asDouble());
            } else if (b.size() == 6) {
                box = new Envelope(b.get(0).asDouble(), b.get(3).asDouble(), b.get(1).asDouble(), b.get(4).asDouble());
            } else {
                throw new IllegalArgumentException("bbox must have 4 or 6 numbers, got " + b);
            }
        }
        Instant from = null;
        Instant to = null;
        String datetime = q.path("datetime").asText("");
        if (!datetime.isBlank()) {
            String[] parts = datetime.split("/", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("datetime must be an instant or 'start/end', got " + datetime);
            }
            from = instant(parts[0]);
            to = parts.length == 2 ? instant(parts[1]) : from;
        }
        List<double[]> cloudCover = new ArrayList<>();
        JsonNode query = q.path("query");
        if (query.isObject()) {
            for (Map.Entry<String, JsonNode> e : query.properties()) {
                if (!e.getKey().equals("eo:cloud_cover")) {
                    throw new IllegalArgumentException("the demo catalogue's query extension knows eo:cloud_cover "
                            + "only, not " + e.getKey());
                }
                for (Map.Entry<String, JsonNode> op : e.getValue().properties()) {
                    int code = List.of("lt", "lte", "gt", "gte", "eq", "neq").indexOf(op.getKey());
                    if (code < 0 || !op.getValue().isNumber()) {
                        throw new IllegalArgumentException("eo:cloud_cover takes lt, lte, gt, gte, eq or neq with a "
                                + "number, got " + op.getKey() + ": " + op.getValue());
                    }
                    cloudCover.add(new double[] {code, op.getValue().asDouble()});
                }
            }
        }
        List<Item> out = new ArrayList<>();
        if (!collection) {
            return out;
        }
        for (Item i : items) {
            if ((box == null || box.intersects(i.footprint().getEnvelopeInternal()))
                    && (from == null || !i.datetime().isBefore(from)) && (to == null || !i.datetime().isAfter(to))
                    && cloudCoverMatches(i.cloudCover(), cloudCover)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean cloudCoverMatches(double v, List<double[]> conditions) {
        for (double[] c : conditions) {
            boolean ok = switch ((int) c[0]) {
                case 0 -> v < c[1];
                case 1 -> v <= c[1];
                case 2 -> v > c[1];
                case 3 -> v >= c[1];
                case 4 -> v == c[1];
                default -> v != c[1];
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An instant of a datetime interval; {@code ..} or empty is open. */
    private static Instant instant(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("..")) {
            return null;
        }
        if (t.length() <= 10) {
            return java.time.LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(t).toInstant();
    }

    private ObjectNode itemJson(Item i) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature").put("stac_version", "1.0.0");
        ArrayNode ext = f.putArray("stac_extensions");
        ext.add("https://stac-extensions.github.io/eo/v1.1.0/schema.json");
        ext.add("https://stac-extensions.github.io/projection/v1.1.0/schema.json");
        ext.add("https://stac-extensions.github.io/raster/v1.1.0/schema.json");
        f.put("id", i.id()).put("collection", COLLECTION);
        Envelope e = i.footprint().getEnvelopeInternal();
        f.putArray("bbox").add(e.getMinX()).add(e.getMinY()).add(e.getMaxX()).add(e.getMaxY());
        ObjectNode g = f.putObject("geometry");
        g.put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        for (Coordinate c : i.footprint().getCoordinates()) {
            ring.addArray().add(c.x).add(c.y);
        }
        ObjectNode p = f.putObject("properties");
        p.put("datetime", i.datetime().toString()).put("platform", i.id().startsWith("S2A") ? "sentinel-2a"
                : "sentinel-2b").put("constellation", "sentinel-2");
        p.putArray("instruments").add("msi");
        p.put("eo:cloud_cover", i.cloudCover()).put("proj:epsg", i.demo().crs().epsg())
                .put("s2:processing_baseline", "02.12").put("eolearn:synthetic", true);
        ObjectNode assets = f.putObject("assets");
        BBox x = i.extent();
        for (String[] a : ASSETS) {
            boolean scl = a[1].equals("SCL");
            double res = scl ? SCL_RESOLUTION : BAND_RESOLUTION;
            ObjectNode o = assets.putObject(a[0]);
            o.put("href", dataUrl(i, a[0])).put("type", "image/tiff; application=geotiff").put("title", a[2]);
            ArrayNode roles = o.putArray("roles").add("data");
            if (!scl) {
                roles.add("reflectance");
                o.putArray("eo:bands").addObject().put("name", a[1]).put("common_name", a[0]);
            }
            o.putArray("proj:shape").add(pixels(x.height(), res)).add(pixels(x.width(), res));
            o.putArray("proj:transform").add(res).add(0).add(x.minX()).add(0).add(-res).add(x.maxY());
            ObjectNode rb = o.putArray("raster:bands").addObject();
            rb.put("nodata", 0).put("data_type", scl ? "uint8" : "uint16").put("spatial_resolution", res);
            if (!scl) {
                rb.put("bits_per_sample", 15).put("scale", 0.0001).put("offset", 0);
            }
        }
        ArrayNode links = f.putArray("links");
        links.add(link("self", root() + "/collections/" + COLLECTION + "/items/" + i.id(), "application/geo+json"));
        links.add(link("collection", root() + "/collections/" + COLLECTION, "application/json"));
        links.add(link("root", root().toString(), "application/json"));
        return f;
    }

    private String dataUrl(Item i, String key) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/" + i.id() + "/" + key + ".tif";
    }

    private static int pixels(double metres, double resolution) {
        return (int) Math.round(metres / resolution);
    }

    private static ObjectNode link(String rel, String href, String type) {
        ObjectNode l = JSON.createObjectNode();
        l.put("rel", rel).put("href", href).put("type", type);
        return l;
    }

    // ------------------------------------------------------------------------------------------------ the assets

    private void asset(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                error(ex, 405, "MethodNotAllowed", "assets are read with GET");
                return;
            }
            Matcher m = ASSET_PATH.matcher(ex.getRequestURI().getPath());
            Item item = m.matches() ? byId.get(m.group(1)) : null;
            if (item == null || java.util.Arrays.stream(ASSETS).noneMatch(a -> a[0].equals(m.group(2)))) {
                error(ex, 404, "NotFound", "no such asset: " + ex.getRequestURI().getPath());
                return;
            }
            byte[] file = files(item).get(m.group(2));
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Type", "image/tiff");
                ex.sendResponseHeaders(200, -1);
                return;
            }
            filesRead.putIfAbsent(item.id() + "/" + m.group(2), (long) file.length);
            long[] range = range(ex.getRequestHeaders().getFirst("Range"), file.length);
            if (range == null) {
                wholeFileRequests.incrementAndGet();
                bytesServed.addAndGet(file.length);
                send(ex, 200, "image/tiff", file);
            } else if (range.length == 0) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                send(ex, 416, "text/plain", ("the file has " + file.length + " bytes").getBytes(
                        StandardCharsets.UTF_8));
            } else {
                int from = (int) range[0];
                int to = (int) range[1];
                byte[] part = java.util.Arrays.copyOfRange(file, from, to + 1);
                rangeRequests.incrementAndGet();
                bytesServed.addAndGet(part.length);
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + file.length);
                send(ex, 206, "image/tiff", part);
            }
        }
    }

    /**
     * The first and last byte a {@code Range} header asks for; {@code null} for none (or one this server ignores,
     * as HTTP allows: several ranges, another unit), an empty array when it starts past the end.
     */
    static long[] range(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                return new long[0];
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (last < first && first < size) {
                return null; // an invalid range is ignored
            }
        }
        if (first >= size) {
            return new long[0];
        }
        return new long[] {first, last};
    }

    /** The files of an item: kept, or rendered (once at a time per item). */
    private Map<String, byte[]> files(Item item) throws IOException {
        synchronized (kept) {
            Map<String, byte[]> f = kept.get(item.id());
            if (f != null) {
                return f;
            }
        }
        synchronized (renderLocks.computeIfAbsent(item.id(), k -> new Object())) {
            synchronized (kept) {
                Map<String, byte[]> f = kept.get(item.id());
                if (f != null) {
                    return f;
                }
            }
            Map<String, byte[]> f = render(item);
            renders.incrementAndGet();
            synchronized (kept) {
                kept.put(item.id(), f);
            }
            return f;
        }
    }

    private Map<String, byte[]> render(Item item) throws IOException {
        BBox x = item.extent();
        int epsg = item.demo().crs().epsg();
        int w = pixels(x.width(), BAND_RESOLUTION);
        int h = pixels(x.height(), BAND_RESOLUTION);
        DemoReservoir.Frame frame = item.demo().render(item.frame(), x, w, h, BANDS);
        Map<String, byte[]> out = new LinkedHashMap<>();
        double[] gt = GeoRaster.transformFromBounds(x.minX(), x.minY(), x.maxX(), x.maxY(), w, h);
        int n = w * h;
        for (int b = 0; b < BANDS.size(); b++) {
            ByteBuffer data = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < n; p++) {
                long dn = frame.dataMask()[p] ? Math.max(1, Math.min(65535,
                        Math.round(frame.bands()[p * BANDS.size() + b] * 10000.0))) : 0;
                data.putShort((short) dn);
            }
            data.flip();
            out.put(ASSETS[b][0], tiff(new GeoRaster(DType.UINT16, 1, h, w, data, gt, epsg, 0.0),
                    item.id() + "_" + ASSETS[b][0]));
        }
        int sw = pixels(x.width(), SCL_RESOLUTION);
        int sh = pixels(x.height(), SCL_RESOLUTION);
        DemoReservoir.Frame masks = item.demo().render(item.frame(), x, sw, sh, List.of());
        boolean[] water = item.demo().waterMask(item.frame(), x, sw, sh);
        ByteBuffer scl = ByteBuffer.allocate(sw * sh);
        for (int p = 0; p < sw * sh; p++) {
            int c = !masks.dataMask()[p] ? SCL_NO_DATA : masks.cloudMask()[p] ? SCL_CLOUD_HIGH
                    : water[p] ? SCL_WATER : SCL_VEGETATION;
            scl.put((byte) c);
        }
        scl.flip();
        out.put(ASSETS[4][0], tiff(new GeoRaster(DType.UINT8, 1, sh, sw, scl,
                GeoRaster.transformFromBounds(x.minX(), x.minY(), x.maxX(), x.maxY(), sw, sh), epsg, 0.0),
                item.id() + "_scl"));
        return out;
    }

    /** A raster as the bytes of a GeoTIFF written by the project's writer. */
    private byte[] tiff(GeoRaster raster, String name) throws IOException {
        Path file = scratch.resolve(name + "-" + written.incrementAndGet() + ".tif");
        try {
            GeoTiff.write(raster, file, GeoTiff.Compression.NONE);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("demo STAC: cannot write " + name, e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code).put("description", message);
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
