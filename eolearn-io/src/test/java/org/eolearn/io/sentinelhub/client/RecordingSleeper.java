package org.eolearn.io.sentinelhub.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records the waits, moves a clock on by them (if given) and returns at once. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    RecordingSleeper() {
        this(null);
    }

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
