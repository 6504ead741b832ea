package org.eolearn.features.interpolation;

import java.util.Arrays;
import java.util.Locale;

/**
 * One-dimensional interpolation of samples {@code (x, y)} (x strictly increasing), evaluated at new positions: the
 * interpolators eo-learn's interpolation tasks get from numpy and scipy, as plain array kernels.
 *
 * <ul>
 *   <li>{@link Kind#NP_INTERP}: {@code numpy.interp}, NaN outside {@code [x0, xn]} (eo-learn's {@code left/right=nan}).</li>
 *   <li>{@link Kind#LINEAR}, {@link Kind#NEAREST}, {@link Kind#PREVIOUS}, {@link Kind#NEXT}, {@link Kind#CUBIC}:
 *       {@code scipy.interpolate.interp1d} of that kind ({@code cubic} = the not-a-knot cubic spline of
 *       {@code make_interp_spline(k=3)}), NaN outside the samples (interp1d with {@code bounds_error=False}).</li>
 *   <li>{@link Kind#AKIMA}: {@code scipy.interpolate.Akima1DInterpolator} (scipy 1.10: no extrapolation, NaN).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class Interpolator {

    /** The interpolation methods. */
    public enum Kind {
        /** numpy.interp. */
        NP_INTERP(2),
        /** interp1d(kind="linear") on two-dimensional data (its own formula: slope times offset plus sample). */
        LINEAR(2),
        /**
         * A linear B-spline: interp1d(kind="slinear"), make_interp_spline(k=1), UnivariateSpline(k=1, s=0),
         * evaluated as scipy's and FITPACK's de Boor recursion does, {@code 0 + y0 * w * (x1 - t) + y1 * w * (t - x0)}
         * with {@code w = 1 / (x1 - x0)} (an infinite sample stays infinite between samples instead of NaN).
         */
        SLINEAR(2),
        /** interp1d(kind="nearest"): a tie goes to the lower sample. */
        NEAREST(1),
        /** interp1d(kind="previous"). */
        PREVIOUS(1),
        /** interp1d(kind="next"). */
        NEXT(1),
        /** interp1d(kind="cubic"), make_interp_spline(k=3), UnivariateSpline(k=3, s=0). */
        CUBIC(4),
        /**
         * scipy.interpolate.CubicSpline (not-a-knot): as {@link #CUBIC} from 4 samples on; 3 samples give the parabola
         * through them and 2 the line, as scipy builds them.
         */
        CUBIC_SPLINE(2),
        /** Akima1DInterpolator. */
        AKIMA(2);

        private final int minPoints;

        Kind(int minPoints) {
            this.minPoints = minPoints;
        }

        /**
         * The fewest samples the method needs.
         *
         * @return the count
         */
        public int minPoints() {
            return minPoints;
        }

        /**
         * Parses an interp1d kind ({@code "linear"}, {@code "cubic"}, ...).
         *
         * @param kind the kind
         * @return the method
         */
        public static Kind ofInterp1d(String kind) {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "linear":
                    return LINEAR;
                case "slinear":
                    return SLINEAR;
                case "nearest":
                    return NEAREST;
                case "previous":
                    return PREVIOUS;
                case "next":
                    return NEXT;
                case "cubic":
                    return CUBIC;
                default:
                    throw new IllegalArgumentException("kind must be linear, slinear, nearest, previous, next or cubic"
                            + " (quadratic, zero and nearest-up are not supported), got '" + kind + "'");
            }
        }
    }

    private final Kind kind;
    private final double[] x;
    private final double[] y;
    /** Derivatives at the samples (cubic Hermite form) for CUBIC, CUBIC_SPLINE and AKIMA. */
    private final double[] slopes;

    private Interpolator(Kind kind, double[] x, double[] y, double[] slopes) {
        this.kind = kind;
        this.x = x;
        this.y = y;
        this.slopes = slopes;
    }

    /**
     * Builds an interpolator. The arrays are used as they are (not copied).
     *
     * @param kind the method
     * @param x    strictly increasing positions
     * @param y    values (finite)
     * @param n    the number of samples used (a prefix of the arrays)
     * @return the interpolator
     * @throws IllegalArgumentException if there are too few samples, x is not strictly increasing or, for Akima, a
     *     value is not finite
     */
    public static Interpolator of(Kind kind, double[] x, double[] y, int n) {
        if (n < kind.minPoints()) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " interpolation needs at least "
                    + kind.minPoints() + " points, got " + n);
        }
        double[] xs = n == x.length ? x : Arrays.copyOf(x, n);
        double[] ys = n == y.length ? y : Arrays.copyOf(y, n);
        for (int i = 1; i < n; i++) {
            if (!(xs[i] > xs[i - 1])) {
                throw new IllegalArgumentException("interpolation positions must be strictly increasing, got " + xs[i - 1]
                        + " then " + xs[i]);
            }
        }
        if (kind == Kind.AKIMA) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(ys[i])) {
                    // scipy's Akima1DInterpolator refuses them
                    throw new IllegalArgumentException("Akima interpolation needs finite values, got " + ys[i]);
                }
            }
        }
        double[] slopes = null;
        if (kind == Kind.CUBIC || kind == Kind.CUBIC_SPLINE && n >= 4) {
            slopes = notAKnotSlopes(xs, ys);
        } else if (kind == Kind.CUBIC_SPLINE) {
            slopes = fewPointSlopes(xs, ys);
        } else if (kind == Kind.AKIMA) {
            slopes = akimaSlopes(xs, ys);
            for (double d : slopes) {
                if (!Double.isFinite(d)) {
                    // scipy's CubicHermiteSpline, which Akima1DInterpolator builds, refuses them (values so large or
                    // so close that the slopes overflow)
                    throw new IllegalArgumentException("Akima interpolation needs finite derivatives, got " + d
                            + " (the values or their differences overflow)");
                }
            }
        }
        return new Interpolator(kind, xs, ys, slopes);
    }

    /**
     * Evaluates at one position.
     *
     * @param t the position
     * @return the value (NaN outside the samples)
     */
    public double value(double t) {
        int n = x.length;
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (t < x[0] || t > x[n - 1]) {
            return Double.NaN;
        }
        switch (kind) {
            case NP_INTERP: {
                if (t == x[n - 1]) {
                    return y[n - 1];
                }
                int j = upper(t) - 1; // x[j] <= t < x[j + 1]
                if (x[j] == t) {
                    return y[j];
                }
                return npInterp(x[j], y[j], x[j + 1], y[j + 1], t);
            }
            case LINEAR: {
                int hi = Math.max(1, Math.min(n - 1, lower(t)));
                int lo = hi - 1;
                double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
                return slope * (t - x[lo]) + y[lo];
            }
            case SLINEAR:
                return bsplineLinear(Math.max(0, Math.min(n - 2, upper(t) - 1)), t);
            case NEAREST: {
                // scipy: searchsorted(midpoints, t, side="left")
                int lo = 0;
                int hi = n - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    double bound = (x[mid] + x[mid + 1]) / 2.0;
                    if (bound < t) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return y[lo];
            }
            case PREVIOUS:
                return y[Math.max(0, upper(t) - 1)];
            case NEXT:
                return y[Math.min(n - 1, lower(t))];
            default:
                return hermite(Math.max(0, Math.min(n - 2, upper(t) - 1)), t);
        }
    }

    /**
     * Evaluates at one position, outside the samples too: a linear or cubic spline's first or last piece extended, as
     * scipy's splines extrapolate; the other methods give NaN there, as {@link #value} does.
     *
     * @param t the position
     * @return the value
     */
    public double extrapolated(double t) {
        if (Double.isNaN(t) || t >= x[0] && t <= x[x.length - 1] || kind != Kind.LINEAR && kind != Kind.CUBIC
                && kind != Kind.CUBIC_SPLINE && kind != Kind.SLINEAR) {
            return value(t);
        }
        if (kind == Kind.SLINEAR) {
            return bsplineLinear(t < x[0] ? 0 : x.length - 2, t);
        }
        if (kind == Kind.LINEAR) {
            int hi = t < x[0] ? 1 : x.length - 1;
            int lo = hi - 1;
            double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
            return slope * (t - x[lo]) + y[lo];
        }
        return hermite(t < x[0] ? 0 : x.length - 2, t);
    }

    /** The linear B-spline on piece {@code j} (samples j and j + 1), in scipy's order of operations. */
    private double bsplineLinear(int j, double t) {
        double w = 1.0 / (x[j + 1] - x[j]);
        double v = 0.0;
        v += y[j] * (w * (x[j + 1] - t));
        v += y[j + 1] * (w * (t - x[j]));
        return v;
    }

    private double hermite(int j, double t) {
        double h = x[j + 1] - x[j];
        double s = (t - x[j]) / h;
        double h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        double h10 = s * (1 - s) * (1 - s);
        double h01 = s * s * (3 - 2 * s);
        double h11 = s * s * (s - 1);
        return h00 * y[j] + h10 * h * slopes[j] + h01 * y[j + 1] + h11 * h * slopes[j + 1];
    }

    /**
     * numpy.interp between two samples ({@code x0 < t < x1}), as numpy and numba compute it: the slope times the
     * distance from the left sample plus its value; if that is NaN (infinite values), from the right sample; if
     * that is NaN too and both values are equal, that value.
     *
     * @param x0 the left position
     * @param y0 the left value
     * @param x1 the right position
     * @param y1 the right value
     * @param t  the position
     * @return the value
     */
    static double npInterp(double x0, double y0, double x1, double y1, double t) {
        double slope = (y1 - y0) / (x1 - x0);
        double v = slope * (t - x0) + y0;
        if (Double.isNaN(v)) {
            v = slope * (t - x1) + y1;
            if (Double.isNaN(v) && y0 == y1) {
                v = y0;
            }
        }
        return v;
    }

    /** The first index with x[i] >= t (numpy searchsorted, side left). */
    private int lower(double t) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index with x[i] > t (numpy searchsorted, side right). */
    private int upper(double t) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The derivatives of the not-a-knot cubic spline through the samples (n >= 4): the tridiagonal slope equations
     * with the not-a-knot end rows folded in, solved by the Thomas algorithm.
     */
    static double[] notAKnotSlopes(double[] x, double[] y) {
        int n = x.length;
        double[] dx = new double[n - 1];
        double[] m = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            dx[i] = x[i + 1] - x[i];
            m[i] = (y[i + 1] - y[i]) / dx[i];
        }
        // rows: a[i] s[i-1] + b[i] s[i] + c[i] s[i+1] = r[i]
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] r = new double[n];
        for (int i = 1; i < n - 1; i++) {
            a[i] = dx[i];
            b[i] = 2 * (dx[i - 1] + dx[i]);
            c[i] = dx[i - 1];
            r[i] = 3 * (dx[i] * m[i - 1] + dx[i - 1] * m[i]);
        }
        // not-a-knot ends (scipy's CubicSpline rows): dx1 s0 + (dx0 + dx1) s1 = ..., and mirrored at the end
        double d0 = dx[0];
        double d1 = dx[1];
        double b0 = d1;
        double c0 = d0 + d1;
        double r0 = ((d0 + 2 * c0) * d1 * m[0] + d0 * d0 * m[1]) / c0;
        b[0] = b0;
        c[0] = c0;
        r[0] = r0;
        int last = n - 1;
        double dl = dx[n - 2];
        double dm = dx[n - 3];
        a[last] = dl + dm;
        b[last] = dm;
        r[last] = (dl * dl * m[n - 3] + (2 * a[last] + dl) * dm * m[n - 2]) / a[last];
        // Thomas algorithm
        double[] cp = new double[n];
        double[] rp = new double[n];
        cp[0] = c[0] / b[0];
        rp[0] = r[0] / b[0];
        for (int i = 1; i < n; i++) {
            double den = b[i] - a[i] * cp[i - 1];
            cp[i] = i < n - 1 ? c[i] / den : 0;
            rp[i] = (r[i] - a[i] * rp[i - 1]) / den;
        }
        double[] s = new double[n];
        s[n - 1] = rp[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            s[i] = rp[i] - cp[i] * s[i + 1];
        }
        return s;
    }

    /**
     * The derivatives of scipy's CubicSpline through 2 or 3 samples: with 2, both ends take the chord's slope (a line);
     * with 3, both not-a-knot conditions are the same one, so scipy solves for the parabola through the samples
     * (its 3x3 system, here by Gaussian elimination with partial pivoting, as LAPACK's solver does).
     */
    static double[] fewPointSlopes(double[] x, double[] y) {
        double m0 = (y[1] - y[0]) / (x[1] - x[0]);
        if (x.length == 2) {
            return new double[] {m0, m0};
        }
        double d0 = x[1] - x[0];
        double d1 = x[2] - x[1];
        double m1 = (y[2] - y[1]) / d1;
        double[][] a = {{1, 1, 0}, {d1, 2 * (d0 + d1), d0}, {0, 1, 1}};
        double[] b = {2 * m0, 3 * (d0 * m1 + d1 * m0), 2 * m1};
        for (int k = 0; k < 3; k++) {
            int p = k;
            for (int i = k + 1; i < 3; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            double[] row = a[k];
            a[k] = a[p];
            a[p] = row;
            double v = b[k];
            b[k] = b[p];
            b[p] = v;
            for (int i = k + 1; i < 3; i++) {
                double l = a[i][k] / a[k][k];
                for (int j = k; j < 3; j++) {
                    a[i][j] -= l * a[k][j];
                }
                b[i] -= l * b[k];
            }
        }
        double[] s = new double[3];
        for (int i = 2; i >= 0; i--) {
            double v = b[i];
            for (int j = i + 1; j < 3; j++) {
                v -= a[i][j] * s[j];
            }
            s[i] = v / a[i][i];
        }
        return s;
    }

    /** Akima's derivatives, as scipy's Akima1DInterpolator computes them. */
    static double[] akimaSlopes(double[] x, double[] y) {
        int n = x.length;
        double[] m = new double[n + 3];
        for (int i = 0; i < n - 1; i++) {
            m[i + 2] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        }
        if (n == 2) {
            // scipy reads m[3] before writing it here (numpy.empty: undefined, docs/differences.md D47); the one
            // slope there makes every extended slope equal and the result the line between the two samples
            m[3] = m[2];
        }
        m[1] = 2 * m[2] - m[3];
        m[0] = 2 * m[1] - m[2];
        m[n + 1] = 2 * m[n] - m[n - 1];
        m[n + 2] = 2 * m[n + 1] - m[n];
        double[] t = new double[n];
        double maxF12 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            maxF12 = Math.max(maxF12, Math.abs(m[i + 3] - m[i + 2]) + Math.abs(m[i + 1] - m[i]));
        }
        for (int i = 0; i < n; i++) {
            double f1 = Math.abs(m[i + 3] - m[i + 2]);
            double f2 = Math.abs(m[i + 1] - m[i]);
            double f12 = f1 + f2;
            t[i] = 0.5 * (m[i + 3] + m[i]);
            if (f12 > 1e-9 * maxF12) {
                t[i] = (f1 * m[i + 1] + f2 * m[i + 2]) / f12;
            }
        }
        return t;
    }
}
