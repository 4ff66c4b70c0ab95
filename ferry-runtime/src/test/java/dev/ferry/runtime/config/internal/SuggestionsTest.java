package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("type", "interval", "jitter", "timeout", "tags", "data_dir");

    @Test
    void suggestsTheClosestKeyWithinAFewEdits() {
        assertThat(Suggestions.closest("intervall", KEYS)).isEqualTo("interval");
        assertThat(Suggestions.closest("timout", KEYS)).isEqualTo("timeout");
        assertThat(Suggestions.closest("tpye", KEYS)).isEqualTo("type");
    }

    @Test
    void otherSpellingsOfTheSameWordsMatch() {
        assertThat(Suggestions.closest("dataDir", KEYS)).isEqualTo("data_dir");
        assertThat(Suggestions.closest("DATA-DIR", KEYS)).isEqualTo("data_dir");
    }

    @Test
    void suggestsNothingForAnUnrelatedKey() {
        assertThat(Suggestions.closest("compression", KEYS)).isNull();
        assertThat(Suggestions.closest("x", KEYS)).isNull();
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
