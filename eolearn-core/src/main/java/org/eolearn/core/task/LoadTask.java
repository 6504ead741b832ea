package org.eolearn.core.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.EOPatches;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.MergeOperation;
import org.eolearn.core.io.EOPatchIO;
import org.eolearn.core.io.LoadOptions;

/**
 * Loads a patch from {@code path/eopatch_folder} (eo-learn's {@code LoadTask}); given an input patch, returns
 * the input merged with the loaded one.
 *
 * <p>Execute argument: {@code eopatch_folder} (a relative folder name; default: {@code path} itself).
 *
 * @since 0.1
 */
public final class LoadTask implements EOTask {

    private final Path path;
    private final LoadOptions options;

    /**
     * Creates the task.
     *
     * @param path    the folder the patch folders are in
     * @param options features, lazy loading, timestamps
     */
    public LoadTask(Path path, LoadOptions options) {
        this.path = Objects.requireNonNull(path, "path");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Creates the task with {@link LoadOptions#defaults()}.
     *
     * @param path the folder
     */
    public LoadTask(Path path) {
        this(path, LoadOptions.defaults());
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "eopatch_folder");
        if (inputs.size() > 1 || (inputs.size() == 1 && !(inputs.get(0) instanceof EOPatch))) {
            throw new IllegalArgumentException(name() + " takes no input or one EOPatch, got "
                    + Tasks.describeInputs(inputs));
        }
        Path source = resolveFolder(path, args.get("eopatch_folder"));
        EOPatch loaded;
        try {
            loaded = EOPatchIO.load(source, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the patch " + source + ": " + e.getMessage(), e);
        }
        if (inputs.isEmpty()) {
            return loaded;
        }
        return EOPatches.merge(List.of((EOPatch) inputs.get(0), loaded), FeatureSpec.all(), MergeOperation.equal(),
                MergeOperation.equal());
    }

    /** Resolves {@code eopatch_folder} under {@code path}, refusing absolute paths and {@code ..}. */
    static Path resolveFolder(Path path, Object folder) {
        if (folder == null || folder.toString().isEmpty()) {
            return path;
        }
        Path relative = Path.of(folder.toString());
        Path resolved = path.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(path.normalize())) {
            throw new IllegalArgumentException("eopatch_folder '" + folder + "' must be a folder inside " + path);
        }
        return resolved;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("path", path.toString(), "features", options.features(), "lazy_loading",
                options.lazy(), "load_timestamps", options.loadTimestamps() == null ? "auto"
                        : options.loadTimestamps());
    }
}
