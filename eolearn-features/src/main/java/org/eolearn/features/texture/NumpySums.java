package org.eolearn.features.texture;

/**
 * The summation orders numpy uses, so that the texture kernels add in the same order as scikit-image and the legacy
 * tasks: {@code np.sum} over contiguous elements adds pairwise (eight partial sums for 8 to 128 elements, halves
 * above), starting from 0.
 */
final class NumpySums {

    private static final int BLOCK = 128;

    private NumpySums() {
    }

    /** {@code np.sum} of {@code n} contiguous values from {@code offset}: {@code 0 + pairwise(a)}. */
    static double sum(double[] a, int offset, int n) {
        return 0.0 + pairwise(a, offset, n);
    }

    /** {@code np.sum} of a whole array. */
    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    private static double pairwise(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, off, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += a[off + i + k];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
    }
}
