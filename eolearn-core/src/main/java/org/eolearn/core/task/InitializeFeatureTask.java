package org.eolearn.core.task;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.NdArrays;

/**
 * Adds array features filled with one value, skipping features that exist (eo-learn's
 * {@code InitializeFeatureTask}). The shape is given, or taken from another feature of the patch.
 *
 * <p>A shape has 1 to 4 non-negative dimensions and at most {@link #MAX_ELEMENTS} elements; a shape that needs
 * more memory than the JVM may use fails at execution with a message instead of an {@code OutOfMemoryError}.
 *
 * <p>As in numpy, an initial value that is not a whole number makes an integer dtype float64.
 *
 * @since 0.1
 */
public final class InitializeFeatureTask implements PatchTask {

    /**
     * The most elements a feature may have: the largest Java array, which is also what the array conversions
     * can hold.
     */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final FeatureParser parser;
    private final long[] shape;
    private final Feature shapeFeature;
    private final double initValue;
    private final DType dtype;

    /**
     * Creates the task with a fixed shape; prefer {@link #builder(FeatureSpec, long...)} or
     * {@link #InitializeFeatureTask(FeatureSpec, long[])} for eo-learn's defaults.
     *
     * @param features  the features to add
     * @param shape     3 or 4 dimensions
     * @param initValue the value
     * @param dtype     the dtype
     */
    public InitializeFeatureTask(FeatureSpec features, long[] shape, double initValue, DType dtype) {
        this(features, Objects.requireNonNull(shape, "shape"), null, initValue, dtype);
    }

    /**
     * Creates the task with the shape of another feature; prefer {@link #builder(FeatureSpec, Feature)} or
     * {@link #InitializeFeatureTask(FeatureSpec, Feature)} for eo-learn's defaults.
     *
     * @param features     the features to add
     * @param shapeFeature the feature whose shape to use
     * @param initValue    the value
     * @param dtype        the dtype
     */
    public InitializeFeatureTask(FeatureSpec features, Feature shapeFeature, double initValue, DType dtype) {
        this(features, null, Objects.requireNonNull(shapeFeature, "shapeFeature"), initValue, dtype);
    }

    /**
     * Creates the task with a fixed shape and eo-learn's defaults: filled with 0, dtype uint8.
     *
     * @param features the features to add
     * @param shape    3 or 4 dimensions
     * @throws IllegalArgumentException naming {@code shape} when it is not a valid shape
     */
    public InitializeFeatureTask(FeatureSpec features, long[] shape) {
        this(features, shape, Builder.DEFAULT_INIT_VALUE, Builder.DEFAULT_DTYPE);
    }

    /**
     * Creates the task with the shape of another feature and eo-learn's defaults: filled with 0, dtype uint8.
     *
     * @param features     the features to add
     * @param shapeFeature the feature whose shape to use
     */
    public InitializeFeatureTask(FeatureSpec features, Feature shapeFeature) {
        this(features, shapeFeature, Builder.DEFAULT_INIT_VALUE, Builder.DEFAULT_DTYPE);
    }

    /**
     * Starts a task with a fixed shape, preset to eo-learn's defaults ({@code init_value=0},
     * {@code dtype=np.uint8}).
     *
     * @param features the features to add
     * @param shape    3 or 4 dimensions, (t, h, w, d) or (h, w, d)
     * @return the builder
     * @throws NullPointerException naming {@code features} or {@code shape} when null
     */
    public static Builder builder(FeatureSpec features, long... shape) {
        return new Builder(features, Objects.requireNonNull(shape, "shape").clone(), null);
    }

    /**
     * Starts a task taking its shape from another feature of the patch, preset to eo-learn's defaults
     * ({@code init_value=0}, {@code dtype=np.uint8}).
     *
     * @param features     the features to add
     * @param shapeFeature the feature whose shape to use (eo-learn's {@code shape} given as a feature)
     * @return the builder
     * @throws NullPointerException naming {@code features} or {@code shape} when null
     */
    public static Builder builder(FeatureSpec features, Feature shapeFeature) {
        return new Builder(features, null, Objects.requireNonNull(shapeFeature, "shape"));
    }

    /** Settings of an {@link InitializeFeatureTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        static final double DEFAULT_INIT_VALUE = 0;
        static final DType DEFAULT_DTYPE = DType.UINT8;

        private final FeatureSpec features;
        private final long[] shape;
        private final Feature shapeFeature;
        private double initValue = DEFAULT_INIT_VALUE;
        private DType dtype = DEFAULT_DTYPE;

        private Builder(FeatureSpec features, long[] shape, Feature shapeFeature) {
            this.features = Objects.requireNonNull(features, "features");
            this.shape = shape;
            this.shapeFeature = shapeFeature;
        }

        /**
         * The value the arrays are filled with (eo-learn's {@code init_value}, default 0). As in numpy, a value
         * that is not a whole number makes an integer dtype float64.
         *
         * @param value the value
         * @return this builder
         */
        public Builder initValue(double value) {
            this.initValue = value;
            return this;
        }

        /**
         * The dtype of the new arrays (eo-learn's {@code dtype}, default {@code np.uint8}).
         *
         * @param dtype the dtype
         * @return this builder
         * @throws NullPointerException naming {@code dtype} when null
         */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException naming {@code shape} for an invalid shape, or {@code init_value} when
         *                                  the value (NaN, infinite) does not fit an integer dtype
         */
        public InitializeFeatureTask build() {
            return new InitializeFeatureTask(features, shape, shapeFeature, initValue, dtype);
        }
    }

    private InitializeFeatureTask(FeatureSpec features, long[] shape, Feature shapeFeature, double initValue,
                                  DType dtype) {
        this.parser = new FeatureParser(Objects.requireNonNull(features, "features"), t -> t.isArray());
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        if (shape != null) {
            if (shape.length < 3 || shape.length > 4) {
                // eo-learn: "shape argument is not a shape tuple or a feature containing one" (it takes 3 or 4
                // ints; scalar features are initialised from another feature's shape)
                throw new IllegalArgumentException("shape must be 3 or 4 dimensions (t, h, w, d) or (h, w, d), or a "
                        + "feature whose shape to use; got " + Arrays.toString(shape));
            }
            checkShape(shape);
        }
        if (!Double.isFinite(initValue) && !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("init_value " + initValue + " does not fit dtype " + dtype.numpyName());
        }
        this.shape = shape == null ? null : shape.clone();
        this.shapeFeature = shapeFeature;
        this.initValue = initValue;
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        long[] s = shape != null ? shape : patch.getArray(shapeFeature.type(), shapeFeature.name()).shape();
        // eo-learn: np.ones(shape, dtype) * init_value, so numpy's scalar promotion decides the dtype (a whole
        // number is taken as a Python int)
        DType type = DType.promoteWithScalar(dtype, initValue, initValue == Math.rint(initValue));
        long n = checkShape(s);
        for (Feature f : parser.getFeatures()) {
            if (!patch.contains(f)) {
                // building the array holds its values as doubles and then as the dtype
                long bytes = n * (8L + type.itemSize());
                long max = Runtime.getRuntime().maxMemory();
                if (bytes > max) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(s) + " of " + f + " has " + n
                            + " elements, which need about " + bytes + " bytes, more than the JVM's maximum heap of "
                            + max + " bytes");
                }
                try {
                    patch.put(f, NdArrays.full(type, s, initValue));
                } catch (OutOfMemoryError e) {
                    throw new IllegalStateException("out of memory creating " + f + " of shape " + Arrays.toString(s)
                            + " (" + n + " elements): " + e.getMessage(), e);
                }
            }
        }
        return patch;
    }

    /** Validates a shape and returns its element count; the messages start with "shape". */
    private static long checkShape(long[] shape) {
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("shape must have 1 to 4 dimensions, got " + Arrays.toString(shape));
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape must have non-negative dimensions, got "
                        + Arrays.toString(shape));
            }
            if (d > MAX_ELEMENTS || (d > 0 && n > MAX_ELEMENTS / d)) {
                n = -1;
            } else if (n >= 0) {
                n *= d;
            }
        }
        if (n < 0 || n > MAX_ELEMENTS) {
            // zero-sized shapes are fine even with a huge dimension
            if (Arrays.stream(shape).noneMatch(d -> d == 0)) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than the "
                        + MAX_ELEMENTS + " elements a feature can hold");
            }
            return 0;
        }
        return n;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("features", parser.spec(), "shape", shape != null ? Arrays.toString(shape)
                : shapeFeature, "init_value", initValue, "dtype", dtype.numpyName());
    }
}
