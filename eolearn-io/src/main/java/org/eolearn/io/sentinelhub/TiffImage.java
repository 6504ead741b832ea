package org.eolearn.io.sentinelhub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A decoded TIFF raster: {@code height × width × bands} samples of one type, pixel-interleaved, little-endian.
 *
 * @param width  the width in pixels
 * @param height the height in pixels
 * @param bands  the samples per pixel
 * @param type   the sample type
 * @param data   the samples in (row, column, band) order, little-endian (read-only view)
 * @since 0.1
 */
public record TiffImage(int width, int height, int bands, DType type, ByteBuffer data) {

    /**
     * Validates the image.
     *
     * @param width  positive
     * @param height positive
     * @param bands  positive
     * @param type   not null
     * @param data   exactly {@code width*height*bands*itemSize} bytes
     */
    public TiffImage {
        Objects.requireNonNull(type, "type");
        if (width <= 0 || height <= 0 || bands <= 0) {
            throw new IllegalArgumentException("TIFF image must not be empty, got " + width + "x" + height + "x"
                    + bands);
        }
        long n = (long) width * height * bands * type.itemSize();
        if (data.remaining() != n) {
            throw new IllegalArgumentException("TIFF image data holds " + data.remaining() + " bytes, expected " + n);
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads one sample as a double.
     *
     * @param row  the row
     * @param col  the column
     * @param band the band
     * @return the value
     */
    public double get(int row, int col, int band) {
        long index = ((long) row * width + col) * bands + band;
        return sample(index);
    }

    private double sample(long index) {
        int off = (int) (index * type.itemSize());
        switch (type) {
            case UINT8:
            case BOOL:
                return data.get(off) & 0xff;
            case INT8:
                return data.get(off);
            case UINT16:
                return data.getShort(off) & 0xffff;
            case INT16:
                return data.getShort(off);
            case UINT32:
                return data.getInt(off) & 0xffffffffL;
            case INT32:
                return data.getInt(off);
            case FLOAT32:
                return data.getFloat(off);
            case FLOAT64:
                return data.getDouble(off);
            default:
                throw new IllegalStateException("unsupported TIFF sample type " + type);
        }
    }

    /**
     * Returns the image as an array of shape {@code (height, width, bands)} in its own type.
     *
     * @return the array
     */
    public INDArray toArray() {
        return NdArrays.fromBytes(type, new long[] {height, width, bands}, data.duplicate()
                .order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Returns one band's samples as doubles, row-major.
     *
     * @param band the band index
     * @return {@code height*width} values
     */
    public double[] band(int band) {
        if (band < 0 || band >= bands) {
            throw new IndexOutOfBoundsException("band " + band + " of a " + bands + "-band image");
        }
        double[] out = new double[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample((long) i * bands + band);
        }
        return out;
    }
}
