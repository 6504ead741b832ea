package org.eolearn.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One STAC Item (a GeoJSON Feature) as a search returns it.
 *
 * <pre>{@code
 * for (StacItem item : stac.search(search)) {
 *     Instant when = item.datetime();
 *     Double clouds = item.cloudCover();     // eo:cloud_cover in percent, or null
 *     StacAsset nir = item.asset("nir");     // by key, or by band name or common name
 * }
 * }</pre>
 *
 * @param id the item id
 * @param collection the collection id, or {@code null}
 * @param datetime {@code properties.datetime}, or {@code start_datetime} when {@code datetime} is null; or
 *     {@code null} when neither is given
 * @param bbox the item's bounding box (4 or 6 numbers, WGS84), or {@code null}
 * @param geometry the footprint in WGS84 lon/lat, or {@code null}
 * @param cloudCover {@code eo:cloud_cover} in percent, or {@code null}
 * @param epsg the EPSG code from {@code proj:epsg} or {@code proj:code} (e.g. {@code EPSG:32633}), or
 *     {@code null}
 * @param properties the item's {@code properties} object as it came
 * @param assets the assets by key, in the order of the item
 */
public record StacItem(String id, String collection, Instant datetime, double[] bbox, Geometry geometry,
        Double cloudCover, Integer epsg, JsonNode properties, Map<String, StacAsset> assets) {

    /**
     * Validates and copies the arguments.
     *
     * @param id the id
     * @param collection the collection, or {@code null}
     * @param datetime the time, or {@code null}
     * @param bbox the bounding box, or {@code null}
     * @param geometry the footprint, or {@code null}
     * @param cloudCover the cloud cover, or {@code null}
     * @param epsg the EPSG code, or {@code null}
     * @param properties the properties, or {@code null} for an empty object
     * @param assets the assets, or {@code null} for none
     */
    public StacItem {
        Objects.requireNonNull(id, "id");
        bbox = bbox == null ? null : bbox.clone();
        geometry = geometry == null ? null : geometry.copy();
        properties = properties == null ? StacJson.MAPPER.createObjectNode() : properties.deepCopy();
        assets = assets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(assets));
    }

    /**
     * Reads an item from its GeoJSON Feature.
     *
     * @param feature the feature
     * @param pageUrl the URL the feature was read from, against which relative links and hrefs are resolved
     *     when the item has no absolute {@code self} link
     * @return the item
     * @throws IllegalArgumentException if the feature has no id or a value cannot be read
     */
    public static StacItem fromJson(JsonNode feature, URI pageUrl) {
        return StacJson.item(feature, pageUrl);
    }

    /**
     * The bounding box.
     *
     * @return a copy of the bounding box, or {@code null}
     */
    @Override
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    /**
     * The footprint.
     *
     * @return a copy of the geometry, or {@code null}
     */
    @Override
    public Geometry geometry() {
        return geometry == null ? null : geometry.copy();
    }

    /**
     * The properties.
     *
     * @return a copy of the {@code properties} object
     */
    @Override
    public JsonNode properties() {
        return properties.deepCopy();
    }

    /**
     * Finds an asset: by key (exactly, then ignoring case), then by the name or common name of its bands
     * ({@code eo:bands} {@code name}/{@code common_name}, STAC 1.1 {@code bands} {@code name}/
     * {@code eo:common_name}). Among assets whose bands match, one with a single band wins over a multi-band
     * one (so {@code red} finds the red band, not the true-colour image).
     *
     * @param keyOrBandName an asset key, band name or common name
     * @return the asset
     * @throws IllegalArgumentException if no asset matches (the message lists the item's asset keys)
     */
    public StacAsset asset(String keyOrBandName) {
        Objects.requireNonNull(keyOrBandName, "keyOrBandName");
        StacAsset exact = assets.get(keyOrBandName);
        if (exact != null) {
            return exact;
        }
        for (StacAsset a : assets.values()) {
            if (a.key().equalsIgnoreCase(keyOrBandName)) {
                return a;
            }
        }
        StacAsset multiBand = null;
        for (StacAsset a : assets.values()) {
            if (a.hasBand(keyOrBandName)) {
                if (a.bands().size() == 1) {
                    return a;
                }
                multiBand = multiBand == null ? a : multiBand;
            }
        }
        if (multiBand != null) {
            return multiBand;
        }
        throw new IllegalArgumentException("item " + id + " has no asset '" + keyOrBandName
                + "' (neither as a key nor as a band name or common name); its assets are " + assetKeys());
    }

    /**
     * Whether {@link #asset(String)} finds an asset.
     *
     * @param keyOrBandName an asset key, band name or common name
     * @return true when an asset matches
     */
    public boolean hasAsset(String keyOrBandName) {
        try {
            asset(keyOrBandName);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<String> assetKeys() {
        return new ArrayList<>(assets.keySet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StacItem i && id.equals(i.id) && Objects.equals(collection, i.collection)
                && Objects.equals(datetime, i.datetime) && Arrays.equals(bbox, i.bbox)
                && (geometry == null ? i.geometry == null : i.geometry != null && geometry.equalsExact(i.geometry))
                && Objects.equals(cloudCover, i.cloudCover) && Objects.equals(epsg, i.epsg)
                && properties.equals(i.properties) && assets.equals(i.assets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, collection, datetime, Arrays.hashCode(bbox), cloudCover, epsg, assets.keySet());
    }

    @Override
    public String toString() {
        return "StacItem[id=" + id + ", collection=" + collection + ", datetime=" + datetime + ", bbox="
                + Arrays.toString(bbox) + ", cloudCover=" + cloudCover + ", epsg=" + epsg + ", assets="
                + assets.keySet() + "]";
    }
}
