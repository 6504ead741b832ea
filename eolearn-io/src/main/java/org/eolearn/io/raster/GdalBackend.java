package org.eolearn.io.raster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the optional GDAL backend: GDAL's Java bindings ({@code org.gdal:gdal}, class {@code org.gdal.gdal.gdal})
 * and their JNI library {@code libgdalalljni.so}, which Debian does not ship and {@code scripts/build-gdal-jni.sh}
 * builds from Debian's GDAL source.
 *
 * <p>The JNI library is looked for in the system property {@code eolearn.gdal.jni} (the library file or its
 * folder), then in every folder of {@code java.library.path}; the bindings ({@code gdal.jar}, written next to the
 * library by the script) must be on the class path. Nothing is loaded until a task runs with
 * {@code backend="gdal"}; by default the tasks use the pure-Java GeoTIFF codec ({@link GeoTiff}).
 *
 * <pre>{@code
 * if (!GdalBackend.status().available()) {
 *     System.out.println(GdalBackend.status().message());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class GdalBackend {

    /** The system property naming the JNI library or its folder. */
    public static final String JNI_PROPERTY = "eolearn.gdal.jni";

    private static final String[] LIBRARY_NAMES = {"libgdalalljni.so", "libgdalalljni.dylib", "gdalalljni.dll"};
    private static final String BINDINGS_CLASS = "org.gdal.gdal.gdal";

    private GdalBackend() {
    }

    /**
     * What was found.
     *
     * @param jniLibrary the JNI library, if found
     * @param bindings   whether GDAL's Java bindings are on the class path
     * @param searched   the places searched for the JNI library
     */
    public record Status(Optional<Path> jniLibrary, boolean bindings, List<String> searched) {

        /**
         * Copies the search list.
         *
         * @param jniLibrary the JNI library, if found
         * @param bindings   whether GDAL's Java bindings are on the class path
         * @param searched   the places searched
         */
        public Status {
            searched = List.copyOf(searched);
        }

        /**
         * Tells whether both the JNI library and the bindings are present.
         *
         * @return true when the GDAL backend can be loaded
         */
        public boolean available() {
            return jniLibrary.isPresent() && bindings;
        }

        /**
         * Explains the status.
         *
         * @return a message saying what is missing and how to get it
         */
        public String message() {
            if (available()) {
                return "GDAL backend found: JNI library " + jniLibrary.get() + ", Java bindings on the class path";
            }
            StringBuilder sb = new StringBuilder("GDAL backend not available: ");
            if (jniLibrary.isEmpty()) {
                sb.append("no ").append(LIBRARY_NAMES[0]).append(" in ").append(searched)
                        .append(" (run scripts/build-gdal-jni.sh and pass -D").append(JNI_PROPERTY)
                        .append("=<its output folder>)");
            }
            if (!bindings) {
                sb.append(jniLibrary.isEmpty() ? "; " : "").append("GDAL's Java bindings (org.gdal:gdal, class ")
                        .append(BINDINGS_CLASS).append(") are not on the class path (add the gdal.jar that scripts/build-gdal-jni.sh writes)");
            }
            return sb.toString();
        }
    }

    /**
     * Looks for the backend (cheap: file checks only, nothing is loaded).
     *
     * @return the status
     */
    public static Status status() {
        List<String> searched = new ArrayList<>();
        Path found = null;
        String prop = System.getProperty(JNI_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop.trim());
            searched.add(p.toString());
            found = Files.isRegularFile(p) ? p : findIn(p);
        }
        if (found == null) {
            String libPath = System.getProperty("java.library.path", "");
            for (String dir : libPath.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                searched.add(dir);
                found = findIn(Path.of(dir));
                if (found != null) {
                    break;
                }
            }
        }
        boolean bindings;
        try {
            Class.forName(BINDINGS_CLASS, false, GdalBackend.class.getClassLoader());
            bindings = true;
        } catch (ClassNotFoundException | LinkageError e) {
            bindings = false;
        }
        return new Status(Optional.ofNullable(found), bindings, searched);
    }

    private static Path findIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (String name : LIBRARY_NAMES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
