package dev.ferry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reading's tags: kept in the order given, whatever the JVM, and immutable; a map like any other to compare. */
class ReadingTagsTest {

    private static Reading with(Map<String, String> tags) {
        return new Reading("s", "m", new Value.Int(1), "", Instant.EPOCH, tags);
    }

    @Test
    void tagsKeepTheOrderTheyWereGivenIn() {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : new String[] {"tenant", "origin_id", "device", "site", "line", "a", "zz"}) {
            given.put(name, name + "-value");
        }

        Reading reading = with(given);

        assertThat(reading.tags().keySet()).containsExactly("tenant", "origin_id", "device", "site", "line", "a", "zz");
        assertThat(reading.tags().get("device")).isEqualTo("device-value");
        assertThat(reading.tags().get("absent")).isNull();
        assertThat(reading.tags().containsKey("zz")).isTrue();
    }

    @Test
    void tagsEqualAnyMapOfTheSameEntries() {
        Map<String, String> hashed = new HashMap<>(Map.of("b", "2", "a", "1"));

        Reading reading = with(Map.of("a", "1", "b", "2"));

        assertThat(reading.tags()).isEqualTo(hashed).hasSameHashCodeAs(hashed);
        assertThat(reading).isEqualTo(with(hashed));
        assertThat(with(Map.of()).tags()).isEmpty();
    }

    @Test
    void readingsGivenTheSameTagsShareThem() {
        Map<String, String> shared = Reading.tags("site", "north", "line", "3");

        assertThat(with(shared).tags()).isSameAs(shared).containsExactly(Map.entry("site", "north"), Map.entry("line", "3"));
        assertThatThrownBy(() -> Reading.tags("site")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reading.tags("a", "1", "a", "2")).hasMessageContaining("tag a given twice");
    }

    @Test
    void tagsCannotBeChangedNorHoldNulls() {
        Map<String, String> given = new HashMap<>(Map.of("a", "1"));
        Reading reading = with(given);
        given.put("b", "2");

        assertThat(reading.tags()).containsOnlyKeys("a");
        assertThatThrownBy(() -> reading.tags().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reading.tags().entrySet().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> with(withNull)).isInstanceOf(NullPointerException.class).hasMessageContaining("a");
    }
}
