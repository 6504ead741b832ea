package org.eolearn.mask;

import org.eolearn.geometry.morphology.Morphology;
import org.eolearn.geometry.morphology.StructuringElement;

/**
 * Numeric kernels of the mask tasks over plain Java arrays: OpenCV's elliptic structuring element and a binary
 * dilation with OpenCV's border rule, as eo-learn's {@code SnowMaskTask} calls them
 * ({@code cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (n, n))} and {@code cv2.dilate}).
 *
 * <h2>Thread-safety</h2>
 * Stateless; every method only writes the arrays it returns.
 *
 * @since 0.1
 */
public final class MaskKernels {

    private MaskKernels() {
    }

    /**
     * Returns OpenCV's elliptic structuring element of a size, row by row ({@code MORPH_ELLIPSE}).
     *
     * <p>Row {@code i} is set from column {@code c - dx} to {@code c + dx} (clipped), where {@code r = height / 2},
     * {@code c = width / 2}, {@code dy = i - r} and {@code dx = round(c * sqrt((r² - dy²) / r²))}, rounding half to
     * even; rows with {@code |dy| > r} (only the first row of an even height) stay empty. A 1 × 1 element is one set
     * pixel.
     *
     * @param width  the kernel width, at least 1
     * @param height the kernel height, at least 1
     * @return {@code height * width} flags in row-major order
     * @throws IllegalArgumentException if a size is below 1
     */
    public static boolean[] ellipseKernel(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("kernel size must be at least 1 x 1, got " + width + " x " + height);
        }
        StructuringElement e = StructuringElement.ellipse(width, height);
        boolean[] k = new boolean[width * height];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                k[i * width + j] = e.get(i, j);
            }
        }
        if (width == 1 && height == 1) {
            k[0] = true;
        }
        return k;
    }

    /**
     * Dilates a binary image with a structuring element anchored at its centre ({@code (kw / 2, kh / 2)}), as
     * {@code cv2.dilate} with its default border: pixels outside the image never contribute.
     *
     * @param image  {@code h * w} flags, row-major
     * @param h      the image height
     * @param w      the image width
     * @param kernel {@code kh * kw} flags, row-major
     * @param kh     the kernel height
     * @param kw     the kernel width
     * @return the dilated image, a new array
     * @throws IllegalArgumentException if an array length does not match its size
     */
    public static boolean[] dilate(boolean[] image, int h, int w, boolean[] kernel, int kh, int kw) {
        if (image.length != h * w || kernel.length != kh * kw) {
            throw new IllegalArgumentException("array lengths do not match the sizes " + h + " x " + w + " and "
                    + kh + " x " + kw);
        }
        int[][] cells = new int[kh][kw];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                cells[i][j] = kernel[i * kw + j] ? 1 : 0;
            }
        }
        double[] values = new double[image.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = image[i] ? 1 : 0;
        }
        // a binary dilation is the maximum filter of eolearn-geometry's morphology on 0/1 values
        double[] dilated = Morphology.dilate(values, h, w, StructuringElement.of(cells));
        boolean[] out = new boolean[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dilated[i] != 0;
        }
        return out;
    }
}
