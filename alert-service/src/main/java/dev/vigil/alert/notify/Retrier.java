package dev.vigil.alert.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How the HTTP notifiers try again, as Alertmanager's notify stage does: attempts until one
 * succeeds or fails for good ({@link NotifyException#retryable()} false), waiting with exponential
 * backoff between them, and giving up when the next attempt would start after the deadline.
 */
final class Retrier {
    /** One attempt, given the time left; a retryable {@link NotifyException} asks for another. */
    @FunctionalInterface
    interface Attempt {
        void run(Duration remaining) throws NotifyException;
    }

    private final Clock clock;
    private final HttpJsonNotifier.Sleeper sleeper;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    Retrier(Clock clock, HttpJsonNotifier.Sleeper sleeper, Duration initialBackoff, Duration maxBackoff) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or {@code timeout} is spent.
     * Retryable failures carry the reason alone; the last one is reported with the integration.
     */
    void run(String integration, Duration timeout, Attempt attempt) throws NotifyException {
        Instant deadline = clock.instant().plus(timeout);
        Duration backoff = initialBackoff;
        int attempts = 0;
        while (true) {
            attempts++;
            Duration remaining = Duration.between(clock.instant(), deadline);
            String failure;
            try {
                attempt.run(remaining.isNegative() || remaining.isZero() ? Duration.ofMillis(1) : remaining);
                return;
            } catch (NotifyException e) {
                if (!e.retryable()) {
                    throw e;
                }
                failure = e.getMessage();
            }
            Instant next = clock.instant().plus(backoff);
            if (!next.isBefore(deadline)) {
                throw new NotifyException(integration + ": giving up after " + attempts + " attempts: " + failure, true);
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotifyException(integration + ": interrupted", true);
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }
}
