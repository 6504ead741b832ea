package org.eolearn.io.sentinelhub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Stacks decoded TIFFs into patch arrays, with numpy's {@code astype} conversions. */
final class ImageStacks {

    private ImageStacks() {
    }

    /**
     * One band of each image as {@code (t, h, w, 1)} in a type ({@code np.asarray(..., dtype)}).
     */
    static INDArray band(List<TiffImage> images, int band, int t, int h, int w, DType type) {
        int n = Math.min(t, images.size());
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(t * h * w, type.itemSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            TiffImage img = images.get(i);
            if (img.bands() == 1 && img.type() == type) {
                out.put(img.data().duplicate()); // the common case: one band per TIFF, already in the wanted type
                continue;
            }
            if (band >= img.bands()) {
                throw new IllegalArgumentException("image " + (i + 1) + " has " + img.bands() + " bands, band "
                        + band + " requested");
            }
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    put(out, type, img.get(r, c, band));
                }
            }
        }
        out.position(out.capacity());
        out.flip();
        return NdArrays.fromBytes(type, new long[] {t, h, w, 1}, out);
    }

    /** All bands of the first {@code t} images as {@code (t, h, w, c)} in the images' own type. */
    static INDArray stack(List<TiffImage> images, int t, int h, int w) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to stack");
        }
        TiffImage first = images.get(0);
        int c = first.bands();
        DType type = first.type();
        int item = type.itemSize();
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(t * h * w * c, item)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < Math.min(t, images.size()); i++) {
            TiffImage img = images.get(i);
            if (img.bands() != c || img.type() != type) {
                throw new IllegalArgumentException("image " + (i + 1) + " has " + img.bands() + " bands of "
                        + img.type().numpyName() + ", the first has " + c + " of " + type.numpyName());
            }
            out.put(img.data().duplicate());
        }
        out.position(out.capacity());
        out.flip();
        return NdArrays.fromBytes(type, new long[] {t, h, w, c}, out);
    }

    static void put(ByteBuffer out, DType type, double v) {
        switch (type) {
            case BOOL -> out.put((byte) (v != 0 ? 1 : 0));
            case UINT8, INT8 -> out.put((byte) (long) v);
            case UINT16, INT16 -> out.putShort((short) (long) v);
            case UINT32, INT32 -> out.putInt((int) (long) v);
            case INT64, UINT64 -> out.putLong((long) v);
            case FLOAT32 -> out.putFloat((float) v);
            case FLOAT64 -> out.putDouble(v);
            default -> throw new IllegalArgumentException("cannot write " + type.numpyName() + " values");
        }
    }
}
