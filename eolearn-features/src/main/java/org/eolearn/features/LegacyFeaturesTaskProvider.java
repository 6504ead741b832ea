package org.eolearn.features;

import java.util.function.UnaryOperator;
import org.eolearn.core.task.TaskParam.Type;
import org.eolearn.core.task.TaskParams;
import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskSchema;
import org.eolearn.features.compositing.BaseCompositingTask;
import org.eolearn.features.compositing.BlueCompositingTask;
import org.eolearn.features.compositing.HOTCompositingTask;
import org.eolearn.features.compositing.HistogramMatchingTask;
import org.eolearn.features.compositing.MaxNDVICompositingTask;
import org.eolearn.features.compositing.MaxNDWICompositingTask;
import org.eolearn.features.compositing.MaxRatioCompositingTask;
import org.eolearn.features.compositing.ReferenceScenesTask;
import org.eolearn.features.temporal.AddMaxMinNDVISlopeIndicesTask;
import org.eolearn.features.temporal.AddMaxMinTemporalIndicesTask;
import org.eolearn.features.temporal.AddSpatioTemporalFeaturesTask;

/**
 * Registers eo-learn's 2018 tasks that eo-learn 1.5 removed (temporal indices and features, reference scenes,
 * compositing and histogram matching) under their class names and parameter names, each with its schema.
 *
 * @since 0.1
 */
public final class LegacyFeaturesTaskProvider implements TaskProvider {

    private static final String MODULE = "eolearn-features";
    private static final String MASK_DATA = "mask with VALID_DATA if true, else with IS_DATA";
    private static final String COMPOSITE_FEATURE = "the time series (a temporal raster, usually DATA)";
    private static final String COMPOSITE_OUTPUT = "the timeless feature receiving the composite (usually "
            + "DATA_TIMELESS)";
    private static final String INTERPOLATION = "the percentile method: 'geoville' (any case), or numpy's 'linear', "
            + "'lower', 'higher', 'nearest' or 'midpoint'";

    private final UnaryOperator<String> naming;

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public LegacyFeaturesTaskProvider() {
        this(UnaryOperator.identity());
    }

    /**
     * A provider registering the tasks under other names: the tests register them under the oracle's dotted Python
     * names as well ({@code eolearn_legacy.temporal_features.AddMaxMinTemporalIndicesTask}, ...).
     *
     * @param naming the registry name of each task, given eo-learn's class name
     */
    LegacyFeaturesTaskProvider(UnaryOperator<String> naming) {
        this.naming = naming;
    }

    @Override
    public void register(TaskRegistry r) {
        r.register(TaskSchema.builder(MODULE, naming.apply("AddMaxMinTemporalIndicesTask"),
                        "Adds the time indices of a data feature's maximum and minimum per pixel (eo-learn's 2018 "
                        + "task).")
                .optional("data_feature", Type.STRING, "'NDVI'", "the DATA feature")
                .optional("data_index", Type.INTEGER, "None", "the band to use (None: all bands)")
                .optional("amax_data_feature", Type.STRING, "'ARGMAX_NDVI'", "the DATA_TIMELESS feature of the argmax")
                .optional("amin_data_feature", Type.STRING, "'ARGMIN_NDVI'", "the DATA_TIMELESS feature of the argmin")
                .optional("mask_data", Type.BOOLEAN, "True", MASK_DATA)
                .build(), p -> new AddMaxMinTemporalIndicesTask(p.string("data_feature", "NDVI"),
                        p.has("data_index") ? p.integer("data_index", 0) : null,
                        p.string("amax_data_feature", "ARGMAX_NDVI"), p.string("amin_data_feature", "ARGMIN_NDVI"),
                        p.bool("mask_data", true)));
        r.register(TaskSchema.builder(MODULE, naming.apply("AddMaxMinNDVISlopeIndicesTask"),
                        "Adds the time indices of the NDVI slope's maximum and minimum per pixel (eo-learn's 2018 "
                        + "task).")
                .optional("data_feature", Type.STRING, "'NDVI'", "the DATA feature of the NDVI (one band)")
                .optional("argmax_feature", Type.STRING, "'ARGMAX_NDVI_SLOPE'", "the DATA_TIMELESS feature of the "
                        + "slope's argmax")
                .optional("argmin_feature", Type.STRING, "'ARGMIN_NDVI_SLOPE'", "the DATA_TIMELESS feature of the "
                        + "slope's argmin")
                .optional("mask_data", Type.BOOLEAN, "True", MASK_DATA)
                .build(), p -> new AddMaxMinNDVISlopeIndicesTask(p.string("data_feature", "NDVI"),
                        p.string("argmax_feature", "ARGMAX_NDVI_SLOPE"), p.string("argmin_feature",
                        "ARGMIN_NDVI_SLOPE"), p.bool("mask_data", true)));
        r.register(TaskSchema.builder(MODULE, naming.apply("AddSpatioTemporalFeaturesTask"),
                        "Adds the bands at the times of the NDVI's, the NDVI slope's and the red band's extremes "
                        + "(Waldner et al. 2015; eo-learn's 2018 task).")
                .optional("argmax_ndvi", Type.STRING, "'ARGMAX_NDVI'", "the DATA_TIMELESS argmax of the NDVI")
                .optional("argmin_ndvi", Type.STRING, "'ARGMIN_NDVI'", "the DATA_TIMELESS argmin of the NDVI")
                .optional("argmax_red", Type.STRING, "'ARGMAX_B4'", "the DATA_TIMELESS argmax of the red band")
                .optional("argmax_ndvi_slope", Type.STRING, "'ARGMAX_NDVI_SLOPE'", "the DATA_TIMELESS argmax of the "
                        + "NDVI slope")
                .optional("argmin_ndvi_slope", Type.STRING, "'ARGMIN_NDVI_SLOPE'", "the DATA_TIMELESS argmin of the "
                        + "NDVI slope")
                .optional("feats_feature", Type.STRING, "'STF'", "the DATA_TIMELESS feature receiving the features")
                .optional("data_feature", Type.STRING, "'BANDS-S2-L1C'", "the DATA feature of the reflectances")
                .optional("indices", Type.LIST, "None", "the bands to take (None: [2, 3, 7, 11])")
                .build(), p -> {
                    AddSpatioTemporalFeaturesTask.Builder b = AddSpatioTemporalFeaturesTask.builder()
                            .argmaxNdvi(p.string("argmax_ndvi", "ARGMAX_NDVI"))
                            .argminNdvi(p.string("argmin_ndvi", "ARGMIN_NDVI"))
                            .argmaxRed(p.string("argmax_red", "ARGMAX_B4"))
                            .argmaxNdviSlope(p.string("argmax_ndvi_slope", "ARGMAX_NDVI_SLOPE"))
                            .argminNdviSlope(p.string("argmin_ndvi_slope", "ARGMIN_NDVI_SLOPE"))
                            .featsFeature(p.string("feats_feature", "STF"))
                            .dataFeature(p.string("data_feature", "BANDS-S2-L1C"));
                    if (p.has("indices")) {
                        b.indices(p.ints("indices"));
                    }
                    return b.build();
                });
        r.register(TaskSchema.builder(MODULE, naming.apply("ReferenceScenesTask"),
                        "Orders a time series' frames by their valid fraction, highest first (eo-learn's 2018 task).")
                .required("feature", Type.FEATURE, "the time series, maybe with a new name for the result")
                .required("valid_fraction_feature", Type.FEATURE, "the valid fraction per frame (e.g. a SCALAR)")
                .optional("max_scene_number", Type.INTEGER, "None", "only frames with an index below it are kept "
                        + "(None: all)")
                .build(), p -> new ReferenceScenesTask(p.feature("feature"), p.feature("valid_fraction_feature"),
                        p.has("max_scene_number") ? p.integer("max_scene_number", 0) : null));
        r.register(compositing("BlueCompositingTask", "the 25th percentile of the blue band")
                .required("blue_idx", Type.INTEGER, "the index of the blue band")
                .optional("interpolation", Type.STRING, "'lower'", INTERPOLATION)
                .build(), p -> new BlueCompositingTask(p.feature("feature"), p.feature("feature_composite"),
                        index(p, "blue_idx"), interpolation(p)));
        r.register(compositing("HOTCompositingTask", "the 25th percentile of the HOT index blue - 0.5 red - 0.08")
                .required("blue_idx", Type.INTEGER, "the index of the blue band")
                .required("red_idx", Type.INTEGER, "the index of the red band")
                .optional("interpolation", Type.STRING, "'lower'", INTERPOLATION)
                .build(), p -> new HOTCompositingTask(p.feature("feature"), p.feature("feature_composite"),
                        index(p, "blue_idx"), index(p, "red_idx"), interpolation(p)));
        r.register(compositing("MaxNDVICompositingTask", "the maximum NDVI (the minimum where the NDVI's median is "
                        + "below -0.05)")
                .required("red_idx", Type.INTEGER, "the index of the red band")
                .required("nir_idx", Type.INTEGER, "the index of the NIR band")
                .optional("interpolation", Type.STRING, "'lower'", INTERPOLATION)
                .build(), p -> new MaxNDVICompositingTask(p.feature("feature"), p.feature("feature_composite"),
                        index(p, "red_idx"), index(p, "nir_idx"), interpolation(p)));
        r.register(compositing("MaxNDWICompositingTask", "the maximum NDWI (nir - swir1) / (nir + swir1)")
                .required("nir_idx", Type.INTEGER, "the index of the NIR band")
                .required("swir1_idx", Type.INTEGER, "the index of the SWIR1 band")
                .optional("interpolation", Type.STRING, "'lower'", INTERPOLATION)
                .build(), p -> new MaxNDWICompositingTask(p.feature("feature"), p.feature("feature_composite"),
                        index(p, "nir_idx"), index(p, "swir1_idx"), interpolation(p)));
        r.register(compositing("MaxRatioCompositingTask", "the maximum of max(nir, swir1) / blue")
                .required("blue_idx", Type.INTEGER, "the index of the blue band")
                .required("nir_idx", Type.INTEGER, "the index of the NIR band")
                .required("swir1_idx", Type.INTEGER, "the index of the SWIR1 band")
                .optional("interpolation", Type.STRING, "'lower'", INTERPOLATION)
                .build(), p -> new MaxRatioCompositingTask(p.feature("feature"), p.feature("feature_composite"),
                        index(p, "blue_idx"), index(p, "nir_idx"), index(p, "swir1_idx"), interpolation(p)));
        r.register(TaskSchema.builder(MODULE, naming.apply("HistogramMatchingTask"),
                        "Matches each band of each frame to a reference composite's mean and standard deviation "
                        + "(eo-learn's 2018 task).")
                .required("feature", Type.FEATURE, "the DATA time series, maybe with a new name for the result (not "
                        + "renamed: the legacy code matches zeros)")
                .required("reference", Type.FEATURE, "the DATA_TIMELESS reference composite")
                .build(), p -> new HistogramMatchingTask(p.feature("feature"), p.feature("reference")));
    }

    private TaskSchema.Builder compositing(String name, String method) {
        return TaskSchema.builder(MODULE, naming.apply(name), "Composites a time series by the frame nearest to "
                        + method + " per pixel (eo-learn's 2018 task).")
                .required("feature", Type.FEATURE, COMPOSITE_FEATURE)
                .required("feature_composite", Type.FEATURE, COMPOSITE_OUTPUT);
    }

    private static int index(TaskParams p, String name) {
        if (!p.has(name)) {
            throw p.error(name, "is required (a band index)");
        }
        return p.integer(name, 0);
    }

    private static String interpolation(TaskParams p) {
        String value = p.string("interpolation", BaseCompositingTask.DEFAULT_INTERPOLATION);
        try {
            BaseCompositingTask.Interpolation.parse(value);
        } catch (IllegalArgumentException e) {
            throw p.error("interpolation", e.getMessage());
        }
        return value;
    }
}
