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
        if (!backend.equals(GDAL)) {
            return;
        }
        GdalBackend.Status s = GdalBackend.status();
        if (!s.available()) {
            throw new IllegalStateException(s.message());
        }
        throw new UnsupportedOperationException("GDAL backend found (" + s.jniLibrary().orElseThrow() + ") but "
                + "reading and writing through GDAL is not implemented in this version; use backend=\"java\"");
    }
}
