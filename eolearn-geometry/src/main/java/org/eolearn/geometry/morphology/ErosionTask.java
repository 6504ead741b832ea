package org.eolearn.geometry.morphology;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
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
 * <pre>{@code
 * new ErosionTask(Feature.of(MASK_TIMELESS, "LULC", "LULC_ERODED"));            // eo-learn's defaults
 * ErosionTask.builder(Feature.of(MASK_TIMELESS, "LULC", "LULC_ERODED")).diskRadius(3).erodeLabels(1, 2).build();
 * }</pre>
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
     * Creates the task with eo-learn's defaults: a disk of size 1, every label eroded, eroded pixels become 0
     * ({@code disk_radius=1}, {@code erode_labels=None}, {@code no_data_label=0}).
     *
     * @param maskFeature an array feature, maybe renamed ({@code (MASK_TIMELESS, "LULC", "LULC_ERODED")})
     * @throws IllegalArgumentException naming {@code mask_feature} when it is not a spatial array feature
     */
    public ErosionTask(Feature maskFeature) {
        this(maskFeature, Builder.DEFAULT_DISK_RADIUS, null, Builder.DEFAULT_NO_DATA_LABEL);
    }

    /**
     * Creates the task; prefer {@link #builder(Feature)}, which needs no {@code null} for "every label".
     *
     * @param maskFeature an array feature, maybe renamed ({@code (MASK_TIMELESS, "LULC", "LULC_ERODED")})
     * @param diskRadius  the size of the disk, at least 1
     * @param erodeLabels labels to erode; null or empty for every label
     * @param noDataLabel the value given to eroded pixels
     * @throws IllegalArgumentException naming {@code mask_feature} or {@code disk_radius} when invalid
     */
    public ErosionTask(Feature maskFeature, int diskRadius, double[] erodeLabels, double noDataLabel) {
        checkMaskFeature(maskFeature);
        if (diskRadius < 1) {
            throw new IllegalArgumentException("disk_radius must be an integer of at least 1, got " + diskRadius);
        }
        this.maskFeature = maskFeature;
        this.diskRadius = diskRadius;
        this.erodeLabels = erodeLabels == null || erodeLabels.length == 0 ? null : erodeLabels.clone();
        this.noDataLabel = noDataLabel;
        this.disk = StructuringElement.disk(diskRadius);
    }

    private static Feature checkMaskFeature(Feature maskFeature) {
        Objects.requireNonNull(maskFeature, "mask_feature");
        if (!maskFeature.type().isArray() || !maskFeature.type().isSpatial()) {
            throw new IllegalArgumentException("mask_feature must be a spatial array feature, got "
                    + maskFeature.type());
        }
        return maskFeature;
    }

    /**
     * Starts a task preset to eo-learn's defaults ({@code disk_radius=1}, {@code erode_labels=None}: every label,
     * {@code no_data_label=0}).
     *
     * @param maskFeature an array feature, maybe renamed ({@code (MASK_TIMELESS, "LULC", "LULC_ERODED")})
     * @return the builder
     * @throws NullPointerException     naming {@code mask_feature} when null
     * @throws IllegalArgumentException naming {@code mask_feature} when it is not a spatial array feature
     */
    public static Builder builder(Feature maskFeature) {
        return new Builder(maskFeature);
    }

    /** Settings of an {@link ErosionTask}, preset to eo-learn's defaults; every setter is optional. */
    public static final class Builder {
        static final int DEFAULT_DISK_RADIUS = 1;
        static final double DEFAULT_NO_DATA_LABEL = 0;

        private final Feature maskFeature;
        private int diskRadius = DEFAULT_DISK_RADIUS;
        private double[] erodeLabels;
        private double noDataLabel = DEFAULT_NO_DATA_LABEL;

        private Builder(Feature maskFeature) {
            this.maskFeature = checkMaskFeature(maskFeature);
        }

        /**
         * The size of the erosion disk in pixels (eo-learn's {@code disk_radius}, default 1).
         *
         * @param radius at least 1
         * @return this builder
         * @throws IllegalArgumentException naming {@code disk_radius} when below 1
         */
        public Builder diskRadius(int radius) {
            if (radius < 1) {
                throw new IllegalArgumentException("disk_radius must be an integer of at least 1, got " + radius);
            }
            this.diskRadius = radius;
            return this;
        }

        /**
         * The labels to erode (eo-learn's {@code erode_labels}; by default, or when empty, every label).
         *
         * @param labels the labels
         * @return this builder
         * @throws NullPointerException naming {@code erode_labels} when null
         */
        public Builder erodeLabels(double... labels) {
            this.erodeLabels = Objects.requireNonNull(labels, "erode_labels").clone();
            return this;
        }

        /**
         * The labels to erode (eo-learn's {@code erode_labels}; by default, or when empty, every label).
         *
         * @param labels the labels
         * @return this builder
         * @throws NullPointerException naming {@code erode_labels} when it or one of its labels is null
         */
        public Builder erodeLabels(Collection<? extends Number> labels) {
            Objects.requireNonNull(labels, "erode_labels");
            double[] values = new double[labels.size()];
            int i = 0;
            for (Number n : labels) {
                values[i++] = Objects.requireNonNull(n, "erode_labels contains null").doubleValue();
            }
            this.erodeLabels = values;
            return this;
        }

        /**
         * The label given to eroded pixels, itself never eroded (eo-learn's {@code no_data_label}, default 0).
         *
         * @param label the label
         * @return this builder
         */
        public Builder noDataLabel(double label) {
            this.noDataLabel = label;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public ErosionTask build() {
            return new ErosionTask(maskFeature, diskRadius, erodeLabels, noDataLabel);
        }
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
