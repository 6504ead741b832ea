package org.eolearn.cloudless;

/**
 * The image kernels of s2cloudless's post-processing, as plain static methods over row-major frames: the disk
 * structuring element, the disk average (OpenCV's {@code filter2D} with {@code BORDER_REFLECT}, to the last bit)
 * and the disk dilation ({@code cv2.dilate}, pixels outside the image ignored).
 *
 * @since 0.1
 */
public final class CloudKernels {

    /** OpenCV switches {@code filter2D} to a DFT for float kernels of this many cells or more. */
    public static final int MAX_EXACT_KERNEL_AREA = 130;

    private CloudKernels() {
    }

    /**
     * The disk of radius r: cells with {@code dx² + dy² <= r²} of a (2r+1)² square (= {@code skimage.disk(r)} =
     * s2cloudless's {@code cv2_disk(r)}).
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

    /** {@code BORDER_REFLECT}: {@code fedcba|abcdefgh|hgfedcb} (edge pixel repeated). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int p = i;
        while (p < 0 || p >= n) {
            p = p < 0 ? -p - 1 : 2 * n - p - 1;
        }
        return p;
    }

    /**
     * Averages a frame over a disk of radius r with reflected borders, as
     * {@code cv2.filter2D(src, -1, disk/sum(disk), borderType=BORDER_REFLECT)} computes it in float32: the
     * coefficient {@code (float)(1/count)} is accumulated with fused multiply-adds over the disk's cells in
     * row-major order, which matches OpenCV's SIMD loop bit for bit for disks of fewer than
     * {@value #MAX_EXACT_KERNEL_AREA} cells (radius up to 5).
     *
     * @param src the frame, h*w values
     * @param h   the height
     * @param w   the width
     * @param r   the disk radius
     * @param dst receives the h*w averages (may not be src)
     */
    public static void averageDisk(float[] src, int h, int w, int r, float[] dst) {
        boolean[] disk = disk(r);
        int size = 2 * r + 1;
        int count = 0;
        for (boolean b : disk) {
            count += b ? 1 : 0;
        }
        int[] dys = new int[count];
        int[] dxs = new int[count];
        int k = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (disk[(dy + r) * size + dx + r]) {
                    dys[k] = dy;
                    dxs[k] = dx;
                    k++;
                }
            }
        }
        float coef = (float) (1.0 / count);
        int[] xIndex = new int[w + 2 * r];
        for (int x = -r; x < w + r; x++) {
            xIndex[x + r] = reflect(x, w);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0f;
                for (int c = 0; c < count; c++) {
                    int yy = reflect(y + dys[c], h);
                    s = Math.fma(src[yy * w + xIndex[x + dxs[c] + r]], coef, s);
                }
                dst[y * w + x] = s;
            }
        }
    }

    /**
     * Dilates a binary frame with a disk of radius r ({@code cv2.dilate}); pixels outside the frame are ignored.
     *
     * @param src the frame, h*w values (non-zero = set)
     * @param h   the height
     * @param w   the width
     * @param r   the disk radius
     * @param dst receives h*w values 0 or 1 (may not be src)
     */
    public static void dilateDisk(byte[] src, int h, int w, int r, byte[] dst) {
        boolean[] disk = disk(r);
        int size = 2 * r + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = 0;
                search:
                for (int dy = -r; dy <= r; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < w && disk[(dy + r) * size + dx + r] && src[yy * w + xx] != 0) {
                            v = 1;
                            break search;
                        }
                    }
                }
                dst[y * w + x] = v;
            }
        }
    }
}
