package org.eolearn.io.raster;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Finds a Python with GDAL's bindings and numpy (Debian's python3-gdal), the GDAL oracle of the raster tests. */
final class GdalPython {

    private GdalPython() {
    }

    /**
     * Returns the Python command, or null when none has GDAL's bindings.
     *
     * @return {@code /usr/bin/python3}, {@code python3} or null
     */
    static String find() {
        for (String p : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import osgeo.gdal, numpy").redirectErrorStream(true)
                        .start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
