package org.eolearn.features.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The kernels against scipy 1.17 / numpy on a small uneven series (values printed by scipy, 8 digits). */
class InterpolatorTest {

    private static final double[] X = {0, 1, 2.5, 4, 7, 8};
    private static final double[] Y = {1, 3, 2, 2, 5, -1};
    private static final double[] Q = {0, 0.5, 1.75, 2.5, 3, 5.5, 7.5, 8};

    private static void check(Interpolator.Kind kind, double[] at, double... expected) {
        Interpolator f = Interpolator.of(kind, X.clone(), Y.clone(), X.length);
        for (int i = 0; i < at.length; i++) {
            assertThat(f.value(at[i])).as("%s at %s", kind, at[i]).isCloseTo(expected[i], within(1e-8));
        }
    }

    @Test
    void cubicIsScipysNotAKnotSpline() {
        check(Interpolator.Kind.CUBIC, Q, 1, 2.44524658, 2.74842079, 2, 1.64818776, 5.12266043, 2.79758616, -1);
    }

    @Test
    void cubicSplineThroughTwoOrThreeSamplesIsScipysLineOrParabola() {
        // scipy: CubicSpline([0, 1.5, 4], [2, -1, 3.5])([-1, 0.7, 2, 3.9, 5]) and CubicSpline([1, 3], [2, 5])(...)
        Interpolator parabola = Interpolator.of(Interpolator.Kind.CUBIC_SPLINE, new double[] {0, 1.5, 4},
                new double[] {2, -1, 3.5}, 3);
        double[] at = {-1, 0.7, 2, 3.9, 5};
        double[] expected = {6.374999999999998, 0.06800000000000009, -1.05, 3.0919999999999996, 8.625};
        for (int i = 0; i < at.length; i++) {
            assertThat(parabola.extrapolated(at[i])).as("at %s", at[i]).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(parabola.value(-1)).isNaN();
        Interpolator line = Interpolator.of(Interpolator.Kind.CUBIC_SPLINE, new double[] {1, 3}, new double[] {2, 5}, 2);
        double[] at2 = {0, 1.5, 2.5, 4};
        double[] expected2 = {0.5, 2.75, 4.25, 6.5};
        for (int i = 0; i < at2.length; i++) {
            assertThat(line.extrapolated(at2[i])).as("at %s", at2[i]).isCloseTo(expected2[i], within(1e-12));
        }
        // from 4 samples on it is the not-a-knot spline of CUBIC
        Interpolator four = Interpolator.of(Interpolator.Kind.CUBIC_SPLINE, X.clone(), Y.clone(), X.length);
        Interpolator cubic = Interpolator.of(Interpolator.Kind.CUBIC, X.clone(), Y.clone(), X.length);
        for (double t : Q) {
            assertThat(four.value(t)).isEqualTo(cubic.value(t));
        }
        assertThatThrownBy(() -> Interpolator.of(Interpolator.Kind.CUBIC_SPLINE, X, Y, 1))
                .hasMessageContaining("at least 2");
    }

    @Test
    void akimaIsScipys() {
        check(Interpolator.Kind.AKIMA, Q, 1, 2.43333333, 2.50909091, 2, 1.94993412, 3.4857337, 3.203125, -1);
    }

    /** Through two samples Akima is the line between them (scipy 1.10's result there is undefined: D47). */
    @Test
    void akimaThroughTwoSamplesIsTheLine() {
        Interpolator f = Interpolator.of(Interpolator.Kind.AKIMA, new double[] {0, 4}, new double[] {1, 3}, 2);
        assertThat(f.value(0)).isEqualTo(1.0);
        assertThat(f.value(1)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.value(2)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.value(4)).isEqualTo(3.0);
    }

    @Test
    void stepKindsFollowInterp1d() {
        // nearest: a tie (a midpoint) goes to the lower sample
        check(Interpolator.Kind.NEAREST, new double[] {0.5, 1.75, 3.25, 5.5}, 1, 3, 2, 2);
        check(Interpolator.Kind.PREVIOUS, Q, 1, 1, 3, 2, 2, 2, 5, -1);
        check(Interpolator.Kind.NEXT, Q, 1, 3, 2, 2, 2, 5, -1, -1);
    }

    @Test
    void linearKindsAgreeWithNumpy() {
        check(Interpolator.Kind.LINEAR, Q, 1, 2, 2.5, 2, 2, 3.5, 2, -1);
        check(Interpolator.Kind.NP_INTERP, Q, 1, 2, 2.5, 2, 2, 3.5, 2, -1);
    }

    @Test
    void outsideTheSamplesIsNanAndBadSamplesAreRejected() {
        for (Interpolator.Kind k : Interpolator.Kind.values()) {
            Interpolator f = Interpolator.of(k, X.clone(), Y.clone(), X.length);
            assertThat(f.value(-0.001)).as("%s", k).isNaN();
            assertThat(f.value(8.001)).as("%s", k).isNaN();
            assertThat(f.value(Double.NaN)).isNaN();
        }
        assertThatThrownBy(() -> Interpolator.of(Interpolator.Kind.CUBIC, X, Y, 3)).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Interpolator.of(Interpolator.Kind.LINEAR, new double[] {0, 2, 1},
                new double[] {1, 2, 3}, 3)).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> Interpolator.Kind.ofInterp1d("quadratic")).hasMessageContaining("quadratic");
    }
}
