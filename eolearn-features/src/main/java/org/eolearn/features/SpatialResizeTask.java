package org.eolearn.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.NdArrays;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.compute.ComputePolicy;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizes the spatial raster features of a patch (eo-learn's {@code SpatialResizeTask} with its default OpenCV
 * backend).
 *
 * <p>Every chosen DATA, MASK, DATA_TIMELESS and MASK_TIMELESS feature (renames allowed; other types are skipped) is
 * resized image by image (each frame and band) with {@link Resize}. The new size comes from {@code resizeType}:
 * {@code NEW_SIZE} takes (height, width) as given; {@code SCALE_FACTORS} multiplies the old size and rounds half to
 * even as Python's {@code round}; {@code RESOLUTION} divides the bbox extent by the resolution (sentinelhub's
 * {@code bbox_to_dimensions}).
 *
 * <p>Data types as eo-learn treats them: bool is resized as uint8 and cast back (non-zero is true); float16 as
 * float32; uint32, int64 and uint64 as int32 (with a warning in the log: values outside int32 wrap, as numpy's cast
 * does); integer types use OpenCV's bit-exact kernels ({@code INTER_NEAREST_EXACT}, {@code INTER_LINEAR_EXACT}; no
 * cubic), floats {@code INTER_NEAREST}, {@code INTER_LINEAR} and {@code INTER_CUBIC}. Results of unsigned types are
 * clipped at 0 before the cast back.
 *
 * <pre>{@code
 * new SpatialResizeTask(SpatialResizeTask.ResizeType.NEW_SIZE, 50, 70).execute(patch); // eo-learn's defaults
 * SpatialResizeTask.builder(SpatialResizeTask.ResizeType.SCALE_FACTORS, 2, 2)
 *         .features(FeatureSpec.of(FeatureType.DATA)).resizeMethod(Resize.Method.CUBIC).build().execute(patch);
 * }</pre>
 *
 * <p>The images of one feature are resized in parallel (common fork-join pool).
 *
 * @since 0.1
 */
public final class SpatialResizeTask implements PatchTask {

    private static final Logger LOG = LoggerFactory.getLogger(SpatialResizeTask.class);

    /** eo-learn's {@code ResizeParam}: how {@code height_param} and {@code width_param} are read. */
    public enum ResizeType {
        /** The new height and width in pixels. */
        NEW_SIZE,
        /** Factors of the old height and width. */
        SCALE_FACTORS,
        /** The new pixel size in the bbox's units (needs a bbox). */
        RESOLUTION;

        /**
         * Parses eo-learn's value.
         *
         * @param value {@code "new_size"}, {@code "scale_factors"} or {@code "resolution"}
         * @return the type
         * @throws IllegalArgumentException for other values, naming {@code resize_type}
         */
        public static ResizeType parse(String value) {
            for (ResizeType t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("resize_type must be \"new_size\", \"scale_factors\" or \"resolution\","
                    + " got \"" + value + "\"");
        }

        /**
         * Returns eo-learn's value.
         *
         * @return for example {@code "new_size"}
         */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ResizeType resizeType;
    private final double heightParam;
    private final double widthParam;
    private final FeatureParser features;
    private final Resize.Method method;

    /**
     * Creates the task; prefer {@link #builder(ResizeType, double, double)}, or
     * {@link #SpatialResizeTask(ResizeType, double, double)} for eo-learn's defaults.
     *
     * @param resizeType  how the two parameters are read
     * @param heightParam the new height, the height factor or the resolution along y
     * @param widthParam  the new width, the width factor or the resolution along x
     * @param features    the features to resize ({@link FeatureSpec#all()} for every spatial raster)
     * @param method      the interpolation (eo-learn's default is linear)
     * @throws IllegalArgumentException naming {@code height_param} or {@code width_param} when a parameter cannot
     *                                  give a size (not positive, or not an integer for {@code NEW_SIZE})
     */
    public SpatialResizeTask(ResizeType resizeType, double heightParam, double widthParam, FeatureSpec features,
                             Resize.Method method) {
        checkRequired(resizeType, heightParam, widthParam);
        this.resizeType = resizeType;
        this.heightParam = heightParam;
        this.widthParam = widthParam;
        this.features = new FeatureParser(Objects.requireNonNull(features, "features"));
        this.method = Objects.requireNonNull(method, "resize_method");
    }

    /**
     * Creates the task with eo-learn's defaults: every spatial raster feature ({@code features=...}) resized
     * linearly ({@code resize_method='linear'}) with OpenCV ({@code resize_library='cv2'}).
     *
     * @param resizeType  how the two parameters are read
     * @param heightParam the new height, the height factor or the resolution along y
     * @param widthParam  the new width, the width factor or the resolution along x
     * @throws NullPointerException     naming {@code resize_type} if it is null
     * @throws IllegalArgumentException naming {@code height_param} or {@code width_param} when a parameter cannot
     *                                  give a size
     */
    public SpatialResizeTask(ResizeType resizeType, double heightParam, double widthParam) {
        this(resizeType, heightParam, widthParam, Builder.DEFAULT_FEATURES, Builder.DEFAULT_METHOD);
    }

    private static void checkRequired(ResizeType resizeType, double heightParam, double widthParam) {
        Objects.requireNonNull(resizeType, "resize_type");
        check(resizeType, heightParam, "height_param");
        check(resizeType, widthParam, "width_param");
    }

    private static void check(ResizeType resizeType, double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
        if (resizeType == ResizeType.NEW_SIZE && (v != Math.rint(v) || v > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(name + " must be a whole number of pixels for new_size, got " + v);
        }
    }

    /**
     * Starts a task (eo-learn's keyword-only {@code resize_type}, {@code height_param} and {@code width_param}),
     * with eo-learn's defaults for everything else: all spatial raster features, linear resizing, OpenCV.
     *
     * <pre>{@code
     * SpatialResizeTask half = SpatialResizeTask.builder(ResizeType.SCALE_FACTORS, 0.5, 0.5)
     *         .resizeMethod(Resize.Method.NEAREST).build();
     * }</pre>
     *
     * @param resizeType  how the two parameters are read
     * @param heightParam the new height, the height factor or the resolution along y
     * @param widthParam  the new width, the width factor or the resolution along x
     * @return the builder
     * @throws NullPointerException     naming {@code resize_type} if it is null
     * @throws IllegalArgumentException naming {@code height_param} or {@code width_param} when a parameter cannot
     *                                  give a size (not positive, or not an integer for {@code NEW_SIZE})
     */
    public static Builder builder(ResizeType resizeType, double heightParam, double widthParam) {
        return new Builder(resizeType, heightParam, widthParam);
    }

    /** Settings of a {@link SpatialResizeTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code features}: {@code ...}, every feature. */
        static final FeatureSpec DEFAULT_FEATURES = FeatureSpec.all();
        /** eo-learn's default {@code resize_method}. */
        static final Resize.Method DEFAULT_METHOD = Resize.Method.LINEAR;
        /** eo-learn's default {@code resize_library}, the only one available here. */
        static final String CV2 = "cv2";

        private final ResizeType resizeType;
        private final double heightParam;
        private final double widthParam;
        private FeatureSpec features = DEFAULT_FEATURES;
        private Resize.Method method = DEFAULT_METHOD;

        private Builder(ResizeType resizeType, double heightParam, double widthParam) {
            checkRequired(resizeType, heightParam, widthParam);
            this.resizeType = resizeType;
            this.heightParam = heightParam;
            this.widthParam = widthParam;
        }

        /**
         * The features to resize, renames allowed (eo-learn's {@code features}; by default
         * {@link FeatureSpec#all()}: features other than spatial rasters are skipped).
         *
         * @param features the features
         * @return this
         * @throws NullPointerException naming {@code features} if it is null
         */
        public Builder features(FeatureSpec features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /**
         * The interpolation (eo-learn's {@code resize_method}, linear by default).
         *
         * @param method the method
         * @return this
         * @throws NullPointerException naming {@code resize_method} if it is null
         */
        public Builder resizeMethod(Resize.Method method) {
            this.method = Objects.requireNonNull(method, "resize_method");
            return this;
        }

        /**
         * The resizing library (eo-learn's {@code resize_library}): only {@code "cv2"}, the default, is available
         * (eo-learn's PIL backend is not).
         *
         * @param library {@code "cv2"}
         * @return this
         * @throws NullPointerException     naming {@code resize_library} if it is null
         * @throws IllegalArgumentException naming {@code resize_library} for any other library
         */
        public Builder resizeLibrary(String library) {
            Objects.requireNonNull(library, "resize_library");
            if (!library.equals(CV2)) {
                throw new IllegalArgumentException("resize_library must be \"cv2\"; the PIL backend is not "
                        + "available, got \"" + library + "\"");
            }
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public SpatialResizeTask build() {
            return new SpatialResizeTask(resizeType, heightParam, widthParam, features, method);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        for (Feature f : features.getRenamedFeatures(patch)) {
            if (!f.type().isImage()) {
                continue;
            }
            INDArray data = patch.getArray(f.type(), f.name());
            long[] s = data.shape();
            int h = (int) s[s.length - 3];
            int w = (int) s[s.length - 2];
            int[] size = newSize(patch.bbox(), h, w);
            patch.put(f.type(), f.outputName(), resize(data, size[0], size[1], method));
        }
        return patch;
    }

    /**
     * Computes the new (height, width) of an image of this size.
     *
     * @param bbox the patch's bbox (needed for {@code RESOLUTION} only)
     * @param h    the old height
     * @param w    the old width
     * @return {height, width}
     * @throws IllegalArgumentException if the size would be 0 (naming the parameter) or the bbox is missing
     */
    public int[] newSize(BBox bbox, int h, int w) {
        long nh;
        long nw;
        switch (resizeType) {
            case NEW_SIZE:
                nh = (long) heightParam;
                nw = (long) widthParam;
                break;
            case SCALE_FACTORS:
                nh = (long) Math.rint(heightParam * h);
                nw = (long) Math.rint(widthParam * w);
                break;
            default:
                if (bbox == null) {
                    throw new IllegalArgumentException("resize_type resolution needs a patch with a bbox");
                }
                if (!bbox.crs().isUtm()) {
                    throw new IllegalArgumentException("resize_type resolution is supported for bboxes in UTM "
                            + "only, got " + bbox.crs() + " (eo-learn transforms other CRSs to UTM first)");
                }
                nw = (long) Math.rint(Math.abs(bbox.maxX() - bbox.minX()) / widthParam);
                nh = (long) Math.rint(Math.abs(bbox.maxY() - bbox.minY()) / heightParam);
        }
        if (nh < 1 || nh > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("height_param " + heightParam + " gives a height of " + nh
                    + " pixels for " + h + " rows; it must be at least 1");
        }
        if (nw < 1 || nw > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("width_param " + widthParam + " gives a width of " + nw
                    + " pixels for " + w + " columns; it must be at least 1");
        }
        return new int[] {(int) nh, (int) nw};
    }

    /**
     * Resizes a raster array (t, h, w, d) or (h, w, d) image by image with eo-learn's dtype handling.
     *
     * @param data   the array
     * @param nh     the new height, at least 1
     * @param nw     the new width, at least 1
     * @param method the interpolation
     * @return a new array (…, nh, nw, d) of the same dtype
     * @throws IllegalArgumentException for cubic on integer or bool data, or a bad size
     */
    public static INDArray resize(INDArray data, int nh, int nw, Resize.Method method) {
        long[] s = data.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException("expected a (t, h, w, d) or (h, w, d) array, got rank " + s.length);
        }
        int frames = s.length == 4 ? (int) s[0] : 1;
        int h = (int) s[s.length - 3];
        int w = (int) s[s.length - 2];
        int d = (int) s[s.length - 1];
        if (nh < 1 || nw < 1) {
            throw new IllegalArgumentException("the new size must be at least 1 x 1, got " + nh + " x " + nw);
        }
        long[] outShape = s.clone();
        outShape[s.length - 3] = nh;
        outShape[s.length - 2] = nw;
        DType type = DType.of(data);
        int images = frames * d;
        int inPixels = h * w;
        int outPixels = nh * nw;
        if (type.isFloatingPoint()) {
            boolean single = type != DType.FLOAT64;
            // image by image from the array's memory into the new array's: no whole-array copy
            NdBuffer in = NdBuffer.read(data);
            NdBuffer out = NdBuffer.allocate(type, outShape);
            if (images > 0 && h > 0 && w > 0) {
                ComputePolicy.parallelFor(images, i -> {
                    int f = i / d;
                    int b = i % d;
                    double[] img = new double[inPixels];
                    in.gather(f * inPixels * d + b, d, img, 0, inPixels);
                    double[] r = Resize.resizeFloat(img, h, w, nh, nw, method, single);
                    out.scatter(r, 0, outPixels, f * outPixels * d + b, d);
                });
            } else if (images > 0) {
                throw new IllegalArgumentException("cannot resize an image of " + h + " x " + w + " pixels");
            }
            return out.array();
        }
        Resize.IntType work = workType(type);
        if (work == Resize.IntType.INT32 && type != DType.INT32) {
            LOG.warn("Data of type {} will be processed as int32, possible information loss during procedure.",
                    type.numpyName());
        }
        long[] in = integers(data, type);
        long[] out = new long[images * outPixels];
        if (images > 0 && h > 0 && w > 0) {
            ComputePolicy.parallelFor(images, i -> {
                int f = i / d;
                int b = i % d;
                long[] img = new long[inPixels];
                for (int p = 0; p < inPixels; p++) {
                    img[p] = in[(f * inPixels + p) * d + b];
                }
                long[] r = Resize.resizeInteger(img, work, h, w, nh, nw, method);
                for (int p = 0; p < outPixels; p++) {
                    out[(f * outPixels + p) * d + b] = r[p];
                }
            });
        } else if (images > 0) {
            throw new IllegalArgumentException("cannot resize an image of " + h + " x " + w + " pixels");
        } else if (method == Resize.Method.CUBIC) {
            Resize.resizeInteger(new long[1], work, 1, 1, 1, 1, method); // same error as with data
        }
        return fromIntegers(type, outShape, out);
    }

    private static Resize.IntType workType(DType type) {
        switch (type) {
            case BOOL: case UINT8: return Resize.IntType.UINT8;
            case INT8: return Resize.IntType.INT8;
            case UINT16: return Resize.IntType.UINT16;
            case INT16: return Resize.IntType.INT16;
            default: return Resize.IntType.INT32;
        }
    }

    /** Reads integer or bool elements exactly, cast to the work type as numpy's {@code astype} casts them. */
    private static long[] integers(INDArray data, DType type) {
        ByteBuffer b = NdArrays.toBytes(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) data.length();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case BOOL: out[i] = b.get(i) != 0 ? 1 : 0; break;
                case UINT8: out[i] = b.get(i) & 0xFF; break;
                case INT8: out[i] = b.get(i); break;
                case UINT16: out[i] = b.getShort(2 * i) & 0xFFFF; break;
                case INT16: out[i] = b.getShort(2 * i); break;
                case INT32: case UINT32: out[i] = b.getInt(4 * i); break;
                default: out[i] = (int) b.getLong(8 * i); break;
            }
        }
        return out;
    }

    /** Clips unsigned results at 0 and casts back to the original dtype. */
    private static INDArray fromIntegers(DType type, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            long x = type.isUnsigned() || type == DType.BOOL ? Math.max(v, 0) : v;
            switch (type) {
                case BOOL: b.put((byte) (x != 0 ? 1 : 0)); break;
                case UINT8: case INT8: b.put((byte) x); break;
                case UINT16: case INT16: b.putShort((short) x); break;
                case INT32: case UINT32: b.putInt((int) x); break;
                default: b.putLong(x); break;
            }
        }
        b.flip();
        return NdArrays.fromBytes(type, shape, b);
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("resize_type", resizeType.value(), "height_param", heightParam, "width_param",
                widthParam, "features", features.spec(), "resize_method", method.value(), "resize_library", "cv2");
    }
}
