package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.SHConfig;
import org.junit.jupiter.api.Test;

/** The presets: roots, Sentinel-2 asset keys, signers. */
class StacCatalogueTest {

    @Test
    void earthSearchKeysAreCommonNames() {
        Catalogue es = Catalogue.EARTH_SEARCH;
        assertThat(es.root()).isEqualTo(URI.create("https://earth-search.aws.element84.com/v1"));
        assertThat(es.defaultCollection()).isEqualTo("sentinel-2-l2a");
        assertThat(es.collections()).containsExactly("sentinel-2-l2a", "sentinel-2-c1-l2a");
        assertThat(es.assetKey("B01")).isEqualTo("coastal");
        assertThat(es.assetKey("B04")).isEqualTo("red");
        assertThat(es.assetKey("b4")).isEqualTo("red");
        assertThat(es.assetKey("B05")).isEqualTo("rededge1");
        assertThat(es.assetKey("B08")).isEqualTo("nir");
        assertThat(es.assetKey("B8A")).isEqualTo("nir08");
        assertThat(es.assetKey("b8a")).isEqualTo("nir08");
        assertThat(es.assetKey("B09")).isEqualTo("nir09");
        assertThat(es.assetKey("B11")).isEqualTo("swir16");
        assertThat(es.assetKey("B12")).isEqualTo("swir22");
        assertThat(es.assetKey("SCL")).isEqualTo("scl");
        assertThat(es.assetKey("Red")).isEqualTo("red");
        assertThat(es.assetKeys().values()).containsExactly("coastal", "blue", "green", "red", "rededge1", "rededge2",
                "rededge3", "nir", "nir08", "nir09", "swir16", "swir22", "scl");
    }

    @Test
    void planetaryComputerKeysAreBandIds() {
        Catalogue pc = Catalogue.PLANETARY_COMPUTER;
        assertThat(pc.root()).isEqualTo(URI.create("https://planetarycomputer.microsoft.com/api/stac/v1"));
        assertThat(pc.assetKey("red")).isEqualTo("B04");
        assertThat(pc.assetKey("nir08")).isEqualTo("B8A");
        assertThat(pc.assetKey("swir22")).isEqualTo("B12");
        assertThat(pc.assetKey("coastal")).isEqualTo("B01");
        assertThat(pc.assetKey("scl")).isEqualTo("SCL");
        assertThat(pc.assetKey("B02")).isEqualTo("B02");
        assertThat(pc.assetKeys()).hasSize(13).containsEntry("B8A", "B8A");
    }

    @Test
    void cdseKeysCarryTheNativeResolution() {
        Catalogue cdse = Catalogue.CDSE;
        assertThat(cdse.root()).isEqualTo(URI.create("https://stac.dataspace.copernicus.eu/v1"));
        assertThat(cdse.assetKey("B04")).isEqualTo("B04_10m");
        assertThat(cdse.assetKey("rededge1")).isEqualTo("B05_20m");
        assertThat(cdse.assetKey("B01")).isEqualTo("B01_60m");
        assertThat(cdse.assetKey("scl")).isEqualTo("SCL_20m");
    }

    @Test
    void unknownBandsListTheAllowedNames() {
        assertThatThrownBy(() -> Catalogue.EARTH_SEARCH.assetKey("B10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'B10' is not a Sentinel-2 Level-2A band of EARTH_SEARCH; use one of B01, B02, B03, B04, B05, "
                        + "B06, B07, B08, B8A, B09, B11, B12, SCL or coastal, blue, green, red, rededge1, rededge2, "
                        + "rededge3, nir, nir08, nir09, swir16, swir22, scl (B10, cirrus, is not in Level-2A products)");
        assertThatThrownBy(() -> Catalogue.PLANETARY_COMPUTER.assetKey("infrared"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'infrared'")
                .hasMessageContaining("PLANETARY_COMPUTER").hasMessageContaining("swir16");
        assertThatThrownBy(() -> Catalogue.CDSE.assetKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customCataloguesAndMovedPresets() {
        Catalogue custom = Catalogue.custom(URI.create("https://stac.example.com/api/"));
        assertThat(custom.root()).isEqualTo(URI.create("https://stac.example.com/api"));
        assertThat(custom.name()).isEqualTo("CUSTOM");
        assertThat(custom.assetKey("B04")).isEqualTo("B04");
        assertThat(custom.assetKey("whatever")).isEqualTo("whatever");
        assertThat(custom.defaultCollection()).isNull();
        assertThat(custom.assetKeys()).isEmpty();

        Catalogue local = Catalogue.EARTH_SEARCH.at(URI.create("http://localhost:1234/v1"));
        assertThat(local.root()).isEqualTo(URI.create("http://localhost:1234/v1"));
        assertThat(local.assetKey("B04")).isEqualTo("red");
        assertThat(local).isNotEqualTo(Catalogue.EARTH_SEARCH)
                .isEqualTo(Catalogue.EARTH_SEARCH.at(URI.create("http://localhost:1234/v1/")));
        assertThat(Catalogue.EARTH_SEARCH.root()).isEqualTo(URI.create("https://earth-search.aws.element84.com/v1"));
        assertThatThrownBy(() -> Catalogue.custom(URI.create("ftp://x/"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> Catalogue.custom(URI.create("stac/v1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signers() {
        try (DownloadClient http = DownloadClient.create(SHConfig.builder().build())) {
            assertThat(Catalogue.EARTH_SEARCH.signer(http)).isSameAs(AssetSigner.NONE);
            assertThat(Catalogue.custom(URI.create("https://x.example")).signer(http)).isSameAs(AssetSigner.NONE);
            assertThat(Catalogue.PLANETARY_COMPUTER.signer(http).toString())
                    .startsWith("PlanetaryComputerSigner[https://planetarycomputer.microsoft.com,");
            assertThatThrownBy(() -> Catalogue.CDSE.signer(http)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CDSE credentials");
        }
    }

    @Test
    void bearerSignersAskForTheTokenEachTimeAndCdsePrefersHttps() {
        AtomicInteger asked = new AtomicInteger();
        AssetSigner bearer = AssetSigner.bearer(() -> "tok-" + asked.incrementAndGet());
        StacAsset s3 = new StacAsset("B04_10m", URI.create("s3://eodata/Sentinel-2/B04.jp2"), null, null, null, null,
                null, null, null, Map.of("https", URI.create("https://eodata.example/Sentinel-2/B04.jp2")));
        StacItem item = new StacItem("i", "sentinel-2-l2a", null, null, null, null, null, null, Map.of(s3.key(), s3));

        SignedAsset first = Catalogue.cdseSigner(bearer).sign(item, "B04_10m");
        SignedAsset second = Catalogue.cdseSigner(bearer).sign(item, s3);
        assertThat(first.uri()).isEqualTo(URI.create("https://eodata.example/Sentinel-2/B04.jp2"));
        assertThat(first.headers()).containsExactly(Map.entry("Authorization", "Bearer tok-1"));
        assertThat(second.headers().get("authorization")).isEqualTo("Bearer tok-2");
        assertThat(first.toString()).doesNotContain("tok-1").contains("Authorization");
        assertThat(AssetSigner.NONE.sign(item, s3)).isEqualTo(SignedAsset.of(s3.href()));
        assertThat(List.of(AssetSigner.NONE.sign(item, s3).headers())).containsExactly(Map.of());
    }
}
