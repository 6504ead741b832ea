package org.eolearn.features;

import java.util.Locale;

/**
 * Image resizing kernels that give what OpenCV's {@code cv2.resize} gives eo-learn (OpenCV 4.6), over plain Java
 * arrays of one 2-D image in row-major order.
 *
 * <p>Floating-point images ({@link #resizeFloat}) follow {@code INTER_NEAREST}, {@code INTER_LINEAR} and
 * {@code INTER_CUBIC}: the pixel-centre mapping {@code (d + 0.5) * src / dst - 0.5}, edge pixels replicated, the
 * coefficients and every sum computed in float32 for float32 images (in float64 with float32 coefficients for
 * float64 images), and OpenCV's switch to a 2 × 2 box average when both sides shrink by exactly 2. Integer images
 * ({@link #resizeInteger}) follow {@code INTER_NEAREST_EXACT} (OpenCV's 16.16 fixed-point index mapping) and
 * {@code INTER_LINEAR_EXACT} (OpenCV's bit-exact fixed-point bilinear interpolation: 8 fractional bits for uint8,
 * 16 for int8, int16 and uint16, 32 for int32, with its rounding and saturation).
 *
 * <pre>{@code
 * double[] out = Resize.resizeFloat(new double[] {0, 1, 2, 3}, 2, 2, 4, 4, Resize.Method.LINEAR, true);
 * // rows: 0 0.25 0.75 1 / 0.5 0.75 1.25 1.5 / 1.5 1.75 2.25 2.5 / 2 2.25 2.75 3
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Stateless; every method only writes the array it returns.
 *
 * @since 0.1
 */
public final class Resize {

    private Resize() {
    }

    /** eo-learn's {@code ResizeMethod}. */
    public enum Method {
        /** Nearest neighbour ({@code INTER_NEAREST} for floats, {@code INTER_NEAREST_EXACT} for integers). */
        NEAREST,
        /** Bilinear ({@code INTER_LINEAR} for floats, {@code INTER_LINEAR_EXACT} for integers). */
        LINEAR,
        /** Bicubic with a = −0.75 ({@code INTER_CUBIC}, floats only). */
        CUBIC;

        /**
         * Parses eo-learn's value of the method.
         *
         * @param value {@code "nearest"}, {@code "linear"} or {@code "cubic"}
         * @return the method
         * @throws IllegalArgumentException for other values, naming {@code resize_method}
         */
        public static Method parse(String value) {
            for (Method m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("resize_method must be \"nearest\", \"linear\" or \"cubic\", got \""
                    + value + "\"");
        }

        /**
         * Returns eo-learn's value of the method.
         *
         * @return for example {@code "linear"}
         */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The integer element types OpenCV's bit-exact kernels support, as eo-learn hands them over. */
    public enum IntType {
        /** uint8 ({@code CV_8U}). */
        UINT8(0, 0xFF, 8, 16),
        /** int8 ({@code CV_8S}). */
        INT8(-128, 127, 16, 32),
        /** uint16 ({@code CV_16U}). */
        UINT16(0, 0xFFFF, 16, 32),
        /** int16 ({@code CV_16S}). */
        INT16(-32768, 32767, 16, 32),
        /** int32 ({@code CV_32S}). */
        INT32(Integer.MIN_VALUE, Integer.MAX_VALUE, 32, 32);

        final long min;
        final long max;
        final int coefShift;
        final int sumShift;

        IntType(long min, long max, int coefShift, int sumShift) {
            this.min = min;
            this.max = max;
            this.coefShift = coefShift;
            this.sumShift = sumShift;
        }
    }

    private static void checkSizes(int srcLength, int h, int w, int nh, int nw) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("the source image must be at least 1 x 1, got " + h + " x " + w);
        }
        if (nh < 1 || nw < 1) {
            throw new IllegalArgumentException("the target size must be at least 1 x 1, got " + nh + " x " + nw);
        }
        if ((long) h * w != srcLength) {
            throw new IllegalArgumentException("the source has " + srcLength + " values, not " + h + " x " + w);
        }
    }

    /**
     * OpenCV's {@code INTER_NEAREST} source index of every target index: {@code min(floor(d * (1 / (dst / src))),
     * src − 1)}.
     *
     * @param src the source length
     * @param dst the target length
     * @return {@code dst} source indices
     */
    public static int[] nearestIndices(int src, int dst) {
        double inv = 1.0 / ((double) dst / src);
        int[] idx = new int[dst];
        for (int d = 0; d < dst; d++) {
            idx[d] = Math.min((int) Math.floor(d * inv), src - 1);
        }
        return idx;
    }

    /**
     * OpenCV's {@code INTER_NEAREST_EXACT} source index of every target index, in its 16.16 fixed point:
     * step = ((src &lt;&lt; 16) + dst / 2) / dst, index = (step · d + step / 2 − src % 2) &gt;&gt; 16 (the pixel centre,
     * as Pillow maps it, up to the fixed-point rounding).
     *
     * @param src the source length
     * @param dst the target length
     * @return {@code dst} source indices
     */
    public static int[] nearestExactIndices(int src, int dst) {
        int step = ((src << 16) + dst / 2) / dst;
        int start = step / 2 - src % 2;
        int[] idx = new int[dst];
        for (int d = 0; d < dst; d++) {
            idx[d] = Math.max(0, Math.min((step * d + start) >> 16, src - 1));
        }
        return idx;
    }

    private static double r(double v, boolean single) {
        return single ? (float) v : v;
    }

    /**
     * Resizes a floating-point image as {@code cv2.resize} does for float32 ({@code single}) or float64 images.
     *
     * @param src    {@code h * w} values (float32 values for {@code single})
     * @param h      the source height
     * @param w      the source width
     * @param nh     the target height
     * @param nw     the target width
     * @param method the interpolation
     * @param single whether the image is float32 (every operation rounded to float32)
     * @return {@code nh * nw} values
     * @throws IllegalArgumentException for sizes below 1
     */
    public static double[] resizeFloat(double[] src, int h, int w, int nh, int nw, Method method, boolean single) {
        checkSizes(src.length, h, w, nh, nw);
        if (nh == h && nw == w) {
            return src.clone();
        }
        switch (method) {
            case NEAREST: return gather(src, w, nearestIndices(h, nh), nearestIndices(w, nw));
            case LINEAR:
                if (isExactHalf(h, nh) && isExactHalf(w, nw)) {
                    return boxHalf(src, w, nh, nw, single);
                }
                return separable(src, h, w, nh, nw, false, single);
            default: return separable(src, h, w, nh, nw, true, single);
        }
    }

    /** OpenCV's test for an integer scale of exactly 2 (then INTER_LINEAR becomes a 2 x 2 box average). */
    private static boolean isExactHalf(int src, int dst) {
        double scale = 1.0 / ((double) dst / src);
        long iscale = Math.round(scale);
        return Math.abs(scale - iscale) < Math.ulp(1.0) && iscale == 2;
    }

    private static double[] gather(double[] src, int w, int[] rows, int[] cols) {
        double[] out = new double[rows.length * cols.length];
        for (int y = 0; y < rows.length; y++) {
            int base = rows[y] * w;
            for (int x = 0; x < cols.length; x++) {
                out[y * cols.length + x] = src[base + cols[x]];
            }
        }
        return out;
    }

    private static double[] boxHalf(double[] src, int w, int nh, int nw, boolean single) {
        double[] out = new double[nh * nw];
        for (int y = 0; y < nh; y++) {
            int r0 = 2 * y * w;
            int r1 = r0 + w;
            for (int x = 0; x < nw; x++) {
                double s = r(src[r0 + 2 * x] + src[r0 + 2 * x + 1], single);
                s = r(s + src[r1 + 2 * x], single);
                s = r(s + src[r1 + 2 * x + 1], single);
                out[y * nw + x] = r(s * 0.25, single);
            }
        }
        return out;
    }

    /** OpenCV's {@code interpolateCubic} in float32. */
    static float[] cubicCoefficients(float x) {
        final float a = -0.75f;
        float c0 = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a;
        float c1 = ((a + 2) * x - (a + 3)) * x * x + 1;
        float c2 = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1;
        float c3 = 1.f - c0 - c1 - c2;
        return new float[] {c0, c1, c2, c3};
    }

    /** Source offsets and coefficients along one axis, as OpenCV's generic resize computes them. */
    private static final class Axis {
        final int[] offset;
        final float[] coef;
        final int min;
        final int max;

        Axis(int src, int dst, boolean cubic, boolean clampLinear) {
            int k = cubic ? 4 : 2;
            int half = k / 2;
            double scale = 1.0 / ((double) dst / src);
            offset = new int[dst];
            coef = new float[dst * k];
            int lo = 0;
            int hi = dst;
            for (int d = 0; d < dst; d++) {
                float f = (float) ((d + 0.5) * scale - 0.5);
                int s = (int) Math.floor(f);
                f -= s;
                if (s < half - 1) {
                    lo = d + 1;
                    if (s < 0 && !cubic && clampLinear) {
                        f = 0;
                        s = 0;
                    }
                }
                if (s + half >= src) {
                    hi = Math.min(hi, d);
                    if (s >= src - 1 && !cubic && clampLinear) {
                        f = 0;
                        s = src - 1;
                    }
                }
                offset[d] = s;
                if (cubic) {
                    System.arraycopy(cubicCoefficients(f), 0, coef, d * 4, 4);
                } else {
                    coef[d * 2] = 1.f - f;
                    coef[d * 2 + 1] = f;
                }
            }
            min = lo;
            max = hi;
        }
    }

    private static double[] separable(double[] src, int h, int w, int nh, int nw, boolean cubic, boolean single) {
        Axis ax = new Axis(w, nw, cubic, true);
        Axis ay = new Axis(h, nh, cubic, false);
        int k = cubic ? 4 : 2;
        // horizontal pass of every source row
        double[] rows = new double[h * nw];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int d = 0; d < nw; d++) {
                int s = ax.offset[d];
                double v;
                if (!cubic) {
                    if (d < ax.max) {
                        v = r(r(src[base + s] * ax.coef[2 * d], single) + r(src[base + s + 1] * ax.coef[2 * d + 1],
                                single), single);
                    } else {
                        v = src[base + s];
                    }
                } else {
                    v = 0;
                    boolean edge = d < ax.min || d >= ax.max;
                    for (int j = 0; j < 4; j++) {
                        int sj = s - 1 + j;
                        if (edge) {
                            sj = Math.max(0, Math.min(sj, w - 1));
                        }
                        double p = r(src[base + sj] * ax.coef[4 * d + j], single);
                        v = j == 0 ? p : r(v + p, single);
                    }
                }
                rows[y * nw + d] = v;
            }
        }
        // vertical pass
        double[] out = new double[nh * nw];
        int[] rowIndex = new int[k];
        for (int d = 0; d < nh; d++) {
            int s0 = ay.offset[d] - (k / 2) + 1;
            for (int j = 0; j < k; j++) {
                rowIndex[j] = Math.max(0, Math.min(s0 + j, h - 1)) * nw;
            }
            for (int x = 0; x < nw; x++) {
                double v = r(rows[rowIndex[0] + x] * ay.coef[k * d], single);
                for (int j = 1; j < k; j++) {
                    v = r(v + r(rows[rowIndex[j] + x] * ay.coef[k * d + j], single), single);
                }
                out[d * nw + x] = v;
            }
        }
        return out;
    }

    /**
     * Resizes an integer image as {@code cv2.resize} does with {@code INTER_NEAREST_EXACT} or
     * {@code INTER_LINEAR_EXACT}.
     *
     * <p>For int8 and int32 images shrunk by exactly 2 in both directions OpenCV fails (it switches to an area
     * kernel it lacks for these types); this method returns the bit-exact bilinear result there.
     *
     * @param src    {@code h * w} values within the type's range
     * @param type   the element type
     * @param h      the source height
     * @param w      the source width
     * @param nh     the target height
     * @param nw     the target width
     * @param method {@link Method#NEAREST} or {@link Method#LINEAR}
     * @return {@code nh * nw} values
     * @throws IllegalArgumentException for {@link Method#CUBIC} (OpenCV has no bit-exact cubic) or sizes below 1
     */
    public static long[] resizeInteger(long[] src, IntType type, int h, int w, int nh, int nw, Method method) {
        checkSizes(src.length, h, w, nh, nw);
        if (method == Method.CUBIC) {
            throw new IllegalArgumentException("resize_method \"cubic\" cannot be used for integer data (eo-learn "
                    + "uses OpenCV's bit-exact kernels for integers, which have no cubic)");
        }
        if (nh == h && nw == w) {
            return src.clone();
        }
        if (method == Method.NEAREST) {
            int[] rows = nearestExactIndices(h, nh);
            int[] cols = nearestExactIndices(w, nw);
            long[] out = new long[nh * nw];
            for (int y = 0; y < nh; y++) {
                for (int x = 0; x < nw; x++) {
                    out[y * nw + x] = src[rows[y] * w + cols[x]];
                }
            }
            return out;
        }
        return linearExact(src, type, h, w, nh, nw);
    }

    /** Offsets and fixed-point coefficients of OpenCV's {@code interpolationLinear}. */
    private static final class ExactAxis {
        final int[] offset;
        final long[] coef;
        final int min;
        final int max;

        ExactAxis(int src, int dst, int shift) {
            double scale = 1.0 / ((double) dst / src);
            long one = 1L << shift;
            offset = new int[dst];
            coef = new long[2 * dst];
            int lo = 0;
            int hi = dst;
            for (int d = 0; d < dst; d++) {
                double f = scale * (d + 0.5) - 0.5;
                int s = (int) Math.floor(f);
                if (s >= 0 && src > 1) {
                    if (s < src - 1) {
                        offset[d] = s;
                        long c1 = (long) Math.rint((f - s) * one);
                        coef[2 * d + 1] = c1;
                        coef[2 * d] = one - c1;
                    } else {
                        offset[d] = src - 1;
                        hi = Math.min(hi, d);
                    }
                } else {
                    lo = Math.max(lo, d + 1);
                }
            }
            min = lo;
            max = hi;
        }
    }

    private static long[] linearExact(long[] src, IntType type, int h, int w, int nh, int nw) {
        ExactAxis ax = new ExactAxis(w, nw, type.coefShift);
        ExactAxis ay = new ExactAxis(h, nh, type.coefShift);
        // horizontal pass in the coefficient fixed point
        long[][] lines = new long[h][];
        long[] out = new long[nh * nw];
        for (int d = 0; d < nh; d++) {
            if (d < ay.min || d >= ay.max) {
                int row = d < ay.min ? 0 : h - 1;
                long[] line = line(lines, src, type, row, w, ax, nw);
                for (int x = 0; x < nw; x++) {
                    out[d * nw + x] = toElement(line[x], type.coefShift, type);
                }
                continue;
            }
            int iy = ay.offset[d];
            long[] l0 = line(lines, src, type, iy, w, ax, nw);
            long[] l1 = line(lines, src, type, iy + 1, w, ax, nw);
            long b0 = ay.coef[2 * d];
            long b1 = ay.coef[2 * d + 1];
            for (int x = 0; x < nw; x++) {
                long v = addSum(mulSum(l0[x], b0, type), mulSum(l1[x], b1, type), type);
                out[d * nw + x] = toElement(v, type.sumShift, type);
            }
        }
        return out;
    }

    private static long[] line(long[][] cache, long[] src, IntType type, int row, int w, ExactAxis ax, int nw) {
        if (cache[row] != null) {
            return cache[row];
        }
        long[] line = new long[nw];
        int base = row * w;
        int shift = type.coefShift;
        long last = src[base + ax.offset[nw - 1]];
        for (int d = 0; d < nw; d++) {
            if (d < ax.min) {
                line[d] = src[base] << shift;
            } else if (d < ax.max) {
                int s = ax.offset[d];
                line[d] = addCoef(mulCoef(ax.coef[2 * d], src[base + s], type),
                        mulCoef(ax.coef[2 * d + 1], src[base + s + 1], type), type);
            } else {
                line[d] = last << shift;
            }
        }
        cache[row] = line;
        return line;
    }

    /** The bounds of the coefficient fixed point: ufixedpoint16, fixedpoint32, ufixedpoint32, fixedpoint64. */
    private static long coefMin(IntType t) {
        switch (t) {
            case UINT8: case UINT16: return 0;
            case INT32: return Long.MIN_VALUE;
            default: return Integer.MIN_VALUE;
        }
    }

    private static long coefMax(IntType t) {
        switch (t) {
            case UINT8: return 0xFFFF;
            case UINT16: return 0xFFFFFFFFL;
            case INT32: return Long.MAX_VALUE;
            default: return Integer.MAX_VALUE;
        }
    }

    private static long clamp(long v, long lo, long hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static long mulCoef(long coef, long x, IntType t) {
        return clamp(Math.multiplyExact(coef, x), coefMin(t), coefMax(t));
    }

    private static long addCoef(long a, long b, IntType t) {
        if (t == IntType.INT32) {
            long s = a + b;
            return ((a ^ s) & (b ^ s)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : s;
        }
        return clamp(a + b, coefMin(t), coefMax(t));
    }

    /** A line value (coefficient fixed point) times a vertical coefficient, in the sum fixed point. */
    private static long mulSum(long v, long coef, IntType t) {
        if (t != IntType.INT32) {
            return v * coef; // at most 2^48 in magnitude
        }
        // fixedpoint64 x fixedpoint64: |v| * |coef| / 2^32, rounded half away from zero
        boolean negative = (v < 0) != (coef < 0);
        long uv = Math.abs(v);
        long uc = Math.abs(coef);
        long hi = uv >>> 32;
        long lo = uv & 0xFFFFFFFFL;
        long low = Long.divideUnsigned(lo * uc + 0x80000000L, 1L << 32); // lo, uc < 2^32: no overflow
        long high;
        try {
            high = Math.addExact(Math.multiplyExact(hi, uc), low);
        } catch (ArithmeticException e) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -high : high;
    }

    private static long addSum(long a, long b, IntType t) {
        if (t == IntType.UINT8) {
            return Math.min(a + b, 0xFFFFFFFFL);
        }
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : s;
    }

    /**
     * A fixed-point value rounded half up to an element, saturated to the type's range. Near the top of the 64-bit
     * range the rounding addition wraps, as OpenCV's unsigned addition does.
     */
    private static long toElement(long v, int shift, IntType t) {
        return clamp((v + (1L << (shift - 1))) >> shift, t.min, t.max);
    }
}
