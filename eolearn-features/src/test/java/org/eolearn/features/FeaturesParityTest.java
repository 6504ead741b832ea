package org.eolearn.features;

import java.io.IOException;
import org.eolearn.core.EOPatch;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The features cases of the eo-learn parity corpus, run through the task registry (the eolearn task code path). */
class FeaturesParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"features_ndi_ndvi_refscenes", "features_simple_filter_cloud_fraction",
        "features_filter_time_series", "features_interp_linear_mask", "features_interp_linear_resample_tuple",
        "features_interp_cubic_resample", "features_resampling_linear"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }
}
