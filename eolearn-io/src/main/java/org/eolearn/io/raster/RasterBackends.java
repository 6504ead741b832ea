package org.eolearn.io.raster;

import java.util.Locale;

/** The {@code backend} parameter of the GeoTIFF tasks: "java" (default) or "gdal". */
final class RasterBackends {

    static final String JAVA = "java";
    static final String GDAL = "gdal";

    private RasterBackends() {
    }

    static String check(String backend) {
        String b = backend == null ? JAVA : backend.trim().toLowerCase(Locale.ROOT);
        if (!b.equals(JAVA) && !b.equals(GDAL)) {
            throw new IllegalArgumentException("backend must be \"java\" or \"gdal\", got \"" + backend + "\"");
        }
        return b;
    }

    /**
     * Fails unless the backend can run.
     *
     * @param backend a checked backend name
     */
    static void require(String backend) {
        if (backend.equals(GDAL)) {
            GdalCodec.load();
        }
    }

    static GeoRaster read(String backend, java.nio.file.Path file) throws java.io.IOException {
        return backend.equals(GDAL) ? GdalCodec.read(file) : GeoTiff.read(file);
    }

    static void write(String backend, GeoRaster raster, java.nio.file.Path file, GeoTiff.Compression compression)
            throws java.io.IOException {
        if (backend.equals(GDAL)) {
            GdalCodec.write(raster, file, compression);
        } else {
            GeoTiff.write(raster, file, compression);
        }
    }
}
