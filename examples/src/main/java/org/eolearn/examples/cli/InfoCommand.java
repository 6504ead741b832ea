package org.eolearn.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eolearn.core.EOPatch;
import org.eolearn.core.io.LoadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eolearn info PATCH}: prints a patch like eo-learn's repr after loading it, reading only the arrays' NPY
 * headers (vectors, meta info, bbox and timestamps are read; no array is).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a patch like eo-learn's repr: bbox, timestamps and every feature's dtype and shape "
                + "(arrays are described from their file headers, not read).")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATCH", description = "The patch folder.")
    Path patch;

    @Option(names = "--lazy", description = "Do not read the features (only list their files).")
    boolean lazy;

    @Override
    public Integer call() throws Exception {
        EOPatch p = EOPatch.load(patch, LoadOptions.defaults().withLazy(true));
        System.out.println(lazy ? p.toString() : p.describe());
        return 0;
    }
}
