package org.eolearn.geometry.morphology;

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
 * {@code ErosionTask} and {@code MorphologicalFilterTask} against eo-learn 1.5.6 on random label rasters, every
 * operation and every structuring element factory (see {@link Differential}).
 */
class MorphologyDifferentialTest {

    private static final DType[] MASK_DTYPES = {DType.UINT8, DType.BOOL, DType.INT16, DType.UINT16, DType.INT32,
        DType.INT64, DType.INT8, DType.UINT32};


    private static EOPatch withMask(RandomPatches rp, FeatureType type, DType dtype, int maxLabel, int depth) {
        int frames = rp.pick(1, 1, 2, 3);
        EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
        p.put(type, "M", rp.labels(dtype, maxLabel, RandomPatches.shapeOf(type, frames, rp.side() + 2,
                rp.side() + 2, depth)));
        return p;
    }

    @Test
    void erosionTask() throws IOException {
        Differential.run("ErosionTask", rp -> {
            FeatureType type = rp.pick(FeatureType.MASK_TIMELESS, FeatureType.MASK_TIMELESS, FeatureType.MASK,
                    FeatureType.DATA_TIMELESS);
            DType dtype = rp.pick(DType.UINT8, DType.UINT8, DType.INT16, DType.UINT16, DType.INT32, DType.INT64);
            int maxLabel = rp.pick(1, 2, 3, 5);
            EOPatch p = withMask(rp, type, dtype, maxLabel, rp.random().nextInt(8) == 0 ? 2 : 1);
            Case c = new Case("ErosionTask").input(p).compareAll();
            boolean rename = rp.random().nextBoolean();
            c.init().set("mask_feature", rename ? feature(type, "M", "ERODED") : feature(type, "M"));
            c.init().put("disk_radius", rp.random().nextInt(12) == 0 ? 0 : 1 + rp.random().nextInt(5));
            if (rp.random().nextBoolean()) {
                ArrayNode labels = c.init().putArray("erode_labels");
                for (int i = 0; i < 1 + rp.random().nextInt(2); i++) {
                    labels.add(rp.random().nextInt(maxLabel + 2));
                }
            }
            if (rp.random().nextBoolean()) {
                c.init().put("no_data_label", rp.random().nextInt(maxLabel + 1));
            }
            if (type.isTemporal()) {
                c.excusedBy("D7"); // eo-learn's cv2.erode takes (t, h, w) as an image of t rows and w channels
            }
            return c;
        }).check();
    }

    @Test
    void morphologicalFilterTask() throws IOException {
        Differential.run("MorphologicalFilterTask", rp -> {
            FeatureType type = rp.pick(FeatureType.MASK, FeatureType.MASK_TIMELESS, FeatureType.DATA);
            DType dtype = type == FeatureType.DATA ? rp.pick(DType.FLOAT32, DType.FLOAT64, DType.UINT8)
                    : rp.pick(MASK_DTYPES);
            EOPatch p = withMask(rp, type, dtype, rp.pick(1, 3, 200), 1 + rp.random().nextInt(2));
            if (dtype.isFloatingPoint()) {
                p.put(type, "M", rp.finite(dtype, p.getArray(type, "M").shape()));
            }
            Case c = new Case("MorphologicalFilterTask").input(p).compareAll();
            c.init().putArray("input_features").add(feature(type, "M"));
            if (rp.random().nextBoolean()) {
                c.init().putArray("output_features").add(feature(type, "OUT"));
            }
            c.init().put("morph_operation", rp.pick("opening", "closing", "dilation", "erosion"));
            int kind = rp.random().nextInt(5);
            int a = 1 + rp.random().nextInt(6);
            int b = 1 + rp.random().nextInt(6);
            if (kind == 4) {
                // an element of the user's own, as a 0/1 array
                // (an all-zero element larger than 1x1 is refused here, eo-learn passes it to OpenCV: left out)
                ArrayNode rows = c.init().putObject("struct_elem").putArray("array");
                for (int i = 0; i < a; i++) {
                    ArrayNode row = rows.addArray();
                    for (int j = 0; j < b; j++) {
                        row.add(i == a / 2 && j == b / 2 || rp.random().nextInt(3) != 0 ? 1 : 0);
                    }
                }
                if (a * b == 1 && rp.random().nextBoolean()) {
                    ((ArrayNode) rows.get(0)).set(0, 0);
                }
            } else if (kind > 0) {
                c.init().putObject("struct_elem").put("factory", switch (kind) {
                    case 1 -> "MorphologicalStructFactory.get_disk(" + a + ")";
                    case 2 -> "MorphologicalStructFactory.get_rectangle(" + a + ", " + b + ")";
                    default -> "MorphologicalStructFactory.get_square(" + a + ")";
                });
            }
            return c;
        }).check();
    }
}
