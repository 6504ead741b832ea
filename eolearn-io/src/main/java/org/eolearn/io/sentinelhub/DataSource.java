package org.eolearn.io.sentinelhub;

import java.net.URI;
import java.util.Locale;

/**
 * The 2018 {@code DataSource} enum of sentinelhub-py 2.4.6 (the sources served at
 * {@code services.sentinel-hub.com}), each mapped to today's {@link DataCollection}, with its WFS type name and the
 * OGC base URL the 2018 client used for it.
 *
 * @since 0.1
 */
public enum DataSource {
    /** Sentinel-2 L1C, WFS {@code S2.TILE}. */
    SENTINEL2_L1C("S2.TILE", false, false),
    /** Sentinel-2 L2A, WFS {@code DSS2}. */
    SENTINEL2_L2A("DSS2", false, false),
    /** Sentinel-1 GRD IW (VV+VH, high resolution), WFS {@code DSS3}. */
    SENTINEL1_IW("DSS3", false, false),
    /** Sentinel-1 GRD EW (HH+HV, medium resolution), WFS {@code DSS3}. */
    SENTINEL1_EW("DSS3", false, false),
    /** Sentinel-1 GRD EW single HH, WFS {@code DSS3}. */
    SENTINEL1_EW_SH("DSS3", false, false),
    /** Mapzen DEM, timeless, WFS {@code DSS4}. */
    DEM("DSS4", true, true),
    /** MODIS MCD43A4, WFS {@code DSS5}. */
    MODIS("DSS5", false, true),
    /** Landsat 8 L1TP, WFS {@code DSS6}. */
    LANDSAT8("DSS6", false, true);

    /** The 2018 default OGC base URL. */
    public static final String OGC_BASE_URL = "https://services.sentinel-hub.com/ogc/";
    /** The OGC base URL that 2018 forced for Landsat 8, MODIS and DEM. */
    public static final String USWEST_OGC_BASE_URL = "https://services-uswest2.sentinel-hub.com/ogc/";

    private final String wfsTypename;
    private final boolean timeless;
    private final boolean uswest;

    DataSource(String wfsTypename, boolean timeless, boolean uswest) {
        this.wfsTypename = wfsTypename;
        this.timeless = timeless;
        this.uswest = uswest;
    }

    /**
     * Returns the WFS {@code TYPENAMES} value.
     *
     * @return e.g. {@code S2.TILE}
     */
    public String wfsTypename() {
        return wfsTypename;
    }

    /**
     * Whether the source has no time dimension (DEM).
     *
     * @return true for DEM
     */
    public boolean isTimeless() {
        return timeless;
    }

    /**
     * Whether the 2018 client sent this source's OGC requests to the US West deployment.
     *
     * @return true for Landsat 8, MODIS and DEM
     */
    public boolean isUswestSource() {
        return uswest;
    }

    /**
     * Returns today's collection for this source.
     *
     * @return the collection
     */
    public DataCollection collection() {
        return switch (this) {
            case SENTINEL2_L1C -> DataCollection.SENTINEL2_L1C;
            case SENTINEL2_L2A -> DataCollection.SENTINEL2_L2A;
            case SENTINEL1_IW -> DataCollection.SENTINEL1_IW;
            case SENTINEL1_EW -> DataCollection.SENTINEL1_EW;
            case SENTINEL1_EW_SH -> DataCollection.SENTINEL1_EW_SH;
            case DEM -> DataCollection.DEM_MAPZEN;
            case MODIS -> DataCollection.MODIS;
            case LANDSAT8 -> DataCollection.LANDSAT_OT_L1;
        };
    }

    /**
     * Returns the OGC base URL for this source given a configured one (forced to US West for Landsat 8, MODIS and
     * DEM, as in 2018).
     *
     * @param configured the configured OGC base URL, ending with {@code /ogc/}
     * @return the URL to use
     */
    public URI ogcBaseUrl(URI configured) {
        return uswest ? URI.create(USWEST_OGC_BASE_URL) : configured;
    }

    /**
     * Parses a name ({@code SENTINEL2_L1C} or {@code DataSource.SENTINEL2_L1C}).
     *
     * @param text the name
     * @return the source
     */
    public static DataSource parse(String text) {
        String t = text.trim();
        if (t.startsWith("DataSource.")) {
            t = t.substring("DataSource.".length());
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data source '" + text + "'; known: "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}
