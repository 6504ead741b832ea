package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.io.geo.GeoUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The input tasks against the local fake Sentinel Hub: requests checked for their JSON, patches for their values. */
class SentinelHubTasksTest {

    // 200 m x 100 m in UTM 33N: 10 x 5 pixels at 20 m
    private static final BBox BBOX = new BBox(500000, 5000000, 500200, 5000100, CRS.utm(33, true));
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSentinelHub fake;
    private HttpTransport transport;
    private SentinelHubContext context;
    private DataCollection s2;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSentinelHub();
        transport = new HttpTransport();
        context = new SentinelHubContext(transport, fake.baseUrl(), "INSTANCE");
        // predefined collections are bound to services.sentinel-hub.com, as in sentinelhub-py: point them here
        s2 = DataCollection.SENTINEL2_L1C.withServiceUrl(fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.close();
        SentinelHubContext.setDefault(null);
    }

    private SentinelHubInputTask waterMonitorInput() {
        return SentinelHubInputTask.builder(ProcessSettings.of(context, s2).withResolution(20, 20).withMaxcc(0.5))
                .bandsFeature(Feature.of(FeatureType.DATA, "BANDS"))
                .bands(List.of("B02", "B03", "B04", "B08"))
                .additionalData(List.of(Feature.of(FeatureType.MASK, "dataMask", "IS_DATA"),
                        Feature.of(FeatureType.MASK, "CLM")))
                .build();
    }

    @Test
    void inputTaskBuildsThePatchFromCatalogAndProcessApi() throws Exception {
        // five Catalog items over three pages; two acquisitions 0.5 s apart collapse with time_difference = 1 s
        fake.catalogDatetimes = List.of("2017-01-05T09:10:11Z", "2017-01-05T09:10:11.5Z", "2017-02-14T09:20:00Z",
                "2017-03-06T09:00:30Z", "2017-03-06T09:00:30Z");
        EOPatch patch = waterMonitorInput().execute(null, BBOX,
                TimeUtils.parseTimeInterval("2017-01-01", "2017-06-01"), null);

        List<LocalDateTime> expectedTimes = List.of(LocalDateTime.of(2017, 1, 5, 9, 10, 11),
                LocalDateTime.of(2017, 2, 14, 9, 20, 0), LocalDateTime.of(2017, 3, 6, 9, 0, 30));
        assertThat(patch.timestamps()).isEqualTo(expectedTimes);
        assertThat(patch.bbox()).isEqualTo(BBOX);
        INDArray bands = patch.getArray(FeatureType.DATA, "BANDS");
        assertThat(bands.shape()).containsExactly(3, 5, 10, 4);
        assertThat(DType.of(bands)).isEqualTo(DType.FLOAT32);
        INDArray isData = patch.getArray(FeatureType.MASK, "IS_DATA");
        assertThat(isData.shape()).containsExactly(3, 5, 10, 1);
        assertThat(DType.of(isData)).isEqualTo(DType.BOOL);
        assertThat(DType.of(patch.getArray(FeatureType.MASK, "CLM"))).isEqualTo(DType.UINT8);
        // the fake answers band b of the scene starting at t - 1 s with b*1000 + day*10 + (3r + c) % 7
        for (int t = 0; t < 3; t++) {
            LocalDateTime from = expectedTimes.get(t).minusSeconds(1);
            for (int b = 0; b < 4; b++) {
                for (int r = 0; r < 5; r++) {
                    for (int c = 0; c < 10; c++) {
                        assertThat(bands.getDouble(t, r, c, b)).isEqualTo(FakeSentinelHub.value(b, from, r, c));
                    }
                }
            }
            assertThat(isData.getDouble(t, 0, 1, 0)).isEqualTo(1.0);
            assertThat(isData.getDouble(t, 0, 0, 0)).isEqualTo(0.0);
        }

        // Catalog: 3 pages, the first payload exactly as sentinelhub-py's, then "next" appended
        assertThat(fake.catalogBodies).hasSize(3);
        BBox wgs = GeoUtils.transformBounds(BBOX, CRS.WGS84);
        assertThat(fake.catalogBodies.get(0).toString()).isEqualTo("{\"collections\":[\"sentinel-2-l1c\"],"
                + "\"datetime\":\"2017-01-01T00:00:00Z/2017-06-01T23:59:59Z\",\"bbox\":[" + wgs.minX() + ","
                + wgs.minY() + "," + wgs.maxX() + "," + wgs.maxY() + "],\"filter\":\"eo:cloud_cover < 50\","
                + "\"filter-lang\":\"cql2-text\",\"fields\":{\"include\":[\"properties.datetime\"],\"exclude\":[]},"
                + "\"limit\":100}");
        assertThat(fake.catalogBodies.get(1).get("next").asInt()).isEqualTo(2);
        assertThat(fake.catalogBodies.get(2).get("next").asInt()).isEqualTo(4);

        // Process API: one request per timestamp over [t - 1 s, t + 1 s]
        assertThat(fake.processBodies).hasSize(3);
        JsonNode first = fake.processBodies.get(0);
        JsonNode data = first.path("input").path("data").get(0);
        assertThat(data.toString()).isEqualTo("{\"type\":\"sentinel-2-l1c\",\"dataFilter\":{\"timeRange\":"
                + "{\"from\":\"2017-01-05T09:10:10Z\",\"to\":\"2017-01-05T09:10:12Z\"},\"maxCloudCoverage\":50}}");
        assertThat(first.path("input").path("bounds").toString()).isEqualTo("{\"properties\":{\"crs\":"
                + "\"http://www.opengis.net/def/crs/EPSG/0/32633\"},\"bbox\":[500000.0,5000000.0,500200.0,5000100.0]}");
        assertThat(first.path("output").toString()).isEqualTo("{\"responses\":["
                + "{\"identifier\":\"B02\",\"format\":{\"type\":\"image/tiff\"}},"
                + "{\"identifier\":\"B03\",\"format\":{\"type\":\"image/tiff\"}},"
                + "{\"identifier\":\"B04\",\"format\":{\"type\":\"image/tiff\"}},"
                + "{\"identifier\":\"B08\",\"format\":{\"type\":\"image/tiff\"}},"
                + "{\"identifier\":\"dataMask\",\"format\":{\"type\":\"image/tiff\"}},"
                + "{\"identifier\":\"CLM\",\"format\":{\"type\":\"image/tiff\"}}],\"width\":10,\"height\":5}");
        assertThat(first.path("evalscript").asText()).isEqualTo(waterMonitorInput().evalscript());
        assertThat(transport.sent.stream().filter(r -> r.url().getPath().equals("/api/v1/process"))
                .allMatch(r -> r.accept().equals("application/x-tar") && r.authenticated())).isTrue();
    }

    @Test
    void uint16BandsAskForDigitalNumbersAndASingleBandIsOneTiff() {
        fake.catalogDatetimes = List.of("2018-05-03T10:00:00Z");
        SentinelHubInputTask task = SentinelHubInputTask.builder(ProcessSettings.of(context, s2).withSize(6, 4))
                .bandsFeature(Feature.of(FeatureType.DATA, "B04_DN")).bands(List.of("B04"))
                .bandsDtype(DType.UINT16).build();
        assertThat(task.evalscript()).contains("units: [\"DN\"]").contains("sampleType: \"UINT16\"");
        EOPatch patch = task.execute(null, BBOX, TimeUtils.parseTimeInterval("2018-05-01", "2018-05-31"), null);
        INDArray a = patch.getArray(FeatureType.DATA, "B04_DN");
        assertThat(a.shape()).containsExactly(1, 4, 6, 1);
        assertThat(DType.of(a)).isEqualTo(DType.UINT16);
        assertThat(a.getDouble(0, 3, 5, 0)).isEqualTo(FakeSentinelHub.value(0, LocalDateTime.of(2018, 5, 3, 9, 59,
                59), 3, 5));
        assertThat(transport.sent.get(transport.sent.size() - 1).accept()).isEqualTo("image/tiff");
    }

    @Test
    void noAcquisitionGivesAnEmptyTemporalPatch() {
        fake.catalogDatetimes = List.of();
        EOPatch patch = waterMonitorInput().execute(null, BBOX, TimeUtils.parseTimeInterval("2017-01-01", null),
                null);
        assertThat(patch.timestamps()).isEmpty();
        assertThat(patch.getArray(FeatureType.DATA, "BANDS").shape()).containsExactly(0, 5, 10, 4);
        assertThat(fake.processBodies).isEmpty();
    }

    @Test
    void demTaskDownloadsATimelessFeature() {
        DataCollection dem = DataCollection.DEM_COPERNICUS_30.withServiceUrl(fake.baseUrl());
        SentinelHubDemTask task = new SentinelHubDemTask(ProcessSettings.of(context, dem).withResolution(20, 20),
                Feature.of(FeatureType.DATA_TIMELESS, "HEIGHT"));
        EOPatch patch = (EOPatch) task.execute(List.of(), Map.of("bbox", BBOX));
        INDArray h = patch.getArray(FeatureType.DATA_TIMELESS, "HEIGHT");
        assertThat(h.shape()).containsExactly(5, 10, 1);
        assertThat(DType.of(h)).isEqualTo(DType.FLOAT32);
        assertThat(h.getDouble(2, 3, 0)).isEqualTo(FakeSentinelHub.value(0, null, 2, 3));
        assertThat(patch.timestamps()).isNull();
        JsonNode body = fake.processBodies.get(0);
        assertThat(body.path("input").path("data").toString())
                .isEqualTo("[{\"type\":\"dem\",\"dataFilter\":{\"demInstance\":\"COPERNICUS_30\"}}]");
        assertThat(body.path("evalscript").asText()).contains("bands: [\"DEM\"]").contains("units: [\"METERS\"]");
    }

    @Test
    void evalscriptTaskStoresArraysAndUserData() {
        fake.catalogDatetimes = List.of("2019-07-01T10:00:00Z", "2019-07-11T10:00:00Z");
        String script = "//VERSION=3\nfunction setup() { return {input: [\"B04\", \"B08\"], output: "
                + "[{id: \"ndvi\", bands: 2, sampleType: \"FLOAT32\"}]}; }";
        SentinelHubEvalscriptTask task = new SentinelHubEvalscriptTask(
                ProcessSettings.of(context, s2).withSize(3, 2).withTimeDifference(Duration.ofMinutes(1)),
                List.of(Feature.of(FeatureType.DATA, "ndvi", "NDVI"), Feature.of(FeatureType.META_INFO, "norm")),
                script);
        EOPatch patch = task.execute(null, BBOX, TimeUtils.parseTimeInterval("2019-07-01", "2019-07-31"), null);
        INDArray ndvi = patch.getArray(FeatureType.DATA, "NDVI");
        assertThat(ndvi.shape()).containsExactly(2, 2, 3, 2);
        assertThat(ndvi.getDouble(1, 1, 2, 1)).isEqualTo(FakeSentinelHub.value(1, LocalDateTime.of(2019, 7, 11, 9,
                59), 1, 2));
        assertThat(patch.getMetaInfo("norm")).isEqualTo(List.of(Map.of("norm_factor", 0.0001),
                Map.of("norm_factor", 0.0001)));
        assertThat(fake.processBodies.get(0).path("output").path("responses").toString()).isEqualTo(
                "[{\"identifier\":\"ndvi\",\"format\":{\"type\":\"image/tiff\"}},{\"identifier\":\"userdata\","
                + "\"format\":{\"type\":\"application/json\"}}]");
        assertThatThrownBy(() -> new SentinelHubEvalscriptTask(ProcessSettings.of(context, s2).withSize(3, 2),
                List.of(Feature.of(FeatureType.DATA, "a"), Feature.of(FeatureType.DATA_TIMELESS, "b")), script))
                .hasMessageContaining("mix");
    }

    /** Pins D18 of docs/differences.md: a timeless multi-band output is (h, w, bands); eo-learn fails there. */
    @Test
    void evalscriptTaskStoresATimelessOutputAsHeightWidthBands() {
        fake.catalogDatetimes = List.of("2019-07-01T10:00:00Z", "2019-07-11T10:00:00Z");
        String script = "//VERSION=3\nfunction setup() { return {input: [\"B04\", \"B08\"], output: "
                + "[{id: \"ndvi\", bands: 2, sampleType: \"FLOAT32\"}], mosaicking: \"SIMPLE\"}; }";
        SentinelHubEvalscriptTask task = new SentinelHubEvalscriptTask(ProcessSettings.of(context, s2).withSize(3, 2),
                List.of(Feature.of(FeatureType.DATA_TIMELESS, "ndvi", "NDVI")), script);
        EOPatch patch = task.execute(null, BBOX, TimeUtils.parseTimeInterval("2019-07-01", "2019-07-31"), null);
        assertThat(patch.getArray(FeatureType.DATA_TIMELESS, "NDVI").shape()).containsExactly(2, 3, 2);
    }

    @Test
    void geometryIsSentAsGeoJsonWithTheBbox() {
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        org.locationtech.jts.geom.Polygon tri = gf.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
            new org.locationtech.jts.geom.Coordinate(500000, 5000000),
            new org.locationtech.jts.geom.Coordinate(500200, 5000000),
            new org.locationtech.jts.geom.Coordinate(500000, 5000100),
            new org.locationtech.jts.geom.Coordinate(500000, 5000000)});
        DataCollection dem = DataCollection.DEM.withServiceUrl(fake.baseUrl());
        new SentinelHubDemTask(ProcessSettings.of(context, dem).withSize(4, 2), null).execute(null, BBOX, null, tri);
        assertThat(fake.processBodies.get(0).path("input").path("bounds").toString()).isEqualTo("{\"properties\":"
                + "{\"crs\":\"http://www.opengis.net/def/crs/EPSG/0/32633\"},\"bbox\":[500000.0,5000000.0,500200.0,"
                + "5000100.0],\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[500000.0,5000000.0],"
                + "[500200.0,5000000.0],[500000.0,5000100.0],[500000.0,5000000.0]]]}}");
        assertThat(fake.processBodies.get(0).path("input").path("data").get(0).has("dataFilter")).isFalse();
    }

    @Test
    void badInputGivesClearErrors() {
        assertThatThrownBy(() -> SentinelHubInputTask.builder(ProcessSettings.of(context, s2).withSize(2, 2))
                .bandsFeature(Feature.of(FeatureType.DATA, "X")).bands(List.of("B02", "B13")).build())
                .hasMessageContaining("bands").hasMessageContaining("B13");
        assertThatThrownBy(() -> SentinelHubInputTask.builder(ProcessSettings.of(context, s2))
                .bandsFeature(Feature.of(FeatureType.DATA, "X")).build()).hasMessageContaining("size")
                .hasMessageContaining("resolution");
        SentinelHubInputTask coarse = SentinelHubInputTask.builder(ProcessSettings.of(context, s2)
                .withResolution(1000, 1000)).bandsFeature(Feature.of(FeatureType.DATA, "X")).build();
        assertThatThrownBy(() -> coarse.execute(null, BBOX, null, null)).hasMessageContaining("resolution")
                .hasMessageContaining("empty image");
        fake.catalogDatetimes = List.of("2017-01-05T09:10:11Z");
        fake.brokenTar = true;
        assertThatThrownBy(() -> waterMonitorInput().execute(null, BBOX,
                TimeUtils.parseTimeInterval("2017-01-01", "2017-02-01"), null))
                .hasMessageContaining("Process API request 1 of 1").hasMessageContaining("2017-01-05T09:10:10Z")
                .hasMessageContaining("tar");
        fake.brokenTar = false;
        fake.catalogDatetimes = List.of("2017-01-05T09:10:11Z", "2017-01-06T09:10:11Z", "2017-01-07T09:10:11Z");
        fake.brokenCatalogPage = true;
        assertThatThrownBy(() -> waterMonitorInput().execute(null, BBOX,
                TimeUtils.parseTimeInterval("2017-01-01", "2017-02-01"), null))
                .hasMessageContaining("Catalog search page 2").hasMessageContaining("features");
        EOPatch other = new EOPatch().setBbox(new BBox(0, 0, 1, 1, CRS.utm(33, true)));
        assertThatThrownBy(() -> waterMonitorInput().execute(other, BBOX, null, null))
                .hasMessageContaining("bbox");
    }

    @Test
    void tasksAreCreatedByNameFromJson() throws Exception {
        SentinelHubContext.setDefault(context);
        TaskRegistry registry = TaskRegistry.standard();
        assertThat(registry.names()).contains("SentinelHubInputTask", "SentinelHubEvalscriptTask",
                "SentinelHubDemTask", "S2L1CWCSInput", "S2L1CWMSInput", "DEMWCSInput", "SentinelHubWMSInput");
        fake.catalogDatetimes = List.of("2017-01-05T09:10:11Z");
        EOTask task = registry.create("SentinelHubInputTask", JSON.readTree("{\"data_collection\": "
                + "\"DataCollection.SENTINEL2_L1C\", \"resolution\": 20, \"bands_feature\": [\"data\", \"BANDS\"], "
                + "\"bands\": [\"B02\", \"B03\", \"B04\", \"B08\"], \"additional_data\": [[\"mask\", \"dataMask\", "
                + "\"IS_DATA\"], [\"mask\", \"CLM\"]], \"maxcc\": 0.5, \"cache_folder\": \"cached_data\", "
                + "\"time_difference\": \"PT1H\"}"));
        assertThat(task.describe()).containsEntry("time_difference", "PT1H");
        assertThat(task.describe()).containsEntry("data_collection", "SENTINEL2_L1C");
        // a fresh patch from JSON-like execute arguments; SENTINEL2_L1C is bound to services.sentinel-hub.com, so
        // run it on a copy pointing at the fake through the Java API with the same parameters
        EOTask local = SentinelHubInputTask.builder(ProcessSettings.of(context, s2).withResolution(20, 20)
                .withMaxcc(0.5)).bandsFeature(Feature.of(FeatureType.DATA, "BANDS")).bands(List.of("B02"))
                .build();
        EOPatch p = (EOPatch) local.execute(List.of(), TaskRegistry.executeArgs(JSON.readTree("{\"bbox\": "
                + "{\"bbox\": [500000, 5000000, 500200, 5000100], \"crs\": \"EPSG:32633\"}, "
                + "\"time_interval\": [\"2017-01-01\", \"2017-01-31\"]}")));
        assertThat(p.bbox()).isEqualTo(BBOX);
        assertThat(p.timestamps()).containsExactly(LocalDateTime.of(2017, 1, 5, 9, 10, 11));
        assertThat(p.getArray(FeatureType.DATA, "BANDS").shape()).containsExactly(1, 5, 10, 1);
        assertThatThrownBy(() -> registry.create("SentinelHubInputTask", JSON.readTree(
                "{\"data_collection\": \"SENTINEL2_L1C\", \"size\": [10, 10], \"resolution\": 10}")))
                .hasMessageContaining("resolution");
        assertThatThrownBy(() -> registry.create("SentinelHubInputTask", JSON.readTree(
                "{\"data_collection\": \"SENTINEL2_L1C\", \"size\": [10, 10], \"bands_feature\": [\"data\", \"B\"], "
                + "\"bands\": [\"B99\"]}"))).hasMessageContaining("B99");
        EOTask wcs = registry.create("S2L1CWCSInput", JSON.readTree("{\"layer\": \"TRUE-COLOR-S2-L1C\", "
                + "\"resx\": \"20m\", \"resy\": \"20m\", \"maxcc\": 0.5}"));
        assertThat(wcs.name()).isEqualTo("S2L1CWCSInput");
    }

    @Test
    void ogcInputTaskUsesWfsDatesAndTheAlphaBand() {
        fake.wfsFeatures = List.of("2017-03-01T09:10:11.123", "2017-03-11T09:10:15", "2017-03-01T09:10:11");
        SentinelHubOGCInput task = SentinelHubOGCInput.wcs(context, "TRUE-COLOR-S2-L1C", DataSource.SENTINEL2_L1C,
                "20m", "20m").withMaxcc(0.5);
        BBox wgs = new BBox(19.10818927, -34.08851246, 19.30962163, -33.97742414, CRS.WGS84);
        EOPatch patch = task.execute(null, wgs, "2017-03-01", "2017-03-31");
        assertThat(patch.timestamps()).containsExactly(LocalDateTime.of(2017, 3, 1, 9, 10, 11),
                LocalDateTime.of(2017, 3, 11, 9, 10, 15));
        INDArray data = patch.getArray(FeatureType.DATA, "TRUE-COLOR-S2-L1C");
        assertThat(data.shape()).containsExactly(2, 3, 4, 3);
        assertThat(data.getDouble(1, 2, 3, 2)).isEqualTo((double) 0.3f);
        INDArray mask = patch.getArray(FeatureType.MASK, "IS_DATA");
        assertThat(DType.of(mask)).isEqualTo(DType.UINT8);
        assertThat(mask.getDouble(0, 0, 0, 0)).isEqualTo(0.0);
        assertThat(mask.getDouble(0, 0, 1, 0)).isEqualTo(1.0);
        List<String> urls = transport.sent.stream().map(r -> r.url().toString()).toList();
        String base = fake.baseUrl().toString();
        assertThat(urls.get(0)).isEqualTo(base + "/ogc/wfs/INSTANCE?SERVICE=wfs&REQUEST=GetFeature"
                + "&TYPENAMES=S2.TILE&BBOX=-34.08851246%2C19.10818927%2C-33.97742414%2C19.30962163"
                + "&OUTPUTFORMAT=application%2Fjson&SRSNAME=EPSG%3A4326"
                + "&TIME=2017-03-01T00%3A00%3A00%2F2017-03-31T23%3A59%3A59&MAXCC=50.0&MAXFEATURES=100"
                + "&FEATURE_OFFSET=0");
        assertThat(urls.get(1)).isEqualTo(base + "/ogc/wcs/INSTANCE?SERVICE=wcs"
                + "&BBOX=-34.08851246%2C19.10818927%2C-33.97742414%2C19.30962163&FORMAT=image%2Ftiff%3Bdepth%3D32f"
                + "&CRS=EPSG%3A4326&RESX=20m&RESY=20m&COVERAGE=TRUE-COLOR-S2-L1C&REQUEST=GetCoverage&VERSION=1.1.2"
                + "&TIME=2017-03-01T09%3A10%3A11%2F2017-03-01T09%3A10%3A11&MAXCC=50.0&ShowLogo=False"
                + "&Transparent=True");
        assertThat(patch.getMetaInfo("service_type")).isEqualTo("wcs");

        // a patch with timestamps downloads only its dates
        EOPatch existing = new EOPatch(wgs, List.of(LocalDateTime.of(2017, 3, 11, 9, 10, 15)));
        int before = transport.sent.size();
        task.execute(existing, null, "2017-03-01", "2017-03-31");
        assertThat(existing.getArray(FeatureType.DATA, "TRUE-COLOR-S2-L1C").shape()).containsExactly(1, 3, 4, 3);
        assertThat(transport.sent.subList(before, transport.sent.size()).stream()
                .filter(r -> r.url().getPath().startsWith("/ogc/wcs/")).toList()).hasSize(1);
    }
}
