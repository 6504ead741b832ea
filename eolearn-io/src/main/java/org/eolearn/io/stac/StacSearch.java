package org.eolearn.io.stac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * One STAC API Item Search: what {@link StacClient#search(StacSearch)} sends. Immutable; made with
 * {@link #builder()}, whose setters check their arguments at once.
 *
 * <pre>{@code
 * StacSearch search = StacSearch.builder()
 *         .collections("sentinel-2-l2a")
 *         .bbox(13.3, 45.8, 13.6, 46.0)                     // west, south, east, north (WGS84)
 *         .datetime(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"))
 *         .maxCloudCover(20)                                // percent
 *         .sortBy("properties.eo:cloud_cover", StacSearch.Direction.ASC)
 *         .limit(50)                                        // page size
 *         .maxItems(200)                                    // stop after 200 items
 *         .build();
 * }</pre>
 *
 * <p>The maximum cloud cover is sent as the catalogue's conformance classes allow: a CQL2-JSON
 * {@code filter} (filter extension), else the {@code query} extension, else it is applied by the client to
 * each item's {@code eo:cloud_cover} (items without one are then dropped).
 */
public final class StacSearch {

    /** The HTTP method of the search. */
    public enum Method {
        /** POST when the landing page advertises POST for {@code /search}, else GET. */
        AUTO,
        /** GET with the parameters in the query string. */
        GET,
        /** POST with a JSON body. */
        POST
    }

    /** A sort direction. */
    public enum Direction {
        /** Ascending: sent as {@code "asc"} (POST) or {@code +field} (GET). */
        ASC,
        /** Descending: sent as {@code "desc"} (POST) or {@code -field} (GET). */
        DESC
    }

    /**
     * One sort key of the sort extension.
     *
     * @param field the field, e.g. {@code properties.datetime} or {@code properties.eo:cloud_cover}
     * @param direction the direction
     */
    public record SortBy(String field, Direction direction) {
        /**
         * Validates the arguments.
         *
         * @param field the field, not blank
         * @param direction the direction
         */
        public SortBy {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("a sort field must not be blank");
            }
            Objects.requireNonNull(direction, "direction");
        }
    }

    private final List<String> collections;
    private final double[] bbox;
    private final Geometry intersects;
    private final Instant from;
    private final Instant to;
    private final Double maxCloudCover;
    private final List<SortBy> sortBy;
    private final Integer limit;
    private final Integer maxItems;
    private final Method method;

    private StacSearch(Builder b) {
        this.collections = List.copyOf(b.collections);
        this.bbox = b.bbox == null ? null : b.bbox.clone();
        this.intersects = b.intersects == null ? null : b.intersects.copy();
        this.from = b.from;
        this.to = b.to;
        this.maxCloudCover = b.maxCloudCover;
        this.sortBy = List.copyOf(b.sortBy);
        this.limit = b.limit;
        this.maxItems = b.maxItems;
        this.method = b.method;
    }

    /**
     * A new builder: no collections, no area, no time, all items.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this search's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.collections.addAll(collections);
        b.bbox = bbox == null ? null : bbox.clone();
        b.intersects = intersects == null ? null : intersects.copy();
        b.from = from;
        b.to = to;
        b.maxCloudCover = maxCloudCover;
        b.sortBy.addAll(sortBy);
        b.limit = limit;
        b.maxItems = maxItems;
        b.method = method;
        return b;
    }

    /**
     * The collections searched.
     *
     * @return the collection ids, empty for all
     */
    public List<String> collections() {
        return collections;
    }

    /**
     * The bounding box.
     *
     * @return a copy of [west, south, east, north] in WGS84 degrees, or {@code null}
     */
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    /**
     * The geometry the items must intersect.
     *
     * @return a copy of the WGS84 lon/lat geometry, or {@code null}
     */
    public Geometry intersects() {
        return intersects == null ? null : intersects.copy();
    }

    /**
     * The start of the datetime interval.
     *
     * @return the start (inclusive), or {@code null} for an open start
     */
    public Instant from() {
        return from;
    }

    /**
     * The end of the datetime interval.
     *
     * @return the end (inclusive), or {@code null} for an open end
     */
    public Instant to() {
        return to;
    }

    /**
     * The datetime parameter as STAC writes it: {@code from/to} with {@code ..} for an open end, a single
     * instant when both ends are equal.
     *
     * @return e.g. {@code 2024-06-01T00:00:00Z/..}, or {@code null} when no interval is set
     */
    public String datetime() {
        if (from == null && to == null) {
            return null;
        }
        if (from != null && from.equals(to)) {
            return from.toString();
        }
        return (from == null ? ".." : from.toString()) + "/" + (to == null ? ".." : to.toString());
    }

    /**
     * The maximum cloud cover.
     *
     * @return the percentage (0 to 100), or {@code null} for no limit
     */
    public Double maxCloudCover() {
        return maxCloudCover;
    }

    /**
     * The sort keys, in order.
     *
     * @return the keys, empty for the catalogue's order
     */
    public List<SortBy> sortBy() {
        return sortBy;
    }

    /**
     * The page size asked for ({@code limit}).
     *
     * @return the page size, or {@code null} for the catalogue's default
     */
    public Integer limit() {
        return limit;
    }

    /**
     * The most items returned; paging stops once they are found.
     *
     * @return the cap, or {@code null} for all items
     */
    public Integer maxItems() {
        return maxItems;
    }

    /**
     * The HTTP method.
     *
     * @return the method, {@link Method#AUTO} unless set
     */
    public Method method() {
        return method;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StacSearch s && collections.equals(s.collections) && Arrays.equals(bbox, s.bbox)
                && (intersects == null ? s.intersects == null
                        : s.intersects != null && intersects.equalsExact(s.intersects))
                && Objects.equals(from, s.from) && Objects.equals(to, s.to)
                && Objects.equals(maxCloudCover, s.maxCloudCover) && sortBy.equals(s.sortBy)
                && Objects.equals(limit, s.limit) && Objects.equals(maxItems, s.maxItems) && method == s.method;
    }

    @Override
    public int hashCode() {
        return Objects.hash(collections, Arrays.hashCode(bbox), from, to, maxCloudCover, sortBy, limit, maxItems,
                method);
    }

    /**
     * The parameters that are set, e.g. {@code collections=[sentinel-2-l2a], bbox=[13.3, 45.8, 13.6, 46.0],
     * datetime=2024-06-01T00:00:00Z/.., maxCloudCover=20.0}: the text error messages name a search by.
     *
     * @return the description
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!collections.isEmpty()) {
            parts.add("collections=" + collections);
        }
        if (bbox != null) {
            parts.add("bbox=" + Arrays.toString(bbox));
        }
        if (intersects != null) {
            parts.add("intersects=" + intersects.getGeometryType() + " " + intersects.getEnvelopeInternal());
        }
        if (datetime() != null) {
            parts.add("datetime=" + datetime());
        }
        if (maxCloudCover != null) {
            parts.add("maxCloudCover=" + maxCloudCover);
        }
        if (!sortBy.isEmpty()) {
            parts.add("sortBy=" + sortBy);
        }
        if (limit != null) {
            parts.add("limit=" + limit);
        }
        if (maxItems != null) {
            parts.add("maxItems=" + maxItems);
        }
        if (method != Method.AUTO) {
            parts.add("method=" + method);
        }
        return "StacSearch[" + String.join(", ", parts) + "]";
    }

    /**
     * Builds a {@link StacSearch}. Each setter checks its argument and throws
     * {@link IllegalArgumentException} with the reason.
     */
    public static final class Builder {
        private final List<String> collections = new ArrayList<>();
        private double[] bbox;
        private Geometry intersects;
        private Instant from;
        private Instant to;
        private Double maxCloudCover;
        private final List<SortBy> sortBy = new ArrayList<>();
        private Integer limit;
        private Integer maxItems;
        private Method method = Method.AUTO;

        private Builder() {}

        /**
         * Sets the collections (replacing earlier ones).
         *
         * @param ids the collection ids, none for all collections
         * @return this
         */
        public Builder collections(String... ids) {
            return collections(Arrays.asList(ids));
        }

        /**
         * Sets the collections (replacing earlier ones).
         *
         * @param ids the collection ids, empty for all collections
         * @return this
         */
        public Builder collections(Collection<String> ids) {
            List<String> checked = new ArrayList<>();
            for (String id : ids) {
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException("a collection id must not be blank, got " + ids);
                }
                checked.add(id);
            }
            collections.clear();
            collections.addAll(checked);
            return this;
        }

        /**
         * Sets the bounding box (WGS84 degrees). A box across the antimeridian (west &gt; east) is refused:
         * search its two halves.
         *
         * @param west the western longitude, -180 to 180
         * @param south the southern latitude, -90 to 90
         * @param east the eastern longitude, not less than {@code west}
         * @param north the northern latitude, not less than {@code south}
         * @return this
         */
        public Builder bbox(double west, double south, double east, double north) {
            return bbox(new double[] {west, south, east, north});
        }

        /**
         * Sets the bounding box (WGS84 degrees).
         *
         * @param value [west, south, east, north], or {@code null} to clear it
         * @return this
         * @see #bbox(double, double, double, double)
         */
        public Builder bbox(double[] value) {
            if (value == null) {
                bbox = null;
                return this;
            }
            if (value.length != 4) {
                throw new IllegalArgumentException("bbox must be [west, south, east, north], got " + value.length
                        + " numbers: " + Arrays.toString(value));
            }
            double w = value[0];
            double s = value[1];
            double e = value[2];
            double n = value[3];
            for (double v : value) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("bbox must hold finite numbers, got " + Arrays.toString(value));
                }
            }
            if (w < -180 || e > 180 || w > 180 || e < -180) {
                throw new IllegalArgumentException("bbox longitudes must be within -180..180 (WGS84 degrees), got "
                        + Arrays.toString(value));
            }
            if (s < -90 || n > 90 || s > 90 || n < -90) {
                throw new IllegalArgumentException("bbox latitudes must be within -90..90 (WGS84 degrees), got "
                        + Arrays.toString(value));
            }
            if (s > n) {
                throw new IllegalArgumentException("bbox must be [west, south, east, north]: south " + s
                        + " is north of north " + n);
            }
            if (w > e) {
                throw new IllegalArgumentException("bbox must be [west, south, east, north]: west " + w
                        + " is east of east " + e + " (a box across the antimeridian: search its two halves)");
            }
            bbox = value.clone();
            return this;
        }

        /**
         * Sets the geometry the items must intersect, in WGS84 lon/lat.
         *
         * @param value a Point, Polygon or MultiPolygon, or {@code null} to clear it
         * @return this
         */
        public Builder intersects(Geometry value) {
            if (value == null) {
                intersects = null;
                return this;
            }
            if (!(value instanceof Point || value instanceof Polygon || value instanceof MultiPolygon)) {
                throw new IllegalArgumentException("intersects must be a Point, Polygon or MultiPolygon, got "
                        + value.getGeometryType());
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("intersects must not be empty");
            }
            Envelope env = value.getEnvelopeInternal();
            if (env.getMinX() < -180 || env.getMaxX() > 180 || env.getMinY() < -90 || env.getMaxY() > 90) {
                throw new IllegalArgumentException("intersects must be in WGS84 lon/lat degrees; its envelope " + env
                        + " is not (reproject it first)");
            }
            intersects = value.copy();
            return this;
        }

        /**
         * Sets the datetime interval (both ends inclusive); {@code null} leaves an end open (STAC's
         * {@code ..}).
         *
         * @param start the start, or {@code null} for open
         * @param end the end, or {@code null} for open
         * @return this
         */
        public Builder datetime(Instant start, Instant end) {
            if (start != null && end != null && start.isAfter(end)) {
                throw new IllegalArgumentException("the datetime interval starts (" + start + ") after it ends ("
                        + end + ")");
            }
            from = start;
            to = end;
            return this;
        }

        /**
         * Sets the maximum cloud cover ({@code eo:cloud_cover}, inclusive).
         *
         * @param percent 0 to 100
         * @return this
         */
        public Builder maxCloudCover(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("the maximum cloud cover is a percentage within 0..100, got "
                        + percent);
            }
            maxCloudCover = percent;
            return this;
        }

        /**
         * Adds a sort key (after the earlier ones).
         *
         * @param field the field, e.g. {@code properties.datetime}
         * @param direction the direction
         * @return this
         */
        public Builder sortBy(String field, Direction direction) {
            sortBy.add(new SortBy(field, direction));
            return this;
        }

        /**
         * Sets the page size ({@code limit}); catalogues may answer smaller pages.
         *
         * @param value at least 1
         * @return this
         */
        public Builder limit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("limit (the page size) must be at least 1, got " + value);
            }
            limit = value;
            return this;
        }

        /**
         * Sets the most items returned; paging stops as soon as they are found.
         *
         * @param value at least 1
         * @return this
         */
        public Builder maxItems(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxItems must be at least 1, got " + value);
            }
            maxItems = value;
            return this;
        }

        /**
         * Sets the HTTP method.
         *
         * @param value the method; {@link Method#AUTO} (the default) asks the landing page
         * @return this
         */
        public Builder method(Method value) {
            method = Objects.requireNonNull(value, "method");
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         * @throws IllegalArgumentException if both a bbox and an intersects geometry are set (STAC allows one)
         */
        public StacSearch build() {
            if (bbox != null && intersects != null) {
                throw new IllegalArgumentException("set bbox or intersects, not both (STAC Item Search allows one)");
            }
            return new StacSearch(this);
        }
    }
}
