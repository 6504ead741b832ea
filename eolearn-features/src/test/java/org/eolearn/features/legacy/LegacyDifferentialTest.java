package org.eolearn.features.legacy;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.eolearn.features.LegacyOracleAliases;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn's 2018 tasks (eolearn_legacy in the oracle) against the project on random inputs (see
 * {@link Differential}): NaN and infinities, all-invalid pixels, several dtypes, one and many frames.
 * {@code -Deolearn.legacyCases=N} sets the cases per task (default 120).
 */
class LegacyDifferentialTest {

    private static final String TEMPORAL = LegacyOracleAliases.TEMPORAL;
    private static final String RADIOMETRIC = LegacyOracleAliases.RADIOMETRIC;

    private static int cases() {
        return Integer.getInteger("eolearn.legacyCases", 120);
    }

    /** A mask (t, h, w, 1), valid with probability {@code p} (sometimes all true or all false). */
    private static INDArray mask(RandomPatches rp, int t, int h, int w, double p) {
        double[] v = new double[t * h * w];
        int mode = rp.random().nextInt(10);
        for (int i = 0; i < v.length; i++) {
            v[i] = mode == 0 ? 0 : mode == 1 ? 1 : rp.random().nextDouble() < p ? 1 : 0;
        }
        return NdArrays.fromDoubles(rp.pick(DType.BOOL, DType.UINT8), new long[] {t, h, w, 1}, v);
    }

    private static INDArray values(RandomPatches rp, DType type, long... shape) {
        return rp.random().nextInt(3) == 0 ? rp.finite(type, shape) : rp.array(type, shape);
    }

    @Test
    void addMaxMinTemporalIndicesTask() throws IOException {
        Differential.run("AddMaxMinTemporalIndicesTask", cases(), rp -> {
            int t = rp.pick(1, 1, 2, 3, 5, 8);
            int h = rp.side();
            int w = rp.side();
            int depth = 1 + rp.random().nextInt(3);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
            DType type = rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.UINT16,
                    DType.INT16, DType.UINT8, DType.INT64);
            String name = rp.pick("NDVI", "B4");
            p.put(FeatureType.DATA, name, values(rp, type, t, h, w, depth));
            p.put(FeatureType.MASK, "VALID_DATA", mask(rp, t, h, w, 0.7));
            p.put(FeatureType.MASK, "IS_DATA", mask(rp, t, h, w, 0.9));
            Case c = new Case(TEMPORAL + "AddMaxMinTemporalIndicesTask")
                    .input(p).exact("data_timeless/AMAX").exact("data_timeless/AMIN");
            c.init().put("data_feature", name);
            c.init().put("amax_data_feature", "AMAX");
            c.init().put("amin_data_feature", "AMIN");
            if (depth > 1 || rp.random().nextBoolean()) {
                c.init().put("data_index", rp.random().nextInt(2 * depth) - depth);
            }
            if (rp.random().nextBoolean()) {
                c.init().put("mask_data", rp.random().nextBoolean());
            }
            return c;
        }).check();
    }

    @Test
    void addMaxMinNDVISlopeIndicesTask() throws IOException {
        Differential.run("AddMaxMinNDVISlopeIndicesTask", cases(), rp -> {
            int t = rp.pick(1, 2, 3, 4, 6, 9, 12);
            int h = rp.pick(1, 2, 3, 4);
            int w = rp.pick(1, 2, 3, 5);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
            DType type = rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT16);
            p.put(FeatureType.DATA, "NDVI", values(rp, type, t, h, w, 1));
            p.put(FeatureType.MASK, "VALID_DATA", mask(rp, t, h, w, 0.97));
            p.put(FeatureType.MASK, "IS_DATA", mask(rp, t, h, w, 0.99));
            Case c = new Case(TEMPORAL + "AddMaxMinNDVISlopeIndicesTask")
                    .input(p).exact("data_timeless/ARGMAX_NDVI_SLOPE").exact("data_timeless/ARGMIN_NDVI_SLOPE");
            if (rp.random().nextBoolean()) {
                c.init().put("mask_data", rp.random().nextBoolean());
            }
            return c;
        }).check();
    }

    @Test
    void addSpatioTemporalFeaturesTask() throws IOException {
        Differential.run("AddSpatioTemporalFeaturesTask", cases(), rp -> {
            int t = rp.pick(1, 2, 3, 6);
            int h = rp.side();
            int w = rp.side();
            int depth = rp.pick(4, 13, 13);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
            DType type = rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.UINT16, DType.INT16);
            p.put(FeatureType.DATA, "BANDS", values(rp, type, t, h, w, depth));
            for (String name : new String[] {"ARGMAX_NDVI", "ARGMIN_NDVI", "ARGMAX_B4", "ARGMAX_NDVI_SLOPE",
                "ARGMIN_NDVI_SLOPE"}) {
                boolean one = rp.random().nextInt(8) == 0;
                long[] shape = one ? new long[] {1, 1, 1} : new long[] {h, w, 1};
                double[] v = new double[(int) NdArrays.length(shape)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rp.random().nextInt(20) == 0 ? -1 : rp.random().nextInt(t + (rp.random().nextInt(40) == 0
                            ? 1 : 0));
                }
                p.put(FeatureType.DATA_TIMELESS, name, NdArrays.fromDoubles(rp.pick(DType.INT64, DType.INT64,
                        DType.UINT8, DType.INT32), shape, v));
            }
            Case c = new Case(TEMPORAL + "AddSpatioTemporalFeaturesTask")
                    .input(p).exact("data_timeless/STF");
            c.init().put("data_feature", "BANDS");
            if (depth != 13 || rp.random().nextBoolean()) {
                ArrayNode idx = c.init().putArray("indices");
                int k = rp.random().nextInt(4);
                for (int i = 0; i < k; i++) {
                    idx.add(rp.random().nextInt(2 * depth) - depth);
                }
            }
            return c;
        }).check();
    }

    @Test
    void referenceScenesTask() throws IOException {
        Differential.run("ReferenceScenesTask", cases(), rp -> {
            int t = rp.pick(1, 2, 3, 5, 8, 12);
            int h = rp.pick(1, 2, 3);
            int w = rp.pick(1, 2, 4);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
            DType type = rp.pick(DType.FLOAT32, DType.UINT16, DType.FLOAT64);
            p.put(FeatureType.DATA, "BANDS", values(rp, type, t, h, w, 2));
            double[] vf = new double[t + (rp.random().nextInt(8) == 0 ? -1 : 0)];
            for (int i = 0; i < vf.length; i++) {
                vf[i] = rp.random().nextInt(8) == 0 ? Double.NaN : rp.pick(0.0, 0.25, 0.5, 1.0, rp.random()
                        .nextDouble());
            }
            p.put(FeatureType.SCALAR, "VALID_FRAC", NdArrays.fromDoubles(rp.pick(DType.FLOAT32, DType.FLOAT64),
                    new long[] {vf.length, 1}, vf));
            boolean renamed = rp.random().nextBoolean();
            String out = renamed ? "REF" : "BANDS";
            Case c = new Case(RADIOMETRIC + "ReferenceScenesTask").input(p)
                    .exact("data/" + out);
            c.init().set("feature", renamed ? feature(FeatureType.DATA, "BANDS", "REF")
                    : feature(FeatureType.DATA, "BANDS"));
            c.init().set("valid_fraction_feature", feature(FeatureType.SCALAR, "VALID_FRAC"));
            if (rp.random().nextBoolean()) {
                c.init().put("max_scene_number", rp.random().nextInt(t + 2));
            }
            return c;
        }).check();
    }

    private static Case compositing(RandomPatches rp, String task, String... bands) {
        int t = rp.pick(1, 2, 3, 4, 5, 7, 10);
        int h = rp.side();
        int w = rp.side();
        int depth = rp.pick(3, 4, 5);
        EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
        DType type = rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.FLOAT16,
                DType.UINT16, DType.INT16, DType.INT32, DType.UINT8);
        p.put(FeatureType.DATA, "BANDS", values(rp, type, t, h, w, depth));
        Case c = new Case(RADIOMETRIC + task).input(p).exact("data_timeless/COMPOSITE");
        c.init().set("feature", feature(FeatureType.DATA, "BANDS"));
        c.init().set("feature_composite", feature(FeatureType.DATA_TIMELESS, "COMPOSITE"));
        for (String b : bands) {
            c.init().put(b, rp.random().nextInt(20) == 0 ? depth : rp.random().nextInt(depth) - (rp.random()
                    .nextInt(6) == 0 ? depth : 0));
        }
        String interpolation = rp.random().nextInt(3) != 0 ? rp.pick("geoville", "GeoVille", "GEOVILLE")
                : rp.pick("linear", "lower", "higher", "nearest", "midpoint", null);
        if (interpolation != null) {
            c.init().put("interpolation", interpolation);
        }
        if (interpolation == null || !interpolation.equalsIgnoreCase("geoville")) {
            // the legacy numpy path always raises at `indices[:] = np.nan` (a uint8 array); the project computes
            // the result the following lines define
            c.excusedBy("D140");
        }
        return c;
    }

    @Test
    void blueCompositingTask() throws IOException {
        Differential.run("BlueCompositingTask", cases(), rp -> compositing(rp, "BlueCompositingTask", "blue_idx"))
                .check();
    }

    @Test
    void hotCompositingTask() throws IOException {
        Differential.run("HOTCompositingTask", cases(), rp -> compositing(rp, "HOTCompositingTask", "blue_idx",
                "red_idx")).check();
    }

    @Test
    void maxNdviCompositingTask() throws IOException {
        Differential.run("MaxNDVICompositingTask", cases(), rp -> compositing(rp, "MaxNDVICompositingTask",
                "red_idx", "nir_idx")).check();
    }

    @Test
    void maxNdwiCompositingTask() throws IOException {
        Differential.run("MaxNDWICompositingTask", cases(), rp -> compositing(rp, "MaxNDWICompositingTask",
                "nir_idx", "swir1_idx")).check();
    }

    @Test
    void maxRatioCompositingTask() throws IOException {
        Differential.run("MaxRatioCompositingTask", cases(), rp -> compositing(rp, "MaxRatioCompositingTask",
                "blue_idx", "nir_idx", "swir1_idx")).check();
    }

    @Test
    void histogramMatchingTask() throws IOException {
        Differential.run("HistogramMatchingTask", cases(), rp -> {
            int t = rp.pick(1, 2, 3, 5);
            int h = rp.side();
            int w = rp.side();
            int depth = rp.pick(1, 2, 3);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(t));
            DType type = rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.FLOAT16);
            INDArray x = rp.random().nextBoolean() ? rp.finite(type, t, h, w, depth) : rp.array(type, t, h, w,
                    depth);
            p.put(FeatureType.DATA, "BANDS", x);
            DType refType = rp.pick(DType.FLOAT32, DType.FLOAT64);
            INDArray ref = rp.random().nextBoolean() ? rp.finite(refType, h, w, depth) : rp.array(refType, h, w,
                    depth);
            p.put(FeatureType.DATA_TIMELESS, "REF", ref);
            boolean renamed = rp.random().nextInt(4) != 0;
            String out = renamed ? "MATCHED" : "BANDS";
            Case c = new Case(RADIOMETRIC + "HistogramMatchingTask").input(p);
            // the statistics are float64 sums in numpy's pairwise order here summed in sequence: a few ulps of the
            // result's dtype, relative to the largest magnitude involved
            double largest = 0;
            for (double v : NdArrays.toDoubles(x)) {
                if (Double.isFinite(v)) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            for (double v : NdArrays.toDoubles(ref)) {
                if (Double.isFinite(v)) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            double eps = type == DType.FLOAT16 ? 2e-3 : type == DType.FLOAT32 ? 2e-6 : 1e-11;
            c.close("data/" + out, eps * Math.max(1, largest), eps);
            c.init().set("feature", renamed ? feature(FeatureType.DATA, "BANDS", "MATCHED")
                    : feature(FeatureType.DATA, "BANDS"));
            c.init().set("reference", feature(FeatureType.DATA_TIMELESS, "REF"));
            return c;
        }).check();
    }
}
