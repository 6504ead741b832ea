package org.eolearn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Resize} against plain textbook formulas on random images: the OpenCV kernels must agree with them up to
 * float rounding (floats) or one unit of rounding (bit-exact integers), for every pair of sizes up to 12.
 */
class ResizeTest {

    private static double clampedBilinear(double[] src, int h, int w, double fy, double fx) {
        fy = Math.max(0, Math.min(fy, h - 1));
        fx = Math.max(0, Math.min(fx, w - 1));
        int y0 = (int) Math.floor(fy);
        int x0 = (int) Math.floor(fx);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double wy = fy - y0;
        double wx = fx - x0;
        double top = src[y0 * w + x0] * (1 - wx) + src[y0 * w + x1] * wx;
        double bottom = src[y1 * w + x0] * (1 - wx) + src[y1 * w + x1] * wx;
        return top * (1 - wy) + bottom * wy;
    }

    private static double keys(double t) {
        double a = -0.75;
        t = Math.abs(t);
        if (t <= 1) {
            return ((a + 2) * t - (a + 3)) * t * t + 1;
        }
        if (t < 2) {
            return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
        }
        return 0;
    }

    private static double replicatedCubic(double[] src, int h, int w, double fy, double fx) {
        int y0 = (int) Math.floor(fy);
        int x0 = (int) Math.floor(fx);
        double v = 0;
        for (int i = -1; i <= 2; i++) {
            int yy = Math.max(0, Math.min(y0 + i, h - 1));
            double ky = keys(fy - (y0 + i));
            for (int j = -1; j <= 2; j++) {
                int xx = Math.max(0, Math.min(x0 + j, w - 1));
                v += ky * keys(fx - (x0 + j)) * src[yy * w + xx];
            }
        }
        return v;
    }

    private static double centre(int d, int src, int dst) {
        return (d + 0.5) * src / dst - 0.5;
    }

    @Test
    void floatLinearAndCubicAgreeWithTheTextbookFormulas() {
        Random rnd = new Random(42);
        for (int h = 1; h <= 12; h++) {
            for (int w = 1; w <= 12; w += 3) {
                double[] src = new double[h * w];
                for (int i = 0; i < src.length; i++) {
                    src[i] = (float) rnd.nextDouble();
                }
                for (int nh = 1; nh <= 12; nh++) {
                    for (int nw = 1; nw <= 12; nw += 2) {
                        double[] lin = Resize.resizeFloat(src, h, w, nh, nw, Resize.Method.LINEAR, true);
                        double[] cub = Resize.resizeFloat(src, h, w, nh, nw, Resize.Method.CUBIC, false);
                        for (int y = 0; y < nh; y++) {
                            for (int x = 0; x < nw; x++) {
                                String where = h + "x" + w + " -> " + nh + "x" + nw + " at " + y + "," + x;
                                double fy = centre(y, h, nh);
                                double fx = centre(x, w, nw);
                                if (nh == h && nw == w) {
                                    fy = y;
                                    fx = x;
                                }
                                assertThat(lin[y * nw + x]).as(where).isCloseTo(clampedBilinear(src, h, w, fy, fx),
                                        within(2e-6));
                                assertThat(cub[y * nw + x]).as(where).isCloseTo(replicatedCubic(src, h, w, fy, fx),
                                        within(2e-6));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void linearExactIsWithinOneOfTheRoundedBilinearValue() {
        Random rnd = new Random(7);
        for (Resize.IntType type : Resize.IntType.values()) {
            for (int h = 1; h <= 9; h++) {
                for (int w = 1; w <= 9; w += 2) {
                    long[] src = new long[h * w];
                    double[] srcD = new double[h * w];
                    for (int i = 0; i < src.length; i++) {
                        long range = type == Resize.IntType.INT32 ? 2_000_000_000L : type.max - type.min;
                        src[i] = Math.max(type.min, Math.min(type.max, type.min + (long) (rnd.nextDouble() * range)));
                        srcD[i] = src[i];
                    }
                    for (int nh = 1; nh <= 9; nh++) {
                        for (int nw = 1; nw <= 9; nw += 3) {
                            long[] out = Resize.resizeInteger(src, type, h, w, nh, nw, Resize.Method.LINEAR);
                            for (int y = 0; y < nh; y++) {
                                for (int x = 0; x < nw; x++) {
                                    double fy = nh == h && nw == w ? y : centre(y, h, nh);
                                    double fx = nh == h && nw == w ? x : centre(x, w, nw);
                                    double want = clampedBilinear(srcD, h, w, fy, fx);
                                    // the final rounding (0.5), the coefficients' quantisation (8 fractional
                                    // bits for uint8, 16 or 32 otherwise: range / 2^bits over both passes) and
                                    // the rounding of the 32-bit vertical product (0.5)
                                    double tol = 0.5 + (type.max - type.min) / Math.pow(2, type.coefShift)
                                            + (type == Resize.IntType.INT32 ? 0.5 : 0) + 1e-9;
                                    assertThat((double) out[y * nw + x]).as(type + " " + h + "x" + w + " -> " + nh
                                            + "x" + nw + " at " + y + "," + x).isCloseTo(want, within(tol));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The reference of OpenCV's own bit-exact test ({@code Resize_Bitexact.Linear8U}), written out for any number
     * of fractional bits: both coefficients of each axis rounded to {@code bits} bits (half to even), the four
     * clamped neighbours combined exactly in 64-bit integers and rounded once, half up.
     */
    private static long referenceLinearExact(long[] src, int rows, int cols, int drows, int dcols, int j, int i,
                                             int bits, Resize.IntType type) {
        long one = 1L << bits;
        double scaleY = 1.0 / ((double) drows / rows);
        double scaleX = 1.0 / ((double) dcols / cols);
        double fy = scaleY * (j + 0.5) - 0.5;
        int row = (int) Math.floor(fy);
        long y1 = (long) Math.rint((fy - row) * one);
        long y0 = one - y1;
        double fx = scaleX * (i + 0.5) - 0.5;
        int col = (int) Math.floor(fx);
        long x1 = (long) Math.rint((fx - col) * one);
        long x0 = one - x1;
        int r0 = Math.max(0, Math.min(row, rows - 1));
        int r1 = Math.max(0, Math.min(row + 1, rows - 1));
        int c0 = Math.max(0, Math.min(col, cols - 1));
        int c1 = Math.max(0, Math.min(col + 1, cols - 1));
        long val = (src[r0 * cols + c0] * x0 + src[r0 * cols + c1] * x1) * y0
                + (src[r1 * cols + c0] * x0 + src[r1 * cols + c1] * x1) * y1;
        long out = (val + (1L << (2 * bits - 1))) >> (2 * bits);
        return Math.max(type.min, Math.min(type.max, out));
    }

    @Test
    void linearExactEqualsOpenCvsBitExactReference() {
        Random rnd = new Random(11);
        int[][] sizes = {{32, 48}, {64, 24}, {32, 24}, {16, 12}, {1, 1}, {21, 24}, {21, 16}, {9, 7}, {58, 44},
            {53, 40}, {63, 47}, {128, 96}, {192, 144}, {100, 75}, {7, 200}};
        for (Resize.IntType type : new Resize.IntType[] {Resize.IntType.UINT8, Resize.IntType.INT8,
            Resize.IntType.UINT16, Resize.IntType.INT16}) {
            int rows = 48;
            int cols = 64;
            long[] src = new long[rows * cols];
            for (int k = 0; k < src.length; k++) {
                src[k] = type.min + (long) (rnd.nextDouble() * (type.max - type.min + 1));
            }
            for (int[] size : sizes) {
                int dcols = size[0];
                int drows = size[1];
                long[] out = Resize.resizeInteger(src, type, rows, cols, drows, dcols, Resize.Method.LINEAR);
                for (int j = 0; j < drows; j++) {
                    for (int i = 0; i < dcols; i++) {
                        assertThat(out[j * dcols + i]).as(type + " to " + dcols + "x" + drows + " at " + j + "," + i)
                                .isEqualTo(referenceLinearExact(src, rows, cols, drows, dcols, j, i, type.coefShift,
                                        type));
                    }
                }
            }
        }
    }

    @Test
    void nearestExactIsThePixelCentreUpToOpenCvsFixedPointAtExactBoundaries() {
        for (int src = 1; src <= 60; src++) {
            for (int dst = 1; dst <= 60; dst++) {
                int[] idx = Resize.nearestExactIndices(src, dst);
                for (int d = 0; d < dst; d++) {
                    double centre = (d + 0.5) * src / dst;
                    int want = Math.min((int) Math.floor(centre), src - 1);
                    if (centre - Math.floor(centre) > 0.01) {
                        assertThat(idx[d]).as(src + " -> " + dst + " at " + d).isEqualTo(want);
                    } else {
                        assertThat(idx[d]).as(src + " -> " + dst + " at " + d).isBetween(want - 1, want);
                    }
                }
            }
        }
        // 2 -> 5: the centre of target pixel 2 is exactly source 1.0; the 16.16 step 26214 (131074 / 5) gives
        // (2 * 26214 + 13107) >> 16 = 65535 >> 16 = 0, where Pillow picks 1
        assertThat(Resize.nearestExactIndices(2, 5)).containsExactly(0, 0, 0, 1, 1);
    }

    @Test
    void methodsAndSizesAreChecked() {
        assertThat(Resize.Method.parse("cubic")).isEqualTo(Resize.Method.CUBIC);
        assertThatThrownBy(() -> Resize.Method.parse("area")).hasMessageContaining("resize_method");
        assertThatThrownBy(() -> Resize.resizeFloat(new double[4], 2, 2, 0, 3, Resize.Method.LINEAR, true))
                .hasMessageContaining("target size");
        assertThatThrownBy(() -> Resize.resizeFloat(new double[3], 2, 2, 1, 3, Resize.Method.LINEAR, true))
                .hasMessageContaining("values");
        assertThatThrownBy(() -> Resize.resizeInteger(new long[4], Resize.IntType.UINT8, 2, 2, 3, 3,
                Resize.Method.CUBIC)).hasMessageContaining("cubic");
    }
}
