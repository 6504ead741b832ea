package org.eolearn.features;

import java.time.LocalDateTime;
import java.util.Objects;
import org.eolearn.core.FeatureSpec;

/**
 * Keeps the frames whose timestamps lie in {@code [startDate, endDate]}, both ends included (eo-learn's
 * {@code FilterTimeSeriesTask}); a {@link SimpleFilterTask} on the timestamps, returning a new patch.
 *
 * <pre>{@code
 * new FilterTimeSeriesTask(LocalDateTime.of(2016, 6, 1, 0, 0), LocalDateTime.of(2016, 9, 1, 0, 0)).execute(patch);
 * }</pre>
 *
 * @since 0.1
 */
public final class FilterTimeSeriesTask extends SimpleFilterTask {

    /**
     * Creates the task; prefer {@link #builder(LocalDateTime, LocalDateTime)}, or
     * {@link #FilterTimeSeriesTask(LocalDateTime, LocalDateTime)} for all features.
     *
     * @param startDate      the first date kept
     * @param endDate        the last date kept
     * @param filterFeatures the features of the new patch ({@link FeatureSpec#all()}, or null, for all)
     * @throws IllegalArgumentException naming {@code start_date} and {@code end_date} if one is null or the end is
     *                                  before the start
     */
    public FilterTimeSeriesTask(LocalDateTime startDate, LocalDateTime endDate, FeatureSpec filterFeatures) {
        super(inRange(startDate, endDate), filterFeatures);
    }

    /**
     * Creates the task with eo-learn's default {@code filter_features=...}: the new patch has all the features.
     *
     * @param startDate the first date kept
     * @param endDate   the last date kept
     * @throws IllegalArgumentException naming {@code start_date} and {@code end_date} if one is null or the end is
     *                                  before the start
     */
    public FilterTimeSeriesTask(LocalDateTime startDate, LocalDateTime endDate) {
        this(startDate, endDate, Builder.DEFAULT_FILTER_FEATURES);
    }

    private static java.util.function.Predicate<LocalDateTime> inRange(LocalDateTime start, LocalDateTime end) {
        checkDates(start, end);
        return t -> !t.isBefore(start) && !t.isAfter(end);
    }

    private static void checkDates(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("start_date and end_date are both required");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end_date " + end + " is before start_date " + start);
        }
    }

    /**
     * Starts a task keeping the frames from {@code startDate} to {@code endDate}, both included, with eo-learn's
     * default {@code filter_features=...} (all the features).
     *
     * @param startDate the first date kept
     * @param endDate   the last date kept
     * @return the builder
     * @throws IllegalArgumentException naming {@code start_date} and {@code end_date} if one is null or the end is
     *                                  before the start
     */
    public static Builder builder(LocalDateTime startDate, LocalDateTime endDate) {
        checkDates(startDate, endDate);
        return new Builder(startDate, endDate);
    }

    /** Settings of a {@link FilterTimeSeriesTask}; every setter is optional. */
    public static final class Builder {
        /** eo-learn's default {@code filter_features}: {@code ...}, every feature. */
        static final FeatureSpec DEFAULT_FILTER_FEATURES = FeatureSpec.all();

        private final LocalDateTime startDate;
        private final LocalDateTime endDate;
        private FeatureSpec filterFeatures = DEFAULT_FILTER_FEATURES;

        private Builder(LocalDateTime startDate, LocalDateTime endDate) {
            this.startDate = startDate;
            this.endDate = endDate;
        }

        /**
         * The features of the new patch (eo-learn's {@code filter_features}; by default {@link FeatureSpec#all()}).
         *
         * @param features the features
         * @return this
         * @throws NullPointerException naming {@code filter_features} if it is null
         */
        public Builder filterFeatures(FeatureSpec features) {
            this.filterFeatures = Objects.requireNonNull(features, "filter_features");
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public FilterTimeSeriesTask build() {
            return new FilterTimeSeriesTask(startDate, endDate, filterFeatures);
        }
    }
}
