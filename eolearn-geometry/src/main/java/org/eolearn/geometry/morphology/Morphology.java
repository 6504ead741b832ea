package org.eolearn.geometry.morphology;

import java.util.Objects;

/**
 * Grey-level morphology kernels over row-major {@code double} images, with OpenCV's semantics as used by eo-learn
 * ({@code cv2.erode}, {@code cv2.dilate}, {@code cv2.morphologyEx}).
 *
 * <ul>
 *   <li>Erosion: {@code dst(y, x) = min src(y + dy, x + dx)} over the set cells of the structuring element, offsets
 *   taken from its anchor {@code (cols / 2, rows / 2)}; dilation: the maximum. The kernel is not mirrored for
 *   dilation (OpenCV does not mirror it either).</li>
 *   <li>Borders: cells that fall outside the image do not take part (OpenCV's default border value for morphology
 *   is +∞ for erosion and −∞ for dilation), so an image never erodes from its edges.</li>
 *   <li>Opening is erosion then dilation, closing dilation then erosion, with the same element.</li>
 * </ul>
 *
 * <p>NaN handling is not OpenCV's (whose SIMD min/max order is unspecified): here a NaN neighbour is ignored unless
 * every neighbour is NaN. Pure functions; thread-safe.
 *
 * @since 0.1
 */
public final class Morphology {

    private Morphology() {
    }

    /**
     * Erodes an image (local minimum).
     *
     * @param src    the image, {@code height * width} values in row-major order
     * @param height rows
     * @param width  columns
     * @param se     the structuring element
     * @return a new eroded image
     */
    public static double[] erode(double[] src, int height, int width, StructuringElement se) {
        return filter(src, height, width, se, true, Double.POSITIVE_INFINITY);
    }

    /**
     * Dilates an image (local maximum).
     *
     * @param src    the image, {@code height * width} values in row-major order
     * @param height rows
     * @param width  columns
     * @param se     the structuring element
     * @return a new dilated image
     */
    public static double[] dilate(double[] src, int height, int width, StructuringElement se) {
        return filter(src, height, width, se, false, Double.NEGATIVE_INFINITY);
    }

    /**
     * Applies a morphological operation.
     *
     * @param op     the operation
     * @param src    the image, {@code height * width} values in row-major order
     * @param height rows
     * @param width  columns
     * @param se     the structuring element
     * @return a new image
     */
    public static double[] apply(MorphologicalOperation op, double[] src, int height, int width,
                                 StructuringElement se) {
        return apply(op, src, height, width, se, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Applies a morphological operation with the border values of a pixel type: OpenCV pads an image with the type's
     * largest value for erosion and its smallest for dilation, so a pixel none of whose element cells fall inside
     * the image gets that value ({@code FLT_MAX} for float32, 255 for uint8, ...).
     *
     * @param op     the operation
     * @param src    the image
     * @param height its height
     * @param width  its width
     * @param se     the structuring element
     * @param lowest the type's smallest value (the dilation border)
     * @param highest the type's largest value (the erosion border)
     * @return a new image
     */
    public static double[] apply(MorphologicalOperation op, double[] src, int height, int width,
                                 StructuringElement se, double lowest, double highest) {
        switch (Objects.requireNonNull(op, "op")) {
            case EROSION:
                return filter(src, height, width, se, true, highest);
            case DILATION:
                return filter(src, height, width, se, false, lowest);
            case OPENING:
                return filter(filter(src, height, width, se, true, highest), height, width, se, false, lowest);
            case CLOSING:
                return filter(filter(src, height, width, se, false, lowest), height, width, se, true, highest);
            default:
                throw new AssertionError(op);
        }
    }

    private static double[] filter(double[] src, int height, int width, StructuringElement se, boolean min,
                                   double empty) {
        checkImage(src, height, width);
        Objects.requireNonNull(se, "se");
        int[] off = se.offsets();
        double[] dst = new double[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double best = empty;
                boolean sawNaN = false;
                for (int k = 0; k < off.length; k += 2) {
                    int yy = y + off[k];
                    int xx = x + off[k + 1];
                    if (yy < 0 || yy >= height || xx < 0 || xx >= width) {
                        continue;
                    }
                    double v = src[yy * width + xx];
                    if (min ? v < best : v > best) {
                        best = v;
                    } else if (v != v) {
                        sawNaN = true;
                    }
                }
                dst[y * width + x] = sawNaN && best == empty ? Double.NaN : best;
            }
        }
        return dst;
    }

    /**
     * eo-learn's {@code ErosionTask} on one label image: every label in {@code erodeLabels} (except
     * {@code noDataLabel}) is eroded on its own as a binary mask; a pixel keeps its label only while every cell of
     * the element that lies inside the image has the same label. Eroded-away pixels become {@code noDataLabel};
     * labels not in {@code erodeLabels} are kept.
     *
     * @param labels      the label image, {@code height * width} values in row-major order
     * @param height      rows
     * @param width       columns
     * @param se          the structuring element
     * @param erodeLabels labels to erode, or null to erode every label
     * @param noDataLabel the value of eroded pixels; never eroded itself
     * @return a new label image
     */
    public static double[] erodeLabels(double[] labels, int height, int width, StructuringElement se,
                                       double[] erodeLabels, double noDataLabel) {
        checkImage(labels, height, width);
        int[] off = se.offsets();
        double[] dst = labels.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = labels[y * width + x];
                if (v == noDataLabel || !contains(erodeLabels, v)) {
                    continue;
                }
                for (int k = 0; k < off.length; k += 2) {
                    int yy = y + off[k];
                    int xx = x + off[k + 1];
                    if (yy >= 0 && yy < height && xx >= 0 && xx < width && labels[yy * width + xx] != v) {
                        dst[y * width + x] = noDataLabel;
                        break;
                    }
                }
            }
        }
        return dst;
    }

    private static boolean contains(double[] set, double v) {
        if (set == null) {
            return true;
        }
        for (double s : set) {
            if (s == v) {
                return true;
            }
        }
        return false;
    }

    private static void checkImage(double[] src, int height, int width) {
        Objects.requireNonNull(src, "src");
        if (height < 0 || width < 0 || (long) height * width != src.length) {
            throw new IllegalArgumentException("image of " + src.length + " values is not " + height + "x" + width);
        }
    }
}
