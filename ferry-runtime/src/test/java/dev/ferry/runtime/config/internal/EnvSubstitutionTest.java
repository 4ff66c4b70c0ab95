package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private final EnvSubstitution env = new EnvSubstitution(Map.of("HOST", "broker.local", "PORT", "8883", "EMPTY", ""));

    @Test
    void replacesVariablesAnywhereInTheText() throws EnvSubstitution.Failure {
        assertThat(env.apply("ssl://${HOST}:${PORT}/x")).isEqualTo("ssl://broker.local:8883/x");
    }

    @Test
    void aDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws EnvSubstitution.Failure {
        assertThat(env.apply("${MISSING:-10s}")).isEqualTo("10s");
        assertThat(env.apply("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(env.apply("${PORT:-1883}")).isEqualTo("8883");
        assertThat(env.apply("${MISSING:-}")).isEmpty();
    }

    @Test
    void aSetButEmptyVariableWithoutDefaultIsEmpty() throws EnvSubstitution.Failure {
        assertThat(env.apply("[${EMPTY}]")).isEqualTo("[]");
    }

    @Test
    void doubleDollarWritesALiteralReference() throws EnvSubstitution.Failure {
        assertThat(env.apply("$${HOST} is ${HOST}")).isEqualTo("${HOST} is broker.local");
        assertThat(env.apply("costs $5")).isEqualTo("costs $5");
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariable() {
        assertThatThrownBy(() -> env.apply("${TOKEN}"))
                .hasMessage("environment variable TOKEN is not set; set it, or give a default with ${TOKEN:-default}");
    }

    @Test
    void malformedReferencesAreRefused() {
        assertThatThrownBy(() -> env.apply("${HOST")).hasMessageStartingWith("unclosed \"${\" in \"${HOST\"");
        assertThatThrownBy(() -> env.apply("${1ST}")).hasMessageStartingWith("\"${1ST}\" does not name an environment variable");
        assertThatThrownBy(() -> env.apply("${}")).hasMessageStartingWith("\"${}\" does not name an environment variable");
    }

    @Test
    void theGivenEnvironmentIsTheOnlyOneRead() {
        // PATH is set in every process environment; the substitution must not see it.
        assertThatThrownBy(() -> new EnvSubstitution(Map.of()).apply("${PATH}")).hasMessageContaining("PATH is not set");
    }
}
