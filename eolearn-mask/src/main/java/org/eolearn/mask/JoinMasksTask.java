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
     * Creates the task with a named operation; prefer {@link #builder(List, Feature)}, or
     * {@link #JoinMasksTask(List, Feature)} for eo-learn's default {@code "and"}.
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
     * Creates the task with eo-learn's default {@code join_operation="and"}.
     *
     * @param inputFeatures the masks to join, at least one, in fold order
     * @param outputFeature where to write the result
     * @throws NullPointerException     naming {@code input_features} or {@code output_feature} if null
     * @throws IllegalArgumentException naming {@code input_features} or {@code output_feature} if empty or not an
     *                                  array feature
     */
    public JoinMasksTask(List<Feature> inputFeatures, Feature outputFeature) {
        this(inputFeatures, outputFeature, Builder.DEFAULT_JOIN_OPERATION);
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
        this.inputFeatures = checkInputs(inputFeatures);
        this.outputFeature = checkOutput(outputFeature);
        this.join = Objects.requireNonNull(join, "join_operation");
        this.description = description;
    }

    private static List<Feature> checkInputs(List<Feature> inputFeatures) {
        List<Feature> inputs = List.copyOf(Tasks.nonEmpty("input_features", inputFeatures));
        for (Feature f : inputs) {
            if (!f.type().isArray()) {
                throw new IllegalArgumentException("input_features must be array features, got " + f);
            }
        }
        return inputs;
    }

    private static Feature checkOutput(Feature outputFeature) {
        Objects.requireNonNull(outputFeature, "output_feature");
        if (!outputFeature.type().isArray()) {
            throw new IllegalArgumentException("output_feature must be an array feature, got " + outputFeature);
        }
        return outputFeature;
    }

    /**
     * Starts a task with eo-learn's default {@code join_operation="and"}.
     *
     * <pre>{@code
     * JoinMasksTask either = JoinMasksTask.builder(List.of(Feature.of(MASK, "IS_DATA"), Feature.of(MASK, "CLM")),
     *         Feature.of(MASK, "JOINED")).joinOperation(JoinMasksTask.Operation.OR).build();
     * }</pre>
     *
     * @param inputFeatures the masks to join, at least one, in fold order
     * @param outputFeature where to write the result
     * @return the builder
     * @throws NullPointerException     naming {@code input_features} or {@code output_feature} if null
     * @throws IllegalArgumentException naming {@code input_features} or {@code output_feature} if empty or not an
     *                                  array feature
     */
    public static Builder builder(List<Feature> inputFeatures, Feature outputFeature) {
        return new Builder(inputFeatures, outputFeature);
    }

    /** Settings of a {@link JoinMasksTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code join_operation}. */
        static final String DEFAULT_JOIN_OPERATION = "and";

        private final List<Feature> inputFeatures;
        private final Feature outputFeature;
        private BinaryOperator<INDArray> join = logical(Operation.AND);
        private String description = DEFAULT_JOIN_OPERATION;

        private Builder(List<Feature> inputFeatures, Feature outputFeature) {
            this.inputFeatures = checkInputs(inputFeatures);
            this.outputFeature = checkOutput(outputFeature);
        }

        /**
         * A named operation by eo-learn's name (eo-learn's {@code join_operation}, {@code "and"} by default).
         *
         * @param name {@code "and"}, {@code "or"} or {@code "xor"}
         * @return this
         * @throws NullPointerException     naming {@code join_operation} if it is null
         * @throws IllegalArgumentException naming {@code join_operation} for other names
         */
        public Builder joinOperation(String name) {
            Operation op = Operation.parse(Objects.requireNonNull(name, "join_operation"));
            this.join = logical(op);
            this.description = name;
            return this;
        }

        /**
         * A named operation (eo-learn's {@code join_operation}, {@link Operation#AND} by default).
         *
         * @param op the operation
         * @return this
         * @throws NullPointerException naming {@code join_operation} if it is null
         */
        public Builder joinOperation(Operation op) {
            Objects.requireNonNull(op, "join_operation");
            this.join = logical(op);
            this.description = op.name().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * A function of two arrays (eo-learn's callable {@code join_operation}): it receives the running result and
         * the next mask and decides the dtype itself.
         *
         * @param join        combines the running result with the next mask (must be thread-safe)
         * @param description a description of the function for reports
         * @return this
         * @throws NullPointerException naming {@code join_operation} if {@code join} is null
         */
        public Builder joinOperation(BinaryOperator<INDArray> join, String description) {
            this.join = Objects.requireNonNull(join, "join_operation");
            this.description = description;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public JoinMasksTask build() {
            return new JoinMasksTask(inputFeatures, outputFeature, join, description);
        }
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
