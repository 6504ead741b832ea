package org.eolearn.geometry.morphology;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies a morphological operation to raster features (eo-learn's {@code MorphologicalFilterTask}).
 *
 * <p>Every 2-D slice (frame, band) of every input feature is filtered with {@link Morphology} (OpenCV's
 * {@code morphologyEx} semantics: pixels outside the image do not take part) and written to the matching output
 * feature with the input's dtype (bool arrays are filtered as 0/1). Without a structuring element OpenCV's default
 * 3×3 square is used. Slices run in parallel.
 *
 * <pre>{@code
 * new MorphologicalFilterTask(FeatureSpec.of(Feature.of(MASK, "CLM")), MorphologicalOperation.DILATION);
 * MorphologicalFilterTask.builder(FeatureSpec.of(Feature.of(MASK, "CLM")), MorphologicalOperation.OPENING)
 *         .outputFeatures(FeatureSpec.of(Feature.of(MASK, "CLM_OPENED"))).structElem(StructuringElement.disk(5))
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class MorphologicalFilterTask implements PatchTask {

    private final FeatureParser inputs;
    private final FeatureParser outputs;
    private final MorphologicalOperation operation;
    private final StructuringElement structElem;
    private final boolean inPlace;

    /**
     * Creates the task with eo-learn's defaults: the inputs are overwritten and the structuring element is OpenCV's
     * 3×3 square ({@code output_features=None}, {@code struct_elem=None}).
     *
     * @param inputFeatures spatial array features to filter
     * @param operation     the operation (eo-learn's {@code morph_operation})
     * @throws IllegalArgumentException naming {@code input_features} or {@code morph_operation} when invalid
     */
    public MorphologicalFilterTask(FeatureSpec inputFeatures, MorphologicalOperation operation) {
        this(inputFeatures, null, operation, null);
    }

    /**
     * Creates the task; prefer {@link #builder(FeatureSpec, MorphologicalOperation)}, which needs no {@code null}s
     * for the defaults.
     *
     * @param inputFeatures  spatial array features to filter
     * @param outputFeatures where the results go, one per input; null to overwrite the inputs
     * @param operation      the operation
     * @param structElem     the structuring element, or null for a 3×3 square
     * @throws IllegalArgumentException naming {@code input_features}, {@code output_features} or
     *                                  {@code morph_operation} when invalid
     */
    public MorphologicalFilterTask(FeatureSpec inputFeatures, FeatureSpec outputFeatures,
                                   MorphologicalOperation operation, StructuringElement structElem) {
        Objects.requireNonNull(inputFeatures, "input_features");
        if (operation == null) {
            throw new IllegalArgumentException("morph_operation is required");
        }
        try {
            this.inputs = new FeatureParser(inputFeatures, t -> t.isArray() && t.isSpatial());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input_features: " + e.getMessage(), e);
        }
        try {
            this.outputs = new FeatureParser(outputFeatures == null ? inputFeatures : outputFeatures,
                    t -> t.isArray() && t.isSpatial());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output_features: " + e.getMessage(), e);
        }
        if (outputFeatures != null && inputFeatures.items().size() != outputFeatures.items().size()) {
            throw new IllegalArgumentException("output_features must name one feature per input feature, got "
                    + outputFeatures.items().size() + " for " + inputFeatures.items().size());
        }
        if (outputFeatures != null) {
            try {
                outputs.getFeatures();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("output_features must name each output feature: "
                        + e.getMessage(), e);
            }
        }
        this.inPlace = outputFeatures == null;
        this.operation = operation;
        this.structElem = structElem == null ? StructuringElement.square(3) : structElem;
    }

    /**
     * Starts a task preset to eo-learn's defaults ({@code output_features=None}: the inputs are overwritten;
     * {@code struct_elem=None}: OpenCV's 3×3 square).
     *
     * @param inputFeatures  spatial array features to filter
     * @param morphOperation the operation (eo-learn's keyword-only, required {@code morph_operation})
     * @return the builder
     * @throws NullPointerException naming {@code input_features} or {@code morph_operation} when null
     */
    public static Builder builder(FeatureSpec inputFeatures, MorphologicalOperation morphOperation) {
        return new Builder(inputFeatures, morphOperation);
    }

    /** Settings of a {@link MorphologicalFilterTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        private final FeatureSpec inputFeatures;
        private final MorphologicalOperation morphOperation;
        private FeatureSpec outputFeatures;
        private StructuringElement structElem;

        private Builder(FeatureSpec inputFeatures, MorphologicalOperation morphOperation) {
            this.inputFeatures = Objects.requireNonNull(inputFeatures, "input_features");
            this.morphOperation = Objects.requireNonNull(morphOperation, "morph_operation");
        }

        /**
         * Where the results are written, one feature per input (eo-learn's {@code output_features}; by default the
         * inputs are overwritten).
         *
         * @param outputFeatures the output features
         * @return this builder
         * @throws NullPointerException naming {@code output_features} when null
         */
        public Builder outputFeatures(FeatureSpec outputFeatures) {
            this.outputFeatures = Objects.requireNonNull(outputFeatures, "output_features");
            return this;
        }

        /**
         * The structuring element (eo-learn's {@code struct_elem}; by default OpenCV's 3×3 square).
         *
         * @param structElem the element, e.g. {@link StructuringElement#disk(int)}
         * @return this builder
         * @throws NullPointerException naming {@code struct_elem} when null
         */
        public Builder structElem(StructuringElement structElem) {
            this.structElem = Objects.requireNonNull(structElem, "struct_elem");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException naming {@code input_features} or {@code output_features} when invalid
         */
        public MorphologicalFilterTask build() {
            return new MorphologicalFilterTask(inputFeatures, outputFeatures, morphOperation, structElem);
        }
    }

    /** The pixel types an OpenCV matrix holds (eo-learn's cv2 call refuses the others outright). */
    private static final java.util.Set<DType> MAT_TYPES = java.util.EnumSet.of(DType.BOOL, DType.UINT8, DType.INT8,
            DType.UINT16, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64);

    /** The pixel types OpenCV's morphology filters take. */
    private static final java.util.Set<DType> OPENCV_TYPES = java.util.EnumSet.of(DType.BOOL, DType.UINT8,
            DType.UINT16, DType.INT16, DType.FLOAT32, DType.FLOAT64);

    @Override
    public EOPatch execute(EOPatch patch) {
        List<Feature> in = inputs.getFeatures(patch);
        List<Feature> out = inPlace ? in : outputs.getFeatures();
        if (in.size() != out.size()) {
            throw new IllegalArgumentException("input_features and output_features name " + in.size() + " and "
                    + out.size() + " features");
        }
        for (int i = 0; i < in.size(); i++) {
            INDArray array = patch.getArray(in.get(i).type(), in.get(i).name());
            DType dtype = DType.of(array);
            if (!MAT_TYPES.contains(dtype)) {
                throw new IllegalArgumentException("input feature " + in.get(i) + " has dtype " + dtype.numpyName()
                        + ", which OpenCV cannot hold; morphological operations take bool, uint8, uint16, int16, "
                        + "float32 or float64");
            }
            if (structElem.rows() * structElem.cols() == 1) {
                // OpenCV copies the image for a 1x1 element, whatever its value and the pixel type
                patch.put(out.get(i).type(), out.get(i).name(), array.dup());
                continue;
            }
            if (!OPENCV_TYPES.contains(dtype)) {
                // eo-learn calls cv2.morphologyEx, which refuses these ("Unsupported data type")
                throw new IllegalArgumentException("input feature " + in.get(i) + " has dtype " + dtype.numpyName()
                        + "; morphological operations take bool, uint8, uint16, int16, float32 or float64 (as "
                        + "OpenCV's morphologyEx)");
            }
            long[] shape = array.shape();
            int h = (int) shape[shape.length - 3];
            int w = (int) shape[shape.length - 2];
            INDArray result = RasterSlices.map(array,
                    (slice, s) -> Morphology.apply(operation, slice, h, w, structElem, lowest(dtype),
                            highest(dtype)));
            patch.put(out.get(i).type(), out.get(i).name(), result);
        }
        return patch;
    }

    /** OpenCV's border value for dilation: the pixel type's smallest value (bool images are uint8 there). */
    private static double lowest(DType t) {
        return switch (t) {
            case INT16 -> Short.MIN_VALUE;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
            default -> 0;
        };
    }

    /** OpenCV's border value for erosion: the pixel type's largest value. */
    private static double highest(DType t) {
        return switch (t) {
            case UINT16 -> 0xFFFF;
            case INT16 -> Short.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
            default -> 0xFF;
        };
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_features", inputs.spec(), "output_features", outputs.spec(), "morph_operation",
                operation.value(), "struct_elem", structElem.toString());
    }
}
