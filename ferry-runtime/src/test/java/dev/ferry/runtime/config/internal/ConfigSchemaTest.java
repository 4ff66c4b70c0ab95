package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.AgentSettings;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.config.SourceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    record Sound(@Default("10s") Duration every, @Default("[]") List<String> names, @Nullable Integer limit,
            @Default("{}") Map<String, Sound> children) {}

    record Item(@Default("10") Duration period) {}

    record Broken(
            Set<String> names,
            @Default("10") Duration every,
            @Default("[]") String label,
            @Nullable int count,
            @Positive String host,
            @Min("1s") int retries,
            List<Item> items) {}

    @Test
    void ferrysOwnSectionsAreSound() {
        assertThat(ConfigSchema.mistakes(AgentSettings.class)).isEmpty();
        assertThat(ConfigSchema.mistakes(LogOptions.class)).isEmpty();
        assertThat(ConfigSchema.mistakes(SourceSettings.class)).isEmpty();
        assertThat(ConfigSchema.mistakes(SinkSettings.class)).isEmpty();
        assertThat(ConfigSchema.mistakes(Sound.class)).isEmpty();
    }

    @Test
    void namesEachMistakeInADeclaration() {
        assertThat(ConfigSchema.mistakes(Broken.class)).containsExactly(
                "key `names`: Ferry cannot bind a java.util.Set<java.lang.String>",
                "key `every`: @Default(\"10\") is not valid: a duration needs a unit: write 10s or 10ms, not 10",
                "key `label`: @Default(\"[]\") gives a list, but the key is not one",
                "key `count`: a primitive cannot be @Nullable; give it a @Default",
                "key `host`: bounds apply only to numbers, durations and sizes",
                "key `retries`: @Min(\"1s\") is not valid: expected a whole number, got the string \"1s\"",
                "key `items.*.period`: @Default(\"10\") is not valid: a duration needs a unit: write 10s or 10ms, not 10");
    }
}
