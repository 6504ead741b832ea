package org.eolearn.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.io.Compression;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eolearn copy SRC DST}: loads a patch and saves it (for example to change compression). */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Load a patch and save it elsewhere, all features or some, compressed or not.")
final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "The source patch folder.")
    Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "The target patch folder.")
    Path target;

    @Option(names = "--compress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "gzip feature files at level 1 as eo-learn does (default: ${DEFAULT-VALUE}).")
    boolean compress;

    @Option(names = "--zlib", description = "gzip with zlib at level 1 (eo-learn's exact setting) instead of the "
            + "faster built-in encoder.")
    boolean zlib;

    @Option(names = "--features", paramLabel = "SPEC", defaultValue = "...",
            description = "Features to copy: '...' for all, or comma-separated type, type/NAME or type/NAME/NEW "
                    + "items, e.g. data/NDVI,mask (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--overwrite", paramLabel = "MODE", defaultValue = "ADD_ONLY",
            description = "ADD_ONLY, OVERWRITE_FEATURES or OVERWRITE_PATCH (default: ${DEFAULT-VALUE}).")
    String overwrite;

    @Override
    public Integer call() throws Exception {
        FeatureSpec spec = FeatureSpec.parse(features);
        EOPatch patch = EOPatch.load(source, LoadOptions.defaults().withFeatures(spec).withLazy(true));
        // renames in the specification apply to the copy
        EOPatch renamed = patch;
        if (spec.items().stream().anyMatch(i -> i.newName() != null)) {
            renamed = new EOPatch(patch.bbox(), patch.timestamps());
            for (var f : new org.eolearn.core.FeatureParser(spec).getRenamedFeatures(patch)) {
                renamed.put(f.type(), f.newName(), patch.getRaw(f.type(), f.name()));
            }
        }
        Compression compression = !compress ? Compression.NONE : zlib ? Compression.GZIP_ZLIB : Compression.GZIP;
        try {
            renamed.save(target, SaveOptions.defaults().withCompression(compression)
                    .withOverwrite(OverwritePermission.parse(overwrite)).withSaveTimestamps(
                            patch.timestamps() != null ? Boolean.TRUE : null));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(e.getFile(), null, e.getReason()
                    + " (pass --overwrite OVERWRITE_FEATURES)");
        }
        System.out.println("copied " + renamed.getFeatures().size() + " features from " + source + " to " + target
                + (compress ? " (gzip)" : ""));
        return 0;
    }
}
