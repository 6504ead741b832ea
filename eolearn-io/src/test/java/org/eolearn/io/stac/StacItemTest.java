package org.eolearn.io.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading items: bands of STAC 1.0 and 1.1, projection fields, asset lookup. */
class StacItemTest {
    private static final URI PAGE = URI.create("https://stac.example.com/v1/search");

    /** An Earth Search-like STAC 1.0 item: eo:bands and raster:bands, a true-colour asset, item-level proj. */
    private static final String STAC_10 = """
            {"type": "Feature", "stac_version": "1.0.0", "id": "S2B_33TVL_20240605_0_L2A", "collection": "sentinel-2-l2a",
             "bbox": [12.99, 45.04, 14.41, 46.05],
             "geometry": {"type": "Polygon", "coordinates": [[[13, 45], [14, 45], [14, 46], [13, 46], [13, 45]]]},
             "properties": {"datetime": "2024-06-05T10:06:19.024000Z", "eo:cloud_cover": 12.5, "proj:epsg": 32633,
                            "proj:shape": [10980, 10980], "proj:transform": [10, 0, 300000, 0, -10, 5100000]},
             "links": [{"rel": "self", "href": "https://stac.example.com/v1/collections/sentinel-2-l2a/items/S2B"}],
             "assets": {
               "visual": {"href": "https://cogs.example.com/TCI.tif", "type": "image/tiff; application=geotiff",
                          "roles": ["visual"], "title": "True color image",
                          "eo:bands": [{"name": "B04", "common_name": "red"}, {"name": "B03", "common_name": "green"},
                                       {"name": "B02", "common_name": "blue"}]},
               "red": {"href": "https://cogs.example.com/B04.tif", "type": "image/tiff", "roles": ["data"],
                       "title": "Red (band 4) - 10m",
                       "eo:bands": [{"name": "B04", "common_name": "red", "center_wavelength": 0.665}],
                       "raster:bands": [{"nodata": 0, "data_type": "uint16", "scale": 0.0001, "offset": -0.1}]},
               "rededge1": {"href": "https://cogs.example.com/B05.tif", "roles": ["data"],
                            "proj:shape": [5490, 5490], "proj:transform": [20, 0, 300000, 0, -20, 5100000],
                            "eo:bands": [{"name": "B05", "common_name": "rededge"}],
                            "raster:bands": [{"nodata": "nan", "data_type": "float32"}]},
               "thumbnail": {"href": "thumb.jpg", "type": "image/jpeg", "roles": ["thumbnail"]}
             }}""";

    /** A STAC 1.1 item: the bands array, proj:code, start_datetime only, asset-level band fields. */
    private static final String STAC_11 = """
            {"type": "Feature", "stac_version": "1.1.0", "id": "item-11", "collection": "c",
             "geometry": {"type": "Point", "coordinates": [13.5, 45.5]},
             "properties": {"datetime": null, "start_datetime": "2024-06-01T00:00:00+02:00",
                            "end_datetime": "2024-06-30T23:59:59Z", "proj:code": "EPSG:32633"},
             "assets": {
               "B08": {"href": "B08.tif",
                       "bands": [{"name": "B08", "eo:common_name": "nir", "nodata": 0, "data_type": "uint16",
                                  "raster:scale": 0.0001, "raster:offset": -0.1}]},
               "SCL": {"href": "SCL.tif", "proj:code": "EPSG:32634", "nodata": 0, "data_type": "uint8",
                       "eo:common_name": "scl"},
               "pair": {"href": "pair.tif", "data_type": "int16", "raster:scale": 0.5,
                        "bands": [{"name": "VV", "nodata": -32768}, {"name": "VH", "data_type": "int32"}]}
             }}""";

    private static StacItem read(String json) throws Exception {
        JsonNode node = StacJson.MAPPER.readTree(json);
        return StacItem.fromJson(node, PAGE);
    }

    @Test
    void stac10ItemFields() throws Exception {
        StacItem item = read(STAC_10);
        assertThat(item.id()).isEqualTo("S2B_33TVL_20240605_0_L2A");
        assertThat(item.collection()).isEqualTo("sentinel-2-l2a");
        assertThat(item.datetime()).isEqualTo(Instant.parse("2024-06-05T10:06:19.024Z"));
        assertThat(item.bbox()).containsExactly(12.99, 45.04, 14.41, 46.05);
        assertThat(item.geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(item.geometry().getArea()).isCloseTo(1.0, within(1e-12));
        assertThat(item.cloudCover()).isEqualTo(12.5);
        assertThat(item.epsg()).isEqualTo(32633);
        assertThat(item.properties().path("proj:epsg").asInt()).isEqualTo(32633);
        assertThat(item.assets().keySet()).containsExactly("visual", "red", "rededge1", "thumbnail");
        assertThat(item.toString()).contains("S2B_33TVL_20240605_0_L2A").contains("[visual, red, rededge1, thumbnail]");
    }

    @Test
    void eoBandsAndRasterBandsAreMergedByIndex() throws Exception {
        StacItem item = read(STAC_10);
        StacAsset red = item.assets().get("red");
        assertThat(red.bands()).containsExactly(new StacBand("B04", "red", 0.0, "uint16", 0.0001, -0.1));
        assertThat(red.bands().get(0).apply(2000)).isCloseTo(0.1, within(1e-12));
        assertThat(red.type()).isEqualTo("image/tiff");
        assertThat(red.roles()).containsExactly("data");
        assertThat(red.title()).isEqualTo("Red (band 4) - 10m");

        StacBand re = item.assets().get("rededge1").bands().get(0);
        assertThat(re.nodata()).isNaN();
        assertThat(re.dataType()).isEqualTo("float32");
        assertThat(re.scale()).isEqualTo(1.0);
        assertThat(re.offset()).isEqualTo(0.0);

        assertThat(item.assets().get("visual").bands()).extracting(StacBand::commonName)
                .containsExactly("red", "green", "blue");
        assertThat(item.assets().get("visual").bands().get(0).nodata()).isNull();
        assertThat(item.assets().get("thumbnail").bands()).isEmpty();
    }

    @Test
    void projectionFieldsAreTheAssetsOwnOrTheItems() throws Exception {
        StacItem item = read(STAC_10);
        StacAsset red = item.assets().get("red");
        assertThat(red.epsg()).isEqualTo(32633);
        assertThat(red.shape()).containsExactly(10980, 10980);
        assertThat(red.transform()).containsExactly(10.0, 0.0, 300000.0, 0.0, -10.0, 5100000.0);
        StacAsset re = item.assets().get("rededge1");
        assertThat(re.shape()).containsExactly(5490, 5490);
        assertThat(re.transform().get(0)).isEqualTo(20.0);
        assertThat(re.epsg()).isEqualTo(32633);
        assertThat(item.assets().get("thumbnail").href())
                .isEqualTo(URI.create("https://stac.example.com/v1/collections/sentinel-2-l2a/items/thumb.jpg"));
    }

    @Test
    void stac11BandsAndAssetLevelFields() throws Exception {
        StacItem item = read(STAC_11);
        assertThat(item.datetime()).isEqualTo(Instant.parse("2024-05-31T22:00:00Z"));
        assertThat(item.epsg()).isEqualTo(32633);
        assertThat(item.geometry().getGeometryType()).isEqualTo("Point");
        assertThat(item.cloudCover()).isNull();
        assertThat(item.bbox()).isNull();

        assertThat(item.assets().get("B08").bands())
                .containsExactly(new StacBand("B08", "nir", 0.0, "uint16", 0.0001, -0.1));
        assertThat(item.assets().get("B08").href()).isEqualTo(URI.create("https://stac.example.com/v1/B08.tif"));
        StacAsset scl = item.assets().get("SCL");
        assertThat(scl.epsg()).isEqualTo(32634);
        assertThat(scl.bands()).containsExactly(new StacBand(null, "scl", 0.0, "uint8", 1, 0));
        List<StacBand> pair = item.assets().get("pair").bands();
        assertThat(pair).containsExactly(new StacBand("VV", null, -32768.0, "int16", 0.5, 0),
                new StacBand("VH", null, null, "int32", 0.5, 0));
    }

    @Test
    void assetsAreFoundByKeyBandNameOrCommonName() throws Exception {
        StacItem es = read(STAC_10);
        assertThat(es.asset("red").key()).isEqualTo("red");
        assertThat(es.asset("RED").key()).isEqualTo("red");
        assertThat(es.asset("B04").key()).isEqualTo("red"); // single-band asset before the true-colour one
        assertThat(es.asset("green").key()).isEqualTo("visual");
        assertThat(es.asset("B05").key()).isEqualTo("rededge1");
        assertThat(es.asset("visual").key()).isEqualTo("visual");

        StacItem s11 = read(STAC_11);
        assertThat(s11.asset("nir").key()).isEqualTo("B08");
        assertThat(s11.asset("scl").key()).isEqualTo("SCL");
        assertThat(s11.asset("VH").key()).isEqualTo("pair");
        assertThat(s11.hasAsset("swir16")).isFalse();
    }

    @Test
    void aMissingAssetNamesTheKeys() throws Exception {
        StacItem item = read(STAC_10);
        assertThatThrownBy(() -> item.asset("swir16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item S2B_33TVL_20240605_0_L2A has no asset 'swir16' (neither as a key nor as a band name or "
                        + "common name); its assets are [visual, red, rededge1, thumbnail]");
    }

    @Test
    void itemsAreImmutable() throws Exception {
        StacItem item = read(STAC_10);
        item.bbox()[0] = 99;
        ((com.fasterxml.jackson.databind.node.ObjectNode) item.properties()).put("eo:cloud_cover", 99);
        item.geometry().getCoordinates()[0].x = 99;
        assertThat(item.bbox()[0]).isEqualTo(12.99);
        assertThat(item.properties().path("eo:cloud_cover").asDouble()).isEqualTo(12.5);
        assertThat(item.geometry().getCoordinates()[0].x).isEqualTo(13.0);
        assertThat(item).isEqualTo(read(STAC_10));
        assertThatThrownBy(() -> item.assets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unreadableValuesAreReportedWithTheItem() {
        assertThatThrownBy(() -> read("{\"id\":\"x\",\"properties\":{\"datetime\":\"June 5\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item x")
                .hasMessageContaining("'June 5' is not an RFC 3339 date-time");
        assertThatThrownBy(() -> read("{\"id\":\"y\",\"properties\":{},\"assets\":{\"a\":{\"title\":\"no href\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item y: asset 'a' has no href");
        assertThatThrownBy(() -> read("{\"properties\":{}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an item has no id");
    }
}
