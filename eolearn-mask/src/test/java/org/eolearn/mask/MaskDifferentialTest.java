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
 * {@code MaskFeatureTask} and {@code JoinMasksTask} against eo-learn 1.5.6 on random inputs (see
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
}
