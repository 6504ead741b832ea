package org.eolearn.io.stac;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.SentinelHubSession;

/**
 * A STAC API catalogue: its root URL and, for the presets, its Sentinel-2 Level-2A collections, the asset key of
 * each band and how its assets are signed.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>root</th><th>asset keys</th><th>signing</th></tr>
 *   <tr><td>{@link #EARTH_SEARCH}</td><td>{@code https://earth-search.aws.element84.com/v1}</td>
 *       <td>common names: {@code coastal}, {@code blue}, ... {@code swir22}, {@code scl}</td><td>none</td></tr>
 *   <tr><td>{@link #PLANETARY_COMPUTER}</td><td>{@code https://planetarycomputer.microsoft.com/api/stac/v1}</td>
 *       <td>{@code B01} ... {@code B12}, {@code B8A}, {@code SCL}</td><td>SAS tokens
 *       ({@link PlanetaryComputerSigner})</td></tr>
 *   <tr><td>{@link #CDSE}</td><td>{@code https://stac.dataspace.copernicus.eu/v1}</td>
 *       <td>band id and native resolution: {@code B04_10m}, {@code B05_20m}, {@code SCL_20m}</td>
 *       <td>a bearer token of the CDSE session</td></tr>
 * </table>
 *
 * <pre>{@code
 * Catalogue es = Catalogue.EARTH_SEARCH;
 * String key = es.assetKey("B04");                  // "red"
 * Catalogue local = es.at(URI.create("http://localhost:8080/v1"));  // same mapping, another root (tests)
 * Catalogue other = Catalogue.custom(URI.create("https://stac.example.com"));  // assetKey is the identity
 * }</pre>
 *
 * <p>Immutable; {@link #equals(Object)} compares the preset and the root.
 */
public final class Catalogue {

    private enum Kind { EARTH_SEARCH, PLANETARY_COMPUTER, CDSE, CUSTOM }

    /** Element 84's Earth Search (AWS open data): public assets. */
    public static final Catalogue EARTH_SEARCH = new Catalogue(Kind.EARTH_SEARCH,
            URI.create("https://earth-search.aws.element84.com/v1"), List.of("sentinel-2-l2a", "sentinel-2-c1-l2a"));

    /** Microsoft's Planetary Computer: assets in Azure Blob Storage, signed with SAS tokens. */
    public static final Catalogue PLANETARY_COMPUTER = new Catalogue(Kind.PLANETARY_COMPUTER,
            URI.create("https://planetarycomputer.microsoft.com/api/stac/v1"), List.of("sentinel-2-l2a"));

    /** The Copernicus Data Space Ecosystem: assets need a CDSE access token. */
    public static final Catalogue CDSE = new Catalogue(Kind.CDSE, URI.create("https://stac.dataspace.copernicus.eu/v1"),
            List.of("sentinel-2-l2a"));

    private final Kind kind;
    private final URI root;
    private final List<String> collections;

    private Catalogue(Kind kind, URI root, List<String> collections) {
        this.kind = kind;
        this.root = checkRoot(root);
        this.collections = List.copyOf(collections);
    }

    /**
     * Any other catalogue: no preset collections, asset keys as given, no signing.
     *
     * @param root the root URL (landing page), http or https
     * @return the catalogue
     */
    public static Catalogue custom(URI root) {
        return new Catalogue(Kind.CUSTOM, root, List.of());
    }

    /**
     * This preset at another root URL (a mirror, or a test server): same collections, asset keys and signing.
     *
     * @param newRoot the root URL, http or https
     * @return the catalogue
     */
    public Catalogue at(URI newRoot) {
        return new Catalogue(kind, newRoot, collections);
    }

    private static URI checkRoot(URI root) {
        Objects.requireNonNull(root, "root");
        String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || root.getHost() == null) {
            throw new IllegalArgumentException("a catalogue root must be an absolute http(s) URL, got " + root);
        }
        String s = root.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /**
     * The preset's name.
     *
     * @return {@code EARTH_SEARCH}, {@code PLANETARY_COMPUTER}, {@code CDSE} or {@code CUSTOM}
     */
    public String name() {
        return kind.name();
    }

    /**
     * The root URL (the landing page).
     *
     * @return the root, without a trailing slash
     */
    public URI root() {
        return root;
    }

    /**
     * The preset's Sentinel-2 Level-2A collection.
     *
     * @return {@code sentinel-2-l2a}, or {@code null} for a custom catalogue
     */
    public String defaultCollection() {
        return collections.isEmpty() ? null : collections.get(0);
    }

    /**
     * The preset's Sentinel-2 Level-2A collections whose assets {@link #assetKey(String)} maps.
     *
     * @return the collection ids, the default first; empty for a custom catalogue
     */
    public List<String> collections() {
        return collections;
    }

    /**
     * The asset key of a Sentinel-2 band in this catalogue's items.
     *
     * @param band a band id ({@code B01} ... {@code B12}, {@code B8A}, {@code SCL}; {@code B4} is {@code B04})
     *     or common name ({@code coastal}, {@code blue}, {@code green}, {@code red}, {@code rededge1}..{@code 3},
     *     {@code nir}, {@code nir08}, {@code nir09}, {@code swir16}, {@code swir22}, {@code scl}), ignoring case;
     *     for a custom catalogue, any asset key
     * @return the asset key, e.g. {@code red} (Earth Search), {@code B04} (Planetary Computer),
     *     {@code B04_10m} (CDSE); for a custom catalogue, {@code band} itself
     * @throws IllegalArgumentException for a name that is not a Level-2A band (the message lists the names)
     */
    public String assetKey(String band) {
        if (band == null || band.isBlank()) {
            throw new IllegalArgumentException("a band name must not be blank");
        }
        if (kind == Kind.CUSTOM) {
            return band;
        }
        Sentinel2Bands.Band b = Sentinel2Bands.find(band);
        if (b == null) {
            throw new IllegalArgumentException("'" + band + "' is not a Sentinel-2 Level-2A band of " + name()
                    + "; use one of " + Sentinel2Bands.names() + " (B10, cirrus, is not in Level-2A products)");
        }
        return switch (kind) {
            case EARTH_SEARCH -> b.commonName();
            case PLANETARY_COMPUTER -> b.id();
            case CDSE -> b.id() + "_" + b.resolution() + "m";
            case CUSTOM -> band;
        };
    }

    /**
     * The asset key of every Sentinel-2 Level-2A band.
     *
     * @return band id to asset key, in band order; empty for a custom catalogue
     */
    public Map<String, String> assetKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        if (kind != Kind.CUSTOM) {
            Sentinel2Bands.BANDS.forEach(b -> out.put(b.id(), assetKey(b.id())));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The signer of this catalogue's assets. Each call makes a new signer (with its own token cache): keep
     * it, or use {@link StacClient#signer()}.
     *
     * <ul>
     *   <li>Earth Search and custom catalogues: {@link AssetSigner#NONE}.
     *   <li>Planetary Computer: a {@link PlanetaryComputerSigner} fetching tokens from this catalogue's host
     *       ({@code https://planetarycomputer.microsoft.com} for the preset) through the client.
     *   <li>CDSE: {@code Authorization: Bearer <token>} from the client's {@link SentinelHubSession} (a client
     *       made with CDSE credentials, e.g. from {@code SHConfig.copernicusDataSpace()}); an asset whose href is
     *       not http(s) (CDSE gives {@code s3://eodata/...}) is fetched from its {@code https} alternate when it
     *       has one.
     * </ul>
     *
     * @param client the download client (for token requests and sessions)
     * @return the signer
     * @throws IllegalStateException for CDSE when the client has no session
     */
    public AssetSigner signer(DownloadClient client) {
        Objects.requireNonNull(client, "client");
        switch (kind) {
            case PLANETARY_COMPUTER:
                return new PlanetaryComputerSigner(client, URI.create(root.getScheme() + "://" + root.getRawAuthority()));
            case CDSE: {
                SentinelHubSession session = client.session();
                if (session == null) {
                    throw new IllegalStateException("CDSE assets need an access token: use a DownloadClient with CDSE "
                            + "credentials (SHConfig.copernicusDataSpace() with sh_client_id and sh_client_secret)");
                }
                return cdseSigner(AssetSigner.bearer(session::token));
            }
            default:
                return AssetSigner.NONE;
        }
    }

    /** Prefers an asset's https alternate when its href is not http(s), then applies the bearer signer. */
    static AssetSigner cdseSigner(AssetSigner bearer) {
        return (item, asset) -> {
            String scheme = asset.href().getScheme() == null ? "" : asset.href().getScheme().toLowerCase(Locale.ROOT);
            URI https = asset.alternates().get("https");
            if (!scheme.startsWith("http") && https != null) {
                asset = new StacAsset(asset.key(), https, asset.type(), asset.roles(), asset.title(), asset.bands(),
                        asset.epsg(), asset.shape(), asset.transform(), asset.alternates());
            }
            return bearer.sign(item, asset);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalogue c && kind == c.kind && root.equals(c.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, root);
    }

    @Override
    public String toString() {
        return "Catalogue[" + name() + ", " + root + "]";
    }
}
