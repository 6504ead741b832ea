package org.eolearn.io.sentinelhub;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eolearn.core.DType;

/**
 * A Sentinel Hub data collection (sentinelhub-py 3.11.5's {@code DataCollection}): the Process API type, the
 * Catalog collection id, the OGC/WFS id, the service URL it lives on, its bands and meta-bands with units and
 * sample types, and the collection filters (Sentinel-1 swath, polarization, resolution, orbit; DEM instance).
 *
 * <pre>{@code
 * DataCollection s2 = DataCollection.SENTINEL2_L1C;
 * Band b04 = s2.band("B04");                         // REFLECTANCE float32 or DN uint16
 * DataCollection mine = DataCollection.defineByoc("1234-abcd", List.of(Band.of("NDVI", Unit.INDEX, DType.FLOAT32)));
 * DataCollection cdse = DataCollection.SENTINEL2_L2A.withServiceUrl(URI.create("https://sh.dataspace.copernicus.eu"));
 * }</pre>
 *
 * @param name             the enum-like name (e.g. {@code SENTINEL2_L1C})
 * @param apiId            the Process API type (e.g. {@code sentinel-2-l1c})
 * @param catalogId        the Catalog collection id
 * @param wfsId            the WFS type name ({@code DSS1}) or null
 * @param serviceUrl       the deployment the collection is served from, or null for the configured one
 * @param bands            the bands
 * @param metabands        the meta-bands (masks, angles, {@code dataMask})
 * @param isTimeless       whether the collection has no time dimension (DEM)
 * @param hasCloudCoverage whether Catalog items carry {@code eo:cloud_cover}
 * @param swathMode        Sentinel-1 acquisition mode ({@code IW}, {@code EW}) or null
 * @param polarization     Sentinel-1 polarization ({@code DV}, {@code DH}, {@code SH}) or null
 * @param resolution       Sentinel-1 resolution ({@code HIGH}, {@code MEDIUM}) or null
 * @param orbitDirection   {@code ASCENDING}, {@code DESCENDING} or null for both
 * @param demInstance      DEM instance ({@code COPERNICUS_30}...) or null
 * @since 0.1
 */
public record DataCollection(String name, String apiId, String catalogId, String wfsId, URI serviceUrl,
        List<Band> bands, List<Band> metabands, boolean isTimeless, boolean hasCloudCoverage, String swathMode,
        String polarization, String resolution, String orbitDirection, String demInstance) {

    /** The main deployment, {@code https://services.sentinel-hub.com}. */
    public static final URI MAIN = URI.create("https://services.sentinel-hub.com");
    /** The US West deployment, {@code https://services-uswest2.sentinel-hub.com}. */
    public static final URI USWEST = URI.create("https://services-uswest2.sentinel-hub.com");
    /** The CREODIAS deployment, {@code https://creodias.sentinel-hub.com}. */
    public static final URI CREODIAS = URI.create("https://creodias.sentinel-hub.com");

    private static final Map<String, DataCollection> KNOWN = Collections.synchronizedMap(new LinkedHashMap<>());

    private static final List<String> S2_BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
            "B8A", "B09", "B10", "B11", "B12");

    private static List<Band> s2Bands(boolean l2a) {
        List<Band> out = new ArrayList<>();
        for (String n : S2_BANDS) {
            if (!(l2a && n.equals("B10"))) {
                out.add(new Band(n, List.of(Unit.REFLECTANCE, Unit.DN), List.of(DType.FLOAT32, DType.UINT16)));
            }
        }
        return out;
    }

    private static List<Band> bands(Unit unit, DType type, String... names) {
        List<Band> out = new ArrayList<>();
        for (String n : names) {
            out.add(Band.of(n, unit, type));
        }
        return out;
    }

    @SafeVarargs
    private static List<Band> concat(List<Band>... lists) {
        List<Band> out = new ArrayList<>();
        for (List<Band> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static final List<Band> ANGLES = bands(Unit.DEGREES, DType.FLOAT32, "sunAzimuthAngles",
            "viewAzimuthMean", "sunZenithAngles", "viewZenithMean");
    private static final List<Band> DATA_MASK = List.of(Band.of("dataMask", Unit.DN, DType.BOOL));
    private static final List<Band> S1_META = concat(bands(Unit.DN, DType.FLOAT32, "localIncidenceAngle",
            "scatteringArea"), bands(Unit.DN, DType.BOOL, "shadowMask", "dataMask"));
    private static final List<Band> LANDSAT_OT_L1_META = concat(bands(Unit.DN, DType.UINT16, "BQA", "QA_RADSAT"),
            bands(Unit.DEGREES, DType.FLOAT32, "VAA", "VZA", "SAA", "SZA"), DATA_MASK);
    private static final List<Band> LANDSAT_OT_L2_META = concat(bands(Unit.DN, DType.UINT16, "BQA", "QA_RADSAT"),
            bands(Unit.DN, DType.UINT8, "SR_QA_AEROSOL"), bands(Unit.KELVIN, DType.FLOAT32, "ST_QA"),
            bands(Unit.RADIANCE, DType.FLOAT32, "ST_TRAD", "ST_URAD", "ST_DRAD"),
            bands(Unit.FRACTION, DType.FLOAT32, "ST_ATRAN", "ST_EMIS", "ST_EMSD"),
            bands(Unit.KILOMETERS, DType.FLOAT32, "ST_CDIST"), DATA_MASK);

    /** Sentinel-2 L1C (top-of-atmosphere reflectance), 13 bands. */
    public static final DataCollection SENTINEL2_L1C = register(new DataCollection("SENTINEL2_L1C",
            "sentinel-2-l1c", "sentinel-2-l1c", "DSS1", MAIN, s2Bands(false),
            concat(ANGLES, bands(Unit.DN, DType.UINT8, "CLP", "CLM"), DATA_MASK), false, true, null, null, null,
            null, null));
    /** Sentinel-2 L2A (surface reflectance), 12 bands (no B10). */
    public static final DataCollection SENTINEL2_L2A = register(new DataCollection("SENTINEL2_L2A",
            "sentinel-2-l2a", "sentinel-2-l2a", "DSS2", MAIN, s2Bands(true),
            concat(List.of(new Band("AOT", List.of(Unit.OPTICAL_DEPTH, Unit.DN), List.of(DType.FLOAT32,
                    DType.UINT16))), ANGLES, bands(Unit.PERCENT, DType.UINT8, "SNW", "CLD"),
                    bands(Unit.DN, DType.UINT8, "SCL", "CLP", "CLM"), DATA_MASK),
            false, true, null, null, null, null, null));
    /** Sentinel-1 GRD, any mode (no bands predefined). */
    public static final DataCollection SENTINEL1 = register(s1("SENTINEL1", List.of(), null, null, null, null));
    /** Sentinel-1 GRD IW, VV and VH, high resolution. */
    public static final DataCollection SENTINEL1_IW = register(s1("SENTINEL1_IW",
            bands(Unit.LINEAR_POWER, DType.FLOAT32, "VV", "VH"), "IW", "DV", "HIGH", null));
    /** Sentinel-1 GRD IW, ascending orbits. */
    public static final DataCollection SENTINEL1_IW_ASC = register(s1("SENTINEL1_IW_ASC",
            SENTINEL1_IW.bands(), "IW", "DV", "HIGH", "ASCENDING"));
    /** Sentinel-1 GRD IW, descending orbits. */
    public static final DataCollection SENTINEL1_IW_DES = register(s1("SENTINEL1_IW_DES",
            SENTINEL1_IW.bands(), "IW", "DV", "HIGH", "DESCENDING"));
    /** Sentinel-1 GRD EW, HH and HV, medium resolution. */
    public static final DataCollection SENTINEL1_EW = register(s1("SENTINEL1_EW",
            bands(Unit.LINEAR_POWER, DType.FLOAT32, "HH", "HV"), "EW", "DH", "MEDIUM", null));
    /** Sentinel-1 GRD EW, ascending orbits. */
    public static final DataCollection SENTINEL1_EW_ASC = register(s1("SENTINEL1_EW_ASC",
            SENTINEL1_EW.bands(), "EW", "DH", "MEDIUM", "ASCENDING"));
    /** Sentinel-1 GRD EW, descending orbits. */
    public static final DataCollection SENTINEL1_EW_DES = register(s1("SENTINEL1_EW_DES",
            SENTINEL1_EW.bands(), "EW", "DH", "MEDIUM", "DESCENDING"));
    /** Sentinel-1 GRD EW, single HH polarization. */
    public static final DataCollection SENTINEL1_EW_SH = register(s1("SENTINEL1_EW_SH",
            bands(Unit.LINEAR_POWER, DType.FLOAT32, "HH"), "EW", "SH", "MEDIUM", null));
    /** Sentinel-1 GRD EW single polarization, ascending orbits. */
    public static final DataCollection SENTINEL1_EW_SH_ASC = register(s1("SENTINEL1_EW_SH_ASC",
            SENTINEL1_EW_SH.bands(), "EW", "SH", "MEDIUM", "ASCENDING"));
    /** Sentinel-1 GRD EW single polarization, descending orbits. */
    public static final DataCollection SENTINEL1_EW_SH_DES = register(s1("SENTINEL1_EW_SH_DES",
            SENTINEL1_EW_SH.bands(), "EW", "SH", "MEDIUM", "DESCENDING"));
    /** The DEM collection with the service's default instance. */
    public static final DataCollection DEM = register(dem("DEM", null));
    /** Mapzen DEM. */
    public static final DataCollection DEM_MAPZEN = register(dem("DEM_MAPZEN", "MAPZEN"));
    /** Copernicus DEM, 30 m. */
    public static final DataCollection DEM_COPERNICUS_30 = register(dem("DEM_COPERNICUS_30", "COPERNICUS_30"));
    /** Copernicus DEM, 90 m. */
    public static final DataCollection DEM_COPERNICUS_90 = register(dem("DEM_COPERNICUS_90", "COPERNICUS_90"));
    /** MODIS MCD43A4, 7 bands. */
    public static final DataCollection MODIS = register(new DataCollection("MODIS", "modis", "modis", "DSS5",
            USWEST, bands(Unit.REFLECTANCE, DType.FLOAT32, "B01", "B02", "B03", "B04", "B05", "B06", "B07"),
            DATA_MASK, false, false, null, null, null, null, null));
    /** Landsat 8/9 OLI-TIRS L1 (sentinelhub-py's former {@code LANDSAT8}). */
    public static final DataCollection LANDSAT_OT_L1 = register(new DataCollection("LANDSAT_OT_L1",
            "landsat-ot-l1", "landsat-ot-l1", "DSS12", USWEST,
            concat(bands(Unit.REFLECTANCE, DType.FLOAT32, "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
                    "B09"), bands(Unit.BRIGHTNESS_TEMPERATURE, DType.FLOAT32, "B10", "B11")),
            LANDSAT_OT_L1_META, false, true, null, null, null, null, null));
    /** Landsat 8/9 OLI-TIRS L2. */
    public static final DataCollection LANDSAT_OT_L2 = register(new DataCollection("LANDSAT_OT_L2",
            "landsat-ot-l2", "landsat-ot-l2", "DSS13", USWEST,
            concat(bands(Unit.REFLECTANCE, DType.FLOAT32, "B01", "B02", "B03", "B04", "B05", "B06", "B07"),
                    bands(Unit.SURFACE_TEMPERATURE, DType.FLOAT32, "B10")),
            LANDSAT_OT_L2_META, false, true, null, null, null, null, null));

    private static DataCollection s1(String name, List<Band> bands, String swath, String pol, String res,
            String orbit) {
        return new DataCollection(name, "sentinel-1-grd", "sentinel-1-grd", "DSS3", MAIN, bands, S1_META, false,
                false, swath, pol, res, orbit, null);
    }

    private static DataCollection dem(String name, String instance) {
        return new DataCollection(name, "dem", "dem", "DSS4", MAIN, List.of(Band.of("DEM", Unit.METERS,
                DType.FLOAT32)), DATA_MASK, true, false, null, null, null, null, instance);
    }

    private static DataCollection register(DataCollection c) {
        KNOWN.put(c.name(), c);
        return c;
    }

    /**
     * Validates the collection.
     *
     * @param name      not blank
     * @param apiId     not blank
     * @param catalogId may be null (no Catalog search)
     * @param wfsId     may be null
     * @param serviceUrl may be null
     * @param bands     not null
     * @param metabands not null
     * @param isTimeless       see above
     * @param hasCloudCoverage see above
     * @param swathMode        may be null
     * @param polarization     may be null
     * @param resolution       may be null
     * @param orbitDirection   may be null
     * @param demInstance      may be null
     */
    public DataCollection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(apiId, "apiId");
        bands = List.copyOf(bands);
        metabands = List.copyOf(metabands);
        if (orbitDirection != null && !orbitDirection.equals("ASCENDING") && !orbitDirection.equals("DESCENDING")) {
            throw new IllegalArgumentException("orbitDirection must be ASCENDING, DESCENDING or null, got "
                    + orbitDirection);
        }
    }

    /**
     * Looks a predefined (or defined) collection up by name, case-insensitively; the 2018 names
     * {@code LANDSAT8} and the {@link DataSource} names are accepted too.
     *
     * @param name e.g. {@code "SENTINEL2_L1C"} or {@code "DataCollection.SENTINEL2_L1C"}
     * @return the collection
     * @throws IllegalArgumentException naming the known collections if there is none of that name
     */
    public static DataCollection valueOf(String name) {
        String n = name.trim();
        if (n.startsWith("DataCollection.")) {
            n = n.substring("DataCollection.".length());
        }
        DataCollection exact = KNOWN.get(n);
        if (exact != null) {
            return exact;
        }
        n = n.toUpperCase(Locale.ROOT);
        if (n.equals("LANDSAT8") || n.equals("LANDSAT8_L1")) {
            return LANDSAT_OT_L1;
        }
        if (n.equals("LANDSAT8_L2")) {
            return LANDSAT_OT_L2;
        }
        DataCollection c = KNOWN.get(n);
        if (c != null) {
            return c;
        }
        for (DataCollection k : values()) {
            if (k.apiId().equalsIgnoreCase(name.trim()) && k.swathMode() == null && k.demInstance() == null) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown data collection '" + name + "'; known: " + KNOWN.keySet());
    }

    /**
     * Returns the predefined and defined collections.
     *
     * @return the collections, in definition order
     */
    public static List<DataCollection> values() {
        synchronized (KNOWN) {
            return List.copyOf(KNOWN.values());
        }
    }

    /**
     * Defines a Bring-Your-Own-COG collection ({@code byoc-<id>} for the Process API, the Catalog and WFS) and
     * registers it under the name {@code BYOC_<id>}.
     *
     * @param collectionId the BYOC collection id
     * @param bands        its bands (may be empty when only custom evalscripts are used)
     * @return the collection
     */
    public static DataCollection defineByoc(String collectionId, List<Band> bands) {
        return defineCustom("BYOC", "byoc", collectionId, bands);
    }

    /**
     * Defines a batch collection ({@code batch-<id>}) and registers it under {@code BATCH_<id>}.
     *
     * @param collectionId the batch collection id
     * @param bands        its bands
     * @return the collection
     */
    public static DataCollection defineBatch(String collectionId, List<Band> bands) {
        return defineCustom("BATCH", "batch", collectionId, bands);
    }

    private static DataCollection defineCustom(String prefix, String type, String id, List<Band> bands) {
        Objects.requireNonNull(id, "collectionId");
        if (id.isBlank()) {
            throw new IllegalArgumentException("collectionId must not be blank");
        }
        String apiId = type + "-" + id;
        return register(new DataCollection(prefix + "_" + id, apiId, apiId, apiId, null, bands, DATA_MASK, false,
                false, null, null, null, null, null));
    }

    /**
     * Returns this collection served from another deployment (sentinelhub-py's
     * {@code define_from(name, service_url=...)}, e.g. for the Copernicus Data Space Ecosystem).
     *
     * @param url the service base URL
     * @return a copy with that service URL
     */
    public DataCollection withServiceUrl(URI url) {
        return new DataCollection(name, apiId, catalogId, wfsId, url, bands, metabands, isTimeless,
                hasCloudCoverage, swathMode, polarization, resolution, orbitDirection, demInstance);
    }

    /**
     * Finds a band or meta-band by name.
     *
     * @param bandName the name, case-sensitive as Sentinel Hub spells it
     * @return the band, if the collection has it
     */
    public Optional<Band> findBand(String bandName) {
        for (Band b : bands) {
            if (b.name().equals(bandName)) {
                return Optional.of(b);
            }
        }
        for (Band b : metabands) {
            if (b.name().equals(bandName)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a band or meta-band (sentinelhub-py's {@code parse_data_collection_bands} for one name).
     *
     * @param bandName the name
     * @return the band
     * @throws IllegalArgumentException naming the band and the available bands and meta-bands
     */
    public Band band(String bandName) {
        return findBand(bandName).orElseThrow(() -> new IllegalArgumentException("data collection " + name
                + " has no band '" + bandName + "'; bands: " + bands.stream().map(Band::name).toList()
                + ", meta-bands: " + metabands.stream().map(Band::name).toList()));
    }

    /**
     * Returns the bands of a list of names, in that order.
     *
     * @param names the band or meta-band names
     * @return the bands
     */
    public List<Band> bands(List<String> names) {
        return names.stream().map(this::band).toList();
    }

    /**
     * Whether this is a Sentinel-1 collection.
     *
     * @return true for {@code sentinel-1-grd}
     */
    public boolean isSentinel1() {
        return apiId.equals("sentinel-1-grd");
    }

    @Override
    public String toString() {
        return "DataCollection." + name;
    }
}
