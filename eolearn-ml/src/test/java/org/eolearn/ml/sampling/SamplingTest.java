package org.eolearn.ml.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sampling tasks: the parity cases through the registry, and their rules. */
class SamplingTest {

    @ParameterizedTest
    @ValueSource(strings = {"ml_grid_sampling", "ml_fraction_sampling_counts"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }

    private static EOPatch lulcPatch() throws IOException {
        return EOPatch.load(SharedData.testEOPatch(), org.eolearn.core.io.LoadOptions.defaults().withFeatures(
                FeatureSpec.of(Feature.of(FeatureType.MASK_TIMELESS, "LULC"),
                        Feature.of(FeatureType.DATA_TIMELESS, "DEM"))));
    }

    @Test
    void fractionSamplingKeepsTheDistributionAndPairsFeatures() throws IOException {
        FractionSamplingTask task = new FractionSamplingTask(FeatureSpec.of(
                Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_S"), Feature.of(FeatureType.DATA_TIMELESS, "DEM",
                        "DEM_S")), Feature.of(FeatureType.MASK_TIMELESS, "LULC"), 0.1, Set.of(0L), false,
                Feature.of(FeatureType.MASK_TIMELESS, "MASK"));
        EOPatch a = (EOPatch) task.execute(List.of(lulcPatch()), Map.of("seed", 7));
        EOPatch b = (EOPatch) task.execute(List.of(lulcPatch()), Map.of("seed", 7));
        EOPatch c = (EOPatch) task.execute(List.of(lulcPatch()), Map.of("seed", 8));
        INDArray labels = a.getArray(FeatureType.MASK_TIMELESS, "LULC_S");
        // counts {1: 11, 2: 7601, 3: 1777, 4: 358, 8: 198} * 0.1, half to even: 1 + 760 + 178 + 36 + 20
        assertThat(labels.shape()).containsExactly(995, 1, 1);
        Map<Double, Long> perValue = new java.util.TreeMap<>();
        for (double v : NdArrays.toDoubles(labels)) {
            perValue.merge(v, 1L, Long::sum);
        }
        assertThat(perValue).containsExactly(Map.entry(1.0, 1L), Map.entry(2.0, 760L), Map.entry(3.0, 178L),
                Map.entry(4.0, 36L), Map.entry(8.0, 20L));
        // labels come grouped by value, so the pixels drawn show in the sampled DEM
        assertThat(NdArrays.nanEquals(a.getArray(FeatureType.DATA_TIMELESS, "DEM_S"),
                b.getArray(FeatureType.DATA_TIMELESS, "DEM_S"))).as("same seed").isTrue();
        assertThat(NdArrays.nanEquals(a.getArray(FeatureType.DATA_TIMELESS, "DEM_S"),
                c.getArray(FeatureType.DATA_TIMELESS, "DEM_S"))).as("other seed").isFalse();
        // the sampled DEM belongs to the sampled pixels: the mask of samples marks exactly those pixels
        double[] mask = NdArrays.toDoubles(a.getArray(FeatureType.MASK_TIMELESS, "MASK"));
        double[] dem = NdArrays.toDoubles(a.getArray(FeatureType.DATA_TIMELESS, "DEM"));
        double sampledDemSum = 0;
        for (double v : NdArrays.toDoubles(a.getArray(FeatureType.DATA_TIMELESS, "DEM_S"))) {
            sampledDemSum += v;
        }
        double maskedDemSum = 0;
        long ones = 0;
        for (int i = 0; i < mask.length; i++) {
            maskedDemSum += mask[i] * dem[i];
            ones += (long) mask[i];
        }
        assertThat(ones).isEqualTo(995);
        assertThat(sampledDemSum).isCloseTo(maskedDemSum, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void blockSamplingCountsFractionsAndBlocks() throws IOException {
        BlockSamplingTask count = new BlockSamplingTask(FeatureSpec.of(Feature.of(FeatureType.DATA_TIMELESS, "DEM",
                "DEM_S")), 10, new int[] {3, 2}, false, Feature.of(FeatureType.MASK_TIMELESS, "MASK"));
        EOPatch p = (EOPatch) count.execute(List.of(lulcPatch()), Map.of("seed", 1));
        assertThat(p.getArray(FeatureType.DATA_TIMELESS, "DEM_S").shape()).containsExactly(30, 2, 1);
        INDArray mask = p.getArray(FeatureType.MASK_TIMELESS, "MASK");
        assertThat(DType.of(mask)).isEqualTo(DType.UINT8);
        assertThat(NdArrays.toDoubles(mask)).matches(v -> java.util.Arrays.stream(v).sum() == 60);
        BlockSamplingTask share = new BlockSamplingTask(FeatureSpec.of(Feature.of(FeatureType.MASK_TIMELESS, "LULC",
                "L")), 0.5, new int[] {1, 1}, true, null);
        EOPatch q = (EOPatch) share.execute(List.of(lulcPatch()), Map.of("seed", 2, "amount", 0.01));
        assertThat(q.getArray(FeatureType.MASK_TIMELESS, "L").shape()).containsExactly(101, 1, 1);
    }

    @Test
    void badParametersAreNamed() {
        Feature lulc = Feature.of(FeatureType.MASK_TIMELESS, "LULC");
        FeatureSpec spec = FeatureSpec.of(lulc);
        assertThatThrownBy(() -> new FractionSamplingTask(spec, lulc, 1.5, Set.of(), false, null))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new FractionSamplingTask(spec, lulc, "half", Set.of(), false, null))
                .hasMessageContaining("fraction");
        assertThatThrownBy(() -> new FractionSamplingTask(spec, Feature.of(FeatureType.DATA, "X"), 0.1, Set.of(),
                false, null)).hasMessageContaining("sampling_feature");
        assertThatThrownBy(() -> new GridSamplingTask(FeatureSpec.of(FeatureType.SCALAR), new int[] {1, 1},
                new int[] {1, 1}, null)).hasMessageContaining("scalar");
        assertThatThrownBy(() -> new GridSamplingTask(spec, new int[] {0, 1}, new int[] {1, 1}, null))
                .hasMessageContaining("sample_size");
        EOPatch patch;
        try {
            patch = lulcPatch();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThatThrownBy(() -> new BlockSamplingTask(spec, 5, new int[] {200, 1}, false, null)
                .execute(List.of(patch), Map.of())).hasMessageContaining("larger than the image");
        assertThatThrownBy(() -> new BlockSamplingTask(spec, 20000, new int[] {1, 1}, false, null)
                .execute(List.of(patch), Map.of())).hasMessageContaining("without replacement");
    }

    private static EOPatch small(int depth) {
        EOPatch p = new EOPatch(null, List.of());
        long[] labels = new long[4 * 5 * depth];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        p.put(FeatureType.MASK_TIMELESS, "L", NdArrays.fromLongs(DType.UINT8, new long[] {4, 5, depth}, labels));
        return p;
    }

    private static final Feature L = Feature.of(FeatureType.MASK_TIMELESS, "L", "L_S");

    @Test
    void blockSamplingRefusesNonPositiveSampleSize() {
        assertThatThrownBy(() -> new BlockSamplingTask(FeatureSpec.of(L), 1, new int[] {0, 1}, false, null))
                .hasMessageContaining("sample_size");
        assertThatThrownBy(() -> new BlockSamplingTask(FeatureSpec.of(L), 1, new int[] {1, -1}, false, null))
                .hasMessageContaining("sample_size");
    }

    @Test
    void executeFractionOverridesTheTasks() {
        FractionSamplingTask task = new FractionSamplingTask(FeatureSpec.of(L), Feature.of(FeatureType.MASK_TIMELESS,
                "L"), 0.0, Set.of(), false, null);
        EOPatch out = (EOPatch) task.execute(List.of(small(1)), Map.of("seed", 1, "fraction", 0.5));
        assertThat(out.getArray(FeatureType.MASK_TIMELESS, "L_S").shape()).containsExactly(10, 1, 1);
        // 0 falls back to the task's fraction, as eo-learn's "fraction or self.fraction"
        FractionSamplingTask half = new FractionSamplingTask(FeatureSpec.of(L), Feature.of(FeatureType.MASK_TIMELESS,
                "L"), 0.5, Set.of(), false, null);
        out = (EOPatch) half.execute(List.of(small(1)), Map.of("seed", 1, "fraction", 0));
        assertThat(out.getArray(FeatureType.MASK_TIMELESS, "L_S").shape()).containsExactly(10, 1, 1);
    }

    @Test
    void whatNumpyAndEoLearnRefuseIsRefused() {
        FractionSamplingTask task = new FractionSamplingTask(FeatureSpec.of(L), Feature.of(FeatureType.MASK_TIMELESS,
                "L"), 0.5, Set.of(), false, null);
        assertThatThrownBy(() -> task.execute(List.of(small(1)), Map.of("seed", -1))).hasMessageContaining("seed");
        assertThatThrownBy(() -> task.execute(List.of(small(1)), Map.of("seed", 1.5))).hasMessageContaining("seed");
        assertThatThrownBy(() -> task.execute(List.of(small(2)), Map.of())).hasMessageContaining("one band");
        // NaN passes with replacement (as in eo-learn) and is refused when counted
        FractionSamplingTask nan = new FractionSamplingTask(FeatureSpec.of(L), Feature.of(FeatureType.MASK_TIMELESS,
                "L"), Double.NaN, Set.of(), true, null);
        assertThatThrownBy(() -> nan.execute(List.of(small(1)), Map.of())).hasMessageContaining("cannot sample");
        BlockSamplingTask bool = new BlockSamplingTask(FeatureSpec.of(L), Boolean.TRUE, new int[] {1, 1}, false,
                null);
        assertThatThrownBy(() -> bool.execute(List.of(small(1)), Map.of())).hasMessageContaining("boolean");
        // a block one pixel larger than the image: no corner, zero blocks only
        BlockSamplingTask none = new BlockSamplingTask(FeatureSpec.of(L), 0, new int[] {5, 2}, false, null);
        EOPatch out = (EOPatch) none.execute(List.of(small(1)), Map.of());
        assertThat(out.getArray(FeatureType.MASK_TIMELESS, "L_S").shape()).containsExactly(0, 2, 1);
    }
}
