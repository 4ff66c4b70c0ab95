package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void versionsSortAsSemanticVersionsDo() {
        List<String> ordered = List.of("0.1.0-SNAPSHOT", "0.1.0", "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2", "1.10.0", "2.0.0");
        List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);

        assertThat(shuffled).extracting(Version::text).containsExactlyElementsOf(ordered);
        assertThat(Version.parse("1.2").compareTo(Version.parse("1.2.0"))).isZero();
    }

    @Test
    void whatIsNotAVersionIsRefusedWithTheForm() {
        for (String bad : List.of("", "v1.0", "1..0", "1.0-", "1.0.x", "1.0-rc!")) {
            assertThatThrownBy(() -> Version.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a version");
        }
    }
}
