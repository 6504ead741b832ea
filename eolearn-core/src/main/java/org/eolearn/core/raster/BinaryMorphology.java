package org.eolearn.core.raster;

/**
 * Binary morphology on row-major flag images, the one implementation the mask, cloud and geometry modules use:
 * the structuring elements of scikit-image ({@code disk}) and OpenCV ({@code MORPH_ELLIPSE}), and dilation with
 * OpenCV's default border (pixels outside the image never contribute).
 *
 * <pre>{@code
 * boolean[] kernel = BinaryMorphology.disk(2);                      // 5 x 5
 * boolean[] grown = BinaryMorphology.dilate(mask, h, w, kernel, 5, 5);
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Stateless.
 *
 * @since 0.1
 */
public final class BinaryMorphology {

    private BinaryMorphology() {
    }

    /**
     * The disk of radius r: cells with {@code dx² + dy² <= r²} of a (2r+1)² square ({@code skimage.morphology.disk}
     * and s2cloudless's {@code cv2_disk}).
     *
     * @param r the radius, at least 0
     * @return (2r+1)² flags, row-major
     */
    public static boolean[] disk(int r) {
        if (r < 0) {
            throw new IllegalArgumentException("radius must be >= 0, got " + r);
        }
        int size = 2 * r + 1;
        boolean[] d = new boolean[size * size];
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                d[(dy + r) * size + dx + r] = dx * dx + dy * dy <= r * r;
            }
        }
        return d;
    }

    /**
     * OpenCV's {@code MORPH_ELLIPSE} element inscribed in a {@code width × height} box: row {@code i} is filled from
     * {@code c - dx} to {@code c + dx} (clipped) where {@code r = height / 2}, {@code c = width / 2} and
     * {@code dx = round(c * sqrt((r² - (i - r)²) / r²))}, rounding half to even; rows with {@code |i - r| > r} stay
     * empty.
     *
     * @param width  columns, at least 1
     * @param height rows, at least 1
     * @return {@code height * width} flags, row-major
     */
    public static boolean[] ellipse(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("kernel size must be at least 1 x 1, got " + width + " x " + height);
        }
        int r = height / 2;
        int c = width / 2;
        double invR2 = r == 0 ? 0 : 1.0 / ((double) r * r);
        boolean[] cells = new boolean[width * height];
        for (int i = 0; i < height; i++) {
            int dy = i - r;
            if (Math.abs(dy) > r) {
                continue;
            }
            int dx = (int) Math.rint(c * Math.sqrt((r * r - dy * dy) * invR2));
            int j1 = Math.max(c - dx, 0);
            int j2 = Math.min(c + dx + 1, width);
            for (int j = j1; j < j2; j++) {
                cells[i * width + j] = true;
            }
        }
        return cells;
    }

    /**
     * Dilates a binary image with a kernel anchored at its centre ({@code (kw / 2, kh / 2)}), as {@code cv2.dilate}
     * with its default border: a pixel is set when a set kernel cell covers a set pixel of the image.
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
        if (image.length != h * w) {
            throw new IllegalArgumentException("the image has " + image.length + " flags, not " + h + " x " + w);
        }
        byte[] src = new byte[image.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (image[i] ? 1 : 0);
        }
        byte[] dst = new byte[src.length];
        dilate(src, h, w, kernel, kh, kw, dst);
        boolean[] out = new boolean[dst.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dst[i] != 0;
        }
        return out;
    }

    /**
     * {@link #dilate(boolean[], int, int, boolean[], int, int)} on bytes (non-zero = set), into a given array.
     *
     * @param src    {@code h * w} values, row-major
     * @param h      the image height
     * @param w      the image width
     * @param kernel {@code kh * kw} flags, row-major
     * @param kh     the kernel height
     * @param kw     the kernel width
     * @param dst    receives {@code h * w} values 0 or 1 (must not be {@code src})
     */
    public static void dilate(byte[] src, int h, int w, boolean[] kernel, int kh, int kw, byte[] dst) {
        if (src.length != h * w || dst.length != h * w || kernel.length != kh * kw) {
            throw new IllegalArgumentException("array lengths do not match the sizes " + h + " x " + w + " and "
                    + kh + " x " + kw);
        }
        if (src == dst) {
            throw new IllegalArgumentException("dilation cannot be done in place");
        }
        int cy = kh / 2;
        int cx = kw / 2;
        int n = 0;
        for (boolean k : kernel) {
            n += k ? 1 : 0;
        }
        int[] dys = new int[n];
        int[] dxs = new int[n];
        for (int i = 0, m = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                if (kernel[i * kw + j]) {
                    dys[m] = i - cy;
                    dxs[m++] = j - cx;
                }
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = 0;
                for (int m = 0; m < n; m++) {
                    int yy = y + dys[m];
                    int xx = x + dxs[m];
                    if (yy >= 0 && yy < h && xx >= 0 && xx < w && src[yy * w + xx] != 0) {
                        v = 1;
                        break;
                    }
                }
                dst[y * w + x] = v;
            }
        }
    }
}
