package dev.ferry.runtime.config;

import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.time.Duration;

/** The keys every sink section has, whatever its type; the rest of the section belongs to the plugin. */
public record SinkSettings(
        @Doc("Which plugin delivers to this sink, e.g. file, stdout, mqtt.") String type,
        @Doc("Largest number of log entries sent in one batch; the plugin may lower it.") @Default("512") @Min("1") int batchSize,
        @Doc("First wait after a failed send or open; doubles up to retry_max, with full jitter.") @Default("1s") @Positive Duration retryInitial,
        @Doc("Longest wait between two attempts: at most this long after the far end is back, the sink is too.")
        @Default("15s") @Positive Duration retryMax,
        @Doc("Order in which a backlog is sent after an outage: oldest-first, or live-first (fresh readings first, the"
                + " backlog behind them).")
        @Default("oldest-first") Drain drain,
        @Doc("What becomes of readings the far end refuses for good (an MQTT 5 PUBACK of 0x80 or more, a CoAP 4.xx, a"
                + " reading the protocol cannot carry): dead-letter (set aside in the sink's dead-letter store, the rest"
                + " delivered) or retry (held in the log and sent again with backoff until accepted).")
        @Default("dead-letter") OnRefused onRefused,
        @Doc("Size of the sink's dead-letter store; beyond it the oldest dead letters are deleted and counted.")
        @Default("64MiB") DataSize deadLetterMax) {

    /** The order in which a sink catches up with a backlog. */
    public enum Drain { OLDEST_FIRST, LIVE_FIRST }

    /** What becomes of readings refused for good. */
    public enum OnRefused { DEAD_LETTER, RETRY }
}
