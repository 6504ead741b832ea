package org.eolearn.io.sentinelhub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GeoTiff;

/**
 * Decodes TIFF answers of the Process and OGC APIs into a {@link TiffImage}, with the module's one TIFF reader
 * ({@link GeoTiff}): classic TIFF and BigTIFF, both byte orders, strips and tiles, chunky and planar, uncompressed,
 * Deflate, LZW or PackBits with their predictors, integer and float samples.
 *
 * @since 0.1
 */
public final class TiffDecoder {

    private TiffDecoder() {
    }

    /**
     * Decodes a TIFF.
     *
     * @param bytes the file
     * @param what  a name for messages (e.g. the request or the tar member)
     * @return the image (height × width × bands, interleaved)
     * @throws IllegalArgumentException naming {@code what} if the bytes are not a supported TIFF
     */
    public static TiffImage decode(byte[] bytes, String what) {
        GeoRaster r;
        try {
            r = GeoTiff.read(bytes, what);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (r.height() == 0 || r.width() == 0) {
            throw new IllegalArgumentException(what + ": the TIFF image is empty");
        }
        if (r.bands() == 1) {
            return new TiffImage(r.width(), r.height(), 1, r.type(), r.data());
        }
        // the reader gives band-sequential samples; the answers are read pixel-interleaved
        int item = r.type().itemSize();
        int n = r.height() * r.width();
        ByteBuffer src = r.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(n * r.bands() * item).order(ByteOrder.LITTLE_ENDIAN);
        byte[] sample = new byte[item];
        for (int b = 0; b < r.bands(); b++) {
            for (int p = 0; p < n; p++) {
                src.position((b * n + p) * item);
                src.get(sample);
                out.position((p * r.bands() + b) * item);
                out.put(sample);
            }
        }
        out.position(0);
        return new TiffImage(r.width(), r.height(), r.bands(), r.type(), out);
    }
}
