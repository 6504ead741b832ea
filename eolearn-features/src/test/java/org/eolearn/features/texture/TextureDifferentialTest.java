package org.eolearn.features.texture;

import static org.eolearn.core.testing.differential.Differential.feature;

import java.io.IOException;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;

/**
 * The 2018 texture tasks against eo-learn's last version of them ({@code eolearn_legacy}, scikit-image 0.19) on
 * random inputs (see {@link Differential}).
 *
 * <p>Tolerances. Haralick textures are float64 sums of at most {@code levels^2} GLCM terms, added in numpy's order
 * here; what can still differ is a {@code log} of the C library against Java's by an ulp (the entropies) and the
 * order of numpy's multi-axis reductions, a few ulps of values below {@code levels^2}: atol 1e-12, rtol 1e-10 is far
 * above that and far below any real difference (a changed GLCM count moves a texture by at least
 * {@code 1 / (2 * window^2)}). LBP codes are small integers: exact. HOG values are float32 in [0, 1] (and their
 * sums in the visualisation): Java's {@code atan2}/{@code hypot} may differ from glibc's by an ulp, which after the
 * float32 rounding is at most an ulp of float32 (6e-8 relative): atol 1e-6, rtol 1e-6.
 */
class TextureDifferentialTest {

    private static final String HARALICK = LegacyNamesTestProvider.HARALICK;
    private static final String LBP = LegacyNamesTestProvider.LBP;
    private static final String HOG = LegacyNamesTestProvider.HOG;

    private static final int CASES = Integer.getInteger("eolearn.textureCases", 60);

    private static EOPatch patch(RandomPatches rp, DType dtype, int frames, int h, int w, int d) {
        EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
        long[] shape = {frames, h, w, d};
        boolean specials = rp.random().nextInt(5) == 0;
        p.put(FeatureType.DATA, "X", specials ? rp.array(dtype, shape) : dtype.isFloatingPoint()
                ? rp.finite(dtype, shape) : rp.labels(dtype, rp.pick(3, 20, 200), shape));
        return p;
    }

    private static DType dtype(RandomPatches rp) {
        return rp.pick(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.FLOAT64, DType.UINT8, DType.UINT16,
                DType.INT16, DType.FLOAT16);
    }

    @Test
    void haralickTask() throws IOException {
        for (Glcm.Texture texture : Glcm.Texture.values()) {
            Differential.run("HaralickTask-" + texture.pythonName(), CASES, rp -> {
                int side = 4 + rp.random().nextInt(9);
                EOPatch p = patch(rp, dtype(rp), 1 + rp.random().nextInt(2), side, 4 + rp.random().nextInt(9),
                        1 + rp.random().nextInt(2));
                Case c = new Case(HARALICK).input(p)
                        .close("data/T", 1e-12, 1e-10);
                c.init().set("feature", feature(FeatureType.DATA, "X", "T"));
                c.init().put("texture_feature", texture.pythonName());
                if (rp.random().nextBoolean()) {
                    c.init().put("distance", rp.pick(1, 1, 2, 0, 3));
                }
                if (rp.random().nextBoolean()) {
                    c.init().put("angle", rp.pick(0.0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4, Math.PI,
                            Math.PI / 6, -Math.PI / 4));
                }
                if (rp.random().nextBoolean()) {
                    c.init().put("levels", rp.pick(1, 2, 3, 4, 8, 10, 16));
                }
                if (rp.random().nextInt(3) > 0) {
                    c.init().put("window_size", rp.pick(1, 3, 3, 5, 2));
                }
                if (rp.random().nextInt(10) == 0) {
                    int stride = rp.pick(2, 3, -1);
                    c.init().put("stride", stride);
                    c.excusedBy("D150");
                }
                return c;
            }).check();
        }
    }

    @Test
    void localBinaryPatternTask() throws IOException {
        Differential.run("LocalBinaryPatternTask", Math.max(CASES, 120), rp -> {
            EOPatch p = patch(rp, dtype(rp), 1 + rp.random().nextInt(3), 1 + rp.random().nextInt(16),
                    1 + rp.random().nextInt(16), 1 + rp.random().nextInt(2));
            Case c = new Case(LBP).input(p).exact("data/L");
            c.init().set("feature", feature(FeatureType.DATA, "X", "L"));
            if (rp.random().nextInt(4) > 0) {
                c.init().put("nb_points", rp.pick(4, 8, 12, 16, 24, 7, 0));
            }
            if (rp.random().nextInt(4) > 0) {
                c.init().put("radius", rp.pick(1.0, 2.0, 3.0, 1.5, 2.3, 0.0));
            }
            return c;
        }).check();
    }

    @Test
    void hogTask() throws IOException {
        Differential.run("HOGTask", Math.max(CASES, 120), rp -> {
            int[] ppc = rp.pick(new int[] {8, 8}, new int[] {4, 4}, new int[] {2, 3}, new int[] {3, 4},
                    new int[] {5, 2}, new int[] {1, 2}, new int[] {2, 1});
            int[] cpb = rp.pick(new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 2},
                    new int[] {2, 3});
            int h = ppc[0] * (cpb[0] + rp.random().nextInt(3)) + rp.random().nextInt(ppc[0] + 1)
                    - (rp.random().nextInt(12) == 0 ? ppc[0] : 0);
            int w = ppc[1] * (cpb[1] + rp.random().nextInt(3)) + rp.random().nextInt(ppc[1] + 1);
            EOPatch p = patch(rp, dtype(rp), 1 + rp.random().nextInt(2), Math.max(1, h), Math.max(1, w),
                    1 + rp.random().nextInt(3));
            Case c = new Case(HOG).input(p).close("data/H", 1e-6, 1e-6);
            c.init().set("feature", feature(FeatureType.DATA, "X", "H"));
            if (rp.random().nextInt(4) > 0) {
                c.init().put("orientations", rp.pick(9, 4, 6, 12, 1));
            }
            c.init().putArray("pixels_per_cell").add(ppc[0]).add(ppc[1]);
            c.init().putArray("cells_per_block").add(cpb[0]).add(cpb[1]);
            if (rp.random().nextBoolean()) {
                c.init().put("block_norm", rp.pick("L1", "L1-sqrt", "L2", "L2-Hys"));
            }
            if (rp.random().nextBoolean()) {
                c.init().put("visualize_feature_name", "VIS");
                c.close("data/VIS", 1e-6, 1e-6);
            } else {
                c.close("data/H_VISU", 1e-6, 1e-6);
            }
            if (rp.random().nextInt(15) == 0) {
                c.init().put(rp.pick("visualize", "hog_feature_vector"), rp.random().nextBoolean());
            }
            return c;
        }).check();
    }
}
