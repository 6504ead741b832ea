package org.eolearn.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.io.EOPatchIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The benchmarks' data: eo-learn's TestEOPatch with its 13-band stack, and folder helpers. */
final class BenchData {

    private BenchData() {
    }

    /**
     * Loads the TestEOPatch and adds {@code BANDS-S2-L1C}: a (t, 101, 100, 13) float32 stack cycling through the 5
     * real scenes of {@code REFERENCE_SCENES.npy} (eo-learn's copy of the patch has real bands there).
     */
    static EOPatch testPatchWithBands(Path shared) throws IOException {
        Path source = shared.resolve("data/eolearn/TestEOPatch");
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("TestEOPatch not found at " + source + "; pass --shared");
        }
        EOPatch patch = EOPatch.load(source);
        patch.put(FeatureType.DATA, "BANDS-S2-L1C", bandStack(shared.resolve("data/eolearn/REFERENCE_SCENES.npy"),
                patch.timestamps().size()));
        return patch;
    }

    static INDArray bandStack(Path scenesFile, int frames) throws IOException {
        INDArray scenes = EOPatchIO.readArray(scenesFile);
        long[] s = scenes.shape();
        INDArray out = Nd4j.create(DType.FLOAT32.dataType(), new long[] {frames, s[1], s[2], s[3]}, 'c');
        for (int t = 0; t < frames; t++) {
            out.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(scenes.get(NDArrayIndex.point(t % s[0]), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.all()));
        }
        return out;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
