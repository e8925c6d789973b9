package ficus.kit.consume;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the kit retries an event whose transaction failed: capped exponential backoff with jitter, and how many
 * attempts a failing event gets before it goes to the component's dead-letter topic.
 *
 * <p>Two kinds of failure are told apart:
 * <ul>
 *   <li><b>unavailable</b> (the database cannot be reached: a connection failure, SQL state class {@code 08}, a
 *       transient or recoverable JDBC exception): retried for ever with the capped backoff. Such a failure is no fault of
 *       the event, and dead-lettering every event while the database is down would empty the topic into the DLQ;</li>
 *   <li><b>any other failure</b> (a handler bug, a constraint the data violates): counted; after
 *       {@link #maxAttempts} attempts the event is dead-lettered and the partition moves on.</li>
 * </ul>
 *
 * @param maxAttempts    attempts of one event (the first included) before it is dead-lettered; at least 1
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff     the cap of the wait
 * @param jitter         0..1: the share of each wait that is random (0.5 = between half and all of the computed wait)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial (" + initialBackoff + ") <= max ("
                    + maxBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
        }
    }

    /** 5 attempts, 100 ms doubling up to 10 s, half of each wait random. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(10), 0.5);
    }

    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
    }

    public RetryPolicy withMaxBackoff(Duration maxBackoff) {
        Duration initial = initialBackoff.compareTo(maxBackoff) > 0 ? maxBackoff : initialBackoff;
        return new RetryPolicy(maxAttempts, initial, maxBackoff, jitter);
    }

    public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
    }

    /**
     * The wait after the {@code failures}-th consecutive failure (1-based): {@code min(max, initial * 2^(failures-1))},
     * of which the share {@link #jitter} is drawn at random ("equal jitter"), so that instances failing together do not
     * retry together.
     */
    public Duration backoff(int failures, RandomGenerator random) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long exponential = failures - 1 >= 62 ? cap : Math.min(cap, initial * (1L << Math.min(failures - 1, 30)));
        long drawn = (long) (exponential * jitter * random.nextDouble());
        long fixed = exponential - (long) (exponential * jitter);
        return Duration.ofMillis(Math.min(cap, fixed + drawn));
    }

    /** True when {@code failure} says the database (or another resource) is unreachable rather than the event bad. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
