package org.eolearn.examples.water;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.eolearn.core.DType;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.OutputTask;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.EOWorkflow;
import org.eolearn.features.NormalizedDifferenceIndexTask;
import org.eolearn.features.SimpleFilterTask;
import org.eolearn.features.WaterDetectionTask;
import org.eolearn.geometry.transformations.VectorToRasterTask;
import org.eolearn.io.sentinelhub.DataCollection;
import org.eolearn.io.sentinelhub.ProcessSettings;
import org.eolearn.io.sentinelhub.SentinelHubContext;
import org.eolearn.io.sentinelhub.SentinelHubInputTask;
import org.eolearn.io.stac.StacClient;
import org.eolearn.io.stac.StacInputTask;
import org.eolearn.mask.AddValidDataMaskTask;
import org.eolearn.mask.CloudMaskTask;

/**
 * The water-level monitoring workflow of eo-learn's water-monitor example (eo-learn 1.5.6 version, spec §5.1):
 * input (B02, B03, B04, B08 as {@code data/BANDS}, {@code mask/IS_DATA}, {@code mask/CLM}) → NDWI = (B03 − B08) /
 * (B03 + B08) → the nominal outline rasterised to {@code mask_timeless/NOMINAL_WATER} → VALID_DATA = IS_DATA ∧ ¬CLM
 * → COVERAGE (invalid fraction per frame) → frames with an invalid fraction of {@code maxInvalid} or more dropped →
 * per-frame Otsu water detection (WATER_MASK, WATER_LEVEL, OTSU_THRESHOLD) → the outputs → {@code final_eopatch}.
 *
 * <p>The input is Sentinel Hub's ({@link #sentinelHubInput}: Sentinel-2 L1C) or a STAC catalogue's ({@link #stacInput}:
 * open Sentinel-2 L2A, CLM from the scene classification); the rest of the workflow is the same for both.
 *
 * <p>With a cloud model the input must hold all 13 bands ({@code data/BANDS}, B01 ... B12) and the clouds come from
 * this library's s2cloudless detector instead of Sentinel Hub's CLM.
 *
 * @since 0.1
 */
public final class WaterMonitor {

    /** The four bands of the default input, in order. */
    public static final List<String> BANDS = List.of("B02", "B03", "B04", "B08");

    /** The collection {@link #stacInput} reads from a catalogue that is not a preset. */
    public static final String STAC_COLLECTION = "sentinel-2-l2a";

    /** The nodes of a built workflow that take execution arguments. */
    public record Nodes(EONode input, EONode outline, EONode outputs) {
    }

    /** A built workflow and its argument nodes. */
    public record Built(EOWorkflow workflow, Nodes nodes) {
    }

    private WaterMonitor() {
    }

    /**
     * Builds the workflow.
     *
     * @param input      the input task (its node takes the execution arguments of the input, e.g. bbox and
     *                   time_interval)
     * @param maxInvalid frames whose invalid fraction is this or more are dropped (eo-learn: 0.05)
     * @param cloudModel the s2cloudless model for own cloud detection over 13 bands, or null for the input's CLM
     * @param title      the chart title prefix
     * @return the workflow and the nodes that take arguments
     */
    public static Built workflow(EOTask input, double maxInvalid, LightGbmModel cloudModel, String title) {
        Objects.requireNonNull(input, "input");
        if (!(maxInvalid > 0 && maxInvalid <= 1)) {
            throw new IllegalArgumentException("the maximum invalid fraction must be in (0, 1], got " + maxInvalid);
        }
        boolean allBands = cloudModel != null;
        Feature bands = Feature.of(FeatureType.DATA, "BANDS");
        Feature clm = Feature.of(FeatureType.MASK, "CLM");
        Feature isData = Feature.of(FeatureType.MASK, "IS_DATA");
        Feature valid = Feature.of(FeatureType.MASK, "VALID_DATA");
        Feature outline = Feature.of(FeatureType.VECTOR_TIMELESS, "NOMINAL_WATER_POLYGON");
        List<EONode> nodes = new ArrayList<>();
        EONode in = add(nodes, EONode.of(input));
        EONode outlineNode = add(nodes, EONode.of(new NominalOutlineTask(outline), in));
        EONode last = add(nodes, EONode.of(new NormalizedDifferenceIndexTask(bands, Feature.of(FeatureType.DATA,
                "NDWI"), allBands ? 2 : 1, allBands ? 7 : 3), outlineNode));
        last = add(nodes, EONode.of(VectorToRasterTask.builder(outline, Feature.of(FeatureType.MASK_TIMELESS,
                "NOMINAL_WATER")).values(1).rasterShape(isData).rasterDtype(DType.UINT8).build(), last));
        if (cloudModel != null) {
            last = add(nodes, EONode.of(new CloudMaskTask(bands, isData, clm, null, true, 0.4, 4, 2, cloudModel),
                    last));
        }
        last = add(nodes, EONode.of(AddValidDataMaskTask.dataAndNotCloud(isData, clm, valid), last));
        last = add(nodes, EONode.of(new ValidDataCoverageTask(valid, Feature.of(FeatureType.SCALAR, "COVERAGE")),
                last));
        last = add(nodes, EONode.of(new SimpleFilterTask(valid,
                frame -> ValidDataCoverageTask.invalidFraction(frame) < maxInvalid, FeatureSpec.all()), last));
        last = add(nodes, EONode.of(new WaterDetectionTask(Feature.of(FeatureType.DATA, "NDWI"),
                Feature.of(FeatureType.MASK_TIMELESS, "NOMINAL_WATER"), Feature.of(FeatureType.MASK, "WATER_MASK"),
                Feature.of(FeatureType.SCALAR, "WATER_LEVEL"), Feature.of(FeatureType.SCALAR, "OTSU_THRESHOLD")),
                last));
        int red = allBands ? 3 : 2;
        int green = allBands ? 2 : 1;
        int blue = allBands ? 1 : 0;
        EONode outputs = add(nodes, EONode.of(new WaterMonitorOutputTask(red, green, blue, title), last));
        add(nodes, EONode.of(new OutputTask("final_eopatch"), outputs));
        return new Built(new EOWorkflow(nodes), new Nodes(in, outlineNode, outputs));
    }

    /**
     * The input of eo-learn's water monitor: Sentinel-2 L1C bands B02, B03, B04, B08 (or all 13 for own cloud
     * detection) as {@code data/BANDS}, {@code dataMask} as {@code mask/IS_DATA} and {@code CLM}, at a resolution,
     * acquisitions with at most 50 % cloud cover (eo-learn's {@code maxcc=0.5}).
     *
     * @param context    the Sentinel Hub context (the real service or the local demo server)
     * @param resolution the pixel size (m)
     * @param allBands   all 13 bands (for {@code --cloud-model}) instead of four
     * @return the input task; its node takes {@code bbox} and {@code time_interval}
     */
    public static SentinelHubInputTask sentinelHubInput(SentinelHubContext context, double resolution,
                                                        boolean allBands) {
        return SentinelHubInputTask.builder(ProcessSettings.of(context, DataCollection.SENTINEL2_L1C)
                        .withResolution(resolution, resolution).withMaxcc(0.5))
                .bandsFeature(Feature.of(FeatureType.DATA, "BANDS"))
                .bands(allBands ? DemoReservoir.BANDS : BANDS)
                .additionalData(List.of(Feature.of(FeatureType.MASK, "dataMask", "IS_DATA"),
                        Feature.of(FeatureType.MASK, "CLM")))
                .build();
    }

    /**
     * The input of the water monitor from a STAC catalogue: Sentinel-2 L2A bands B02, B03, B04, B08 as
     * {@code data/BANDS} (reflectances: the assets' digital numbers with their {@code raster:bands} scale and offset),
     * {@code dataMask} (valid in every band and the scene classification) as {@code mask/IS_DATA} and {@code CLM}
     * from the scene classification (SCL classes 8, 9, 10: cloud medium and high probability, thin cirrus), at a
     * resolution, items with at most 50 % cloud cover ({@code maxcc=0.5}).
     *
     * <p>Level-2A reflectances are bottom-of-atmosphere ones while Sentinel Hub's input is Level-1C
     * (top-of-atmosphere): the values differ (the atmosphere's contribution is removed, mostly lowering the visible
     * bands), but NDWI keeps its sign over open water and land, and the water detection's threshold is Otsu's,
     * computed per frame from the NDWI histogram, so the thresholds work the same. VALID_DATA is
     * IS_DATA and not CLM as with Sentinel Hub; only SCL's cloud classes are clouds (shadows, class 3, are not, as
     * they are not in Sentinel Hub's CLM).
     *
     * @param client     the catalogue: a preset (its Sentinel-2 L2A collection and asset keys) or any other STAC API,
     *                   whose collection {@value #STAC_COLLECTION} is read and whose assets are found by key or by
     *                   band name ({@code eo:bands})
     * @param resolution the pixel size (m)
     * @return the input task; its node takes {@code bbox} and {@code time_interval}
     */
    public static StacInputTask stacInput(StacClient client, double resolution) {
        String collection = client.catalogue().defaultCollection();
        return StacInputTask.builder(client)
                .collection(collection != null ? collection : STAC_COLLECTION)
                .bandsFeature(Feature.of(FeatureType.DATA, "BANDS"))
                .bands(BANDS)
                .resolution(resolution)
                .maxcc(0.5)
                .additionalData(List.of(Feature.of(FeatureType.MASK, "dataMask", "IS_DATA"),
                        Feature.of(FeatureType.MASK, "CLM")))
                .build();
    }

    private static EONode add(List<EONode> nodes, EONode node) {
        nodes.add(node);
        return node;
    }
}
