package org.eolearn.mask;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snow mask from Sentinel-2 bands by thresholds (eo-learn's {@code SnowMaskTask}).
 *
 * <p>With the bands B03, B04, B08 and B11 found at {@code bandIndices}: NDSI = (B03 − B11) / (B03 + B11) and
 * NDVI = (B08 − B04) / (B08 + B04); non-finite values become {@code undefinedValue}. A pixel is snow when
 * (NDSI ≥ {@code ndsiThreshold} or |NDVI − 0.1| &lt; 0.05) and B03 ≥ {@code brightnessThreshold}. Each frame's mask
 * is dilated with OpenCV's elliptic kernel of size 2 · {@code dilationSize} + 1, then pixels where NDSI or NDVI was
 * not finite are set to {@code undefinedValue != 0}. The result is a bool MASK (t, h, w, 1) named {@code maskName}.
 *
 * <p>Frames are dilated in parallel. The arithmetic follows numpy's types: float32 bands are computed and compared in float32 (the thresholds
 * rounded to float32), float64 in float64, and integer bands subtract and add in their own type (wrapping, as numpy
 * does) before a float64 division (64-bit integers exactly). float16 bands round every step to float16, as
 * numpy does.
 *
 * <pre>{@code
 * new SnowMaskTask(Feature.of(DATA, "BANDS-S2-L1C"), new int[] {2, 3, 7, 11}).execute(patch); // eo-learn's defaults
 * SnowMaskTask.builder(Feature.of(DATA, "BANDS-S2-L1C"), new int[] {2, 3, 7, 11}).ndsiThreshold(0.3).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class SnowMaskTask implements PatchTask {
    private static final Logger LOG = LoggerFactory.getLogger(SnowMaskTask.class);

    /** The NDVI centre of eo-learn's criterion; pixels count when |NDVI − 0.1| &lt; 0.1 / 2. */
    public static final double NDVI_THRESHOLD = 0.1;

    private final Feature dataFeature;
    private final int[] bandIndices;
    private final double ndsiThreshold;
    private final double brightnessThreshold;
    private final int dilationSize;
    private final int undefinedValue;
    private final String maskName;

    /**
     * Creates the task; prefer {@link #builder(Feature, int[])}, or {@link #SnowMaskTask(Feature, int[])} for
     * eo-learn's defaults.
     *
     * @param dataFeature         the band feature, a DATA feature
     * @param bandIndices         the indices of B03, B04, B08 and B11 in it, in this order (L1C: 2, 3, 7, 11;
     *                            negative indices count from the end as in numpy); further indices are only
     *                            checked to be in range, as eo-learn selects them too and uses the first four
     * @param ndsiThreshold       the least NDSI of snow (default 0.4)
     * @param brightnessThreshold the least B03 of snow (default 0.3)
     * @param dilationSize        the dilation radius (default 0: no dilation; negative values also mean none, as
     *                            eo-learn's kernel size {@code 2 * dilation_size + 1} is then not positive)
     * @param undefinedValue      the value of undefined indices, and of the mask where they are undefined (default 0)
     * @param maskName            the name of the MASK feature to write (default "SNOW_MASK")
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public SnowMaskTask(Feature dataFeature, int[] bandIndices, double ndsiThreshold, double brightnessThreshold,
                        int dilationSize, int undefinedValue, String maskName) {
        this.dataFeature = Feature.requireType(dataFeature, FeatureType.DATA, "data_feature");
        this.bandIndices = checkBands(bandIndices);
        this.ndsiThreshold = ndsiThreshold;
        this.brightnessThreshold = brightnessThreshold;
        this.dilationSize = dilationSize;
        this.undefinedValue = undefinedValue;
        this.maskName = Feature.checkName(maskName);
    }

    /**
     * Creates the task with eo-learn's defaults (thresholds 0.4 and 0.3, no dilation, undefined 0, "SNOW_MASK").
     *
     * @param dataFeature the band feature
     * @param bandIndices the indices of B03, B04, B08 and B11
     * @throws NullPointerException     naming {@code data_feature} or {@code band_indices} if null
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public SnowMaskTask(Feature dataFeature, int[] bandIndices) {
        this(dataFeature, bandIndices, Builder.DEFAULT_NDSI_THRESHOLD, Builder.DEFAULT_BRIGHTNESS_THRESHOLD,
                Builder.DEFAULT_DILATION_SIZE, Builder.DEFAULT_UNDEFINED_VALUE, Builder.DEFAULT_MASK_NAME);
    }

    private static int[] checkBands(int[] bandIndices) {
        Objects.requireNonNull(bandIndices, "band_indices");
        if (bandIndices.length < 4) {
            throw new IllegalArgumentException("band_indices must give the 4 indices of B03, B04, B08 and B11, got "
                    + Arrays.toString(bandIndices));
        }
        return bandIndices.clone();
    }

    /**
     * Starts a task with eo-learn's defaults: {@code ndsi_threshold} 0.4, {@code brightness_threshold} 0.3,
     * {@code dilation_size} 0, {@code undefined_value} 0 and {@code mask_name} "SNOW_MASK".
     *
     * <pre>{@code
     * SnowMaskTask snow = SnowMaskTask.builder(Feature.of(DATA, "BANDS-S2-L1C"), new int[] {2, 3, 7, 11})
     *         .dilationSize(1).build();
     * }</pre>
     *
     * @param dataFeature the band feature, a DATA feature
     * @param bandIndices the indices of B03, B04, B08 and B11 in it, in this order (negative indices count from the
     *                    end)
     * @return the builder
     * @throws NullPointerException     naming {@code data_feature} or {@code band_indices} if null
     * @throws IllegalArgumentException naming {@code data_feature} or {@code band_indices} at fault
     */
    public static Builder builder(Feature dataFeature, int[] bandIndices) {
        return new Builder(dataFeature, bandIndices);
    }

    /** Settings of a {@link SnowMaskTask}; every setter is optional. */
    public static final class Builder {
        static final double DEFAULT_NDSI_THRESHOLD = 0.4;
        static final double DEFAULT_BRIGHTNESS_THRESHOLD = 0.3;
        static final int DEFAULT_DILATION_SIZE = 0;
        static final int DEFAULT_UNDEFINED_VALUE = 0;
        static final String DEFAULT_MASK_NAME = "SNOW_MASK";

        private final Feature dataFeature;
        private final int[] bandIndices;
        private double ndsiThreshold = DEFAULT_NDSI_THRESHOLD;
        private double brightnessThreshold = DEFAULT_BRIGHTNESS_THRESHOLD;
        private int dilationSize = DEFAULT_DILATION_SIZE;
        private int undefinedValue = DEFAULT_UNDEFINED_VALUE;
        private String maskName = DEFAULT_MASK_NAME;

        private Builder(Feature dataFeature, int[] bandIndices) {
            this.dataFeature = Feature.requireType(dataFeature, FeatureType.DATA, "data_feature");
            this.bandIndices = checkBands(bandIndices);
        }

        /**
         * The least NDSI of snow (eo-learn's {@code ndsi_threshold}, 0.4 by default).
         *
         * @param threshold a number, not NaN
         * @return this
         * @throws IllegalArgumentException naming {@code ndsi_threshold} if it is NaN
         */
        public Builder ndsiThreshold(double threshold) {
            this.ndsiThreshold = notNaN(threshold, "ndsi_threshold");
            return this;
        }

        /**
         * The least B03 value of snow (eo-learn's {@code brightness_threshold}, 0.3 by default).
         *
         * @param threshold a number, not NaN
         * @return this
         * @throws IllegalArgumentException naming {@code brightness_threshold} if it is NaN
         */
        public Builder brightnessThreshold(double threshold) {
            this.brightnessThreshold = notNaN(threshold, "brightness_threshold");
            return this;
        }

        /**
         * The radius of the dilation of the mask (eo-learn's {@code dilation_size}, 0 by default: none; negative
         * radii also mean none, as in eo-learn).
         *
         * @param size the radius
         * @return this
         */
        public Builder dilationSize(int size) {
            this.dilationSize = size;
            return this;
        }

        /**
         * The value of undefined indices, and of the mask where they are undefined (eo-learn's
         * {@code undefined_value}, 0 by default).
         *
         * @param value the value
         * @return this
         */
        public Builder undefinedValue(int value) {
            this.undefinedValue = value;
            return this;
        }

        /**
         * The name of the MASK feature to write (eo-learn's {@code mask_name}, "SNOW_MASK" by default).
         *
         * @param name a feature name
         * @return this
         * @throws NullPointerException     naming {@code mask_name} if it is null
         * @throws IllegalArgumentException naming {@code mask_name} if it is not a valid feature name
         */
        public Builder maskName(String name) {
            Objects.requireNonNull(name, "mask_name");
            try {
                this.maskName = Feature.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mask_name: " + e.getMessage(), e);
            }
            return this;
        }

        private static double notNaN(double v, String name) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(name + " must be a number, got NaN");
            }
            return v;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public SnowMaskTask build() {
            return new SnowMaskTask(dataFeature, bandIndices, ndsiThreshold, brightnessThreshold, dilationSize,
                    undefinedValue, maskName);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray bands = patch.getArray(dataFeature.type(), dataFeature.name());
        long[] s = bands.shape();
        int nb = (int) s[3];
        int[] idx = new int[4];
        // numpy does not check fancy indices against an array without elements (a DeprecationWarning only), so
        // eo-learn gives an empty mask there; the indices are then never read
        boolean empty = bands.length() == 0;
        for (int i = 0; i < bandIndices.length; i++) {
            int b = bandIndices[i];
            if (b < -nb || b >= nb) {
                String message = "band_indices " + Arrays.toString(bandIndices) + " do not fit " + dataFeature
                        + " with " + nb + " bands";
                if (!empty) {
                    throw new IllegalArgumentException(message);
                }
                LOG.warn("{} (ignored, as numpy does, because the array has no elements)", message);
                b = 0;
            }
            if (i < 4) {
                idx[i] = b < 0 ? b + nb : b;
            }
        }
        DType type = DType.of(bands);
        if (type == DType.BOOL) {
            throw new IllegalArgumentException("data_feature " + dataFeature + " is bool; band arithmetic needs "
                    + "numbers");
        }
        int t = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        boolean[] mask = snowMask(NdArrays.toDoubles(bands), type.isFloatingPoint() ? null : NdArrays.toLongs(bands),
                type, t, h, w, nb, idx, ndsiThreshold, brightnessThreshold, dilationSize, undefinedValue);
        byte[] out = new byte[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (mask[i] ? 1 : 0);
        }
        patch.put(FeatureType.MASK, maskName, NdArrays.fromBytes(DType.BOOL, new long[] {t, h, w, 1},
                ByteBuffer.wrap(out)));
        return patch;
    }

    /**
     * Computes the snow mask of a band stack (the kernel of {@link #execute(EOPatch)}).
     *
     * @param bands               (t, h, w, nb) values in C order
     * @param type                the dtype the values came from (decides the arithmetic)
     * @param t                   frames
     * @param h                   height
     * @param w                   width
     * @param nb                  bands
     * @param idx                 the non-negative indices of B03, B04, B08, B11
     * @param ndsiThreshold       the NDSI threshold
     * @param brightnessThreshold the B03 threshold
     * @param dilationSize        the dilation radius (0: none)
     * @param undefinedValue      the value of undefined indices
     * @return (t, h, w) flags
     */
    public static boolean[] snowMask(double[] bands, DType type, int t, int h, int w, int nb, int[] idx,
                                     double ndsiThreshold, double brightnessThreshold, int dilationSize,
                                     int undefinedValue) {
        return snowMask(bands, null, type, t, h, w, nb, idx, ndsiThreshold, brightnessThreshold, dilationSize,
                undefinedValue);
    }

    /**
     * The kernel, with the exact integer values (64-bit integers do not fit a double).
     *
     * @param bands (t, h, w, nb) values
     * @param exact the same values as longs (integer dtypes; uint64 as two's-complement bits), or null
     */
    private static boolean[] snowMask(double[] bands, long[] exact, DType type, int t, int h, int w, int nb,
                                      int[] idx, double ndsiThreshold, double brightnessThreshold, int dilationSize,
                                      int undefinedValue) {
        int pixels = h * w;
        boolean[] snow = new boolean[t * pixels];
        boolean[] invalid = new boolean[t * pixels];
        boolean single = type == DType.FLOAT32;
        boolean float16 = type == DType.FLOAT16;
        for (int i = 0; i < snow.length; i++) {
            int base = i * nb;
            double g = bands[base + idx[0]];
            double r = bands[base + idx[1]];
            double n = bands[base + idx[2]];
            double s = bands[base + idx[3]];
            boolean criterion;
            if (float16) {
                // numpy rounds every float16 operation (and the Python scalars it meets) to float16
                double ndsi = NdArrays.roundToFloat16(NdArrays.roundToFloat16(g - s) / NdArrays.roundToFloat16(g + s));
                double ndvi = NdArrays.roundToFloat16(NdArrays.roundToFloat16(n - r) / NdArrays.roundToFloat16(n + r));
                invalid[i] = !Double.isFinite(ndsi) || !Double.isFinite(ndvi);
                if (!Double.isFinite(ndsi)) {
                    ndsi = NdArrays.roundToFloat16(undefinedValue);
                }
                if (!Double.isFinite(ndvi)) {
                    ndvi = NdArrays.roundToFloat16(undefinedValue);
                }
                double centre = NdArrays.roundToFloat16(NDVI_THRESHOLD);
                double halfWidth = NdArrays.roundToFloat16(NDVI_THRESHOLD / 2);
                criterion = (ndsi >= NdArrays.roundToFloat16(ndsiThreshold)
                        || Math.abs(NdArrays.roundToFloat16(ndvi - centre)) < halfWidth)
                        && g >= NdArrays.roundToFloat16(brightnessThreshold);
            } else if (single) {
                float ndsi = (float) g - (float) s;
                ndsi = ndsi / ((float) g + (float) s);
                float ndvi = (float) n - (float) r;
                ndvi = ndvi / ((float) n + (float) r);
                boolean bad = !Float.isFinite(ndsi) || !Float.isFinite(ndvi);
                invalid[i] = bad;
                if (!Float.isFinite(ndsi)) {
                    ndsi = undefinedValue;
                }
                if (!Float.isFinite(ndvi)) {
                    ndvi = undefinedValue;
                }
                float centre = (float) NDVI_THRESHOLD;
                float half = (float) (NDVI_THRESHOLD / 2);
                criterion = (ndsi >= (float) ndsiThreshold || Math.abs(ndvi - centre) < half)
                        && (float) g >= (float) brightnessThreshold;
            } else {
                double ndsi;
                double ndvi;
                if (exact != null) {
                    long eg = exact[base + idx[0]];
                    long er = exact[base + idx[1]];
                    long en = exact[base + idx[2]];
                    long es = exact[base + idx[3]];
                    ndsi = wrapped(eg - es, type) / wrapped(eg + es, type);
                    ndvi = wrapped(en - er, type) / wrapped(en + er, type);
                } else {
                    ndsi = (g - s) / (g + s);
                    ndvi = (n - r) / (n + r);
                }
                invalid[i] = !Double.isFinite(ndsi) || !Double.isFinite(ndvi);
                if (!Double.isFinite(ndsi)) {
                    ndsi = undefinedValue;
                }
                if (!Double.isFinite(ndvi)) {
                    ndvi = undefinedValue;
                }
                criterion = (ndsi >= ndsiThreshold || Math.abs(ndvi - NDVI_THRESHOLD) < NDVI_THRESHOLD / 2)
                        && g >= brightnessThreshold;
            }
            snow[i] = criterion;
        }
        int size = 2 * dilationSize + 1;
        if (size > 1) {
            boolean[] kernel = org.eolearn.core.raster.BinaryMorphology.ellipse(size, size);
            ComputePolicy.parallelFor(t, f -> {
                boolean[] frame = Arrays.copyOfRange(snow, f * pixels, (f + 1) * pixels);
                System.arraycopy(org.eolearn.core.raster.BinaryMorphology.dilate(frame, h, w, kernel, size, size), 0, snow, f * pixels, pixels);
            });
        }
        boolean undefined = undefinedValue != 0;
        for (int i = 0; i < snow.length; i++) {
            if (invalid[i]) {
                snow[i] = undefined;
            }
        }
        return snow;
    }

    /** An exact integer result wrapped into the dtype's range (numpy's integer arithmetic), as float64. */
    private static double wrapped(long v, DType type) {
        switch (type) {
            case INT8: return (byte) v;
            case UINT8: case BOOL: return v & 0xFF;
            case INT16: return (short) v;
            case UINT16: return v & 0xFFFF;
            case INT32: return (int) v;
            case UINT32: return v & 0xFFFFFFFFL;
            case UINT64: return NdArrays.unsignedToDouble(v);
            default: return v;
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("data_feature", dataFeature, "band_indices", Arrays.toString(bandIndices),
                "ndsi_threshold", ndsiThreshold, "brightness_threshold", brightnessThreshold, "dilation_size",
                dilationSize, "undefined_value", undefinedValue, "mask_name", maskName);
    }
}
