package org.eolearn.features;

import java.time.LocalDateTime;
import org.eolearn.core.FeatureSpec;

/**
 * Keeps the frames whose timestamps lie in {@code [startDate, endDate]}, both ends included (eo-learn's
 * {@code FilterTimeSeriesTask}); a {@link SimpleFilterTask} on the timestamps, returning a new patch.
 *
 * @since 0.1
 */
public final class FilterTimeSeriesTask extends SimpleFilterTask {

    /**
     * Creates the task.
     *
     * @param startDate      the first date kept
     * @param endDate        the last date kept
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()} for all)
     */
    public FilterTimeSeriesTask(LocalDateTime startDate, LocalDateTime endDate, FeatureSpec filterFeatures) {
        super(inRange(startDate, endDate), filterFeatures);
    }

    private static java.util.function.Predicate<LocalDateTime> inRange(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("start_date and end_date are both required");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end_date " + end + " is before start_date " + start);
        }
        return t -> !t.isBefore(start) && !t.isAfter(end);
    }
}
