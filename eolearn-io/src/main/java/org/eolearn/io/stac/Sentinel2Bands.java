package org.eolearn.io.stac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Sentinel-2 Level-2A bands the presets know: band id, common name (as STAC's {@code eo} extension and
 * Earth Search's asset keys spell it) and native resolution. B10 (cirrus) is not in Level-2A products.
 */
final class Sentinel2Bands {

    /**
     * One band.
     *
     * @param id the band id, e.g. {@code B8A}
     * @param commonName the common name, e.g. {@code nir08}
     * @param resolution the native resolution in metres
     */
    record Band(String id, String commonName, int resolution) {}

    static final List<Band> BANDS = List.of(
            new Band("B01", "coastal", 60),
            new Band("B02", "blue", 10),
            new Band("B03", "green", 10),
            new Band("B04", "red", 10),
            new Band("B05", "rededge1", 20),
            new Band("B06", "rededge2", 20),
            new Band("B07", "rededge3", 20),
            new Band("B08", "nir", 10),
            new Band("B8A", "nir08", 20),
            new Band("B09", "nir09", 60),
            new Band("B11", "swir16", 20),
            new Band("B12", "swir22", 20),
            new Band("SCL", "scl", 20));

    private Sentinel2Bands() {}

    /**
     * The band of a name: an id ({@code B04}, {@code b4}, {@code B8A}) or a common name ({@code red}), ignoring
     * case.
     *
     * @return the band, or {@code null}
     */
    static Band find(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.matches("B[0-9]")) {
            n = "B0" + n.charAt(1);
        }
        for (Band b : BANDS) {
            if (b.id().equals(n) || b.commonName().equalsIgnoreCase(n)) {
                return b;
            }
        }
        return null;
    }

    /** The accepted names, for error messages: ids, then common names. */
    static String names() {
        List<String> ids = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (Band b : BANDS) {
            ids.add(b.id());
            common.add(b.commonName());
        }
        return String.join(", ", ids) + " or " + String.join(", ", common);
    }
}
