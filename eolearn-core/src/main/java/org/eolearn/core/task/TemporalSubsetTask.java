package org.eolearn.core.task;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eolearn.core.EOPatch;

/**
 * Keeps some frames of a patch (eo-learn's {@code TemporalSubsetTask}): by indices, by timestamps or by a
 * predicate on the timestamps.
 *
 * <p>Execute argument: {@code timestamps} (a list of frame indices, a list of {@link LocalDateTime} or ISO
 * strings, or a {@code Predicate<LocalDateTime>}), which wins over the constructor's. Without either, the task
 * fails.
 *
 * @since 0.1
 */
public final class TemporalSubsetTask implements EOTask {

    private final Object timestamps;

    /** Creates the task with no default selection (it must come at execution). */
    public TemporalSubsetTask() {
        this.timestamps = null;
    }

    /**
     * Keeps the frames at the given indices.
     *
     * @param indices frame indices
     */
    public TemporalSubsetTask(int[] indices) {
        this.timestamps = indices.clone();
    }

    /**
     * Keeps the frames with the given timestamps.
     *
     * @param dates the timestamps
     */
    public TemporalSubsetTask(List<LocalDateTime> dates) {
        this.timestamps = List.copyOf(dates);
    }

    /**
     * Keeps the frames whose timestamp passes a predicate.
     *
     * @param keep the predicate
     */
    public TemporalSubsetTask(Predicate<LocalDateTime> keep) {
        this.timestamps = keep;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "timestamps");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Object selection = args.get("timestamps") != null ? args.get("timestamps") : timestamps;
        if (selection == null) {
            throw new IllegalArgumentException(name() + " needs timestamps, in the constructor or as the execute "
                    + "argument 'timestamps'");
        }
        if (selection instanceof int[]) {
            return patch.temporalSubset((int[]) selection);
        }
        if (selection instanceof Predicate) {
            return patch.temporalSubset((Predicate<LocalDateTime>) selection);
        }
        if (selection instanceof List) {
            List<?> list = (List<?>) selection;
            if (list.stream().allMatch(o -> o instanceof Number)) {
                return patch.temporalSubset(indices(list));
            }
            List<LocalDateTime> dates = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof LocalDateTime) {
                    dates.add((LocalDateTime) o);
                } else if (o instanceof String) {
                    dates.add(ParamValues.dateTime((String) o, "timestamps"));
                } else {
                    throw new IllegalArgumentException("timestamps must be indices, dates or ISO strings, got " + o);
                }
            }
            return patch.temporalSubset(dates);
        }
        throw new IllegalArgumentException("timestamps must be indices, dates, ISO strings or a predicate, got "
                + selection.getClass().getSimpleName());
    }

    /** Frame indices from numbers, rejecting fractions and values outside the int range (which would wrap). */
    private static int[] indices(List<?> numbers) {
        int[] out = new int[numbers.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = numbers.get(i);
            boolean integral = o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                    || o instanceof java.math.BigInteger;
            if (!integral) {
                throw new IllegalArgumentException("timestamps: item " + i + " (" + o + ") is not an integer frame "
                        + "index");
            }
            java.math.BigInteger v = o instanceof java.math.BigInteger ? (java.math.BigInteger) o
                    : java.math.BigInteger.valueOf(((Number) o).longValue());
            if (v.bitLength() > 31) {
                throw new IllegalArgumentException("timestamps: frame index " + v + " (item " + i + ") is outside "
                        + "the range " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            out[i] = v.intValue();
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("timestamps", timestamps instanceof int[] ? java.util.Arrays.toString(
                (int[]) timestamps) : timestamps instanceof Predicate ? "<predicate>" : timestamps);
    }
}
