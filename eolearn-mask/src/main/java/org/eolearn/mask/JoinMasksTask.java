package org.eolearn.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Joins masks with a logical operation, a left fold over the input features (eo-learn's {@code JoinMasksTask}).
 *
 * <p>{@code "and"}, {@code "or"} and {@code "xor"} work as numpy's {@code logical_and/or/xor}: any non-zero element
 * is true and the result is a bool array. All inputs must have the same shape. A Java function may be given instead;
 * it then receives the running result and the next mask and decides the dtype itself.
 *
 * <pre>{@code
 * new JoinMasksTask(List.of(Feature.of(MASK, "IS_DATA"), Feature.of(MASK, "CLM")), Feature.of(MASK, "JOINED"), "or")
 *         .execute(patch);
 * }</pre>
 *
 * @since 0.1
 */
public final class JoinMasksTask implements PatchTask {

    /** eo-learn's named join operations. */
    public enum Operation {
        /** Logical and. */
        AND,
        /** Logical or. */
        OR,
        /** Logical exclusive or. */
        XOR;

        /**
         * Parses eo-learn's name of an operation.
         *
         * @param name {@code "and"}, {@code "or"} or {@code "xor"}
         * @return the operation
         * @throws IllegalArgumentException for other names
         */
        public static Operation parse(String name) {
            for (Operation o : values()) {
                if (o.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("join_operation must be \"and\", \"or\", \"xor\" or a callable, got \""
                    + name + "\"");
        }

        boolean apply(boolean a, boolean b) {
            switch (this) {
                case AND: return a && b;
                case OR: return a || b;
                default: return a ^ b;
            }
        }
    }

    private final List<Feature> inputFeatures;
    private final Feature outputFeature;
    private final BinaryOperator<INDArray> join;
    private final String description;

    /**
     * Creates the task with a named operation.
     *
     * @param inputFeatures the masks to join, at least one, in fold order
     * @param outputFeature where to write the result
     * @param joinOperation {@code "and"} (eo-learn's default), {@code "or"} or {@code "xor"}
     * @throws IllegalArgumentException naming {@code join_operation} for other names
     */
    public JoinMasksTask(List<Feature> inputFeatures, Feature outputFeature, String joinOperation) {
        this(inputFeatures, outputFeature, logical(Operation.parse(Objects.requireNonNull(joinOperation,
                "join_operation"))), joinOperation);
    }

    /**
     * Creates the task with a function of two arrays.
     *
     * @param inputFeatures the masks to join, at least one, in fold order
     * @param outputFeature where to write the result
     * @param join          combines the running result with the next mask (must be thread-safe)
     * @param description   a description of the function for reports
     */
    public JoinMasksTask(List<Feature> inputFeatures, Feature outputFeature, BinaryOperator<INDArray> join,
                         String description) {
        this.inputFeatures = List.copyOf(Tasks.nonEmpty("input_features", inputFeatures));
        for (Feature f : this.inputFeatures) {
            if (!f.type().isArray()) {
                throw new IllegalArgumentException("input_features must be array features, got " + f);
            }
        }
        this.outputFeature = Objects.requireNonNull(outputFeature, "output_feature");
        if (!outputFeature.type().isArray()) {
            throw new IllegalArgumentException("output_feature must be an array feature, got " + outputFeature);
        }
        this.join = Objects.requireNonNull(join, "join_operation");
        this.description = description;
    }

    /**
     * Returns numpy's logical operation as a function of two arrays of the same shape (bool result).
     *
     * @param op the operation
     * @return the function
     */
    public static BinaryOperator<INDArray> logical(Operation op) {
        Objects.requireNonNull(op, "op");
        return (a, b) -> {
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException("input_features have different shapes: "
                        + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
            }
            NdBuffer x = NdBuffer.read(a);
            NdBuffer y = NdBuffer.read(b);
            NdBuffer out = NdBuffer.allocate(DType.BOOL, a.shape());
            for (int i = 0; i < out.length(); i++) {
                out.set(i, op.apply(x.get(i) != 0, y.get(i) != 0) ? 1 : 0);
            }
            return out.array();
        };
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<INDArray> masks = new ArrayList<>();
        for (Feature f : inputFeatures) {
            masks.add(patch.getArray(f.type(), f.name()));
        }
        INDArray result = masks.get(0);
        for (int i = 1; i < masks.size(); i++) {
            result = join.apply(result, masks.get(i));
        }
        patch.put(outputFeature.type(), outputFeature.outputName(), result);
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("input_features", inputFeatures, "output_feature", outputFeature, "join_operation",
                description);
    }
}
