package org.eolearn.core.task;

import java.util.List;
import java.util.Map;

/**
 * Brings a value into a workflow (eo-learn's {@code InputTask}): the execute argument {@code value}, or the
 * constructor's value when that is missing or null.
 *
 * @since 0.1
 */
public final class InputTask implements EOTask {

    private final Object value;

    /**
     * Creates the task.
     *
     * @param value the default value (may be null)
     */
    public InputTask(Object value) {
        this.value = value;
    }

    /** Creates the task without a default value. */
    public InputTask() {
        this(null);
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "value");
        if (!inputs.isEmpty()) {
            throw new IllegalArgumentException(name() + " takes no inputs, got " + Tasks.describeInputs(inputs));
        }
        Object given = args.get("value");
        return given != null ? given : value;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("value", value);
    }
}
