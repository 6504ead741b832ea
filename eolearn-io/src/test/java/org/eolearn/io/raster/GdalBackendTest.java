package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection of the optional GDAL JNI library. */
class GdalBackendTest {

    @TempDir
    Path tmp;

    private static GdalBackend.Status withProperty(String value) {
        String saved = System.getProperty(GdalBackend.JNI_PROPERTY);
        try {
            System.setProperty(GdalBackend.JNI_PROPERTY, value);
            return GdalBackend.status();
        } finally {
            if (saved == null) {
                System.clearProperty(GdalBackend.JNI_PROPERTY);
            } else {
                System.setProperty(GdalBackend.JNI_PROPERTY, saved);
            }
        }
    }

    @Test
    void missingLibraryIsReportedWithTheFix() {
        GdalBackend.Status s = withProperty(tmp.resolve("empty").toString());
        assertThat(s.searched()).contains(tmp.resolve("empty").toString());
        if (s.jniLibrary().isEmpty()) {
            assertThat(s.available()).isFalse();
            assertThat(s.message()).startsWith("GDAL backend not available")
                    .contains("scripts/build-gdal-jni.sh").contains(GdalBackend.JNI_PROPERTY);
        }
    }

    @Test
    void findsTheLibraryInTheConfiguredFolder() throws Exception {
        Files.write(tmp.resolve("libgdalalljni.so"), new byte[] {0});
        GdalBackend.Status s = withProperty(tmp.toString());
        assertThat(s.jniLibrary()).contains(tmp.resolve("libgdalalljni.so"));
        GdalBackend.Status file = withProperty(tmp.resolve("libgdalalljni.so").toString());
        assertThat(file.jniLibrary()).contains(tmp.resolve("libgdalalljni.so"));
        // the Java bindings are not a dependency of eolearn-io: without them the backend stays unavailable
        if (!s.bindings()) {
            assertThat(s.available()).isFalse();
            assertThat(s.message()).contains("org.gdal.gdal.gdal");
        }
    }

    @Test
    void backendParameterIsValidated() {
        assertThat(RasterBackends.check(null)).isEqualTo("java");
        assertThat(RasterBackends.check(" GDAL ")).isEqualTo("gdal");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RasterBackends.check("rasterio"))
                .hasMessageContaining("backend");
    }
}
