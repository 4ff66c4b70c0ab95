package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.testplugins.SimulatedTestProvider;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void rendersOneRowPerKeyWithTypeDefaultAndDoc() {
        assertThat(ConfigDocs.markdownTable(SinkSettings.class)).isEqualTo("""
                | Key | Type | Default | Description |
                |---|---|---|---|
                | `type` | string | required | Which plugin delivers to this sink, e.g. file, stdout, mqtt. |
                | `batch_size` | integer (>= 1) | `512` | Largest number of log entries sent in one batch; the plugin may lower it. |
                | `retry_initial` | duration (> 0) | `1s` | First wait after a failed send or open; doubles up to retry_max, with full jitter. |
                | `retry_max` | duration (> 0) | `15s` | Longest wait between two attempts: at most this long after the far end is back, the sink is too. |
                | `drain` | one of oldest-first, live-first | `oldest-first` | Order in which a backlog is sent after an outage: oldest-first, or live-first (fresh readings first, the backlog behind them). |
                | `on_refused` | one of dead-letter, retry | `dead-letter` | What becomes of readings the far end refuses for good (an MQTT 5 PUBACK of 0x80 or more, a CoAP 4.xx, a reading the protocol cannot carry): dead-letter (set aside in the sink's dead-letter store, the rest delivered) or retry (held in the log and sent again with backoff until accepted). |
                | `dead_letter_max` | size | `64MiB` | Size of the sink's dead-letter store; beyond it the oldest dead letters are deleted and counted. |
                """);
    }

    @Test
    void nestedKeysOfListItemsAreListedUnderTheirParent() {
        assertThat(ConfigDocs.markdownTable(SimulatedTestProvider.Config.class).lines().skip(2).toList()).containsExactly(
                "| `signals` | list of section | `[]` | Signals to generate. |",
                "| `signals.*.name` | string | required | Metric name. |",
                "| `signals.*.shape` | one of sine, square, random-walk | `sine` | Waveform. |",
                "| `signals.*.amplitude` | number | `1` | Peak value. |",
                "| `signals.*.period` | duration (> 0) | `1m` | One full cycle. |",
                "| `signals.*.unit` | string | optional | Unit label. |",
                "| `seed` | integer | `42` | Random seed, for repeatable runs. |");
    }
}
