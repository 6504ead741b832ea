package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.DownloadFailedException;
import org.eolearn.io.sentinelhub.client.DownloadResponse;
import org.eolearn.io.stac.SearchEncoding.CloudCover;

/**
 * A client of one STAC API catalogue: landing page, conformance classes, collections and Item Search, over a
 * {@link DownloadClient} (so HTTP 429 with {@code Retry-After} and 5xx are retried by its policy; requests are
 * unauthenticated and, unless {@link #withCache(boolean)}, not cached, since catalogues change).
 *
 * <pre>{@code
 * try (DownloadClient http = DownloadClient.create(SHConfig.builder().build())) {
 *     StacClient stac = StacClient.of(Catalogue.EARTH_SEARCH, http);
 *     List<StacItem> items = stac.search(StacSearch.builder()
 *             .collections("sentinel-2-l2a")
 *             .bbox(13.3, 45.8, 13.6, 46.0)
 *             .datetime(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"))
 *             .maxCloudCover(20)
 *             .maxItems(100)
 *             .build());
 *     SignedAsset red = stac.signer().sign(items.get(0), stac.catalogue().assetKey("B04"));
 * }
 * }</pre>
 *
 * <p>Search is POST when one of the landing page's {@code search} links says {@code "method": "POST"}, else GET
 * (a link without a method is GET); {@link StacSearch#method()} can force either. Pages are followed through their {@code next} links (GET links
 * and POST links with a {@code body}, merged when {@code merge} is true) until a page has no {@code next} link,
 * a page is empty, or {@link StacSearch#maxItems()} items are found. The landing page and the conformance
 * classes are fetched once and remembered.
 *
 * <p>Failures raise {@link StacException}: a 4xx (other than 429) with the catalogue's error description and
 * the search parameters, an answer that is not a FeatureCollection naming its URL. Thread-safe. The client does
 * not own the download client: close that one yourself.
 */
public final class StacClient {
    private static final int MAX_COLLECTION_PAGES = 1000;

    private final Catalogue catalogue;
    private final DownloadClient client;
    private final boolean cache;
    private JsonNode landing;
    private Set<String> conformance;
    private AssetSigner signer;

    private StacClient(Catalogue catalogue, DownloadClient client, boolean cache) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.client = Objects.requireNonNull(client, "client");
        this.cache = cache;
    }

    /**
     * A client of any catalogue ({@link Catalogue#custom(URI)}).
     *
     * @param root the root URL (landing page)
     * @param client the download client
     * @return the client
     */
    public static StacClient of(URI root, DownloadClient client) {
        return of(Catalogue.custom(root), client);
    }

    /**
     * A client of a preset (or a preset moved with {@link Catalogue#at(URI)}).
     *
     * @param catalogue the catalogue
     * @param client the download client
     * @return the client
     */
    public static StacClient of(Catalogue catalogue, DownloadClient client) {
        return new StacClient(catalogue, client, false);
    }

    /**
     * This client with the download client's on-disk cache allowed or not (when its configuration has a cache
     * folder). The landing page and conformance are fetched again by the new client.
     *
     * @param value whether answers may come from and go to the cache
     * @return a new client
     */
    public StacClient withCache(boolean value) {
        return new StacClient(catalogue, client, value);
    }

    /**
     * The download client this client searches with (and assets are read with).
     *
     * @return the client
     */
    public DownloadClient downloadClient() {
        return client;
    }

    /**
     * The catalogue.
     *
     * @return the catalogue
     */
    public Catalogue catalogue() {
        return catalogue;
    }

    /**
     * The root URL.
     *
     * @return the landing page's URL
     */
    public URI root() {
        return catalogue.root();
    }

    /**
     * The signer of the catalogue's assets ({@link Catalogue#signer(DownloadClient)} with this client's
     * download client), made once, so that its tokens are shared by every caller.
     *
     * @return the signer
     * @throws IllegalStateException for CDSE when the download client has no session
     */
    public synchronized AssetSigner signer() {
        if (signer == null) {
            signer = catalogue.signer(client);
        }
        return signer;
    }

    /**
     * The landing page (fetched once).
     *
     * @return a copy of the landing page's JSON ({@code id}, {@code title}, {@code conformsTo}, {@code links})
     * @throws StacException if it cannot be fetched or is not a JSON object
     */
    public JsonNode landing() {
        return landingNode().deepCopy();
    }

    private synchronized JsonNode landingNode() {
        if (landing == null) {
            PageRequest r = PageRequest.get(root());
            JsonNode page = fetch(r, "STAC landing page", null);
            if (!page.isObject()) {
                throw new StacException("STAC landing page " + r.url() + " is not a JSON object", -1, null);
            }
            landing = page;
        }
        return landing;
    }

    /**
     * The conformance classes: {@code /conformance} (or the landing page's {@code conformance} link), or the
     * landing page's {@code conformsTo} when that fails or lists none. Fetched once.
     *
     * @return the conformance class URIs, in the catalogue's order
     * @throws StacException if neither gives a list
     */
    public synchronized Set<String> conformance() {
        if (conformance == null) {
            String href = StacJson.linkHref(landingNode().get("links"), "conformance");
            URI url = href == null ? endpoint("conformance") : StacJson.resolve(root(), href);
            Set<String> classes = Set.of();
            StacException failure = null;
            try {
                classes = strings(fetch(PageRequest.get(url), "STAC conformance", null).get("conformsTo"));
            } catch (StacException e) {
                failure = e;
            }
            if (classes.isEmpty()) {
                classes = strings(landingNode().get("conformsTo"));
            }
            if (classes.isEmpty() && failure != null) {
                throw failure;
            }
            conformance = classes;
        }
        return conformance;
    }

    /**
     * The collections, following the {@code next} links of {@code /collections}.
     *
     * @return the collections, in the catalogue's order
     * @throws StacException if a page cannot be fetched or read
     */
    public List<StacCollection> collections() {
        String href = StacJson.linkHref(landingNode().get("links"), "data");
        PageRequest r = PageRequest.get(href == null ? endpoint("collections") : StacJson.resolve(root(), href));
        List<StacCollection> out = new ArrayList<>();
        for (int pages = 0; r != null && pages < MAX_COLLECTION_PAGES; pages++) {
            JsonNode page = fetch(r, "STAC collections", null);
            JsonNode cs = page.get("collections");
            if (cs == null || !cs.isArray()) {
                throw new StacException("STAC collections page " + r.url() + " has no 'collections' array", -1, null);
            }
            for (JsonNode c : cs) {
                out.add(read(() -> StacJson.collection(c), r));
            }
            PageRequest next = cs.isEmpty() ? null : r.next(page);
            r = next == null || next.equals(r) ? null : next;
        }
        return out;
    }

    /**
     * One collection, {@code /collections/{id}}.
     *
     * @param id the collection id
     * @return the collection
     * @throws StacException if it cannot be fetched (HTTP 404 for an unknown id) or read
     */
    public StacCollection collection(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a collection id must not be blank");
        }
        PageRequest r = PageRequest.get(endpoint("collections/" + SearchEncoding.encode(id).replace("/", "%2F")));
        JsonNode c = fetch(r, "STAC collection '" + id + "'", null);
        return read(() -> StacJson.collection(c), r);
    }

    /**
     * Searches items, page after page.
     *
     * @param search the search
     * @return the items, in the catalogue's order, at most {@link StacSearch#maxItems()}
     * @throws StacException if a page cannot be fetched (a 4xx names the catalogue's description and the
     *     search), is not a FeatureCollection (naming its URL) or holds an item that cannot be read
     */
    public List<StacItem> search(StacSearch search) {
        Objects.requireNonNull(search, "search");
        JsonNode links = landingNode().get("links");
        String href = StacJson.linkHref(links, "search");
        URI url = href == null ? endpoint("search") : StacJson.resolve(root(), href);
        Set<String> classes = search.maxCloudCover() == null ? Set.of() : conformance();
        CloudCover cc = CloudCover.of(classes);
        StacSearch.Method method = search.method() == StacSearch.Method.AUTO
                ? (advertisesPost(links) ? StacSearch.Method.POST : StacSearch.Method.GET) : search.method();
        PageRequest r;
        if (method == StacSearch.Method.POST) {
            r = PageRequest.post(url, SearchEncoding.body(search, cc));
        } else {
            Map<String, String> p = SearchEncoding.parameters(search, cc, classes);
            String q = SearchEncoding.queryString(p);
            r = PageRequest.get(q.isEmpty() ? url : URI.create(url + (url.getRawQuery() == null ? "?" : "&") + q));
        }
        Double clientMax = cc == CloudCover.CLIENT ? search.maxCloudCover() : null;
        Integer max = search.maxItems();
        List<StacItem> out = new ArrayList<>();
        while (r != null) {
            PageRequest current = r;
            JsonNode page = fetch(current, "STAC search", search);
            JsonNode features = page.get("features");
            if (!"FeatureCollection".equals(StacJson.text(page.get("type"))) || features == null || !features.isArray()) {
                throw new StacException("STAC search page " + current.describe() + " is not a GeoJSON FeatureCollection"
                        + " (type " + StacJson.text(page.get("type")) + ", features: " + StacJson.kind(features) + ")",
                        -1, null);
            }
            for (JsonNode f : features) {
                StacItem item = read(() -> StacJson.item(f, current.url()), current);
                if (clientMax != null && (item.cloudCover() == null || item.cloudCover() > clientMax)) {
                    continue;
                }
                out.add(item);
                if (max != null && out.size() >= max) {
                    return out;
                }
            }
            PageRequest next = features.isEmpty() ? null : current.next(page);
            if (next != null && next.equals(current)) {
                throw new StacException("STAC search page " + current.describe() + " links to itself as 'next'", -1,
                        null);
            }
            r = next;
        }
        return out;
    }

    /** Whether a {@code search} link says {@code "method": "POST"} (a link without a method is GET). */
    private static boolean advertisesPost(JsonNode links) {
        if (links == null || !links.isArray()) {
            return false;
        }
        for (JsonNode l : links) {
            if ("search".equals(StacJson.text(l.get("rel"))) && "POST".equalsIgnoreCase(StacJson.text(l.get("method")))) {
                return true;
            }
        }
        return false;
    }

    private URI endpoint(String path) {
        return URI.create(root() + "/" + path);
    }

    private JsonNode fetch(PageRequest r, String what, StacSearch search) {
        DownloadResponse response;
        try {
            response = client.download(r.toDownload(cache));
        } catch (DownloadFailedException e) {
            throw StacErrors.failure(what, r, e, search);
        }
        try {
            JsonNode json = StacJson.MAPPER.readTree(response.body());
            if (json == null || json.isMissingNode()) {
                throw new IOException("empty");
            }
            return json;
        } catch (IOException e) {
            throw new StacException(what + ": " + r.describe() + " answered with a body that is not JSON",
                    response.status(), null);
        }
    }

    private interface Reader<T> {
        T read();
    }

    private static <T> T read(Reader<T> reader, PageRequest r) {
        try {
            return reader.read();
        } catch (IllegalArgumentException e) {
            throw new StacException("STAC answer of " + r.describe() + " cannot be read: " + e.getMessage(), -1, e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public String toString() {
        return "StacClient[" + catalogue + (cache ? ", cached" : "") + "]";
    }
}
