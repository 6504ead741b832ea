package org.eolearn.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** docs/differences.md D6: integer bands are computed in float64, without numpy's unsigned wrap-around. */
class NormalizedDifferenceIndexTaskTest {

    @Test
    void integerBandsAreComputedInFloat64() {
        EOPatch p = new EOPatch();
        // uint16 digital numbers with B > A: numpy's uint16 subtraction would wrap to 65036
        p.put(FeatureType.DATA_TIMELESS, "BANDS", NdArrays.fromLongs(DType.UINT16, new long[] {1, 2, 2},
                new long[] {500, 1000, 3000, 1000}));
        new NormalizedDifferenceIndexTask(Feature.of(FeatureType.DATA_TIMELESS, "BANDS"),
                Feature.of(FeatureType.DATA_TIMELESS, "NDI"), 0, 1).execute(p);
        INDArray ndi = p.getArray(FeatureType.DATA_TIMELESS, "NDI");
        assertThat(DType.of(ndi)).isEqualTo(DType.FLOAT64);
        assertThat(NdArrays.toDoubles(ndi)).containsExactly((500.0 - 1000) / 1500, (3000.0 - 1000) / 4000);
    }
}
