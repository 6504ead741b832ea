package org.eolearn.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.io.AtomicFiles;
import org.eolearn.core.io.Npy;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.ml.classification.Metrics;
import org.eolearn.ml.classification.PixelClassificationTask;
import org.eolearn.ml.classification.PixelClassifier;
import org.eolearn.ml.classification.TrainingTable;
import org.eolearn.ml.sampling.TrainTestSplitTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Land-cover pixel classification on real Sentinel-2 data: eo-learn's land-cover example in small.
 *
 * <p>The features of a pixel are the 13 Sentinel-2 bands of the 5 scenes of {@code REFERENCE_SCENES.npy} (65
 * columns, frame-major) plus the NDVI of each scene; the labels are the land-use/land-cover mask {@code LULC} of the
 * TestEOPatch (0 = no data). The patch is cut into square blocks, and {@link TrainTestSplitTask} assigns whole
 * blocks to training, validation and test ({@code PER_CLASS} over block ids, 60/20/20), so test pixels are not
 * neighbours of training pixels. Classes with fewer than {@link Options#minPixels()} labelled pixels are left out
 * (too rare to learn or to score) and so are classes that end up with no training block; both are reported. A
 * LightGBM model is trained with early stopping on the validation blocks, saved in LightGBM's text format, read
 * back by the pure-Java predictor, and scored on the test blocks; the predicted map is written as a PNG beside the
 * true map.
 *
 * <pre>
 * eolearn land-cover ../shared/data/eolearn/REFERENCE_SCENES.npy ../shared/data/eolearn/TestEOPatch out/
 * </pre>
 *
 * @since 0.1
 */
public final class LandCoverExample {

    /** The labels feature of the TestEOPatch. */
    public static final Feature LULC = Feature.of(FeatureType.MASK_TIMELESS, "LULC");

    private static final Feature BANDS = Feature.of(FeatureType.DATA_TIMELESS, "BANDS_STACK");
    private static final Feature NDVI = Feature.of(FeatureType.DATA_TIMELESS, "NDVI_STACK");
    private static final Feature BLOCKS = Feature.of(FeatureType.MASK_TIMELESS, "BLOCK_ID");
    private static final Feature SPLIT = Feature.of(FeatureType.MASK_TIMELESS, "SPLIT");
    private static final Feature PREDICTED = Feature.of(FeatureType.MASK_TIMELESS, "LULC_PREDICTED");
    private static final Feature PROBABILITIES = Feature.of(FeatureType.DATA_TIMELESS, "LULC_PROBABILITIES");
    private static final int B04 = 3;
    private static final int B08 = 7;

    /** Colours of the LULC classes of the TestEOPatch (Slovenian land-use classes), 0 = no data. */
    private static final Map<Integer, Integer> PALETTE = Map.of(0, 0xFFFFFF, 1, 0xFFFF00, 2, 0x054907, 3, 0xFFA500,
            4, 0x806000, 5, 0x069AF3, 6, 0x95D0FC, 7, 0x967BB6, 8, 0xDC143C, 9, 0xA6A6A6);

    private LandCoverExample() {
    }

    /**
     * Settings of a run.
     *
     * @param scenes    REFERENCE_SCENES.npy, float32 (t, h, w, 13)
     * @param patch     the folder of a patch holding {@code mask_timeless/LULC} of size (h, w, 1)
     * @param output    a folder for the model, the PNG and the result patch
     * @param blockSize the side of the square blocks that are split into train/validation/test
     * @param minPixels classes with fewer labelled pixels are left out
     * @param seed      the seed of the split and of LightGBM
     */
    public record Options(Path scenes, Path patch, Path output, int blockSize, int minPixels, int seed) {
        /**
         * Checks the settings.
         *
         * @param scenes    the scenes file
         * @param patch     the labels patch
         * @param output    the output folder
         * @param blockSize at least 1
         * @param minPixels at least 1
         * @param seed      any
         */
        public Options {
            if (blockSize < 1) {
                throw new IllegalArgumentException("blockSize must be at least 1, got " + blockSize);
            }
            if (minPixels < 1) {
                throw new IllegalArgumentException("minPixels must be at least 1, got " + minPixels);
            }
        }
    }

    /**
     * What a run produced.
     *
     * @param metrics       scores on the held-out test blocks
     * @param classes       the classes learned
     * @param leftOut       classes left out, with the reason
     * @param trainPixels   training pixels
     * @param validationPixels validation pixels
     * @param testPixels    test pixels
     * @param model         the saved LightGBM model
     * @param png           the PNG of the true and predicted maps
     * @param resultPatch   the patch with the predicted labels and probabilities
     */
    public record Result(Metrics metrics, int[] classes, Map<Integer, String> leftOut, int trainPixels,
                         int validationPixels, int testPixels, Path model, Path png, Path resultPatch) {
    }

    /**
     * Runs the example.
     *
     * @param o   the settings
     * @param out where progress and metrics are printed
     * @return the result
     * @throws IOException if reading or writing fails
     */
    public static Result run(Options o, PrintStream out) throws IOException {
        INDArray scenes = Npy.read(o.scenes());
        if (scenes.rank() != 4 || scenes.size(3) <= B08) {
            throw new IllegalArgumentException("scenes " + o.scenes() + " must be (t, h, w, 13) Sentinel-2 bands, got "
                    + Arrays.toString(scenes.shape()));
        }
        EOPatch patch = EOPatch.load(o.patch(), LoadOptions.defaults().withFeatures(FeatureSpec.of(LULC)));
        int[] size = patch.getSpatialDimension(LULC.type(), LULC.name());
        if (scenes.size(1) != size[0] || scenes.size(2) != size[1]) {
            throw new IllegalArgumentException("scenes are " + scenes.size(1) + " x " + scenes.size(2) + " pixels but "
                    + LULC + " of " + o.patch() + " is " + size[0] + " x " + size[1]);
        }
        int h = size[0];
        int w = size[1];
        int t = (int) scenes.size(0);
        // the scenes carry no dates: their bands become timeless (h, w, t * 13) stacks, frame-major
        patch.put(BANDS, stack(scenes));
        patch.put(NDVI, stack(ndvi(scenes)));
        out.printf(Locale.ROOT, "scenes %s, labels %s %d x %d%n", Arrays.toString(scenes.shape()), LULC, h, w);

        // 1. which classes take part
        double[] lulc = NdArrays.toDoubles(patch.getArray(LULC.type(), LULC.name()));
        Map<Integer, Integer> counts = new TreeMap<>();
        for (double v : lulc) {
            counts.merge((int) v, 1, Integer::sum);
        }
        Map<Integer, String> leftOut = new TreeMap<>();
        counts.forEach((c, n) -> {
            if (c != 0 && n < o.minPixels()) {
                leftOut.put(c, n + " labelled pixels, fewer than " + o.minPixels());
            }
        });

        // 2. blocks to train / validation / test, whole blocks at a time
        double[] blocks = new double[h * w];
        int blocksPerRow = (w + o.blockSize() - 1) / o.blockSize();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                blocks[r * w + c] = (r / o.blockSize()) * blocksPerRow + c / o.blockSize();
            }
        }
        patch.put(BLOCKS, NdArrays.fromDoubles(DType.INT32, new long[] {h, w, 1}, blocks));
        new TrainTestSplitTask(BLOCKS, SPLIT, new double[] {0.6, 0.8}, TrainTestSplitTask.SplitType.PER_CLASS,
                Set.of()).execute(List.of(patch), Map.of("seed", o.seed()));
        double[] split = NdArrays.toDoubles(patch.getArray(SPLIT.type(), SPLIT.name()));

        // 3. a labels mask per subset (0 where a pixel belongs elsewhere or its class is left out)
        Map<Integer, Integer> trainCounts = new TreeMap<>();
        for (int i = 0; i < lulc.length; i++) {
            if (split[i] == 1 && lulc[i] != 0) {
                trainCounts.merge((int) lulc[i], 1, Integer::sum);
            }
        }
        counts.keySet().stream().filter(c -> c != 0 && !leftOut.containsKey(c) && !trainCounts.containsKey(c))
                .forEach(c -> leftOut.put(c, "no training block holds it"));
        List<Feature> subsets = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            double[] labels = new double[h * w];
            for (int i = 0; i < labels.length; i++) {
                boolean keep = split[i] == s && !leftOut.containsKey((int) lulc[i]);
                labels[i] = keep ? lulc[i] : 0;
            }
            Feature f = Feature.of(FeatureType.MASK_TIMELESS, "LULC_SUBSET_" + s);
            patch.put(f, NdArrays.fromDoubles(DType.UINT16, new long[] {h, w, 1}, labels));
            subsets.add(f);
        }
        leftOut.forEach((c, why) -> out.printf(Locale.ROOT, "class %d left out: %s%n", c, why));

        // 4. train, save, read back with the pure-Java predictor, score on the test blocks
        List<Feature> features = List.of(BANDS, NDVI);
        TrainingTable train = TrainingTable.fromPatches(List.of(patch), features, subsets.get(0), 0);
        TrainingTable validation = TrainingTable.fromPatches(List.of(patch), features, subsets.get(1), 0);
        TrainingTable test = TrainingTable.fromPatches(List.of(patch), features, subsets.get(2), 0);
        out.printf(Locale.ROOT, "%d features per pixel (%d scenes x 13 bands + NDVI); pixels: train %d, validation %d,"
                + " test %d%n", train.numFeatures(), t, train.size(), validation.size(), test.size());
        PixelClassifier trained = PixelClassifier.train(train, validation, new PixelClassifier.Options(500, 31, 0.05,
                30, o.seed(), "min_data_in_leaf=10"));
        Files.createDirectories(o.output());
        Path modelFile = o.output().resolve("land-cover-model.txt");
        trained.save(modelFile);
        PixelClassifier classifier = PixelClassifier.load(modelFile);
        Metrics metrics = classifier.evaluate(test);
        out.printf(Locale.ROOT, "model: %d trees, saved to %s%n", classifier.model().numTrees(), modelFile);
        out.print("held-out test blocks: " + metrics.report());

        // 5. classify every pixel, write the maps and the result patch
        new PixelClassificationTask(classifier, features, PREDICTED, PROBABILITIES).execute(patch);
        Path png = o.output().resolve("land-cover.png");
        writeMaps(lulc, NdArrays.toDoubles(patch.getArray(PREDICTED.type(), PREDICTED.name())), h, w, png);
        Path resultPatch = o.output().resolve("land-cover-patch");
        EOPatch result = new EOPatch();
        for (Feature f : List.of(LULC, SPLIT, PREDICTED, PROBABILITIES)) {
            result.put(f, patch.getArray(f.type(), f.name()));
        }
        result.save(resultPatch, SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
        out.println("wrote " + png + " (left: LULC labels, right: prediction) and " + resultPatch);
        return new Result(metrics, classifier.classes(), leftOut, train.size(), validation.size(), test.size(),
                modelFile, png, resultPatch);
    }

    private static INDArray stack(INDArray temporal) {
        long[] s = temporal.shape();
        return temporal.permute(1, 2, 0, 3).dup('c').reshape('c', s[1], s[2], s[0] * s[3]);
    }

    private static INDArray ndvi(INDArray scenes) {
        int t = (int) scenes.size(0);
        int h = (int) scenes.size(1);
        int w = (int) scenes.size(2);
        int d = (int) scenes.size(3);
        double[] v = NdArrays.toDoubles(scenes);
        double[] out = new double[t * h * w];
        for (int i = 0; i < out.length; i++) {
            double nir = v[i * d + B08];
            double red = v[i * d + B04];
            out[i] = nir + red == 0 ? 0 : (nir - red) / (nir + red);
        }
        return NdArrays.fromDoubles(DType.FLOAT32, new long[] {t, h, w, 1}, out);
    }

    /** The true (left) and predicted (right) maps, 4 pixels per pixel, written through a temporary file. */
    private static void writeMaps(double[] truth, double[] predicted, int h, int w, Path png) throws IOException {
        int scale = 4;
        int gap = 8;
        BufferedImage image = new BufferedImage((2 * w) * scale + gap, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int left = PALETTE.getOrDefault((int) truth[r * w + c], 0x808080);
                int right = PALETTE.getOrDefault((int) predicted[r * w + c], 0x808080);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(c * scale + dx, r * scale + dy, left);
                        image.setRGB(w * scale + gap + c * scale + dx, r * scale + dy, right);
                    }
                }
            }
        }
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
