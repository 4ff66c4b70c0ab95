package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.Subscription;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-8 strings (§1.5.4) and topic names and filters (§4.7), on the way out and on the way in. */
class StringAndTopicRulesTest {

    @Test
    void outgoingStringsRefuseNulLoneSurrogatesAndMoreThan65535Bytes() {
        assertThatThrownBy(() -> MqttPublish.of("a\u0000b", new byte[0], 0)).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> MqttPublish.of("a/\uD800", new byte[0], 0)).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> MqttPublish.of("x".repeat(65_536), new byte[0], 0)).hasMessageContaining("65536 bytes");
        assertThat(MqttPublish.of("x".repeat(65_535), new byte[0], 0).topic()).hasSize(65_535);
        // 21,846 three-byte characters are 65,538 bytes although only 21,846 chars
        assertThatThrownBy(() -> MqttPublish.of("\u20ac".repeat(21_846), new byte[0], 0)).hasMessageContaining("65538 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "#", "a/#/b", "+", ""})
    void publishTopicsRefuseWildcardsAndEmptiness(String topic) {
        assertThatThrownBy(() -> MqttPublish.of(topic, new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b+", "a/#/b", "a#", "+a/b", ""})
    void filtersRefuseMisplacedWildcards(String filter) {
        assertThatThrownBy(() -> new Subscription(filter, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "a/+/c, a/b/c, true", "a/+/c, a/b/d, false", "a/#, a, true", "a/#, a/b/c, true", "#, a/b, true",
        "+, a, true", "+, a/b, false", "+/+, /x, true", "a/+, a/, true", "a/b, a/bc, false", "sport/tennis/+, sport/tennis, false",
        "#, $SYS/x, false", "+/x, $SYS/x, false", "$SYS/#, $SYS/x, true", "$share/g/a/+, a/b, true"})
    void filterMatching(String filter, String topic, boolean matches) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "topic bytes {0}")
    @ValueSource(strings = {"c328", "ed a0 80", "61 00 62", "ff", "e2 82"})
    void incomingTopicsThatAreNotWellFormedUtf8OrHoldNulAreMalformed(String topicHex) {
        byte[] topic = Wire.hex(topicHex);
        byte[] body = new byte[2 + topic.length];
        body[1] = (byte) topic.length;
        System.arraycopy(topic, 0, body, 2, topic.length);

        assertThatThrownBy(() -> Wire.decode(Wire.packet(0x30, body), MqttVersion.V3_1_1))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reasonCode()).isEqualTo(0x81));
    }

    @Test
    void incomingPublishWithAWildcardTopicIsATopicNameError() {
        byte[] body = Wire.hex("0003 612f23"); // "a/#"

        assertThatThrownBy(() -> Wire.decode(Wire.packet(0x30, body), MqttVersion.V3_1_1))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reasonCode()).isEqualTo(0x90));
    }

    @Test
    void incomingNonAsciiTopicsDecode() throws Exception {
        String topic = "m\u00e9t\u00e9o/\u6e29\u5ea6/\uD83C\uDF21";
        byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + bytes.length];
        body[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, body, 2, bytes.length);

        Packet.Publish p = (Packet.Publish) Wire.decode(Wire.packet(0x30, body), MqttVersion.V3_1_1);

        assertThat(p.message().topic()).isEqualTo(topic);
    }
}
