package org.eolearn.mask;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;

/**
 * {@code MaskFeatureTask}, {@code JoinMasksTask} and {@code SnowMaskTask} against eo-learn 1.5.6 on random inputs (see
 * {@link Differential}).
 */
class MaskDifferentialTest {


    @Test
    void maskFeatureTask() throws IOException {
        Differential.run("MaskFeatureTask", rp -> {
            int frames = rp.pick(1, 2, 3);
            int h = rp.side();
            int w = rp.side();
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            FeatureType dataType = rp.pick(FeatureType.DATA, FeatureType.DATA_TIMELESS, FeatureType.MASK);
            DType dataDtype = dataType.isDiscrete() ? rp.pick(DType.UINT8, DType.INT16)
                    : rp.pick(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16);
            int depth = 1 + rp.random().nextInt(3);
            p.put(dataType, "DATA", rp.array(dataDtype, RandomPatches.shapeOf(dataType, frames, h, w, depth)));
            FeatureType maskType = rp.pick(FeatureType.MASK, FeatureType.MASK_TIMELESS);
            int maskDepth = rp.random().nextBoolean() ? 1 : depth;
            int mh = rp.random().nextInt(10) == 0 ? h + 1 : h;
            p.put(maskType, "MASK", rp.labels(rp.pick(DType.UINT8, DType.INT32, DType.BOOL), 1,
                    RandomPatches.shapeOf(maskType, frames, mh, w, maskDepth)));
            if (rp.random().nextBoolean()) {
                p.put(maskType, "MASK", rp.labels(DType.UINT8, 4, RandomPatches.shapeOf(maskType, frames, mh, w,
                        maskDepth)));
            }
            Case c = new Case("MaskFeatureTask").input(p);
            boolean rename = rp.random().nextBoolean();
            c.init().set("feature", rename ? feature(dataType, "DATA", "MASKED") : feature(dataType, "DATA"));
            c.init().set("mask_feature", feature(maskType, "MASK"));
            ArrayNode values = c.init().putArray("mask_values");
            for (int i = 0; i < 1 + rp.random().nextInt(2); i++) {
                values.add(rp.random().nextInt(5));
            }
            if (dataDtype.isFloatingPoint() ? rp.random().nextBoolean() : true) {
                c.init().put("no_data_value", rp.pick(0, -1, 255, 7));
            }
            c.exact(dataType.value() + "/" + (rename ? "MASKED" : "DATA"));
            return c;
        }).check();
    }

    @Test
    void joinMasksTask() throws IOException {
        Differential.run("JoinMasksTask", rp -> {
            int frames = rp.pick(1, 2);
            FeatureType type = rp.pick(FeatureType.MASK, FeatureType.MASK_TIMELESS);
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            long[] shape = RandomPatches.shapeOf(type, frames, rp.side(), rp.side(), 1);
            int n = 1 + rp.random().nextInt(3);
            Case c = new Case("JoinMasksTask").input(p);
            ArrayNode in = c.init().putArray("input_features");
            for (int i = 0; i < n; i++) {
                p.put(type, "M" + i, rp.labels(rp.pick(DType.BOOL, DType.UINT8, DType.UINT8, DType.INT16),
                        rp.pick(1, 1, 3), shape));
                in.add(feature(type, "M" + i));
            }
            c.init().set("output_feature", feature(type, "JOINED"));
            int op = rp.random().nextInt(5);
            if (op < 3) {
                c.init().put("join_operation", new String[] {"and", "or", "xor"}[op]);
            } else if (op == 3) {
                c.init().put("join_operation", "nand");
            }
            c.exact(type.value() + "/JOINED");
            return c;
        }).check();
    }

    @Test
    void snowMaskTask() throws IOException {
        Differential.run("SnowMaskTask", rp -> {
            java.util.Random r = rp.random();
            int frames = rp.frames();
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            FeatureType type = r.nextInt(15) == 0 ? FeatureType.DATA_TIMELESS : FeatureType.DATA;
            DType dtype = r.nextBoolean() ? rp.pick(DType.FLOAT32, DType.FLOAT64)
                    : rp.pick(RandomPatches.dtypes(FeatureType.DATA));
            int bands = rp.pick(4, 4, 5, 13);
            int h = rp.side();
            int w = rp.side();
            long[] shape = RandomPatches.shapeOf(type, frames, h, w, bands);
            p.put(type, "BANDS", dtype.isFloatingPoint() && r.nextBoolean() ? reflectances(rp, dtype, shape)
                    : rp.array(dtype, shape));
            Case c = new Case("SnowMaskTask").input(p);
            c.init().set("data_feature", feature(type, "BANDS"));
            ArrayNode idx = c.init().putArray("band_indices");
            int n = r.nextInt(12) == 0 ? rp.pick(3, 5) : 4;
            for (int i = 0; i < n; i++) {
                idx.add(r.nextInt(15) == 0 ? (int) rp.pick(-1, -bands, bands, -bands - 1) : r.nextInt(bands));
            }
            if (r.nextBoolean()) {
                c.init().put("ndsi_threshold", rp.pick(0.4, 0.0, 0.2, -0.3, 0.9));
            }
            if (r.nextBoolean()) {
                c.init().put("brightness_threshold", dtype.isFloatingPoint() ? rp.pick(0.3, 0.0, 0.1, 0.5)
                        : rp.pick(0.3, 10.0, 100.0, 1000.0));
            }
            if (r.nextBoolean()) {
                c.init().put("dilation_size", rp.pick(0, 1, 2, 3, -1));
            }
            if (r.nextBoolean()) {
                c.init().put("undefined_value", rp.pick(0, 1, -1, 2));
            }
            String name = r.nextBoolean() ? "SNOW" : "SNOW_MASK";
            if (!name.equals("SNOW_MASK") || r.nextBoolean()) {
                c.init().put("mask_name", name);
            }
            c.exact("mask/" + name);
            return c;
        }).check();
    }

    /** Reflectance-like bands (0..1 with NaN and zeros), where the thresholds of the snow mask matter. */
    private static org.nd4j.linalg.api.ndarray.INDArray reflectances(RandomPatches rp, DType dtype, long[] shape) {
        double[] v = new double[(int) org.eolearn.core.NdArrays.length(shape)];
        for (int i = 0; i < v.length; i++) {
            int k = rp.random().nextInt(40);
            v[i] = k == 0 ? Double.NaN : k == 1 ? 0.0 : rp.random().nextDouble();
        }
        return org.eolearn.core.NdArrays.fromDoubles(dtype, shape, v);
    }
}
