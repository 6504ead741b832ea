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
