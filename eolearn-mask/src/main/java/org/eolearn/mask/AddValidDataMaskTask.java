package org.eolearn.mask;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdBuffer;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adds a valid-data mask computed by a predicate of the patch (eo-learn's {@code AddValidDataMaskTask}).
 *
 * <p>eo-learn had this task in {@code eolearn.mask} up to 0.8 ({@code AddValidDataMaskTask(predicate,
 * valid_data_feature=(MASK, "VALID_DATA"))}); eo-learn 1.5.6 defines it in its example notebook
 * {@code examples/mask/ValidDataMask.ipynb} with the predicate {@code dataMask & ~CLM}. This class keeps the general
 * form and offers that predicate as {@link #dataAndNotCloud(Feature, Feature, Feature)}, which is also what the task
 * registry builds from JSON.
 *
 * <pre>{@code
 * AddValidDataMaskTask.dataAndNotCloud(Feature.of(MASK, "IS_DATA"), Feature.of(MASK, "CLM"),
 *         Feature.of(MASK, "IS_VALID")).execute(patch);
 * }</pre>
 *
 * @since 0.1
 */
public final class AddValidDataMaskTask implements PatchTask {

    private final Function<EOPatch, INDArray> predicate;
    private final Feature validDataFeature;
    private final String description;

    /**
     * Creates the task with any predicate; prefer {@link #builder(Function, String)}, or
     * {@link #AddValidDataMaskTask(Function, String)} for eo-learn's default {@code valid_data_feature}.
     *
     * @param predicate        computes the mask from the patch (must be thread-safe)
     * @param validDataFeature where to write it (eo-learn's default: {@code (MASK, "VALID_DATA")})
     * @param description      a description of the predicate for reports
     * @throws NullPointerException     naming {@code predicate} or {@code valid_data_feature} if null
     * @throws IllegalArgumentException naming {@code valid_data_feature} if it is not an array feature
     */
    public AddValidDataMaskTask(Function<EOPatch, INDArray> predicate, Feature validDataFeature, String description) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.validDataFeature = checkArray(validDataFeature, "valid_data_feature");
        this.description = description;
    }

    /**
     * Creates the task with any predicate and eo-learn's default {@code valid_data_feature},
     * {@code (MASK, "VALID_DATA")}.
     *
     * @param predicate   computes the mask from the patch (must be thread-safe)
     * @param description a description of the predicate for reports
     * @throws NullPointerException naming {@code predicate} if it is null
     */
    public AddValidDataMaskTask(Function<EOPatch, INDArray> predicate, String description) {
        this(predicate, Builder.DEFAULT_VALID_DATA, description);
    }

    private static Feature checkArray(Feature feature, String param) {
        Objects.requireNonNull(feature, param);
        if (!feature.type().isArray()) {
            throw new IllegalArgumentException(param + " must be an array feature, got " + feature);
        }
        return feature;
    }

    /**
     * The predicate of eo-learn's notebook: valid where there is data and no cloud,
     * {@code dataMask.astype(bool) & ~cloudMask.astype(bool)}, a bool array of the data mask's shape.
     *
     * @param dataMaskFeature  the data mask (e.g. {@code (MASK, "dataMask")} or {@code (MASK, "IS_DATA")})
     * @param cloudMaskFeature the cloud mask (e.g. {@code (MASK, "CLM")}), of the same shape
     * @param validDataFeature where to write the result
     * @return the task
     */
    public static AddValidDataMaskTask dataAndNotCloud(Feature dataMaskFeature, Feature cloudMaskFeature,
                                                       Feature validDataFeature) {
        Objects.requireNonNull(dataMaskFeature, "data_mask_feature");
        Objects.requireNonNull(cloudMaskFeature, "cloud_mask_feature");
        return new AddValidDataMaskTask(patch -> {
            INDArray data = patch.getArray(dataMaskFeature.type(), dataMaskFeature.name());
            INDArray cloud = patch.getArray(cloudMaskFeature.type(), cloudMaskFeature.name());
            return dataAndNotCloud(data, cloud);
        }, validDataFeature, dataMaskFeature + " & ~" + cloudMaskFeature);
    }

    /**
     * The predicate of eo-learn's notebook with its features: {@code (MASK, "VALID_DATA")} is
     * {@code (MASK, "dataMask") & ~(MASK, "CLM")}.
     *
     * @return the task
     */
    public static AddValidDataMaskTask dataAndNotCloud() {
        return builder().build();
    }

    /**
     * Starts a task with the predicate of eo-learn's notebook, {@code dataMask & ~CLM}, and its defaults:
     * {@code data_mask_feature} {@code (MASK, "dataMask")}, {@code cloud_mask_feature} {@code (MASK, "CLM")}
     * (both this project's parameters) and {@code valid_data_feature} {@code (MASK, "VALID_DATA")}.
     *
     * <pre>{@code
     * AddValidDataMaskTask valid = AddValidDataMaskTask.builder().dataMaskFeature(Feature.of(MASK, "IS_DATA"))
     *         .validDataFeature(Feature.of(MASK, "IS_VALID")).build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(null, null);
    }

    /**
     * Starts a task with any predicate (eo-learn 0.8's {@code AddValidDataMaskTask(predicate)}), with eo-learn's
     * default {@code valid_data_feature} {@code (MASK, "VALID_DATA")}.
     *
     * @param predicate   computes the mask from the patch (must be thread-safe)
     * @param description a description of the predicate for reports
     * @return the builder
     * @throws NullPointerException naming {@code predicate} if it is null
     */
    public static Builder builder(Function<EOPatch, INDArray> predicate, String description) {
        return new Builder(Objects.requireNonNull(predicate, "predicate"), description);
    }

    /**
     * Settings of an {@link AddValidDataMaskTask}; every setter is optional. The data and cloud masks apply to the
     * notebook's predicate ({@link AddValidDataMaskTask#builder()}) only.
     */
    public static final class Builder {
        static final Feature DEFAULT_DATA_MASK = Feature.of(FeatureType.MASK, "dataMask");
        static final Feature DEFAULT_CLOUD_MASK = Feature.of(FeatureType.MASK, "CLM");
        static final Feature DEFAULT_VALID_DATA = Feature.of(FeatureType.MASK, "VALID_DATA");

        private final Function<EOPatch, INDArray> predicate;
        private final String description;
        private Feature dataMaskFeature = DEFAULT_DATA_MASK;
        private Feature cloudMaskFeature = DEFAULT_CLOUD_MASK;
        private Feature validDataFeature = DEFAULT_VALID_DATA;

        private Builder(Function<EOPatch, INDArray> predicate, String description) {
            this.predicate = predicate;
            this.description = description;
        }

        /**
         * The mask of pixels with data (this project's {@code data_mask_feature}, {@code (MASK, "dataMask")} by
         * default).
         *
         * @param feature an array feature, of the cloud mask's shape
         * @return this
         * @throws NullPointerException     naming {@code data_mask_feature} if it is null
         * @throws IllegalArgumentException naming {@code data_mask_feature} if it is not an array feature
         * @throws IllegalStateException    if the builder has its own predicate
         */
        public Builder dataMaskFeature(Feature feature) {
            notOwnPredicate("data_mask_feature");
            this.dataMaskFeature = checkArray(feature, "data_mask_feature");
            return this;
        }

        /**
         * The cloud mask (this project's {@code cloud_mask_feature}, {@code (MASK, "CLM")} by default).
         *
         * @param feature an array feature, of the data mask's shape
         * @return this
         * @throws NullPointerException     naming {@code cloud_mask_feature} if it is null
         * @throws IllegalArgumentException naming {@code cloud_mask_feature} if it is not an array feature
         * @throws IllegalStateException    if the builder has its own predicate
         */
        public Builder cloudMaskFeature(Feature feature) {
            notOwnPredicate("cloud_mask_feature");
            this.cloudMaskFeature = checkArray(feature, "cloud_mask_feature");
            return this;
        }

        /**
         * Where to write the mask of valid pixels (eo-learn's {@code valid_data_feature},
         * {@code (MASK, "VALID_DATA")} by default).
         *
         * @param feature an array feature
         * @return this
         * @throws NullPointerException     naming {@code valid_data_feature} if it is null
         * @throws IllegalArgumentException naming {@code valid_data_feature} if it is not an array feature
         */
        public Builder validDataFeature(Feature feature) {
            this.validDataFeature = checkArray(feature, "valid_data_feature");
            return this;
        }

        private void notOwnPredicate(String param) {
            if (predicate != null) {
                throw new IllegalStateException(param + " applies to the predicate dataMask & ~CLM of "
                        + "AddValidDataMaskTask.builder() only; this builder has its own predicate");
            }
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public AddValidDataMaskTask build() {
            return predicate != null ? new AddValidDataMaskTask(predicate, validDataFeature, description)
                    : dataAndNotCloud(dataMaskFeature, cloudMaskFeature, validDataFeature);
        }
    }

    /**
     * Computes {@code data != 0 & cloud == 0} element-wise.
     *
     * @param data  the data mask
     * @param cloud the cloud mask, of the same shape
     * @return a bool array of that shape
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray dataAndNotCloud(INDArray data, INDArray cloud) {
        if (!Arrays.equals(data.shape(), cloud.shape())) {
            throw new IllegalArgumentException("data_mask_feature and cloud_mask_feature have different shapes: "
                    + Arrays.toString(data.shape()) + " and " + Arrays.toString(cloud.shape()));
        }
        NdBuffer d = NdBuffer.read(data);
        NdBuffer c = NdBuffer.read(cloud);
        NdBuffer out = NdBuffer.allocate(DType.BOOL, data.shape());
        for (int i = 0; i < out.length(); i++) {
            out.set(i, d.get(i) != 0 && c.get(i) == 0 ? 1 : 0);
        }
        return out.array();
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        patch.put(validDataFeature.type(), validDataFeature.outputName(), predicate.apply(patch));
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("predicate", description, "valid_data_feature", validDataFeature);
    }
}
