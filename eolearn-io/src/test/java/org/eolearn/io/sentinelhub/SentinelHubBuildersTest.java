package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short forms of the DEM and evalscript tasks against the local fake Sentinel Hub: the default build sends the
 * same requests as the registry's task made from JSON with only the required parameters (eo-learn's defaults), a
 * setting has its effect, bad arguments are named. Nothing leaves the machine: the context points at the fake.
 */
class SentinelHubBuildersTest {

    // 200 m x 100 m in UTM 33N
    private static final BBox BBOX = new BBox(500000, 5000000, 500200, 5000100, CRS.utm(33, true));
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSentinelHub fake;
    private SentinelHubContext context;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSentinelHub();
        context = new SentinelHubContext(new HttpTransport(), fake.baseUrl(), "INSTANCE");
        SentinelHubContext.setDefault(context);
    }

    @AfterEach
    void stop() {
        fake.close();
        SentinelHubContext.setDefault(null);
    }

    private static EOPatch run(EOTask task) {
        return (EOPatch) task.execute(List.of(), Map.of("bbox", BBOX));
    }

    @Test
    void demBuilderDefaultsAreEoLearns() throws Exception {
        // eo-learn's data_collection default is DataCollection.DEM; the Java settings name it
        SentinelHubDemTask built = SentinelHubDemTask.builder(ProcessSettings.of(context, DataCollection.DEM)
                .withSize(4, 2)).build();
        EOTask json = TaskRegistry.standard().create("SentinelHubDemTask", JSON.readTree("{\"size\": [4, 2]}"));
        assertThat(built.describe()).isEqualTo(json.describe());
        EOPatch a = run(built);
        EOPatch b = run(json);
        EOPatch c = run(new SentinelHubDemTask(ProcessSettings.of(context, DataCollection.DEM).withSize(4, 2)));
        assertThat(fake.processBodies).hasSize(3);
        assertThat(fake.processBodies.get(0)).isEqualTo(fake.processBodies.get(1)).isEqualTo(fake.processBodies
                .get(2));
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.names(FeatureType.DATA_TIMELESS)).containsExactly("DEM");
    }

    @Test
    void demBuilderFeatureHasItsEffect() {
        ProcessSettings settings = ProcessSettings.of(context, DataCollection.DEM_COPERNICUS_30).withSize(4, 2);
        EOPatch named = run(SentinelHubDemTask.builder(settings).feature("HEIGHT").build());
        assertThat(named.names(FeatureType.DATA_TIMELESS)).containsExactly("HEIGHT");
        EOPatch renamed = run(SentinelHubDemTask.builder(settings).feature(Feature.of(FeatureType.DATA_TIMELESS,
                "DEM", "ELEVATION")).build());
        assertThat(renamed.names(FeatureType.DATA_TIMELESS)).containsExactly("ELEVATION");
        assertThat(renamed.getArray(FeatureType.DATA_TIMELESS, "ELEVATION").shape()).containsExactly(2, 4, 1);
        // the request asks for the collection's DEM band whatever the output is called
        assertThat(fake.processBodies.get(0).path("output").path("responses").get(0).path("identifier").asText())
                .isEqualTo("DEM");
    }

    @Test
    void demBuilderNamesBadArguments() {
        ProcessSettings settings = ProcessSettings.of(context, DataCollection.DEM).withSize(4, 2);
        assertThatThrownBy(() -> SentinelHubDemTask.builder(settings).feature(Feature.of(FeatureType.DATA, "X")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature");
        assertThatThrownBy(() -> SentinelHubDemTask.builder(settings).feature((String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("feature");
        assertThatThrownBy(() -> SentinelHubDemTask.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("settings");
        assertThatThrownBy(() -> SentinelHubDemTask.builder(ProcessSettings.of(context, DataCollection.DEM)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size")
                .hasMessageContaining("resolution");
    }

    /** The evalscript task has no optional parameter of its own (they are ProcessSettings'): its constructor. */
    @Test
    void evalscriptConstructorIsTheRegistrysTaskWithOnlyTheRequiredParameters() throws Exception {
        String script = "//VERSION=3\nfunction setup() { return {input: [\"B04\", \"B08\"], output: "
                + "[{id: \"ndvi\", bands: 2, sampleType: \"FLOAT32\"}], mosaicking: \"SIMPLE\"}; }";
        SentinelHubEvalscriptTask built = new SentinelHubEvalscriptTask(ProcessSettings.of(context,
                DataCollection.SENTINEL2_L1C).withSize(3, 2), List.of(Feature.of(FeatureType.DATA_TIMELESS,
                "ndvi")), script);
        EOTask json = TaskRegistry.standard().create("SentinelHubEvalscriptTask", JSON.readTree(
                "{\"features\": [[\"data_timeless\", \"ndvi\"]], \"evalscript\": " + JSON.writeValueAsString(script)
                        + ", \"data_collection\": \"SENTINEL2_L1C\", \"size\": [3, 2]}"));
        assertThat(built.describe()).isEqualTo(json.describe()).containsEntry("time_difference", "PT1S");
        EOPatch a = run(built);
        EOPatch b = run(json);
        assertThat(fake.processBodies).hasSize(2);
        assertThat(fake.processBodies.get(0)).isEqualTo(fake.processBodies.get(1));
        assertThat(a).isEqualTo(b);
        assertThat(a.getArray(FeatureType.DATA_TIMELESS, "ndvi").shape()).containsExactly(2, 3, 2);
    }
}
