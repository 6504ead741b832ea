package org.eolearn.features.texture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The texture kernels and tasks on small inputs checked by hand. */
class TextureKernelsTest {

    private static final Feature X = Feature.of(FeatureType.DATA, "X", "Y");

    @Test
    void glcmOfScikitImagesExample() {
        // scikit-image's graycomatrix docstring: distance 1, angle 0, 4 levels
        int[] image = {0, 0, 1, 1, 0, 0, 1, 1, 0, 2, 2, 2, 2, 2, 3, 3};
        long[] counts = new long[16];
        double[] glcm = new double[16];
        Glcm.cooccurrence(image, 4, 0, 1, 4, counts, glcm);
        assertThat(counts).containsExactly(2, 2, 1, 0, 0, 2, 0, 0, 0, 0, 3, 1, 0, 0, 0, 1);
        // symmetric: counts + transposed counts = 24 pairs
        assertThat(glcm[0]).isEqualTo(4 / 24.0);
        assertThat(glcm[1]).isEqualTo(2 / 24.0);
        // graycoprops' docstring: contrast 0.58333333 at distance 1, angle 0
        assertThat(Glcm.texture(glcm, 4, Glcm.Texture.CONTRAST)).isCloseTo(0.58333333, within(1e-8));
        // upward pairs (angle pi/2: offset row round(sin(pi/2)) = 1): the docstring's 2.75 is for distance 2
        Glcm.cooccurrence(image, 4, 2, 0, 4, counts, glcm);
        assertThat(Glcm.texture(glcm, 4, Glcm.Texture.CONTRAST)).isCloseTo(2.75, within(1e-12));
    }

    @Test
    void quantisationFollowsNumpysDigitize() {
        // edges 0, 1, ..., 6 (min + k (max - min) / 8): value v falls in bin v + 1, the maximum in the last
        double[] ramp = {0, 1, 2, 3, 4, 5, 6, 7};
        assertThat(Glcm.quantise(ramp, DType.FLOAT64, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 7);
        // a constant image: all edges equal the value, so every pixel is in the last level
        assertThat(Glcm.quantise(new double[] {5, 5, 5}, DType.UINT8, 4)).containsExactly(3, 3, 3);
        // one level: no edges, all 0
        assertThat(Glcm.quantise(ramp, DType.FLOAT32, 1)).containsOnly(0);
        // a NaN makes every edge NaN, which numpy calls decreasing: numbers go to the last level, NaN to 0
        assertThat(Glcm.quantise(new double[] {1, Double.NaN, 3}, DType.FLOAT64, 4)).containsExactly(3, 0, 3);
        // int16 max - min wraps around in numpy's scalar arithmetic: the edges decrease
        assertThat(Glcm.monotonicity(new double[] {0, 0, 0})).isEqualTo(1);
        assertThat(Glcm.monotonicity(new double[] {Double.NaN, 0, 1})).isEqualTo(0);
        assertThat(Glcm.monotonicity(new double[] {0, 1, Double.NaN})).isEqualTo(1);
        // edges -30000 and -30000 + (-5536 / 3): decreasing, both values above them: level 0 (numpy gives [0 0])
        assertThat(Glcm.quantise(new double[] {-30000, 30000}, DType.INT16, 3)).containsExactly(0, 0);
    }

    @Test
    void roundingIsScikitImages() {
        assertThat(Glcm.cRound(2.5)).isEqualTo(3);
        assertThat(Glcm.cRound(-2.5)).isEqualTo(-3);
        // sin(pi/6) = 0.49999999999999994: + 0.5 is 1.0 in floating point (graycomatrix pairs the next row)
        assertThat(Glcm.cRound(Math.sin(Math.PI / 6))).isEqualTo(1);
        assertThat(Glcm.cRound(-0.4)).isEqualTo(0);
    }

    @Test
    void haralickOfAConstantImage() {
        INDArray data = NdArrays.fromDoubles(DType.FLOAT32, new long[] {1, 3, 4, 1}, new double[12]);
        for (Glcm.Texture t : Glcm.Texture.values()) {
            EOPatch p = new EOPatch();
            p.put(FeatureType.DATA, "X", data);
            new HaralickTask(X, t, 1, 0, 8, 3, 1).execute(p);
            INDArray y = p.getArray(FeatureType.DATA, "Y");
            assertThat(y.shape()).containsExactly(1, 3, 4, 1);
            assertThat(DType.of(y)).isEqualTo(DType.FLOAT64);
            // every pixel at level 7: the GLCM is 1 at (7, 7)
            double expected = switch (t) {
                case CONTRAST, DISSIMILARITY -> 0;
                case HOMOGENEITY, ASM, ENERGY, CORRELATION, INVERSE_DIFFERENCE_MOMENT -> 1;
                // (7 - mean)^2 with the mean of the 64 entries, 1/64
                case SUM_OF_SQUARE_VARIANCE -> (7 - 1 / 64.0) * (7 - 1 / 64.0);
                // i + j = 14 is beyond the sums eo-learn counts (< 8): p is all 0
                case SUM_AVERAGE, SUM_ENTROPY -> 0;
                case SUM_VARIANCE -> 140; // sum of k^2, k < 8
                // p[k] sums P(i, -j) over |i - j| = k: P(7, 7) is read as P(7, -1), j = 1, so p = e_6, and the
                // variance is sum (k - 6)^2 = 36 + 25 + 16 + 9 + 4 + 1 + 0 + 1
                case DIFFERENCE_VARIANCE -> 92;
                case DIFFERENCE_ENTROPY -> 0;
            };
            assertThat(y.getDouble(0, 1, 2, 0)).as(t.pythonName()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void haralickRefusesWhatEoLearnCannotDefine() {
        assertThatThrownBy(() -> new HaralickTask(X, Glcm.Texture.ASM, 1, 0, 8, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> new HaralickTask(X, Glcm.Texture.ASM, 1, 0, 0, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels");
        assertThatThrownBy(() -> Glcm.Texture.parse("entropy")).isInstanceOf(IllegalArgumentException.class);
        // D150: stride 2 leaves pixels unset in eo-learn
        EOPatch p = new EOPatch();
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(DType.FLOAT64, new long[] {1, 4, 4, 1}, new double[16]));
        assertThatThrownBy(() -> new HaralickTask(X, Glcm.Texture.ASM, 1, 0, 8, 3, 2).execute(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D150");
        // a single pixel is defined with any stride
        EOPatch one = new EOPatch();
        one.put(FeatureType.DATA, "X", NdArrays.fromDoubles(DType.FLOAT64, new long[] {1, 1, 1, 1},
                new double[] {3}));
        new HaralickTask(X, Glcm.Texture.ASM, 1, 0, 8, 3, 2).execute(one);
        assertThat(one.getArray(FeatureType.DATA, "Y").getDouble(0)).isEqualTo(1.0);
    }

    @Test
    void lbpOfAConstantImage() {
        // value 1 everywhere, 4 neighbours at radius 1: inside all equal (>= 0): 4 ones
        double[] image = new double[9];
        java.util.Arrays.fill(image, 1);
        double[] lbp = Lbp.uniform(image, 3, 3, 4, 1);
        assertThat(lbp[4]).isEqualTo(4);
        // corner (0, 0): neighbours right (1), up (outside: 0), left (0), down (1): 1 0 0 1, two changes: 2 ones
        assertThat(lbp[0]).isEqualTo(2);
        // (0, 1): right 1, up 0, left 1, down 1: 1 0 1 1 has two changes: 3 ones
        assertThat(lbp[1]).isEqualTo(3);
        assertThat(Lbp.round5(-3 * Math.sin(2 * Math.PI * 6 / 24))).isEqualTo(-3.0);
        assertThat(Lbp.round5(3 * Math.cos(2 * Math.PI * 6 / 24))).isEqualTo(0.0);
    }

    @Test
    void lbpNonUniformPatternsGetPPlusOne() {
        // centre 1, right 2, up 0, left 2, down 0: 1 0 1 0 has three changes -> P + 1 (scikit-image: 5)
        double[] image = {0, 0, 0, 2, 1, 2, 0, 0, 0};
        assertThat(Lbp.uniform(image, 3, 3, 4, 1)).containsExactly(4, 4, 4, 0, 5, 0, 4, 4, 4);
        double[] lbp4 = Lbp.uniform(new double[] {5, 5, 5, 5, 0, 5, 5, 5, 5}, 3, 3, 4, 1);
        assertThat(lbp4[4]).isEqualTo(4);
    }

    @Test
    void hogOfAHorizontalRamp() {
        // image[r][c] = c: column gradient 2 inside, 0 on the first and last columns; orientation 0 -> bin 0
        int rows = 4;
        int cols = 4;
        double[] image = new double[rows * cols];
        for (int k = 0; k < image.length; k++) {
            image[k] = k % cols;
        }
        Hog.Result r = Hog.hog(image, rows, cols, 1, false, 9, 2, 2, 1, 1, "L1", true);
        assertThat(r.blocksRow()).isEqualTo(2);
        assertThat(r.blocksCol()).isEqualTo(2);
        // cell (0, 0): columns 0 and 1, magnitudes 0 and 2 over two rows: 4 / 4 pixels = 1 in bin 0; L1: 1/(1+1e-5)
        assertThat(r.blocks()[0]).isCloseTo(1 / (1 + 1e-5), within(1e-15));
        for (int o = 1; o < 9; o++) {
            assertThat(r.blocks()[o]).isZero();
        }
        // radius = 2 // 2 - 1 = 0: each cell adds its bins at its centre (1, 1): 1
        assertThat(r.image()[cols + 1]).isEqualTo(1.0);
        assertThat(Hog.mod180(-90)).isEqualTo(90);
        assertThat(Hog.mod180(180)).isEqualTo(0);
        assertThat(Hog.mod180(-0.0)).isEqualTo(0.0);
    }

    @Test
    void bresenhamLine() {
        long[][] l = Hog.line(0, 0, 2, 4);
        assertThat(l[0]).containsExactly(0, 1, 1, 2, 2); // scikit-image: [0 1 1 2 2]
        assertThat(l[1]).containsExactly(0, 1, 2, 3, 4);
        long[][] steep = Hog.line(3, 1, 0, 0);
        // both as scikit-image's draw.line gives them
        assertThat(steep[0]).containsExactly(3, 2, 1, 0);
        assertThat(steep[1]).containsExactly(1, 1, 0, 0);
    }

    @Test
    void hogTaskShapesAndRefusals() {
        EOPatch p = new EOPatch();
        p.put(FeatureType.DATA, "X", NdArrays.fromDoubles(DType.FLOAT32, new long[] {2, 17, 25, 2},
                new double[2 * 17 * 25 * 2]));
        new HOGTask(Feature.of(FeatureType.DATA, "X", "H")).execute(p);
        // 2 x 3 cells of 8 px, blocks of 3 x 3: 0 block rows (2 - 3 + 1 = 0), 1 block column
        assertThat(p.getArray(FeatureType.DATA, "H").shape()).containsExactly(2, 0, 3, 9);
        assertThat(DType.of(p.getArray(FeatureType.DATA, "H"))).isEqualTo(DType.FLOAT32);
        assertThat(p.getArray(FeatureType.DATA, "H_VISU").shape()).containsExactly(2, 17, 25, 1);
        assertThat(DType.of(p.getArray(FeatureType.DATA, "H_VISU"))).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> new HOGTask(X, 9, new int[] {8, 8}, new int[] {3, 3}, false, false, "L2-Hys", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D151");
        assertThatThrownBy(() -> new HOGTask(X, 9, new int[] {8, 8}, new int[] {3, 3}, true, true, "L2-Hys", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D151");
        EOPatch small = new EOPatch();
        small.put(FeatureType.DATA, "X", NdArrays.fromDoubles(DType.FLOAT64, new long[] {1, 8, 8, 1},
                new double[64]));
        assertThatThrownBy(() -> new HOGTask(X).execute(small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer cells");
    }

    @Test
    void providerRegistersTheTasksWithSchemas() {
        TaskRegistry r = TaskRegistry.standard();
        for (String name : new String[] {"HaralickTask", "LocalBinaryPatternTask", "HOGTask"}) {
            assertThat(r.schema(name)).as(name).isPresent();
        }
        assertThat(r.schema("HaralickTask").get().param("texture_feature").get().defaultValue())
                .isEqualTo("'contrast'");
        assertThat(r.schema("HOGTask").get().param("pixels_per_cell").get().defaultValue()).isEqualTo("(8, 8)");
    }
}
