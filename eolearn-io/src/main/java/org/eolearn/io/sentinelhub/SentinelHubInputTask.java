package org.eolearn.io.sentinelhub;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.Tasks;
import org.locationtech.jts.geom.Geometry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn 1.5.6's {@code SentinelHubInputTask}: downloads bands of a data collection into a new (or given) patch
 * with the Process API, one request per Catalog acquisition, each over {@code [t - Δ, t + Δ]}.
 *
 * <p>The evalscript is generated ({@link Evalscripts#generate}) with one TIFF output per band and per additional
 * band; the bands are stacked into {@code bands_feature} (DATA, {@code (t, h, w, bands)}) in {@code bands_dtype}
 * (default: each band's default type, float32 reflectance; an integer dtype asks for DN). Each additional band
 * (e.g. {@code dataMask} → MASK {@code IS_DATA} as bool, {@code CLM} as uint8) becomes its own
 * {@code (t, h, w, 1)} feature in its band type.
 *
 * <pre>{@code
 * SentinelHubInputTask input = SentinelHubInputTask.builder(
 *             ProcessSettings.of(context, DataCollection.SENTINEL2_L1C).withResolution(20, 20).withMaxcc(0.5))
 *         .bandsFeature(Feature.of(FeatureType.DATA, "BANDS"))
 *         .bands(List.of("B02", "B03", "B04", "B08"))
 *         .additionalData(List.of(Feature.of(FeatureType.MASK, "dataMask", "IS_DATA"), Feature.of(FeatureType.MASK, "CLM")))
 *         .build();
 * EOPatch patch = input.execute(null, bbox, TimeUtils.parseTimeInterval("2017-01-01", "2020-06-01"), null);
 * }</pre>
 *
 * @since 0.1
 */
public final class SentinelHubInputTask extends AbstractProcessTask {

    private final Feature bandsFeature;
    private final List<Band> requestedBands;
    private final List<Feature> additionalData;
    private final List<Band> additionalBands;
    private final String evalscript;
    private final DType bandsDtype;
    private final boolean singleScene;

    private SentinelHubInputTask(Builder b) {
        super(b.settings);
        DataCollection c = settings.collection();
        if (b.bandsFeature != null) {
            this.bandsFeature = Feature.requireType(b.bandsFeature, FeatureType.DATA, "bands_feature");
            List<String> names = b.bands != null ? b.bands : c.bands().stream().map(Band::name).toList();
            this.requestedBands = bandsOf(c, names, "bands");
        } else {
            this.bandsFeature = null;
            this.requestedBands = List.of();
        }
        this.additionalData = b.additionalData == null ? List.of() : List.copyOf(b.additionalData);
        List<String> addNames = new ArrayList<>();
        for (Feature f : additionalData) {
            if (!f.type().isArray() || !f.type().isTemporal()) {
                throw new IllegalArgumentException("additional_data must be temporal array features, got " + f);
            }
            addNames.add(f.name());
        }
        this.additionalBands = bandsOf(c, addNames, "additional_data");
        if (requestedBands.isEmpty() && additionalBands.isEmpty()) {
            throw new IllegalArgumentException("give bands_feature or additional_data: nothing to download");
        }
        if (b.bandsDtype != null && b.bandsDtype != DType.FLOAT32 && b.bandsDtype != DType.FLOAT64
                && b.bandsDtype != DType.UINT16 && b.bandsDtype != DType.UINT8 && b.bandsDtype != DType.FLOAT16
                && b.bandsDtype != DType.INT16 && b.bandsDtype != DType.INT32) {
            throw new IllegalArgumentException("bands_dtype " + b.bandsDtype.numpyName() + " is not supported");
        }
        this.bandsDtype = b.bandsDtype;
        this.singleScene = b.singleScene;
        this.evalscript = b.evalscript != null ? b.evalscript
                : Evalscripts.generate(c, requestedBands.stream().map(Band::name).toList(),
                        additionalBands.stream().map(Band::name).toList(), null,
                        !(bandsDtype == null || bandsDtype.isFloatingPoint()));
    }

    private static List<Band> bandsOf(DataCollection c, List<String> names, String param) {
        List<Band> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(c.band(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(param + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Starts a task.
     *
     * @param settings the shared settings (size or resolution required)
     * @return the builder
     */
    public static Builder builder(ProcessSettings settings) {
        return new Builder(settings);
    }

    /**
     * Returns the evalscript sent (the given one or the generated one).
     *
     * @return the evalscript
     */
    public String evalscript() {
        return evalscript;
    }

    /**
     * eo-learn's {@code get_available_timestamps}: Catalog acquisition times over an area, filtered by cloud cover
     * and by a minimal time difference.
     *
     * @param context        the context
     * @param bbox           the area
     * @param from           the interval start
     * @param to             the interval end
     * @param collection     the collection
     * @param timeDifference the minimal difference (null: keep every distinct time)
     * @param maxcc          the maximal cloud cover in [0, 1], or null
     * @return the times, ascending
     */
    public static List<LocalDateTime> getAvailableTimestamps(SentinelHubContext context, BBox bbox,
            LocalDateTime from, LocalDateTime to, DataCollection collection, Duration timeDifference, Double maxcc) {
        return new Catalog(context).getAvailableTimestamps(bbox, from, to, collection, timeDifference, maxcc);
    }

    @Override
    List<LocalDateTime> getTimestamps(LocalDateTime[] interval, BBox bbox) {
        if (singleScene) {
            return List.of(interval[0]);
        }
        return catalogTimestamps(interval, bbox);
    }

    @Override
    List<ProcessRequest> buildRequests(BBox bbox, int width, int height, List<LocalDateTime> timestamps,
            LocalDateTime[] interval, Geometry geometry) {
        List<LocalDateTime[]> intervals = new ArrayList<>();
        if (timestamps == null) {
            intervals.add(null);
        } else if (singleScene) {
            intervals.add(interval);
        } else {
            for (LocalDateTime t : timestamps) {
                intervals.add(new LocalDateTime[] {t.minus(settings.timeDifference()),
                    t.plus(settings.timeDifference())});
            }
        }
        List<ProcessRequest> out = new ArrayList<>();
        for (LocalDateTime[] iv : intervals) {
            ProcessRequest.Builder b = builder(evalscript, bbox, geometry, width, height, iv);
            for (Band band : requestedBands) {
                b.response(band.name(), MimeType.TIFF);
            }
            for (Band band : additionalBands) {
                if (!requestedBands.contains(band)) {
                    b.response(band.name(), MimeType.TIFF);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Override
    void extract(EOPatch patch, List<Map<String, Object>> answers, int t, int height, int width) {
        for (int i = 0; i < additionalData.size(); i++) {
            Band band = additionalBands.get(i);
            INDArray a = ImageStacks.band(images(answers, band, height, width), 0, t, height, width,
                    band.outputTypes().get(0));
            patch.put(additionalData.get(i).type(), additionalData.get(i).outputName(), a);
        }
        if (bandsFeature != null) {
            List<INDArray> parts = new ArrayList<>();
            for (Band band : requestedBands) {
                DType type = bandsDtype != null ? bandsDtype : band.outputTypes().get(0);
                parts.add(ImageStacks.band(images(answers, band, height, width), 0, t, height, width, type));
            }
            patch.put(bandsFeature.type(), bandsFeature.outputName(), parts.size() == 1 ? parts.get(0)
                    : org.eolearn.core.NdArrays.concat(3, parts));
        }
    }

    private static List<TiffImage> images(List<Map<String, Object>> answers, Band band, int height, int width) {
        List<TiffImage> out = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            out.add(tiff(answers.get(i), band.name() + ".tif", i, height, width));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(Tasks.describe("data_collection", settings.collection().name(),
                "size", settings.size() == null ? null : java.util.Arrays.toString(settings.size()),
                "resolution", settings.resolution() == null ? null : java.util.Arrays.toString(settings.resolution()),
                "bands_feature", bandsFeature, "bands", requestedBands.stream().map(Band::name).toList(),
                "additional_data", additionalData, "maxcc", settings.maxcc()));
        d.put("time_difference", settings.timeDifference().toString());
        d.put("bands_dtype", bandsDtype == null ? null : bandsDtype.numpyName());
        d.put("single_scene", singleScene);
        d.put("mosaicking_order", settings.mosaickingOrder() == null ? null : settings.mosaickingOrder().value());
        return d;
    }

    /**
     * Builds a {@link SentinelHubInputTask}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final ProcessSettings settings;
        private Feature bandsFeature;
        private List<String> bands;
        private List<Feature> additionalData;
        private String evalscript;
        private DType bandsDtype;
        private boolean singleScene;

        private Builder(ProcessSettings settings) {
            this.settings = settings;
        }

        /**
         * Sets the DATA feature the bands go into.
         *
         * @param value the feature or null
         * @return this
         */
        public Builder bandsFeature(Feature value) {
            this.bandsFeature = value;
            return this;
        }

        /**
         * Sets the bands (default: all the collection's bands).
         *
         * @param value band names or null
         * @return this
         */
        public Builder bands(List<String> value) {
            this.bands = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * Sets the additional bands: features named after meta-bands, optionally renamed
         * (e.g. {@code (MASK, dataMask, IS_DATA)}).
         *
         * @param value features or null
         * @return this
         */
        public Builder additionalData(List<Feature> value) {
            this.additionalData = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * Overrides the generated evalscript.
         *
         * @param value the evalscript or null
         * @return this
         */
        public Builder evalscript(String value) {
            this.evalscript = value;
            return this;
        }

        /**
         * Sets the type of the bands feature.
         *
         * @param value the type or null for the bands' default
         * @return this
         */
        public Builder bandsDtype(DType value) {
            this.bandsDtype = value;
            return this;
        }

        /**
         * Asks for one mosaicked scene over the whole interval, timestamped at its start.
         *
         * @param value whether
         * @return this
         */
        public Builder singleScene(boolean value) {
            this.singleScene = value;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public SentinelHubInputTask build() {
            return new SentinelHubInputTask(this);
        }
    }
}
