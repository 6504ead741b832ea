package org.eolearn.io.sentinelhub.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When and how long the download client and the token session wait before trying a request again. One policy
 * serves both; it is applied by OkHttp interceptors, so there is one retry loop.
 *
 * <ul>
 *   <li>Temporary errors (HTTP 5xx, timeouts, broken connections, invalid answers): up to
 *       {@link #maxAttempts()} attempts, waiting {@link #firstSleep()} &times; 3<sup>k-1</sup> after the
 *       k-th failed attempt (sentinelhub-py's {@code max_download_attempts} and {@code download_sleep_time}).
 *   <li>HTTP 429: wait for {@code Retry-After} and try again, without using up attempts, at most
 *       {@link #maxRateLimitRetries()} times. {@code Retry-After} is in <b>milliseconds</b> from a Sentinel
 *       Hub host ({@link SHConfig#isSentinelHubHost(String)}; Sentinel Hub's rate limiting gives it so, and
 *       sentinelhub-py divides it by 1000), and delay seconds or an HTTP date from any other host, as HTTP
 *       defines it. Without a readable header the backoff above is used.
 *   <li>Every wait is capped at {@link #maxWait()} (default 60 s).
 * </ul>
 *
 * <p>Immutable. The clock (to read HTTP dates) and the sleeper are injected so that tests need no real
 * sleeps.
 */
public final class RetryPolicy {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,9})?");
    private final SHConfig config;
    private final int maxAttempts;
    private final Duration firstSleep;
    private final int maxRateLimitRetries;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;

    private RetryPolicy(SHConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.maxAttempts = config.maxDownloadAttempts();
        this.firstSleep = config.downloadSleepTime();
        this.maxRateLimitRetries =
                config.maxRetries() == null ? DownloadClient.DEFAULT_MAX_RATE_LIMIT_RETRIES : config.maxRetries();
        this.maxWait = config.maxRetryWait();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The policy of a configuration, with the system clock and real sleeps.
     *
     * @param config the configuration (attempts, first sleep, 429 cap, wait cap, Sentinel Hub hosts)
     * @return the policy
     */
    public static RetryPolicy of(SHConfig config) {
        return new RetryPolicy(Objects.requireNonNull(config, "config"), Clock.systemUTC(), Sleeper.system());
    }

    /**
     * This policy with another clock (used to read {@code Retry-After} HTTP dates).
     *
     * @param value the clock
     * @return a new policy
     */
    public RetryPolicy withClock(Clock value) {
        return new RetryPolicy(config, value, sleeper);
    }

    /**
     * This policy with another sleeper.
     *
     * @param value the sleeper
     * @return a new policy
     */
    public RetryPolicy withSleeper(Sleeper value) {
        return new RetryPolicy(config, clock, value);
    }

    /**
     * How many times a request is tried before a temporary error fails it.
     *
     * @return at least 1 ({@link SHConfig#maxDownloadAttempts()})
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait after the first failed attempt; each further one is three times longer.
     *
     * @return {@link SHConfig#downloadSleepTime()}
     */
    public Duration firstSleep() {
        return firstSleep;
    }

    /**
     * How many HTTP 429 answers in a row a request waits out before it fails.
     *
     * @return {@link SHConfig#maxRetries()}, or {@link DownloadClient#DEFAULT_MAX_RATE_LIMIT_RETRIES}
     */
    public int maxRateLimitRetries() {
        return maxRateLimitRetries;
    }

    /**
     * The cap on every wait.
     *
     * @return {@link SHConfig#maxRetryWait()}
     */
    public Duration maxWait() {
        return maxWait;
    }

    /**
     * The clock used to read HTTP dates.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The sleeper.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Whether {@code Retry-After} from a host is in milliseconds (a Sentinel Hub host).
     *
     * @param host the host of the request
     * @return true for the Sentinel Hub hosts of the configuration
     */
    public boolean retryAfterInMilliseconds(String host) {
        return config.isSentinelHubHost(host);
    }

    /**
     * The uncapped backoff after a number of failed attempts: {@link #firstSleep()} &times; 3<sup>n-1</sup>.
     *
     * @param failedAttempts the failed attempts so far, at least 1
     * @return the backoff
     */
    public Duration backoff(int failedAttempts) {
        long nanos = firstSleep.toNanos();
        for (int i = 1; i < failedAttempts && nanos < Long.MAX_VALUE / 3; i++) {
            nanos *= 3;
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * Reads a {@code Retry-After} header: a number (milliseconds from a Sentinel Hub host, seconds from any
     * other) or an HTTP date (relative to {@link #clock()}).
     *
     * @param value the header value, or {@code null}
     * @param host the host of the request
     * @return the delay asked for (not negative, not capped), or {@code null} when absent or unreadable
     */
    public Duration retryAfter(String value, String host) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!NUMBER.matcher(v).matches()) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        double number = Double.parseDouble(v);
        double millis = retryAfterInMilliseconds(host) ? number : number * 1000;
        return millis >= Long.MAX_VALUE / 1_000_000.0 ? Duration.ofMillis(Long.MAX_VALUE / 1_000_000)
                : Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /**
     * The wait after a temporary error.
     *
     * @param failedAttempts the failed attempts so far
     * @return the wait, capped
     */
    Wait afterFailure(int failedAttempts) {
        Duration asked = backoff(failedAttempts);
        return cap(asked, "backoff " + millis(asked) + " after attempt " + failedAttempts);
    }

    /**
     * The wait after an HTTP 429.
     *
     * @param retryAfterHeader the {@code Retry-After} value, or {@code null}
     * @param host the host of the request
     * @param rateLimited the 429 answers so far
     * @return the wait, capped
     */
    Wait afterRateLimit(String retryAfterHeader, String host, int rateLimited) {
        Duration after = retryAfter(retryAfterHeader, host);
        if (after == null) {
            Duration asked = backoff(rateLimited);
            return cap(asked, (retryAfterHeader == null ? "no Retry-After" : "unreadable Retry-After") + ", backoff "
                    + millis(asked));
        }
        String unit = looksNumeric(retryAfterHeader) ? (retryAfterInMilliseconds(host) ? " ms (Sentinel Hub)" : " s") : "";
        return cap(after, "Retry-After: " + retryAfterHeader.trim() + unit);
    }

    private static boolean looksNumeric(String v) {
        return v != null && NUMBER.matcher(v.trim()).matches();
    }

    private Wait cap(Duration asked, String reason) {
        if (asked.compareTo(maxWait) > 0) {
            return new Wait(maxWait, reason + ", capped at " + millis(maxWait), true);
        }
        return new Wait(asked, reason, false);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * A wait and why.
     *
     * @param duration how long to wait (capped)
     * @param reason what asked for it, e.g. {@code Retry-After: 500 ms (Sentinel Hub)}
     * @param capped whether the cap shortened it
     */
    record Wait(Duration duration, String reason, boolean capped) {}

    @Override
    public String toString() {
        return "RetryPolicy[attempts=" + maxAttempts + ", firstSleep=" + firstSleep + ", rateLimitRetries="
                + maxRateLimitRetries + ", maxWait=" + maxWait + "]";
    }
}
