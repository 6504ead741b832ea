package org.eolearn.features;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdArrays;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A normalized difference index of two bands, {@code (A - B + c) / (A + B + c)} (eo-learn's
 * {@code NormalizedDifferenceIndexTask}): NDVI with the bands (B08, B04), NDWI with (B03, B08), ...
 *
 * <p>The output is the input's shape with one band, {@code (..., 1)}. Float32 input is computed in float32, as
 * numpy does, so results equal eo-learn's bit for bit; float64 in float64. Non-finite results (0/0, x/0, NaN input)
 * become {@code undefinedValue} (NaN by default). Frames are computed in parallel.
 *
 * <p><b>Difference from eo-learn, on purpose:</b> integer input (e.g. uint16 digital numbers) is computed in
 * float64 and gives float64, without numpy's unsigned wrap-around in {@code A - B} (which makes eo-learn's index of
 * uint16 bands wrong wherever B &gt; A).
 *
 * @since 0.1
 */
public final class NormalizedDifferenceIndexTask implements PatchTask {

    private final Feature input;
    private final Feature output;
    private final int bandA;
    private final int bandB;
    private final double acorviConstant;
    private final double undefinedValue;

    /**
     * Creates the task; prefer {@link #builder(Feature, Feature, int, int)}, or
     * {@link #NormalizedDifferenceIndexTask(Feature, Feature, int, int)} for eo-learn's defaults.
     *
     * @param input          an array feature holding the bands in its last axis
     * @param output         the feature receiving the index
     * @param bandA          the index of band A
     * @param bandB          the index of band B
     * @param acorviConstant the constant c (0 by default)
     * @param undefinedValue the value of non-finite results (NaN by default)
     * @throws NullPointerException     naming {@code input_feature} or {@code output_feature} if one is null
     * @throws IllegalArgumentException if a feature is not an array feature or a band index is negative
     */
    public NormalizedDifferenceIndexTask(Feature input, Feature output, int bandA, int bandB, double acorviConstant,
                                         double undefinedValue) {
        checkRequired(input, output, bandA, bandB);
        this.input = input;
        this.output = output;
        this.bandA = bandA;
        this.bandB = bandB;
        this.acorviConstant = acorviConstant;
        this.undefinedValue = undefinedValue;
    }

    /**
     * NDI with eo-learn's defaults (c = 0, undefined = NaN).
     *
     * @param input  the bands feature
     * @param output the index feature
     * @param bandA  band A
     * @param bandB  band B
     * @throws NullPointerException     naming {@code input_feature} or {@code output_feature} if one is null
     * @throws IllegalArgumentException if a feature is not an array feature or a band index is negative
     */
    public NormalizedDifferenceIndexTask(Feature input, Feature output, int bandA, int bandB) {
        this(input, output, bandA, bandB, Builder.DEFAULT_ACORVI_CONSTANT, Builder.DEFAULT_UNDEFINED_VALUE);
    }

    private static void checkRequired(Feature input, Feature output, int bandA, int bandB) {
        Objects.requireNonNull(input, "input_feature");
        Objects.requireNonNull(output, "output_feature");
        if (!input.type().isArray() || !output.type().isArray()) {
            throw new IllegalArgumentException("input_feature and output_feature must be array features, got "
                    + input + " and " + output);
        }
        if (bandA < 0 || bandB < 0) {
            throw new IllegalArgumentException("bands must be two non-negative band indices, got (" + bandA + ", "
                    + bandB + ")");
        }
    }

    /**
     * Starts a task of the two bands {@code (bandA, bandB)} of {@code input} (eo-learn's {@code bands}), with
     * eo-learn's defaults for everything else: {@code acorvi_constant} 0 and {@code undefined_value} NaN.
     *
     * <pre>{@code
     * NormalizedDifferenceIndexTask ndvi = NormalizedDifferenceIndexTask.builder(Feature.of(DATA, "BANDS"),
     *         Feature.of(DATA, "NDVI"), 7, 3).undefinedValue(-1).build();
     * }</pre>
     *
     * @param input  an array feature holding the bands in its last axis ({@code input_feature})
     * @param output the feature receiving the index ({@code output_feature})
     * @param bandA  the index of band A
     * @param bandB  the index of band B
     * @return the builder
     * @throws NullPointerException     naming {@code input_feature} or {@code output_feature} if one is null
     * @throws IllegalArgumentException if a feature is not an array feature or a band index is negative
     */
    public static Builder builder(Feature input, Feature output, int bandA, int bandB) {
        return new Builder(input, output, bandA, bandB);
    }

    /** Settings of a {@link NormalizedDifferenceIndexTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code acorvi_constant}. */
        static final double DEFAULT_ACORVI_CONSTANT = 0;
        /** eo-learn's default {@code undefined_value}. */
        static final double DEFAULT_UNDEFINED_VALUE = Double.NaN;

        private final Feature input;
        private final Feature output;
        private final int bandA;
        private final int bandB;
        private double acorviConstant = DEFAULT_ACORVI_CONSTANT;
        private double undefinedValue = DEFAULT_UNDEFINED_VALUE;

        private Builder(Feature input, Feature output, int bandA, int bandB) {
            checkRequired(input, output, bandA, bandB);
            this.input = input;
            this.output = output;
            this.bandA = bandA;
            this.bandB = bandB;
        }

        /**
         * The constant c added to numerator and denominator (eo-learn's {@code acorvi_constant}, 0 by default).
         *
         * @param c a finite number
         * @return this
         * @throws IllegalArgumentException naming {@code acorvi_constant} if it is NaN or infinite
         */
        public Builder acorviConstant(double c) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("acorvi_constant must be a finite number, got " + c);
            }
            this.acorviConstant = c;
            return this;
        }

        /**
         * The value of non-finite results: 0/0, x/0 and NaN input (eo-learn's {@code undefined_value}, NaN by
         * default); any value, NaN and infinities included.
         *
         * @param value the value
         * @return this
         */
        public Builder undefinedValue(double value) {
            this.undefinedValue = value;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public NormalizedDifferenceIndexTask build() {
            return new NormalizedDifferenceIndexTask(input, output, bandA, bandB, acorviConstant, undefinedValue);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray data = patch.getArray(input.type(), input.name());
        long[] shape = data.shape();
        if (shape.length < 2) {
            // eo-learn's index of a 1-D feature is a number it cannot mark undefined ("'numpy.float64' object does
            // not support item assignment")
            throw new IllegalArgumentException("input_feature " + input + " has one dimension; the index needs a "
                    + "feature of at least two (scalar features over time, or rasters)");
        }
        int d = (int) shape[shape.length - 1];
        if (bandA >= d || bandB >= d) {
            throw new IllegalArgumentException("bands (" + bandA + ", " + bandB + ") are out of range for " + input
                    + " with " + d + " bands");
        }
        long[] outShape = shape.clone();
        outShape[outShape.length - 1] = 1;
        int n = (int) (data.length() / d);
        INDArray result;
        DType type = DType.of(data);
        NdBuffer in = NdBuffer.read(data);
        if (type == DType.FLOAT32) {
            FloatBuffer v = in.floats();
            float c = (float) acorviConstant;
            float undefined = (float) undefinedValue;
            NdBuffer target = NdBuffer.allocate(DType.FLOAT32, outShape);
            FloatBuffer out = target.floats();
            ComputePolicy.parallelFor(chunks(n), k -> {
                for (int i = k * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                    float a = v.get(i * d + bandA);
                    float b = v.get(i * d + bandB);
                    float r = (a - b + c) / (a + b + c);
                    out.put(i, Float.isFinite(r) ? r : undefined);
                }
            });
            result = target.array();
        } else {
            boolean half = type == DType.FLOAT16;
            double c16 = h(acorviConstant);
            // float16 results stay float16; every other dtype gives float64 (see the class comment)
            NdBuffer target = NdBuffer.allocate(half ? DType.FLOAT16 : DType.FLOAT64, outShape);
            ComputePolicy.parallelFor(chunks(n), k -> {
                int from = k * CHUNK;
                int count = Math.min(n, from + CHUNK) - from;
                double[] a = new double[count];
                double[] b = new double[count];
                in.gather(from * d + bandA, d, a, 0, count);
                in.gather(from * d + bandB, d, b, 0, count);
                for (int i = 0; i < count; i++) {
                    double r;
                    if (half) {
                        // numpy computes each float16 operation in float32 and rounds it to float16
                        double num = h((float) (h((float) (a[i] - b[i])) + c16));
                        double den = h((float) (h((float) (a[i] + b[i])) + c16));
                        r = h((float) (num / den));
                    } else {
                        r = (a[i] - b[i] + acorviConstant) / (a[i] + b[i] + acorviConstant);
                    }
                    a[i] = Double.isFinite(r) ? r : undefinedValue;
                }
                target.scatter(a, 0, count, from, 1);
            });
            result = target.array();
        }
        patch.put(output, result);
        return patch;
    }

    private static double h(double v) {
        return NdArrays.roundToFloat16(v);
    }

    private static final int CHUNK = 1 << 16;

    private static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_feature", input, "output_feature", output, "bands",
                Arrays.toString(new int[] {bandA, bandB}), "acorvi_constant", acorviConstant, "undefined_value",
                undefinedValue);
    }
}
