package org.eolearn.io.geo;

import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;

/**
 * One part of a split area: its bounding box and sentinelhub-py's info dictionary (for example
 * {@code index_x}, {@code index_y}, or the UTM zone of a {@link UtmZoneSplitter} cell).
 *
 * @param bbox the part's box
 * @param info the part's information, in sentinelhub-py's key order
 * @since 0.1
 */
public record AreaSplit(BBox bbox, Map<String, Object> info) {

    /**
     * Validates the part.
     *
     * @param bbox not null
     * @param info not null (copied)
     */
    public AreaSplit {
        Objects.requireNonNull(bbox, "bbox");
        info = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }
}
