package dev.ferry.sink.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicTemplateTest {

    private static final Reading READING = new Reading("boiler", "temperature", Value.of(1.0), "Cel", Instant.EPOCH,
            Map.of("site", "plant/3", "line", "2"));

    @Test
    void fillsPlaceholders() {
        assertThat(TopicTemplate.parse("ferry/{agent}/{source}/{metric}").render("gw-01", READING))
                .isEqualTo("ferry/gw-01/boiler/temperature");
        assertThat(TopicTemplate.parse("plants/{tag:line}/{metric}").render("gw-01", READING)).isEqualTo("plants/2/temperature");
    }

    @Test
    void aMissingOrEmptyValueFillsItsLevelWithAnUnderscore() {
        assertThat(TopicTemplate.parse("tenants/{tag:tenant}/{metric}").render("gw-01", READING)).isEqualTo("tenants/_/temperature");
        Reading blank = new Reading("boiler", "", Value.of(1.0), "", Instant.EPOCH, Map.of("tenant", ""));
        assertThat(TopicTemplate.parse("t/{tag:tenant}/{metric}").render("gw", blank)).isEqualTo("t/_/_");
    }

    @Test
    void aValueCannotEscapeTheTemplatesShape() {
        Reading sneaky = new Reading("boiler", "a/#/+", Value.of(1.0), "", Instant.EPOCH, Map.of());
        assertThat(TopicTemplate.parse("ferry/{metric}").render("gw", sneaky)).isEqualTo("ferry/a____");
        assertThat(TopicTemplate.parse("site/{tag:site}").render("gw", READING)).isEqualTo("site/plant_3");
    }

    @Test
    void charactersUtf8CannotCarryBecomeUnderscoresAndPairsStay() {
        Reading odd = new Reading("boiler", "cut\uD800here\uD83D\uDE00", Value.of(1.0), "", Instant.EPOCH, Map.of());
        assertThat(TopicTemplate.parse("f/{metric}").render("gw", odd)).isEqualTo("f/cut_here\uD83D\uDE00");
    }

    @Test
    void refusesUnknownPlaceholdersAndUnclosedBraces() {
        assertThatThrownBy(() -> TopicTemplate.parse("ferry/{host}")).hasMessageContaining("unknown placeholder {host}");
        assertThatThrownBy(() -> TopicTemplate.parse("ferry/{agent")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> TopicTemplate.parse("")).hasMessageContaining("empty");
    }

    @Test
    void knowsWhetherItNeedsOnlyTheAgent() {
        assertThat(TopicTemplate.parse("ferry/{agent}/batch").agentOnly()).isTrue();
        assertThat(TopicTemplate.parse("ferry/{agent}/batch").render("gw-01")).isEqualTo("ferry/gw-01/batch");
        assertThat(TopicTemplate.parse("ferry/{source}").agentOnly()).isFalse();
    }

    @Test
    void theFixedPrefixIsTheWholeLevelsBeforeTheFirstPlaceholder() {
        assertThat(TopicTemplate.parse("tenants/acme/{source}/{metric}").fixedPrefix()).isEqualTo("tenants/acme/");
        assertThat(TopicTemplate.parse("tenants/acme-{agent}/{metric}").fixedPrefix()).isEqualTo("tenants/");
        assertThat(TopicTemplate.parse("{tag:tenant}/{source}").fixedPrefix()).isEmpty();
        assertThat(TopicTemplate.parse("gw-{agent}/{source}").fixedPrefix()).isEmpty();
        assertThat(TopicTemplate.parse("plant/readings").fixedPrefix()).isEqualTo("plant/readings/");
    }
}
