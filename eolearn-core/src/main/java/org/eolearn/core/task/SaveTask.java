package org.eolearn.core.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.EOPatch;
import org.eolearn.core.io.EOPatchIO;
import org.eolearn.core.io.SaveOptions;

/**
 * Saves the patch to {@code path/eopatch_folder} and returns it unchanged (eo-learn's {@code SaveTask}).
 *
 * <p>Execute argument: {@code eopatch_folder} (a relative folder name; default: save into {@code path} itself).
 *
 * @since 0.1
 */
public final class SaveTask implements EOTask {

    private final Path path;
    private final SaveOptions options;

    /**
     * Creates the task.
     *
     * @param path    the folder the patch folders are saved in
     * @param options features, overwrite permission, compression, timestamps
     */
    public SaveTask(Path path, SaveOptions options) {
        this.path = Objects.requireNonNull(path, "path");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Creates the task with {@link SaveOptions#defaults()}.
     *
     * @param path the folder
     */
    public SaveTask(Path path) {
        this(path, SaveOptions.defaults());
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "eopatch_folder");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Path target = LoadTask.resolveFolder(path, args.get("eopatch_folder"));
        try {
            EOPatchIO.save(patch, target, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the patch to " + target + ": " + e.getMessage(), e);
        }
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("path", path.toString(), "features", options.features(), "overwrite_permission",
                options.overwrite(), "compression", options.compression(), "save_timestamps",
                options.saveTimestamps() == null ? "auto" : options.saveTimestamps());
    }
}
