package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One entry of a Process API request's {@code input.data} (sentinelhub-py's {@code SentinelHubRequest.input_data}).
 *
 * <pre>{@code
 * InputData in = InputData.of(DataCollection.SENTINEL2_L1C).withTime(from, to).withMaxcc(0.5)
 *         .withMosaickingOrder(MosaickingOrder.LEAST_CC);
 * }</pre>
 *
 * @param collection      the data collection
 * @param identifier      the data-fusion id, or null
 * @param from            the time range start (null for open or none)
 * @param to              the time range end (null for open or none)
 * @param hasTimeRange    whether to send {@code timeRange} at all
 * @param maxcc           the maximal cloud cover in [0, 1], or null
 * @param mosaickingOrder the mosaicking order, or null
 * @param upsampling      the upsampling method, or null
 * @param downsampling    the downsampling method, or null
 * @param otherArgs       a JSON object merged recursively into the entry (e.g.
 *                        {@code {"processing": {"atmosphericCorrection": "NONE"}}}), or null
 * @since 0.1
 */
public record InputData(DataCollection collection, String identifier, LocalDateTime from, LocalDateTime to,
        boolean hasTimeRange, Double maxcc, MosaickingOrder mosaickingOrder, ResamplingType upsampling,
        ResamplingType downsampling, ObjectNode otherArgs) {

    /**
     * Validates the entry.
     *
     * @param collection      not null
     * @param identifier      any
     * @param from            any
     * @param to              not before from
     * @param hasTimeRange    any
     * @param maxcc           in [0, 1] or null
     * @param mosaickingOrder any
     * @param upsampling      any
     * @param downsampling    any
     * @param otherArgs       any
     */
    public InputData {
        Objects.requireNonNull(collection, "collection");
        if (maxcc != null && (!(maxcc >= 0) || maxcc > 1)) {
            throw new IllegalArgumentException("maxcc should be a float on an interval [0, 1], got " + maxcc);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("time_interval start " + from + " is after its end " + to);
        }
    }

    /**
     * An entry with only the collection.
     *
     * @param collection the collection
     * @return the entry
     */
    public static InputData of(DataCollection collection) {
        return new InputData(collection, null, null, null, false, null, null, null, null, null);
    }

    /**
     * Returns a copy with a time range.
     *
     * @param start the start, null for open
     * @param end   the end, null for open
     * @return the copy
     */
    public InputData withTime(LocalDateTime start, LocalDateTime end) {
        return new InputData(collection, identifier, start, end, true, maxcc, mosaickingOrder, upsampling,
                downsampling, otherArgs);
    }

    /**
     * Returns a copy with a maximal cloud cover.
     *
     * @param value in [0, 1], or null
     * @return the copy
     */
    public InputData withMaxcc(Double value) {
        return new InputData(collection, identifier, from, to, hasTimeRange, value, mosaickingOrder, upsampling,
                downsampling, otherArgs);
    }

    /**
     * Returns a copy with a mosaicking order.
     *
     * @param order the order, or null
     * @return the copy
     */
    public InputData withMosaickingOrder(MosaickingOrder order) {
        return new InputData(collection, identifier, from, to, hasTimeRange, maxcc, order, upsampling, downsampling,
                otherArgs);
    }

    /**
     * Returns a copy with resampling methods.
     *
     * @param up   the upsampling, or null
     * @param down the downsampling, or null
     * @return the copy
     */
    public InputData withResampling(ResamplingType up, ResamplingType down) {
        return new InputData(collection, identifier, from, to, hasTimeRange, maxcc, mosaickingOrder, up, down,
                otherArgs);
    }

    /**
     * Returns a copy with other arguments merged into the entry.
     *
     * @param args a JSON object, or null
     * @return the copy
     */
    public InputData withOtherArgs(ObjectNode args) {
        return new InputData(collection, identifier, from, to, hasTimeRange, maxcc, mosaickingOrder, upsampling,
                downsampling, args);
    }

    /**
     * Builds the JSON in sentinelhub-py's key order: {@code type}, {@code id}, {@code dataFilter}
     * ({@code timeRange}, {@code maxCloudCoverage}, {@code mosaickingOrder}, then the collection's filters),
     * {@code processing}, then the other arguments merged in.
     *
     * @return the JSON object
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("type", collection.apiId());
        if (identifier != null && !identifier.isEmpty()) {
            o.put("id", identifier);
        }
        ObjectNode filter = f.objectNode();
        if (hasTimeRange) {
            ObjectNode tr = filter.putObject("timeRange");
            tr.put("from", TimeUtils.serializeUtc(from));
            tr.put("to", TimeUtils.serializeUtc(to));
        }
        if (maxcc != null) {
            filter.put("maxCloudCoverage", (int) (maxcc * 100));
        }
        if (mosaickingOrder != null) {
            filter.put("mosaickingOrder", mosaickingOrder.value());
        }
        if (collection.swathMode() != null) {
            filter.put("acquisitionMode", collection.swathMode());
        }
        if (collection.polarization() != null) {
            filter.put("polarization", collection.polarization());
        }
        if (collection.resolution() != null) {
            filter.put("resolution", collection.resolution());
        }
        if (collection.orbitDirection() != null) {
            filter.put("orbitDirection", collection.orbitDirection());
        }
        if (collection.demInstance() != null) {
            filter.put("demInstance", collection.demInstance());
        }
        if (!filter.isEmpty()) {
            o.set("dataFilter", filter);
        }
        ObjectNode processing = f.objectNode();
        if (upsampling != null) {
            processing.put("upsampling", upsampling.name());
        }
        if (downsampling != null) {
            processing.put("downsampling", downsampling.name());
        }
        if (!processing.isEmpty()) {
            o.set("processing", processing);
        }
        if (otherArgs != null) {
            mergeInto(o, otherArgs);
        }
        return o;
    }

    /**
     * Merges {@code extra} into {@code target} recursively (sentinelhub-py's {@code _update_other_args}): objects
     * are merged key by key, other values replace.
     *
     * @param target the object changed
     * @param extra  the values merged in
     */
    public static void mergeInto(ObjectNode target, JsonNode extra) {
        extra.properties().forEach(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue().isObject()) {
                mergeInto(eo, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
