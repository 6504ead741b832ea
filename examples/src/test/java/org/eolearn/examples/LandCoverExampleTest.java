package org.eolearn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The land-cover example on the real REFERENCE_SCENES and LULC labels of ../shared. */
class LandCoverExampleTest {

    @Test
    void trainsScoresAndWritesTheMaps(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LandCoverExample.Result r = LandCoverExample.run(new LandCoverExample.Options(
                SharedData.resolve("data/eolearn/REFERENCE_SCENES.npy"), SharedData.testEOPatch(), dir, 10, 50, 42),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        // class 1 has 11 labelled pixels: left out and said so; the others are learned
        assertThat(r.leftOut()).containsKey(1);
        assertThat(r.classes()).contains(2, 3);
        // LULC counts {2: 7601, 3: 1777, 4: 358, 8: 198}: every pixel of a learned class is in one subset
        java.util.Map<Integer, Integer> counts = java.util.Map.of(2, 7601, 3, 1777, 4, 358, 8, 198);
        int learned = java.util.Arrays.stream(r.classes()).map(counts::get).sum();
        assertThat(r.trainPixels() + r.validationPixels() + r.testPixels()).isEqualTo(learned);
        assertThat(r.testPixels()).isGreaterThan(1000);
        // the majority class (2) alone covers 77 % of labelled pixels: the model must beat that clearly
        assertThat(r.metrics().accuracy()).isGreaterThan(0.80);
        assertThat(printed).contains("accuracy:", "class 1 left out", "confusion matrix");
        BufferedImage png = ImageIO.read(r.png().toFile());
        assertThat(png.getWidth()).isEqualTo(2 * 100 * 4 + 8);
        assertThat(png.getHeight()).isEqualTo(101 * 4);
        EOPatch result = EOPatch.load(r.resultPatch());
        assertThat(result.getArray(FeatureType.MASK_TIMELESS, "LULC_PREDICTED").shape()).containsExactly(101, 100, 1);
        assertThat(result.getArray(FeatureType.DATA_TIMELESS, "LULC_PROBABILITIES").shape())
                .containsExactly(101, 100, r.classes().length);
        assertThat(Files.readString(r.model())).startsWith("tree");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void scenesOfAnotherSizeAreRejected(@TempDir Path dir) throws IOException {
        Path scenes = dir.resolve("small.npy");
        try (var out = Files.newOutputStream(scenes)) {
            org.eolearn.core.io.Npy.write(org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT32, 2, 10, 10,
                    13), out);
        }
        assertThatThrownBy(() -> LandCoverExample.run(new LandCoverExample.Options(scenes, SharedData.testEOPatch(),
                dir, 10, 50, 1), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 x 10")
                .hasMessageContaining("101 x 100");
    }
}
