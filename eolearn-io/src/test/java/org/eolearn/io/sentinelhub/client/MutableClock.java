package org.eolearn.io.sentinelhub.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** A clock at the current time. */
    public MutableClock() {
        this(Instant.now());
    }

    /**
     * A clock at a given time.
     *
     * @param start the time
     */
    public MutableClock(Instant start) {
        now = start;
    }

    /**
     * Moves the clock.
     *
     * @param d how far
     */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
