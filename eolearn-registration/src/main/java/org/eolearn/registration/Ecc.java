package org.eolearn.registration;

/**
 * The enhanced correlation coefficient (ECC) image alignment of Evangelidis and Psarakis, as OpenCV's
 * {@code findTransformECC} computes it, and the warps ({@code warpAffine}/{@code warpPerspective} with
 * {@code WARP_INVERSE_MAP}) that apply its result. Frames are row-major float arrays.
 *
 * <p>The warp matrix maps template (reference) pixel coordinates to input-image coordinates: 2x3 for translation,
 * Euclidean and affine motion, 3x3 for homographies. Sample positions are computed in OpenCV's fixed point
 * (affine offsets rounded to 1/1024 pixel, then cut to 1/32 pixel for bilinear sampling, {@code INTER_BITS = 5}).
 *
 * @since 0.1
 */
public final class Ecc {

    /** The motion models. */
    public enum Motion {
        /** x' = x + tx (2 parameters). */
        TRANSLATION(2),
        /** Rotation and translation (3 parameters). */
        EUCLIDEAN(3),
        /** Any affine map (6 parameters). */
        AFFINE(6),
        /** A projective map (8 parameters). */
        HOMOGRAPHY(8);

        private final int parameters;

        Motion(int parameters) {
            this.parameters = parameters;
        }

        /**
         * Returns the number of parameters.
         *
         * @return 2, 3, 6 or 8
         */
        public int parameters() {
            return parameters;
        }

        /**
         * Parses OpenCV's constant ({@code MOTION_TRANSLATION} = 0 ... {@code MOTION_HOMOGRAPHY} = 3).
         *
         * @param value the constant
         * @return the motion
         */
        public static Motion ofOpenCv(int value) {
            if (value < 0 || value > 3) {
                throw new IllegalArgumentException("warp_mode must be 0..3 (MOTION_TRANSLATION..MOTION_HOMOGRAPHY), got "
                        + value);
            }
            return values()[value];
        }
    }

    /** ECC could not converge or met degenerate data. */
    public static final class EccException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EccException(String message) {
            super(message);
        }
    }

    private static final int INTER_BITS = 5;
    private static final int INTER_TAB = 1 << INTER_BITS;
    private static final int AB_BITS = 10;
    private static final int AB_SCALE = 1 << AB_BITS;

    private Ecc() {
    }

    /**
     * Returns the identity warp of a motion.
     *
     * @param motion the motion
     * @return 2x3 or 3x3
     */
    public static double[][] identity(Motion motion) {
        return motion == Motion.HOMOGRAPHY ? new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
                : new double[][] {{1, 0, 0}, {0, 1, 0}};
    }

    /**
     * Finds the warp that aligns {@code input} to {@code template}, maximising the enhanced correlation coefficient.
     *
     * @param template   the reference frame, h*w
     * @param input      the frame to align, h*w
     * @param h          the height
     * @param w          the width
     * @param motion     the motion model
     * @param warp       the initial warp (2x3 or 3x3); not modified
     * @param iterations the number of iterations (OpenCV's COUNT criterion)
     * @param eps        stop when the correlation changes less than this (negative: never)
     * @param inputMask  valid pixels of the input (non-zero), or null for all
     * @param gaussSize  the Gaussian pre-smoothing kernel size (1 = none)
     * @return the warp
     * @throws EccException if the algorithm meets NaN or cannot converge
     */
    public static double[][] findTransform(float[] template, float[] input, int h, int w, Motion motion,
                                           double[][] warp, int iterations, double eps, byte[] inputMask,
                                           int gaussSize) {
        int n = h * w;
        float[] tmpl = gaussSize > 1 ? gaussian(template, h, w, gaussSize) : template.clone();
        float[] img = gaussSize > 1 ? gaussian(input, h, w, gaussSize) : input.clone();
        float[] preMask = new float[n];
        for (int i = 0; i < n; i++) {
            preMask[i] = inputMask == null || inputMask[i] != 0 ? 1f : 0f;
        }
        float[] gx = new float[n];
        float[] gy = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                gx[i] = 0.5f * (img[y * w + reflect101(x + 1, w)] - img[y * w + reflect101(x - 1, w)]) * preMask[i];
                gy[i] = 0.5f * (img[reflect101(y + 1, h) * w + x] - img[reflect101(y - 1, h) * w + x]) * preMask[i];
            }
        }
        double[][] map = copy(warp);
        int p = motion.parameters();
        double rho = -1;
        double lastRho = -Double.MAX_VALUE;
        float[] imgW = new float[n];
        float[] gxW = new float[n];
        float[] gyW = new float[n];
        float[] maskW = new float[n];
        double[] jac = new double[p * n];
        for (int it = 1; it <= iterations && Math.abs(rho - lastRho) >= eps; it++) {
            warpFrame(img, h, w, map, true, false, 0, imgW);
            warpFrame(gx, h, w, map, true, false, 0, gxW);
            warpFrame(gy, h, w, map, true, false, 0, gyW);
            warpFrame(preMask, h, w, map, false, false, 0, maskW);
            int count = 0;
            double imgSum = 0;
            double tmpSum = 0;
            for (int i = 0; i < n; i++) {
                if (maskW[i] != 0) {
                    count++;
                    imgSum += imgW[i];
                    tmpSum += tmpl[i];
                }
            }
            if (count == 0) {
                throw new EccException("no valid pixel overlaps after warping");
            }
            double imgMean = imgSum / count;
            double tmpMean = tmpSum / count;
            double imgVar = 0;
            double tmpVar = 0;
            double[] tmplZm = new double[n];
            double[] imgZm = new double[n];
            for (int i = 0; i < n; i++) {
                if (maskW[i] != 0) {
                    imgZm[i] = imgW[i] - imgMean;
                    tmplZm[i] = tmpl[i] - tmpMean;
                    imgVar += imgZm[i] * imgZm[i];
                    tmpVar += tmplZm[i] * tmplZm[i];
                } else {
                    imgZm[i] = imgW[i];
                }
            }
            double tmpNorm = Math.sqrt(tmpVar);
            double imgNorm = Math.sqrt(imgVar);
            jacobian(motion, map, gxW, gyW, h, w, jac);
            double[][] hessian = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += jac[a * n + i] * jac[b * n + i];
                    }
                    hessian[a][b] = (float) s; // OpenCV keeps every matrix in float32
                    hessian[b][a] = (float) s;
                }
            }
            double[][] hInv = toFloat(invert(hessian));
            double correlation = 0;
            for (int i = 0; i < n; i++) {
                correlation += tmplZm[i] * imgZm[i];
            }
            lastRho = rho;
            rho = correlation / (imgNorm * tmpNorm);
            if (Double.isNaN(rho)) {
                throw new EccException("NaN encountered");
            }
            double[] imgProj = toFloat(project(jac, imgZm, p, n));
            double[] tmpProj = toFloat(project(jac, tmplZm, p, n));
            double[] imgProjH = toFloat(multiply(hInv, imgProj));
            double lambdaN = imgNorm * imgNorm - dot(imgProj, imgProjH);
            double lambdaD = correlation - dot(tmpProj, imgProjH);
            if (lambdaD <= 0) {
                throw new EccException("the algorithm stopped before its convergence: the correlation is going to be "
                        + "minimized; images may be uncorrelated or non-overlapped");
            }
            double lambda = lambdaN / lambdaD;
            double[] error = new double[n];
            for (int i = 0; i < n; i++) {
                error[i] = lambda * tmplZm[i] - imgZm[i];
            }
            double[] delta = toFloat(multiply(hInv, toFloat(project(jac, error, p, n))));
            update(motion, map, delta);
            for (double[] row : map) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) row[j];
                }
            }
        }
        return map;
    }

    private static void jacobian(Motion motion, double[][] map, float[] gx, float[] gy, int h, int w, double[] jac) {
        int n = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double dx = gx[i];
                double dy = gy[i];
                switch (motion) {
                    case TRANSLATION:
                        jac[i] = dx;
                        jac[n + i] = dy;
                        break;
                    case EUCLIDEAN: {
                        double c = map[0][0];
                        double s = map[1][0];
                        double hatX = -(x * s) - (y * c);
                        double hatY = (x * c) - (y * s);
                        jac[i] = dx * hatX + dy * hatY;
                        jac[n + i] = dx;
                        jac[2 * n + i] = dy;
                        break;
                    }
                    case AFFINE:
                        jac[i] = dx * x;
                        jac[n + i] = dy * x;
                        jac[2 * n + i] = dx * y;
                        jac[3 * n + i] = dy * y;
                        jac[4 * n + i] = dx;
                        jac[5 * n + i] = dy;
                        break;
                    default: {
                        double den = x * map[2][0] + y * map[2][1] + 1;
                        double hatX = -(x * map[0][0] + y * map[0][1] + map[0][2]) / den;
                        double hatY = -(x * map[1][0] + y * map[1][1] + map[1][2]) / den;
                        double gxd = dx / den;
                        double gyd = dy / den;
                        double temp = hatX * gxd + hatY * gyd;
                        jac[i] = gxd * x;
                        jac[n + i] = gyd * x;
                        jac[2 * n + i] = temp * x;
                        jac[3 * n + i] = gxd * y;
                        jac[4 * n + i] = gyd * y;
                        jac[5 * n + i] = temp * y;
                        jac[6 * n + i] = gxd;
                        jac[7 * n + i] = gyd;
                    }
                }
            }
        }
    }

    private static void update(Motion motion, double[][] map, double[] d) {
        switch (motion) {
            case TRANSLATION:
                map[0][2] += d[0];
                map[1][2] += d[1];
                break;
            case EUCLIDEAN: {
                double theta = Math.asin(map[1][0]) + d[0];
                map[0][2] += d[1];
                map[1][2] += d[2];
                map[0][0] = Math.cos(theta);
                map[1][1] = map[0][0];
                map[1][0] = Math.sin(theta);
                map[0][1] = -map[1][0];
                break;
            }
            case AFFINE:
                map[0][0] += d[0];
                map[1][0] += d[1];
                map[0][1] += d[2];
                map[1][1] += d[3];
                map[0][2] += d[4];
                map[1][2] += d[5];
                break;
            default:
                map[0][0] += d[0];
                map[1][0] += d[1];
                map[2][0] += d[2];
                map[0][1] += d[3];
                map[1][1] += d[4];
                map[2][1] += d[5];
                map[0][2] += d[6];
                map[1][2] += d[7];
        }
    }

    /**
     * Warps a frame: {@code dst(x, y) = src(M (x, y, 1))}, OpenCV's {@code warpAffine}/{@code warpPerspective} with
     * {@code WARP_INVERSE_MAP}.
     *
     * @param src         the source frame
     * @param h           the height
     * @param w           the width
     * @param map         2x3 or 3x3
     * @param linear      bilinear (true) or nearest-neighbour sampling
     * @param replicate   border replicate (true) or constant
     * @param borderValue the constant border value
     * @param dst         receives h*w values
     */
    public static void warpFrame(float[] src, int h, int w, double[][] map, boolean linear, boolean replicate,
                                 float borderValue, float[] dst) {
        boolean perspective = map.length == 3;
        // OpenCV's warpAffine works in fixed point: offsets rounded to 1/1024 pixel (AB_BITS = 10), then cut to
        // 1/32 pixel (INTER_BITS = 5) for bilinear sampling, or to whole pixels for nearest-neighbour sampling
        int[] adelta = new int[w];
        int[] bdelta = new int[w];
        if (!perspective) {
            for (int x = 0; x < w; x++) {
                adelta[x] = saturateInt(map[0][0] * x * AB_SCALE);
                bdelta[x] = saturateInt(map[1][0] * x * AB_SCALE);
            }
        }
        int roundDelta = linear ? AB_SCALE / INTER_TAB / 2 : AB_SCALE / 2;
        for (int y = 0; y < h; y++) {
            int x0 = 0;
            int y0 = 0;
            if (!perspective) {
                x0 = saturateInt((map[0][1] * y + map[0][2]) * AB_SCALE) + roundDelta;
                y0 = saturateInt((map[1][1] * y + map[1][2]) * AB_SCALE) + roundDelta;
            }
            for (int x = 0; x < w; x++) {
                int fx;
                int fy;
                if (perspective) {
                    double d = map[2][0] * x + map[2][1] * y + map[2][2];
                    double scale = d != 0 ? (linear ? INTER_TAB : 1) / d : 0;
                    fx = saturateInt((map[0][0] * x + map[0][1] * y + map[0][2]) * scale);
                    fy = saturateInt((map[1][0] * x + map[1][1] * y + map[1][2]) * scale);
                } else if (linear) {
                    fx = (x0 + adelta[x]) >> (AB_BITS - INTER_BITS);
                    fy = (y0 + bdelta[x]) >> (AB_BITS - INTER_BITS);
                } else {
                    fx = (x0 + adelta[x]) >> AB_BITS;
                    fy = (y0 + bdelta[x]) >> AB_BITS;
                }
                float v;
                if (linear) {
                    int ix = fx >> INTER_BITS;
                    int iy = fy >> INTER_BITS;
                    float ax = (float) (fx & (INTER_TAB - 1)) / INTER_TAB;
                    float ay = (float) (fy & (INTER_TAB - 1)) / INTER_TAB;
                    // OpenCV's float weight table: products of the 1-D weights, each rounded to float
                    float w00 = (1f - ay) * (1f - ax);
                    float w01 = (1f - ay) * ax;
                    float w10 = ay * (1f - ax);
                    float w11 = ay * ax;
                    float v00 = pixel(src, h, w, iy, ix, replicate, borderValue);
                    float v01 = pixel(src, h, w, iy, ix + 1, replicate, borderValue);
                    float v10 = pixel(src, h, w, iy + 1, ix, replicate, borderValue);
                    float v11 = pixel(src, h, w, iy + 1, ix + 1, replicate, borderValue);
                    v = v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11;
                } else {
                    v = pixel(src, h, w, fy, fx, replicate, borderValue);
                }
                dst[y * w + x] = v;
            }
        }
    }

    /** OpenCV's {@code saturate_cast<int>(double)}: round half to even, clamped to the int range. */
    private static int saturateInt(double v) {
        double r = Math.rint(v);
        return r >= Integer.MAX_VALUE ? Integer.MAX_VALUE : r <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) r;
    }

    private static float pixel(float[] src, int h, int w, int y, int x, boolean replicate, float borderValue) {
        if (x >= 0 && x < w && y >= 0 && y < h) {
            return src[y * w + x];
        }
        if (!replicate) {
            return borderValue;
        }
        return src[Math.max(0, Math.min(h - 1, y)) * w + Math.max(0, Math.min(w - 1, x))];
    }

    private static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int p = i;
        while (p < 0 || p >= n) {
            p = p < 0 ? -p : 2 * n - p - 2;
        }
        return p;
    }

    private static float[] gaussian(float[] src, int h, int w, int size) {
        int r = size / 2;
        double sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            k[i] = Math.exp(-((i - r) * (i - r)) / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[h * w];
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = 0; i < size; i++) {
                    s += k[i] * src[y * w + reflect101(x + i - r, w)];
                }
                tmp[y * w + x] = (float) s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = 0; i < size; i++) {
                    s += k[i] * tmp[reflect101(y + i - r, h) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    private static double[] project(double[] jac, double[] v, int p, int n) {
        double[] out = new double[p];
        for (int a = 0; a < p; a++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += jac[a * n + i] * v[i];
            }
            out[a] = s;
        }
        return out;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            double s = 0;
            for (int b = 0; b < v.length; b++) {
                s += m[a][b] * v[b];
            }
            out[a] = s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gauss-Jordan inverse with partial pivoting. */
    static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(m[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
        }
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) < 1e-300) {
                throw new EccException("the Hessian is singular (no texture to align on)");
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * p; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * p; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }

    private static double[] toFloat(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
        return v;
    }

    private static double[][] toFloat(double[][] m) {
        for (double[] row : m) {
            toFloat(row);
        }
        return m;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
