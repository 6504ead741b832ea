package org.eolearn.io.sentinelhub;

import java.util.List;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;

/**
 * eo-learn 1.5.6's {@code SentinelHubDemTask}: the collection's DEM band into a timeless feature, by default
 * {@code (DATA_TIMELESS, DEM)}, {@code (h, w, 1)} float32 metres.
 *
 * <pre>{@code
 * SentinelHubDemTask dem = new SentinelHubDemTask(
 *         ProcessSettings.of(context, DataCollection.DEM_COPERNICUS_30).withResolution(30, 30), null);
 * }</pre>
 *
 * @since 0.1
 */
public final class SentinelHubDemTask extends SentinelHubEvalscriptTask {

    /**
     * Creates the task.
     *
     * @param settings the settings (the collection is usually one of the DEM collections)
     * @param feature  the output: null for {@code (DATA_TIMELESS, DEM)}, else a timeless feature whose name is the
     *                 output name
     */
    public SentinelHubDemTask(ProcessSettings settings, Feature feature) {
        super(settings, List.of(demFeature(settings, feature)), Evalscripts.generate(settings.collection(),
                List.of(demBand(settings)), null, null, true));
    }

    private static String demBand(ProcessSettings settings) {
        if (settings.collection().bands().isEmpty()) {
            throw new IllegalArgumentException("data_collection " + settings.collection().name() + " has no bands");
        }
        return settings.collection().bands().get(0).name();
    }

    private static Feature demFeature(ProcessSettings settings, Feature feature) {
        String band = demBand(settings);
        if (feature == null) {
            return Feature.of(FeatureType.DATA_TIMELESS, band);
        }
        if (!feature.type().isTimeless() || !feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be a timeless array feature, got " + feature);
        }
        return Feature.of(feature.type(), band, feature.outputName());
    }
}
