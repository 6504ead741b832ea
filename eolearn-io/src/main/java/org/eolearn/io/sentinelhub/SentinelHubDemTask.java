package org.eolearn.io.sentinelhub;

import java.util.List;
import java.util.Objects;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;

/**
 * eo-learn 1.5.6's {@code SentinelHubDemTask}: the collection's DEM band into a timeless feature, by default
 * {@code (DATA_TIMELESS, DEM)}, {@code (h, w, 1)} float32 metres. Built with {@link #builder(ProcessSettings)}, or
 * {@link #SentinelHubDemTask(ProcessSettings)} for the default feature.
 *
 * <pre>{@code
 * SentinelHubDemTask dem = SentinelHubDemTask.builder(
 *         ProcessSettings.of(context, DataCollection.DEM_COPERNICUS_30).withResolution(30, 30))
 *         .feature("HEIGHT").build();
 * }</pre>
 *
 * <p>eo-learn's {@code data_collection} (default {@code DataCollection.DEM}) and keyword arguments are the
 * {@link ProcessSettings}.
 *
 * @since 0.1
 */
public final class SentinelHubDemTask extends SentinelHubEvalscriptTask {

    /** eo-learn's default {@code data_collection}, used when JSON gives none. */
    static final DataCollection DEFAULT_DATA_COLLECTION = DataCollection.DEM;

    /**
     * Creates the task with eo-learn's default feature: {@code (DATA_TIMELESS, <DEM band>)}.
     *
     * @param settings the settings (the collection is usually one of the DEM collections, eo-learn's default
     *                 {@link DataCollection#DEM})
     */
    public SentinelHubDemTask(ProcessSettings settings) {
        this(settings, null);
    }

    /**
     * Creates the task; prefer {@link #builder(ProcessSettings)} or {@link #SentinelHubDemTask(ProcessSettings)},
     * which need no null for the default feature.
     *
     * @param settings the settings (the collection is usually one of the DEM collections)
     * @param feature  the output: null for {@code (DATA_TIMELESS, DEM)}, else a timeless feature whose name is the
     *                 output name
     */
    public SentinelHubDemTask(ProcessSettings settings, Feature feature) {
        super(settings, List.of(demFeature(settings, feature)), Evalscripts.generate(settings.collection(),
                List.of(demBand(settings)), null, null, true));
    }

    /**
     * Starts a task with eo-learn's default feature, {@code (DATA_TIMELESS, <DEM band>)}.
     *
     * @param settings the settings: collection (eo-learn's default is {@link DataCollection#DEM}), size or
     *                 resolution, and the optional request settings
     * @return the builder
     * @throws NullPointerException if {@code settings} is null
     */
    public static Builder builder(ProcessSettings settings) {
        return new Builder(settings);
    }

    private static String demBand(ProcessSettings settings) {
        if (settings.collection().bands().isEmpty()) {
            throw new IllegalArgumentException("data_collection " + settings.collection().name() + " has no bands");
        }
        return settings.collection().bands().get(0).name();
    }

    private static Feature checkFeature(Feature feature) {
        if (!feature.type().isTimeless() || !feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be a timeless array feature, got " + feature);
        }
        return feature;
    }

    private static Feature demFeature(ProcessSettings settings, Feature feature) {
        String band = demBand(settings);
        if (feature == null) {
            return Feature.of(FeatureType.DATA_TIMELESS, band);
        }
        checkFeature(feature);
        return Feature.of(feature.type(), band, feature.outputName());
    }

    /**
     * Settings of a {@link SentinelHubDemTask}, preset to eo-learn 1.5.6's defaults; every setter is optional.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final ProcessSettings settings;
        private Feature feature;

        private Builder(ProcessSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * {@code feature} as a feature: a timeless array feature whose (new) name is the output's name (default
         * None: {@code (DATA_TIMELESS, <DEM band>)}).
         *
         * @param feature the feature, or null for the default
         * @return this
         * @throws IllegalArgumentException if the feature is not a timeless array feature
         */
        public Builder feature(Feature feature) {
            this.feature = feature == null ? null : checkFeature(feature);
            return this;
        }

        /**
         * {@code feature} as a name: the output {@code (DATA_TIMELESS, name)}.
         *
         * @param name the name of the output
         * @return this
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is not a valid feature name
         */
        public Builder feature(String name) {
            Objects.requireNonNull(name, "feature");
            try {
                this.feature = Feature.of(FeatureType.DATA_TIMELESS, name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("feature: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException if the settings give neither or both of size and resolution, or the
         *                                  collection has no bands
         */
        public SentinelHubDemTask build() {
            return new SentinelHubDemTask(settings, feature);
        }
    }
}
