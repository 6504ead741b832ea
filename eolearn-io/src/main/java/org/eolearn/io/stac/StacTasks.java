package org.eolearn.io.stac;

import java.net.URI;
import java.util.Locale;
import org.eolearn.core.DType;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.eolearn.io.raster.GridWarp;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.SHConfig;

/**
 * Registers {@code StacInputTask} for JSON workflows: {@code catalogue} is {@code "earth-search"} (the default),
 * {@code "planetary-computer"}, {@code "cdse"} or a catalogue URL. The task downloads with a client made from the
 * Sentinel Hub configuration ({@link SHConfig#load()}: retries, cache folder, threads; credentials only matter for
 * CDSE assets).
 *
 * @since 0.1
 */
public final class StacTasks implements TaskProvider {

    private static final String MODULE = "eolearn-io";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public StacTasks() {
    }

    /**
     * A preset by name, or a custom catalogue by URL.
     *
     * @param name {@code earth-search}, {@code planetary-computer}, {@code cdse} or an http(s) URL
     * @return the catalogue
     */
    public static Catalogue catalogue(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "earth-search": case "earth_search": return Catalogue.EARTH_SEARCH;
            case "planetary-computer": case "planetary_computer": return Catalogue.PLANETARY_COMPUTER;
            case "cdse": return Catalogue.CDSE;
            default:
                if (n.startsWith("http://") || n.startsWith("https://")) {
                    return Catalogue.custom(URI.create(name.trim()));
                }
                throw new IllegalArgumentException("catalogue must be earth-search, planetary-computer, cdse or a "
                        + "URL, got '" + name + "'");
        }
    }

    @Override
    public void register(TaskRegistry r) {
        TaskSchema schema = TaskSchema.builder(MODULE, "StacInputTask", "Reads bands and scene-classification masks "
                + "of a STAC catalogue's cloud-optimised GeoTIFFs onto the patch grid (open Sentinel-2 data, no "
                + "account needed for Earth Search). This project's extension.")
                .optional("catalogue", Type.STRING, "'earth-search'", "earth-search, planetary-computer, cdse or a "
                        + "STAC API URL")
                .optional("collection", Type.STRING, "None", "the collection; None: the catalogue's Sentinel-2 L2A")
                .optional("bands_feature", Type.FEATURE, "(FeatureType.DATA, 'BANDS')", "the DATA feature of the "
                        + "bands; None reads no bands")
                .optional("bands", Type.LIST, "None", "Sentinel-2 band ids or common names (B04, red), or asset "
                        + "keys; None: all Level-2A bands")
                .optional("additional_data", Type.FEATURES, "None", "MASK outputs: dataMask, SCL, CLM, "
                        + "CLOUD_SHADOW, CIRRUS, SNOW, WATER")
                .optional("size", Type.LIST, "None", "[width, height] in pixels; give this or resolution")
                .optional("resolution", Type.NUMBER, "None", "metres per pixel; give this or size")
                .optional("maxcc", Type.NUMBER, "1.0", "the maximal cloud cover of an item, in [0, 1]")
                .optional("time_difference", Type.ANY, "3600", "items closer than this are one pass, in seconds "
                        + "or ISO-8601")
                .choice("resampling", "'nearest'", "how bands are resampled (SCL is always nearest)", "nearest",
                        "bilinear")
                .optional("bands_dtype", Type.DTYPE, "float32", "float: scaled reflectances; an integer type: the "
                        + "raw values")
                .optional("max_items", Type.INTEGER, "1000", "the most items one patch may use")
                .build();
        r.register(schema, p -> {
            Catalogue c;
            try {
                c = catalogue(p.string("catalogue", "earth-search"));
            } catch (IllegalArgumentException e) {
                throw p.error("catalogue", e.getMessage());
            }
            DownloadClient http = DownloadClient.create(SHConfig.load());
            StacInputTask.Builder b = StacInputTask.builder(StacClient.of(c, http));
            if (p.has("collection")) {
                b.collection(p.string("collection", null));
            }
            if (p.has("bands_feature")) {
                b.bandsFeature(p.raw("bands_feature").isNull() ? null : p.feature("bands_feature"));
            }
            if (p.has("bands")) {
                b.bands(p.strings("bands"));
            }
            if (p.has("additional_data")) {
                b.additionalData(p.featureList("additional_data"));
            }
            if (p.has("size")) {
                int[] wh = p.ints("size");
                if (wh.length != 2) {
                    throw p.error("size", "must be [width, height]");
                }
                b.size(wh[0], wh[1]);
            }
            if (p.has("resolution")) {
                b.resolution(p.number("resolution", 10));
            }
            b.maxcc(p.number("maxcc", 1.0));
            if (p.has("time_difference")) {
                b.timeDifference(p.duration("time_difference"));
            }
            b.resampling(GridWarp.Resampling.parse(p.string("resampling", "nearest")));
            b.bandsDtype(p.dtype("bands_dtype", DType.FLOAT32));
            b.maxItems(p.integer("max_items", 1000));
            return b.build();
        });
    }
}
