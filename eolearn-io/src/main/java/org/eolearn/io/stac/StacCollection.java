package org.eolearn.io.stac;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One collection of a catalogue, as {@code /collections} lists it: id, title and the overall extent.
 *
 * <pre>{@code
 * for (StacCollection c : stac.collections()) {
 *     System.out.println(c.id() + ": " + c.title() + " since " + c.start());
 * }
 * }</pre>
 *
 * @param id the collection id
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 * @param bbox the first (overall) box of {@code extent.spatial.bbox}, or {@code null}
 * @param start the start of the first (overall) interval of {@code extent.temporal.interval}, or
 *     {@code null} when open or absent
 * @param end the end of that interval, or {@code null} when open (ongoing) or absent
 */
public record StacCollection(String id, String title, String description, double[] bbox, Instant start,
        Instant end) {

    /**
     * Validates and copies the arguments.
     *
     * @param id the id
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     * @param bbox the overall box, or {@code null}
     * @param start the start, or {@code null}
     * @param end the end, or {@code null}
     */
    public StacCollection {
        Objects.requireNonNull(id, "id");
        bbox = bbox == null ? null : bbox.clone();
    }

    /**
     * The overall bounding box.
     *
     * @return a copy of the box, or {@code null}
     */
    @Override
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StacCollection c && id.equals(c.id) && Objects.equals(title, c.title)
                && Objects.equals(description, c.description) && Arrays.equals(bbox, c.bbox)
                && Objects.equals(start, c.start) && Objects.equals(end, c.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, title, description, Arrays.hashCode(bbox), start, end);
    }

    @Override
    public String toString() {
        return "StacCollection[id=" + id + ", title=" + title + ", bbox=" + Arrays.toString(bbox) + ", start="
                + start + ", end=" + end + "]";
    }
}
