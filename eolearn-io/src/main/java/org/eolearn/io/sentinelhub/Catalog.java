package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.io.geo.GeoUtils;

/**
 * The Catalog API (STAC) search of sentinelhub-py 3.11.5: {@code POST {base}/api/v1/catalog/1.0.0/search}, paged
 * with {@code context.next} until it is absent or a page has no features, and {@link #getAvailableTimestamps}.
 *
 * <pre>{@code
 * Catalog catalog = new Catalog(context);
 * List<LocalDateTime> dates = catalog.getAvailableTimestamps(bbox, t0, t1, DataCollection.SENTINEL2_L1C,
 *         Duration.ofHours(1), 0.5);
 * }</pre>
 *
 * @since 0.1
 */
public final class Catalog {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SentinelHubContext context;

    /**
     * Creates a client.
     *
     * @param context the transport and base URL
     */
    public Catalog(SentinelHubContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Builds the first page's payload, in sentinelhub-py's key order: {@code collections}, {@code datetime},
     * {@code bbox} (WGS84 bounds), {@code filter} (the collection's Sentinel-1 filters and the given filter, joined
     * with {@code AND}), {@code filter-lang}, {@code fields}, {@code limit}.
     *
     * @param collection the collection
     * @param bbox       the area (transformed to WGS84 bounds), or null
     * @param from       the interval start, null for open
     * @param to         the interval end, null for open
     * @param hasTime    whether to send {@code datetime}
     * @param filter     a CQL2 text filter (e.g. {@code eo:cloud_cover < 50}), or null
     * @param fields     a {@code fields} object, or null
     * @param limit      the page size
     * @return the payload
     */
    public static ObjectNode searchPayload(DataCollection collection, BBox bbox, LocalDateTime from,
            LocalDateTime to, boolean hasTime, String filter, JsonNode fields, int limit) {
        if (collection.catalogId() == null) {
            throw new IllegalArgumentException("data collection " + collection.name() + " has no Catalog id");
        }
        ObjectNode p = MAPPER.createObjectNode();
        p.putArray("collections").add(collection.catalogId());
        if (hasTime) {
            p.put("datetime", TimeUtils.serializeUtc(from) + "/" + TimeUtils.serializeUtc(to));
        }
        if (bbox != null) {
            BBox w = GeoUtils.transformBounds(bbox, CRS.WGS84);
            p.putArray("bbox").add(w.minX()).add(w.minY()).add(w.maxX()).add(w.maxY());
        }
        List<String> filters = new ArrayList<>();
        if (collection.swathMode() != null) {
            filters.add("sar:instrument_mode='" + collection.swathMode() + "'");
        }
        if (collection.polarization() != null) {
            filters.add("s1:polarization='" + collection.polarization() + "'");
        }
        if (collection.resolution() != null) {
            filters.add("s1:resolution='" + collection.resolution() + "'");
        }
        if (collection.orbitDirection() != null) {
            filters.add("sat:orbit_state='" + collection.orbitDirection().toLowerCase(java.util.Locale.ROOT) + "'");
        }
        if (filter != null && !filter.isEmpty()) {
            filters.add(filter);
        }
        if (!filters.isEmpty()) {
            p.put("filter", String.join(" AND ", filters));
        }
        p.put("filter-lang", "cql2-text");
        if (fields != null) {
            p.set("fields", fields);
        }
        p.put("limit", limit);
        return p;
    }

    /**
     * Runs a search and returns every feature of every page.
     *
     * @param collection the collection (its service URL, if any, overrides the context's)
     * @param payload    the first page's payload (from {@link #searchPayload})
     * @return the features
     * @throws IllegalStateException naming the page if an answer is not a Catalog page
     */
    public List<JsonNode> search(DataCollection collection, ObjectNode payload) {
        URI url = URI.create(context.baseUrlFor(collection) + "/api/v1/catalog/1.0.0/search");
        List<JsonNode> features = new ArrayList<>();
        JsonNode next = null;
        for (int page = 1; ; page++) {
            ObjectNode body = payload.deepCopy();
            if (next != null) {
                body.set("next", next);
            }
            String json;
            try {
                json = MAPPER.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            SHTransport.Request req = new SHTransport.Request("POST", url, json, "application/json", true);
            byte[] answer = context.transport().execute(List.of(req)).get(0);
            JsonNode results;
            try {
                results = MAPPER.readTree(answer);
            } catch (IOException e) {
                throw new IllegalStateException("Catalog search page " + page + " (POST " + url + " " + json
                        + ") answered malformed JSON: " + e.getMessage(), e);
            }
            JsonNode pageFeatures = results == null ? null : results.get("features");
            if (pageFeatures == null || !pageFeatures.isArray()) {
                throw new IllegalStateException("Catalog search page " + page + " (POST " + url + " " + json
                        + ") has no 'features' array");
            }
            pageFeatures.forEach(features::add);
            JsonNode ctx = results.get("context");
            JsonNode previous = next;
            next = ctx == null ? null : ctx.get("next");
            if (next != null && next.isNull()) {
                next = null;
            }
            if (next != null && next.equals(previous)) {
                throw new IllegalStateException("Catalog search page " + page + " (POST " + url + ") returned the "
                        + "same 'next' token " + next + " again");
            }
            if (next == null || pageFeatures.isEmpty()) {
                return features;
            }
        }
    }

    /**
     * Returns the acquisition times of a collection over an area, as sentinelhub-py's
     * {@code get_available_timestamps}: filtered by {@code eo:cloud_cover < int(maxcc*100)} when the collection has
     * cloud coverage, only {@code properties.datetime} fetched, time zones dropped, then
     * {@link TimeUtils#filterTimes} with {@code timeDifference}.
     *
     * @param bbox           the area
     * @param from           the interval start (UTC), null for open
     * @param to             the interval end (UTC), null for open
     * @param collection     the collection
     * @param timeDifference the minimal difference between kept times (null: -1 s, every distinct time)
     * @param maxcc          the maximal cloud cover in [0, 1], or null
     * @return the times, ascending
     */
    public List<LocalDateTime> getAvailableTimestamps(BBox bbox, LocalDateTime from, LocalDateTime to,
            DataCollection collection, Duration timeDifference, Double maxcc) {
        String filter = null;
        if (maxcc != null && collection.hasCloudCoverage()) {
            if (!(maxcc >= 0) || maxcc > 1) {
                throw new IllegalArgumentException("maxcc should be a float on an interval [0, 1], got " + maxcc);
            }
            filter = "eo:cloud_cover < " + (int) (maxcc * 100);
        }
        ObjectNode fields = MAPPER.createObjectNode();
        fields.putArray("include").add("properties.datetime");
        fields.putArray("exclude");
        ObjectNode payload = searchPayload(collection, bbox, from, to, from != null || to != null, filter, fields,
                100);
        List<LocalDateTime> times = new ArrayList<>();
        for (JsonNode f : search(collection, payload)) {
            JsonNode dt = f.path("properties").path("datetime");
            if (!dt.isTextual()) {
                throw new IllegalStateException("Catalog feature " + f.path("id").asText("?")
                        + " has no properties.datetime");
            }
            times.add(parseIgnoringZone(dt.asText()));
        }
        return TimeUtils.filterTimes(times, timeDifference == null ? Duration.ofSeconds(-1) : timeDifference);
    }

    /** dateutil's {@code parse(..., ignoretz=True)}: the wall-clock time as written, the zone dropped. */
    static LocalDateTime parseIgnoringZone(String text) {
        String t = text.trim();
        if (t.endsWith("Z") || t.endsWith("z")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.length() > 19 && t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            t = t.substring(0, t.length() - (t.charAt(t.length() - 3) == ':' ? 6 : 5));
        }
        return TimeUtils.parseTime(t.length() <= 10 ? t + "T00:00:00" : t);
    }
}
