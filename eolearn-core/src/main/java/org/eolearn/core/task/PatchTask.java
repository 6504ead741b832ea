package org.eolearn.core.task;

import java.util.List;
import java.util.Map;
import org.eolearn.core.EOPatch;

/**
 * A task that takes one patch and returns one (usually the same, changed): the shape of most eo-learn tasks.
 *
 * <pre>{@code
 * PatchTask dropClouds = patch -> patch.remove(FeatureType.MASK, "CLM");
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PatchTask extends EOTask {

    /**
     * Runs the task on a patch.
     *
     * @param patch the patch (in a workflow, a shallow copy of the input node's result)
     * @return the resulting patch
     */
    EOPatch execute(EOPatch patch);

    /**
     * Runs {@link #execute(EOPatch)} on the single input patch.
     *
     * @param inputs exactly one {@link EOPatch}
     * @param args   must be empty
     * @return the result
     * @throws IllegalArgumentException for other inputs or any argument
     */
    @Override
    default Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args);
        return execute(Tasks.singlePatch(this, inputs));
    }
}
