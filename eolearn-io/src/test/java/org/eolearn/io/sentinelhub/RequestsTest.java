package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.junit.jupiter.api.Test;

/** Evalscripts, Process API bodies, Catalog payloads and OGC URLs against sentinelhub-py's text. */
class RequestsTest {

    private static final String S2 = "\"B01\", \"B02\", \"B03\", \"B04\", \"B05\", \"B06\", \"B07\", \"B08\", "
            + "\"B8A\", \"B09\", \"B10\", \"B11\", \"B12\"";

    @Test
    void evalscriptOfS2cloudlessMatchesGenerateEvalscript() {
        // sentinelhub-py: generate_evalscript(SENTINEL2_L1C, bands=13 bands, meta_bands=["dataMask"],
        // merged_bands_output="bands", prioritize_dn=True); the template's text with its blank lines
        String expected = "\n//VERSION=3\n\nfunction setup() {\n    return {\n        input: [{\n"
                + "            bands: [" + S2 + ", \"dataMask\"],\n"
                + "            units: [\"DN\", \"DN\", \"DN\", \"DN\", \"DN\", \"DN\", \"DN\", \"DN\", \"DN\", \"DN\", "
                + "\"DN\", \"DN\", \"DN\", \"DN\"]\n        }],\n"
                + "        output: [{id: \"bands\", bands: 13, sampleType: \"UINT16\"}, {id: \"dataMask\", bands: 1, "
                + "sampleType: \"UINT8\"}]\n    }\n}\n\n"
                + "function updateOutputMetadata(scenes, inputMetadata, outputMetadata) {\n"
                + "    outputMetadata.userData = {\n        \"norm_factor\":  inputMetadata.normalizationFactor\n"
                + "    }\n}\n\nfunction evaluatePixel(sample) {\n"
                + "    return { bands: [sample.B01, sample.B02, sample.B03, sample.B04, sample.B05, sample.B06, "
                + "sample.B07, sample.B08, sample.B8A, sample.B09, sample.B10, sample.B11, sample.B12], "
                + "dataMask: [sample.dataMask] };\n}\n";
        List<String> bands = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10",
                "B11", "B12");
        assertThat(Evalscripts.generate(DataCollection.SENTINEL2_L1C, bands, List.of("dataMask"), "bands", true))
                .isEqualTo(expected);
    }

    @Test
    void evalscriptOfTheWaterMonitorInput() {
        String script = Evalscripts.generate(DataCollection.SENTINEL2_L1C, List.of("B02", "B03", "B04", "B08"),
                List.of("dataMask", "CLM"), null, false);
        assertThat(script).contains("            bands: [\"B02\", \"B03\", \"B04\", \"B08\", \"dataMask\", \"CLM\"],\n"
                + "            units: [\"REFLECTANCE\", \"REFLECTANCE\", \"REFLECTANCE\", \"REFLECTANCE\", \"DN\", \"DN\"]\n")
                .contains("        output: [{id: \"B02\", bands: 1, sampleType: \"FLOAT32\"}, {id: \"B03\", bands: 1, "
                        + "sampleType: \"FLOAT32\"}, {id: \"B04\", bands: 1, sampleType: \"FLOAT32\"}, {id: \"B08\", "
                        + "bands: 1, sampleType: \"FLOAT32\"}, {id: \"dataMask\", bands: 1, sampleType: \"UINT8\"}, "
                        + "{id: \"CLM\", bands: 1, sampleType: \"UINT8\"}]\n")
                .contains("    return { B02: [sample.B02], B03: [sample.B03], B04: [sample.B04], B08: [sample.B08], "
                        + "dataMask: [sample.dataMask], CLM: [sample.CLM] };\n");
        assertThatThrownBy(() -> Evalscripts.generate(DataCollection.SENTINEL2_L2A, List.of("B10"), null, null, true))
                .hasMessageContaining("B10").hasMessageContaining("SENTINEL2_L2A");
        assertThat(Evalscripts.sampleType(DType.BOOL)).isEqualTo("UINT8");
    }

    @Test
    void dataCollectionsCarrySentinelhubPyDefinitions() {
        assertThat(DataCollection.SENTINEL2_L2A.bands()).hasSize(12);
        assertThat(DataCollection.SENTINEL2_L1C.band("B8A").outputTypes()).containsExactly(DType.FLOAT32, DType.UINT16);
        assertThat(DataCollection.SENTINEL2_L1C.band("dataMask").outputTypes()).containsExactly(DType.BOOL);
        assertThat(DataCollection.SENTINEL2_L2A.band("SCL").units()).containsExactly(Unit.DN);
        assertThat(DataCollection.DEM_COPERNICUS_30.isTimeless()).isTrue();
        assertThat(DataCollection.SENTINEL1_IW.bands().stream().map(Band::name).toList()).containsExactly("VV", "VH");
        assertThat(DataCollection.LANDSAT_OT_L1.serviceUrl()).isEqualTo(DataCollection.USWEST);
        assertThat(DataCollection.valueOf("DataCollection.LANDSAT8")).isSameAs(DataCollection.LANDSAT_OT_L1);
        DataCollection byoc = DataCollection.defineByoc("1234-abcd", List.of(Band.of("NDVI", Unit.INDEX,
                DType.FLOAT32)));
        assertThat(byoc.apiId()).isEqualTo("byoc-1234-abcd");
        assertThat(byoc.catalogId()).isEqualTo("byoc-1234-abcd");
        assertThat(DataCollection.valueOf("BYOC_1234-abcd")).isEqualTo(byoc);
        assertThat(DataSource.LANDSAT8.collection()).isSameAs(DataCollection.LANDSAT_OT_L1);
        assertThat(DataSource.parse("DataSource.SENTINEL2_L1C").wfsTypename()).isEqualTo("S2.TILE");
        assertThatThrownBy(() -> DataCollection.valueOf("SENTINEL9")).hasMessageContaining("SENTINEL9");
    }

    @Test
    void processBodyFollowsSentinelhubPyKeyOrder() throws Exception {
        BBox bbox = new BBox(570000, 956000, 571000, 958000, CRS.utm(49, true));
        LocalDateTime t = LocalDateTime.of(2017, 12, 15, 7, 12, 3);
        ObjectMapper m = new ObjectMapper();
        ProcessRequest r = ProcessRequest.builder("return [B01]").bbox(bbox)
                .input(InputData.of(DataCollection.SENTINEL1_IW_ASC).withTime(t, t.plusSeconds(1)).withMaxcc(0.8)
                        .withMosaickingOrder(MosaickingOrder.LEAST_CC)
                        .withResampling(ResamplingType.NEAREST, ResamplingType.BICUBIC)
                        .withOtherArgs((com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(
                                "{\"dataFilter\": {\"previewMode\": \"PREVIEW\"}}")))
                .response("default", MimeType.TIFF).size(512, 856).build();
        assertThat(r.json()).isEqualTo("{\"input\":{\"bounds\":{\"properties\":{\"crs\":"
                + "\"http://www.opengis.net/def/crs/EPSG/0/32649\"},\"bbox\":[570000.0,956000.0,571000.0,958000.0]},"
                + "\"data\":[{\"type\":\"sentinel-1-grd\",\"dataFilter\":{\"timeRange\":{\"from\":\"2017-12-15T07:12:03Z\","
                + "\"to\":\"2017-12-15T07:12:04Z\"},\"maxCloudCoverage\":80,\"mosaickingOrder\":\"leastCC\","
                + "\"acquisitionMode\":\"IW\",\"polarization\":\"DV\",\"resolution\":\"HIGH\",\"orbitDirection\":"
                + "\"ASCENDING\",\"previewMode\":\"PREVIEW\"},\"processing\":{\"upsampling\":\"NEAREST\","
                + "\"downsampling\":\"BICUBIC\"}}]},\"evalscript\":\"return [B01]\",\"output\":{\"responses\":"
                + "[{\"identifier\":\"default\",\"format\":{\"type\":\"image/tiff\"}}],\"width\":512,\"height\":856}}");
        SHTransport.Request http = r.toHttp(URI.create("https://services.sentinel-hub.com/"));
        assertThat(http.url()).hasToString("https://services.sentinel-hub.com/api/v1/process");
        assertThat(http.accept()).isEqualTo("image/tiff");
        assertThat(http.authenticated()).isTrue();
        ProcessRequest two = ProcessRequest.builder("x").bbox(bbox).input(InputData.of(DataCollection.DEM_COPERNICUS_90))
                .response("DEM", MimeType.TIFF).response("userdata", MimeType.JSON).resolution(90, 90).build();
        assertThat(two.accept()).isEqualTo(MimeType.TAR);
        assertThat(two.json()).contains("\"data\":[{\"type\":\"dem\",\"dataFilter\":{\"demInstance\":\"COPERNICUS_90\"}}]")
                .endsWith("\"resx\":90.0,\"resy\":90.0}}");
        assertThatThrownBy(() -> InputData.of(DataCollection.SENTINEL2_L1C).withMaxcc(1.5))
                .hasMessageContaining("maxcc");
    }

    @Test
    void catalogPayloadMatchesSentinelhubPy() {
        BBox bbox = new BBox(46.16, -16.15, 46.51, -15.58, CRS.WGS84);
        com.fasterxml.jackson.databind.node.ObjectNode fields = new ObjectMapper().createObjectNode();
        fields.putArray("include").add("properties.datetime");
        fields.putArray("exclude");
        String payload = Catalog.searchPayload(DataCollection.SENTINEL1_IW_DES, bbox,
                LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 31, 23, 59, 59), true,
                "eo:cloud_cover < 50", fields, 100).toString();
        assertThat(payload).isEqualTo("{\"collections\":[\"sentinel-1-grd\"],\"datetime\":"
                + "\"2020-01-01T00:00:00Z/2020-01-31T23:59:59Z\",\"bbox\":[46.16,-16.15,46.51,-15.58],\"filter\":"
                + "\"sar:instrument_mode='IW' AND s1:polarization='DV' AND s1:resolution='HIGH' AND "
                + "sat:orbit_state='descending' AND eo:cloud_cover < 50\",\"filter-lang\":\"cql2-text\",\"fields\":"
                + "{\"include\":[\"properties.datetime\"],\"exclude\":[]},\"limit\":100}");
    }

    @Test
    void timeUtilitiesFollowPython() {
        assertThat(TimeUtils.parseTimeInterval("2017-01-01", "2020-06-01")).containsExactly(
                LocalDateTime.of(2017, 1, 1, 0, 0), LocalDateTime.of(2020, 6, 1, 23, 59, 59));
        assertThat(TimeUtils.parseTimeInterval("2017-12-15T07:12:03", null)).containsExactly(
                LocalDateTime.of(2017, 12, 15, 7, 12, 3), LocalDateTime.of(2017, 12, 15, 7, 12, 3));
        assertThat(TimeUtils.serializeUtc(LocalDateTime.of(2017, 12, 15, 7, 37, 2, 436_000_000)))
                .isEqualTo("2017-12-15T07:37:02.436000Z");
        LocalDateTime a = LocalDateTime.of(2020, 1, 1, 10, 0);
        // filter_times: sorted unique, keep when strictly more than the difference after the last kept
        assertThat(TimeUtils.filterTimes(List.of(a.plusHours(2), a, a.plusMinutes(30), a, a.plusHours(1)),
                Duration.ofHours(1))).containsExactly(a, a.plusHours(2));
        assertThat(TimeUtils.filterTimes(List.of(a, a, a.plusSeconds(1)), Duration.ofSeconds(-1)))
                .containsExactly(a, a.plusSeconds(1));
        assertThatThrownBy(() -> TimeUtils.parseTimeInterval("2020-02-01", "2020-01-01"))
                .hasMessageContaining("after");
    }

    @Test
    void ogcUrlOfSentinelhubPy311MatchesTheSpecExample() {
        Map<CustomUrlParam, Object> custom = new LinkedHashMap<>();
        custom.put(CustomUrlParam.EVALSCRIPT, "return [B01]");
        LocalDateTime t = LocalDateTime.of(2017, 12, 15, 7, 12, 3);
        String url = OgcRequests.urlV3("wms", URI.create("https://services.sentinel-hub.com"), "<ID>", "BANDS-S2-L1C",
                new BBox(-5.23, 48.0, -5.03, 48.17, CRS.WGS84), MimeType.TIFF, "100", "85", t, Duration.ofSeconds(-1),
                0.5, custom);
        assertThat(url).isEqualTo("https://services.sentinel-hub.com/ogc/wms/<ID>?SERVICE=wms&WARNINGS=False"
                + "&MAXCC=50.0&EvalScript=cmV0dXJuIFtCMDFd&BBOX=48.0%2C-5.23%2C48.17%2C-5.03&FORMAT=image%2Ftiff"
                + "&CRS=EPSG%3A4326&TIME=2017-12-15T07%3A12%3A03Z%2F2017-12-15T07%3A12%3A03Z&WIDTH=100&HEIGHT=85"
                + "&LAYERS=BANDS-S2-L1C&REQUEST=GetMap&VERSION=1.3.0");
    }

    @Test
    void ogcUrlOf2018MatchesTheCloudMaskRequestExample() {
        Map<CustomUrlParam, Object> custom = new LinkedHashMap<>();
        custom.put(CustomUrlParam.SHOWLOGO, false);
        custom.put(CustomUrlParam.TRANSPARENT, true);
        custom.put(CustomUrlParam.EVALSCRIPT, "return [B01,B02,B04,B05,B08,B8A,B09,B10,B11,B12]");
        custom.put(CustomUrlParam.ATMFILTER, "NONE");
        String url = OgcRequests.wcsUrl(URI.create(DataSource.OGC_BASE_URL), "<ID>", "TRUE-COLOR-S2-L1C",
                new BBox(46.16, -16.15, 46.51, -15.58, CRS.WGS84), MimeType.TIFF_D32F, "100m", "100m",
                LocalDateTime.of(2016, 7, 18, 7, 14, 4), Duration.ofSeconds(-1), 1.0, custom,
                DataSource.SENTINEL2_L1C);
        assertThat(url).isEqualTo("https://services.sentinel-hub.com/ogc/wcs/<ID>?SERVICE=wcs"
                + "&BBOX=-16.15%2C46.16%2C-15.58%2C46.51&FORMAT=image%2Ftiff%3Bdepth%3D32f&CRS=EPSG%3A4326&RESX=100m"
                + "&RESY=100m&COVERAGE=TRUE-COLOR-S2-L1C&REQUEST=GetCoverage&VERSION=1.1.2"
                + "&TIME=2016-07-18T07%3A14%3A04%2F2016-07-18T07%3A14%3A04&MAXCC=100.0&ShowLogo=False"
                + "&Transparent=True&EvalScript=cmV0dXJuIFtCMDEsQjAyLEIwNCxCMDUsQjA4LEI4QSxCMDksQjEwLEIxMSxCMTJd"
                + "&AtmFilter=NONE");
        // Landsat 8 went to US West in 2018; UTM bboxes are not swapped; time_difference widens TIME
        String l8 = OgcRequests.wmsUrl(URI.create(DataSource.OGC_BASE_URL), "ID", "TRUE", new BBox(570000, 956000,
                571000, 958000, CRS.utm(49, true)), MimeType.PNG, 10, 20, LocalDateTime.of(2018, 1, 1, 10, 0),
                Duration.ofHours(1), 0.07, Map.of(), DataSource.LANDSAT8);
        assertThat(l8).isEqualTo("https://services-uswest2.sentinel-hub.com/ogc/wms/ID?SERVICE=wms"
                + "&BBOX=570000.0%2C956000.0%2C571000.0%2C958000.0&FORMAT=image%2Fpng&CRS=EPSG%3A32649&WIDTH=10"
                + "&HEIGHT=20&LAYERS=TRUE&REQUEST=GetMap&VERSION=1.3.0"
                + "&TIME=2018-01-01T09%3A00%3A00%2F2018-01-01T11%3A00%3A00&MAXCC=7.000000000000001");
        assertThat(OgcRequests.wfsUrl(URI.create(DataSource.OGC_BASE_URL), "ID", DataSource.SENTINEL2_L1C,
                new BBox(46.16, -16.15, 46.51, -15.58, CRS.WGS84), LocalDateTime.of(2016, 7, 18, 0, 0),
                LocalDateTime.of(2016, 7, 18, 23, 59, 59), 1.0, 100, 0)).isEqualTo(
                "https://services.sentinel-hub.com/ogc/wfs/ID?SERVICE=wfs&REQUEST=GetFeature&TYPENAMES=S2.TILE"
                + "&BBOX=-16.15%2C46.16%2C-15.58%2C46.51&OUTPUTFORMAT=application%2Fjson&SRSNAME=EPSG%3A4326"
                + "&TIME=2016-07-18T00%3A00%3A00%2F2016-07-18T23%3A59%3A59&MAXCC=100.0&MAXFEATURES=100"
                + "&FEATURE_OFFSET=0");
    }

    @Test
    void wmsMissingDimensionFollowsThe2018Rule() {
        // BBOX_UTM of sentinelhub-py's tests: 6604 m x 4223 m; width 512 -> round(512 * 4223 / 6604) = 327
        BBox b = new BBox(570280, 956083, 576884, 960306, new CRS(32649));
        assertThat(OgcRequests.wmsDimensions(b, 512, null)).containsExactly(512, (int) Math.rint(512 * 4223.0 / 6604));
        assertThat(OgcRequests.wmsDimensions(b, null, 100)).containsExactly((int) Math.rint(100 * 6604.0 / 4223), 100);
        assertThatThrownBy(() -> OgcRequests.wmsDimensions(b, null, null)).hasMessageContaining("width");
    }
}
