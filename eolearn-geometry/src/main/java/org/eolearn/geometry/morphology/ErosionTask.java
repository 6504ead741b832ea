package org.eolearn.geometry.morphology;

import java.util.Arrays;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.eolearn.geometry.RasterSlices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Erodes the labels of a mask (eo-learn's {@code ErosionTask}).
 *
 * <p>Each label is eroded separately with the element {@link StructuringElement#disk(int) disk(diskRadius)} (as in
 * eo-learn an OpenCV ellipse of size {@code diskRadius × diskRadius}: radius 3 is a 3×3 cross). Pixels outside the
 * image do not erode anything; eroded-away pixels become {@code noDataLabel}, which itself is never eroded. The
 * result keeps the input's shape and dtype and is written under the feature's new name.
 *
 * <p>Deviation: eo-learn squeezes the last axis and calls OpenCV once, so it only works for a single-band timeless
 * mask; here every frame and band is eroded as its own 2-D image (in parallel). Labels are compared as doubles
 * (exact for integers up to 2<sup>53</sup>).
 *
 * @since 0.1
 */
public final class ErosionTask implements PatchTask {

    private final Feature maskFeature;
    private final int diskRadius;
    private final double[] erodeLabels;
    private final double noDataLabel;
    private final StructuringElement disk;

    /**
     * Creates the task.
     *
     * @param maskFeature an array feature, maybe renamed ({@code (MASK_TIMELESS, "LULC", "LULC_ERODED")})
     * @param diskRadius  the size of the disk, at least 1
     * @param erodeLabels labels to erode; null or empty for every label
     * @param noDataLabel the value given to eroded pixels
     * @throws IllegalArgumentException naming {@code mask_feature} or {@code disk_radius} when invalid
     */
    public ErosionTask(Feature maskFeature, int diskRadius, double[] erodeLabels, double noDataLabel) {
        Objects.requireNonNull(maskFeature, "mask_feature");
        if (!maskFeature.type().isArray() || !maskFeature.type().isSpatial()) {
            throw new IllegalArgumentException("mask_feature must be a spatial array feature, got "
                    + maskFeature.type());
        }
        if (diskRadius < 1) {
            throw new IllegalArgumentException("disk_radius must be an integer of at least 1, got " + diskRadius);
        }
        this.maskFeature = maskFeature;
        this.diskRadius = diskRadius;
        this.erodeLabels = erodeLabels == null || erodeLabels.length == 0 ? null : erodeLabels.clone();
        this.noDataLabel = noDataLabel;
        this.disk = StructuringElement.disk(diskRadius);
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        INDArray mask = patch.getArray(maskFeature.type(), maskFeature.name());
        long[] shape = mask.shape();
        if (shape.length < 3 || shape[shape.length - 1] != 1) {
            // eo-learn squeezes the band axis: "cannot select an axis to squeeze out which has size not equal to one"
            throw new IllegalArgumentException("mask_feature " + maskFeature + " must be a raster with one band, got "
                    + "shape " + Arrays.toString(shape));
        }
        int h = (int) shape[shape.length - 3];
        int w = (int) shape[shape.length - 2];
        INDArray out = RasterSlices.map(mask,
                (slice, s) -> Morphology.erodeLabels(slice, h, w, disk, erodeLabels, noDataLabel));
        patch.put(maskFeature.type(), maskFeature.outputName(), out);
        return patch;
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return Tasks.describe("mask_feature", maskFeature, "disk_radius", diskRadius, "erode_labels",
                erodeLabels == null ? null : Arrays.toString(erodeLabels), "no_data_label", noDataLabel);
    }
}
