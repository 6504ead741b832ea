package org.eolearn.examples.water;

import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A reservoir to monitor: a name and its nominal outline (the full water extent) in a CRS.
 *
 * @param name    the name (also its output folder)
 * @param outline the nominal outline
 * @param crs     the outline's CRS
 * @since 0.1
 */
public record Reservoir(String name, Geometry outline, CRS crs) {

    /**
     * Validates the parts.
     *
     * @param name    a name usable as a folder name
     * @param outline not null
     * @param crs     not null
     */
    public Reservoir {
        Objects.requireNonNull(outline, "outline");
        Objects.requireNonNull(crs, "crs");
        if (name == null || name.isBlank() || !name.matches("[\\p{L}\\p{N}_. -]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("reservoir name must be letters, digits, spaces, '_', '-' or '.', got '"
                    + name + "'");
        }
    }

    /**
     * The area to download: the outline's bounds inflated by 10 % of their width and height on each side (eo-learn's
     * water-monitor rule), snapped outwards to whole pixels of the resolution.
     *
     * @param resolution the pixel size in the CRS's units
     * @return the bbox
     */
    public BBox bbox(double resolution) {
        Envelope e = outline.getEnvelopeInternal();
        double dx = e.getWidth() * 0.1;
        double dy = e.getHeight() * 0.1;
        return new BBox(Math.floor((e.getMinX() - dx) / resolution) * resolution,
                Math.floor((e.getMinY() - dy) / resolution) * resolution,
                Math.ceil((e.getMaxX() + dx) / resolution) * resolution,
                Math.ceil((e.getMaxY() + dy) / resolution) * resolution, crs);
    }
}
