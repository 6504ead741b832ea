package org.eolearn.features;

/**
 * Otsu's threshold as scikit-image 0.19's {@code threshold_otsu(image, nbins=256)} computes it for float images:
 * numpy's histogram of 256 equal bins over [min, max] (float32 data binned in float32, with numpy's edge
 * corrections), then the bin centre that maximises the between-class variance.
 *
 * @since 0.1
 */
public final class Otsu {

    private Otsu() {
    }

    /**
     * The threshold of float32 values (NaN is not allowed: replace it first, as the water detection does).
     *
     * @param values the values
     * @param nbins  the number of bins (256 in scikit-image)
     * @return the threshold; the value itself when all values are equal
     * @throws IllegalArgumentException if there are no values, a NaN, or nbins is below 2
     */
    public static float threshold(float[] values, int nbins) {
        if (values.length == 0) {
            throw new IllegalArgumentException("threshold_otsu needs at least one value");
        }
        if (nbins < 2) {
            throw new IllegalArgumentException("nbins must be at least 2, got " + nbins);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean allEqual = true;
        for (float v : values) {
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("threshold_otsu got NaN; replace it before thresholding");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            allEqual &= v == values[0];
        }
        if (allEqual) {
            return values[0];
        }
        // numpy.histogram: float32 edges from a float64 linspace
        double first = min;
        double last = max;
        float[] edges = new float[nbins + 1];
        double step = (last - first) / nbins;
        for (int i = 0; i < nbins; i++) {
            edges[i] = (float) (i * step + first);
        }
        edges[nbins] = (float) last;
        float firstF = (float) first;
        float denom = (float) (last - first);
        long[] counts = new long[nbins];
        for (float v : values) {
            float f = ((v - firstF) / denom) * nbins;
            int idx = (int) f;
            if (idx == nbins) {
                idx--;
            }
            if (v < edges[idx]) {
                idx--;
            }
            if (idx != nbins - 1 && v >= edges[idx + 1]) {
                idx++;
            }
            counts[idx]++;
        }
        float[] centres = new float[nbins];
        for (int i = 0; i < nbins; i++) {
            centres[i] = (edges[i] + edges[i + 1]) / 2;
        }
        // class weights and means for every split, as scikit-image's cumulative sums
        double[] weight1 = new double[nbins];
        double[] mean1 = new double[nbins];
        double w = 0;
        double s = 0;
        for (int i = 0; i < nbins; i++) {
            w += counts[i];
            s += counts[i] * (double) centres[i];
            weight1[i] = w;
            mean1[i] = s / w;
        }
        double[] weight2 = new double[nbins];
        double[] mean2 = new double[nbins];
        w = 0;
        s = 0;
        for (int i = nbins - 1; i >= 0; i--) {
            w += counts[i];
            s += counts[i] * (double) centres[i];
            weight2[i] = w;
            mean2[i] = s / w;
        }
        int best = 0;
        double bestVariance = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nbins - 1; i++) {
            double diff = mean1[i] - mean2[i + 1];
            double variance = weight1[i] * weight2[i + 1] * diff * diff;
            if (variance > bestVariance) {
                bestVariance = variance;
                best = i;
            }
        }
        return centres[best];
    }
}
