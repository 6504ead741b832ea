package org.eolearn.features.texture;

/**
 * The local binary pattern kernel of {@link LocalBinaryPatternTask}: scikit-image 0.19's
 * {@code local_binary_pattern(image, P, R, method='uniform')} on plain arrays.
 *
 * <p>The {@code P} neighbours lie on a circle of radius {@code R} (scikit-image passes {@code R} as a C
 * {@code float}), at {@code (-R sin(2 pi i / P), R cos(2 pi i / P))} rounded to 5 decimals, each sampled bilinearly
 * with 0 outside the image. A neighbour counts as 1 when {@code neighbour - centre >= 0} (never for NaN). The code is
 * the number of ones when the pattern has at most two 0/1 changes between consecutive neighbours (not counting the
 * wrap from the last to the first), else {@code P + 1}.
 *
 * @since 0.9
 */
public final class Lbp {

    private Lbp() {
    }

    /**
     * The uniform LBP codes of one image.
     *
     * @param image  the image, row-major
     * @param rows   its rows
     * @param cols   its columns
     * @param points the number of neighbours {@code P}, at least 1
     * @param radius the radius {@code R}
     * @return the codes, row-major, as doubles (scikit-image's float64 output)
     */
    public static double[] uniform(double[] image, int rows, int cols, int points, double radius) {
        double r32 = (float) radius;
        double[] rp = new double[points];
        double[] cp = new double[points];
        for (int i = 0; i < points; i++) {
            double a = 2 * Math.PI * i / points;
            rp[i] = round5(-r32 * StrictMath.sin(a));
            cp[i] = round5(r32 * StrictMath.cos(a));
        }
        double[] out = new double[rows * cols];
        int[] signed = new int[points];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double centre = image[r * cols + c];
                for (int i = 0; i < points; i++) {
                    double t = bilinear(image, rows, cols, r + rp[i], c + cp[i]);
                    signed[i] = t - centre >= 0 ? 1 : 0;
                }
                int changes = 0;
                for (int i = 0; i < points - 1; i++) {
                    if (signed[i] != signed[i + 1]) {
                        changes++;
                    }
                }
                int lbp;
                if (changes <= 2) {
                    lbp = 0;
                    for (int i = 0; i < points; i++) {
                        lbp += signed[i];
                    }
                } else {
                    lbp = points + 1;
                }
                out[r * cols + c] = lbp;
            }
        }
        return out;
    }

    /** {@code np.round(x, 5)}: {@code rint(x * 1e5) / 1e5}. */
    static double round5(double x) {
        return Math.rint(x * 1e5) / 1e5;
    }

    /** scikit-image's bilinear interpolation with mode 'C' and cval 0. */
    static double bilinear(double[] image, int rows, int cols, double r, double c) {
        long minr = (long) Math.floor(r);
        long minc = (long) Math.floor(c);
        long maxr = (long) Math.ceil(r);
        long maxc = (long) Math.ceil(c);
        double dr = r - minr;
        double dc = c - minc;
        double tl = pixel(image, rows, cols, minr, minc);
        double tr = pixel(image, rows, cols, minr, maxc);
        double bl = pixel(image, rows, cols, maxr, minc);
        double br = pixel(image, rows, cols, maxr, maxc);
        double top = (1 - dc) * tl + dc * tr;
        double bottom = (1 - dc) * bl + dc * br;
        return (1 - dr) * top + dr * bottom;
    }

    private static double pixel(double[] image, int rows, int cols, long r, long c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            return 0;
        }
        return image[(int) (r * cols + c)];
    }
}
