package org.eolearn.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eolearn.examples.LandCoverExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eolearn land-cover SCENES PATCH OUT}: the land-cover classification example. */
@Command(name = "land-cover", mixinStandardHelpOptions = true,
        description = {"Land-cover pixel classification: train LightGBM on the bands and NDVI of real Sentinel-2 "
                + "scenes with a patch's LULC labels, score it on held-out blocks, and write the predicted map.",
            "Example: eolearn land-cover ../shared/data/eolearn/REFERENCE_SCENES.npy "
                + "../shared/data/eolearn/TestEOPatch land-cover-out"})
final class LandCoverCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENES", description = "A .npy of Sentinel-2 scenes, (t, h, w, 13).")
    Path scenes;

    @Parameters(index = "1", paramLabel = "PATCH", description = "A patch holding mask_timeless/LULC (h, w, 1).")
    Path patch;

    @Parameters(index = "2", paramLabel = "OUT", description = "Output folder (model, PNG, result patch).")
    Path output;

    @Option(names = "--block-size", defaultValue = "10",
            description = "Side of the blocks split into train/validation/test (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--min-pixels", defaultValue = "50",
            description = "Leave out classes with fewer labelled pixels (default: ${DEFAULT-VALUE}).")
    int minPixels;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and training (default: "
            + "${DEFAULT-VALUE}).")
    int seed;

    @Override
    public Integer call() throws Exception {
        LandCoverExample.run(new LandCoverExample.Options(scenes, patch, output, blockSize, minPixels, seed),
                System.out);
        return 0;
    }
}
