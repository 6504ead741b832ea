package org.eolearn.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM states the third-party versions users align with, and they are the versions the build uses. */
class BomTest {

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("eolearn-bom")) ? p : p.getParent();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).trim();
    }

    @Test
    void bomVersionsAreTheBuildsAndCoverTheNativeBackend() throws Exception {
        String build = Files.readString(root().resolve("pom.xml"));
        String bom = Files.readString(root().resolve("eolearn-bom/pom.xml"));
        for (String name : new String[] {"nd4j.version", "jts.version", "slf4j.version", "logback.version"}) {
            assertThat(property(bom, name)).as(name).isEqualTo(property(build, name));
        }
        assertThat(bom).contains("<artifactId>nd4j-api</artifactId>")
                .contains("<artifactId>nd4j-native</artifactId><version>${nd4j.version}</version></dependency>")
                .contains("<classifier>linux-x86_64</classifier>").contains("<artifactId>logback-classic</artifactId>");
        for (String module : new String[] {"eolearn-core", "eolearn-io", "eolearn-mask", "eolearn-features",
            "eolearn-geometry", "eolearn-ml", "eolearn-registration", "cloudless", "eolearn-spark"}) {
            assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
        }
    }
}
