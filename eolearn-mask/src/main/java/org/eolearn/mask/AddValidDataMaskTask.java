package org.eolearn.mask;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
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
     * Creates the task with any predicate.
     *
     * @param predicate        computes the mask from the patch (must be thread-safe)
     * @param validDataFeature where to write it (eo-learn's default: {@code (MASK, "VALID_DATA")})
     * @param description      a description of the predicate for reports
     */
    public AddValidDataMaskTask(Function<EOPatch, INDArray> predicate, Feature validDataFeature, String description) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.validDataFeature = Objects.requireNonNull(validDataFeature, "valid_data_feature");
        if (!validDataFeature.type().isArray()) {
            throw new IllegalArgumentException("valid_data_feature must be an array feature, got "
                    + validDataFeature);
        }
        this.description = description;
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
