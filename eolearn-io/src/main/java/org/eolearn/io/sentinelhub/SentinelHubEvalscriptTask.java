package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.Tasks;
import org.locationtech.jts.geom.Geometry;

/**
 * eo-learn 1.5.6's {@code SentinelHubEvalscriptTask}: runs a custom evalscript whose outputs are named like the
 * features; each array feature is a TIFF response of that name, META_INFO features get the {@code userdata} JSON of
 * every request. Temporal and timeless features may not be mixed.
 *
 * <pre>{@code
 * SentinelHubEvalscriptTask ndvi = new SentinelHubEvalscriptTask(
 *         ProcessSettings.of(context, DataCollection.SENTINEL2_L2A).withSize(100, 100),
 *         List.of(Feature.of(FeatureType.DATA, "NDVI"), Feature.of(FeatureType.MASK, "dataMask")), script);
 * }</pre>
 *
 * @since 0.1
 */
public class SentinelHubEvalscriptTask extends AbstractProcessTask {

    private final List<Feature> features;
    private final String evalscript;
    private final boolean timeless;

    /**
     * Creates the task.
     *
     * @param settings   the shared settings
     * @param features   array features (output ids) and META_INFO features (the user data)
     * @param evalscript the evalscript
     */
    public SentinelHubEvalscriptTask(ProcessSettings settings, List<Feature> features, String evalscript) {
        super(settings);
        this.evalscript = Objects.requireNonNull(evalscript, "evalscript");
        this.features = List.copyOf(features);
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("features must not be empty");
        }
        boolean anyTemporal = false;
        boolean anyTimeless = false;
        for (Feature f : this.features) {
            if (f.type() == FeatureType.META_INFO) {
                continue;
            }
            if (!f.type().isArray()) {
                throw new IllegalArgumentException("features must be array features or META_INFO, got " + f);
            }
            anyTemporal |= f.type().isTemporal();
            anyTimeless |= f.type().isTimeless();
        }
        if (anyTemporal && anyTimeless) {
            throw new IllegalArgumentException("Cannot mix time dependent and timeless requests!");
        }
        this.timeless = anyTimeless;
    }

    @Override
    List<LocalDateTime> getTimestamps(LocalDateTime[] interval, BBox bbox) {
        if (timeless) {
            return List.of();
        }
        return catalogTimestamps(interval, bbox);
    }

    @Override
    List<ProcessRequest> buildRequests(BBox bbox, int width, int height, List<LocalDateTime> timestamps,
            LocalDateTime[] interval, Geometry geometry) {
        List<LocalDateTime[]> dates = new ArrayList<>();
        if (timestamps != null && !timestamps.isEmpty()) {
            for (LocalDateTime t : timestamps) {
                dates.add(new LocalDateTime[] {t.minus(settings.timeDifference()), t.plus(settings.timeDifference())});
            }
        } else if (timestamps == null) {
            dates.add(null);
        } else {
            dates.add(interval == null ? new LocalDateTime[] {null, null} : interval);
        }
        List<ProcessRequest> out = new ArrayList<>();
        for (LocalDateTime[] iv : dates) {
            ProcessRequest.Builder b = builder(evalscript, bbox, geometry, width, height, iv);
            for (Feature f : features) {
                if (f.type() == FeatureType.META_INFO) {
                    b.response("userdata", MimeType.JSON);
                } else {
                    b.response(f.name(), MimeType.TIFF);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Override
    void extract(EOPatch patch, List<Map<String, Object>> answers, int t, int height, int width) {
        for (Feature f : features) {
            if (f.type() == FeatureType.META_INFO) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    values.add(TaskRegistry.toJava((JsonNode) member(answers.get(i), "userdata.json", i)));
                }
                patch.put(f.type(), f.outputName(), values);
            } else {
                List<TiffImage> images = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    images.add(tiff(answers.get(i), f.name() + ".tif", i, height, width));
                }
                if (f.type().isTemporal()) {
                    patch.put(f.type(), f.outputName(), ImageStacks.stack(images, t, height, width));
                } else {
                    patch.put(f.type(), f.outputName(), ImageStacks.stack(images, 1, height, width)
                            .reshape('c', height, width, images.get(0).bands()));
                }
            }
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(Tasks.describe("features", features, "data_collection",
                settings.collection().name(), "size", settings.size() == null ? null
                        : java.util.Arrays.toString(settings.size()), "resolution", settings.resolution() == null
                        ? null : java.util.Arrays.toString(settings.resolution()), "maxcc", settings.maxcc()));
        d.put("time_difference", settings.timeDifference().toString());
        return d;
    }
}
