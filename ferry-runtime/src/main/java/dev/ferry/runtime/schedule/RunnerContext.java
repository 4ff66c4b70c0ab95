package dev.ferry.runtime.schedule;

import dev.ferry.api.HealthReporter;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.Ticker;
import java.util.random.RandomGenerator;

/**
 * What a {@link SourceRunner} works with besides its source.
 *
 * @param appender where readings go
 * @param health this source's health entry
 * @param ticker time for schedules, deadlines and backoff
 * @param random draws jitter and backoff; owned by the runner from then on (not shared with other threads)
 * @param retry how transient faults are spaced out; a polled source never retries sooner than its interval
 */
public record RunnerContext(
        ReadingAppender appender, HealthReporter health, Ticker ticker, RandomGenerator random, RetryPolicy retry) {}
