package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.MqttWill;
import dev.ferry.mqtt.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type, in both versions, survives encode then decode unchanged. */
class PacketRoundTripTest {

    static Stream<Arguments> packets() {
        List<Arguments> cases = new ArrayList<>();
        for (MqttVersion v : MqttVersion.values()) {
            boolean v5 = v == MqttVersion.V5;
            for (Packet p : packetsFor(v, v5)) {
                cases.add(Arguments.of(v, p));
            }
        }
        return cases.stream();
    }

    private static List<Packet> packetsFor(MqttVersion v, boolean v5) {
        Properties connectProps = v5 ? Properties.builder()
                .number(PropertyId.SESSION_EXPIRY_INTERVAL, 3600).number(PropertyId.RECEIVE_MAXIMUM, 50)
                .number(PropertyId.MAXIMUM_PACKET_SIZE, 1 << 20).user("site", "plant-7").user("site", "again").build()
                : Properties.NONE;
        MqttPublish willMessage = MqttPublish.of("ferry/agent-1/status", bytes("offline"), 1).withRetain(true);
        if (v5) {
            willMessage = willMessage.withContentType("text/plain").withUtf8Payload(true)
                    .withMessageExpiry(Duration.ofSeconds(600)).withUserProperties(Map.of("why", "gone"));
        }
        MqttWill will = new MqttWill(willMessage, v5 ? Duration.ofSeconds(5) : Duration.ZERO);
        Properties connackProps = v5 ? Properties.builder()
                .number(PropertyId.SESSION_EXPIRY_INTERVAL, 60).number(PropertyId.RECEIVE_MAXIMUM, 20)
                .number(PropertyId.MAXIMUM_QOS, 1).number(PropertyId.RETAIN_AVAILABLE, 0)
                .number(PropertyId.MAXIMUM_PACKET_SIZE, 65536).string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, "auto-1")
                .number(PropertyId.TOPIC_ALIAS_MAXIMUM, 10).number(PropertyId.SERVER_KEEP_ALIVE, 30)
                .string(PropertyId.REASON_STRING, "welcome").number(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)
                .number(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0).number(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1)
                .string(PropertyId.RESPONSE_INFORMATION, "resp/").binary(PropertyId.AUTHENTICATION_DATA, bytes("x"))
                .string(PropertyId.AUTHENTICATION_METHOD, "none").user("k", "v").build()
                : Properties.NONE;
        Properties reason = v5 ? Properties.builder().string(PropertyId.REASON_STRING, "quota").user("a", "b").build() : Properties.NONE;
        MqttPublish rich = MqttPublish.of("ferry/agent-1/readings", bytes("{\"v\":21.5}"), 1);
        if (v5) {
            rich = rich.withContentType("application/json").withUtf8Payload(true).withMessageExpiry(Duration.ofHours(1))
                    .withUserProperties(Map.of("agent", "agent-1", "epoch", "7"));
        }
        int code = v5 ? 0x87 : 0;
        return List.of(
                new Packet.Connect(v, "agent-1", 60, true, null, null, null, Properties.NONE),
                new Packet.Connect(v, "agent-1", 0, false, "ferry", bytes("secret"), will, connectProps),
                new Packet.Connect(v, "", 65535, true, "user-only", null, null, Properties.NONE),
                new Packet.Connack(false, 0, Properties.NONE),
                new Packet.Connack(true, v5 ? 0x86 : 4, connackProps),
                new Packet.Publish(MqttPublish.of("a/b", new byte[0], 0), 0, false),
                new Packet.Publish(MqttPublish.of("\u00e9t\u00e9/\uD83D\uDE00", bytes("x"), 1).withRetain(true), 65535, true),
                new Packet.Publish(rich, 1, false),
                new Packet.Ack(PacketType.PUBACK, 1, 0, Properties.NONE),
                new Packet.Ack(PacketType.PUBACK, 65535, code, reason),
                new Packet.Ack(PacketType.PUBREC, 2, code, Properties.NONE),
                new Packet.Ack(PacketType.PUBREL, 3, 0, reason),
                new Packet.Ack(PacketType.PUBCOMP, 4, 0, Properties.NONE),
                new Packet.Subscribe(10, List.of(new Subscription("ferry/+/config", 1), new Subscription("#", 0)),
                        v5 ? Properties.builder().number(PropertyId.SUBSCRIPTION_IDENTIFIER, 7).build() : Properties.NONE),
                new Packet.Suback(10, List.of(1, 0, 0x80), reason),
                new Packet.Unsubscribe(11, List.of("ferry/+/config", "a/#"), reason.equals(Properties.NONE) ? Properties.NONE
                        : Properties.builder().user("x", "y").build()),
                new Packet.Unsuback(11, v5 ? List.of(0, 0x11) : List.of(), reason),
                Packet.PINGREQ,
                Packet.PINGRESP,
                new Packet.Disconnect(0, Properties.NONE),
                new Packet.Disconnect(v5 ? 0x8B : 0, v5 ? Properties.builder().string(PropertyId.REASON_STRING, "bye")
                        .string(PropertyId.SERVER_REFERENCE, "other:1883").number(PropertyId.SESSION_EXPIRY_INTERVAL, 0).build()
                        : Properties.NONE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void encodeThenDecodeGivesTheSamePacket(MqttVersion version, Packet packet) throws Exception {
        byte[] bytes = Wire.encode(packet, version);

        Packet decoded = Wire.decode(bytes, version);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(packet);
        assertThat(Wire.encode(decoded, version)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("dev.ferry.mqtt.internal.PacketRoundTripTest#versions")
    void mqtt311PublishDropsTheMqtt5Properties(MqttVersion version) throws Exception {
        MqttPublish withProperties = MqttPublish.of("t", bytes("p"), 1).withContentType("text/plain")
                .withUserProperties(Map.of("k", "v"));

        Packet.Publish decoded = (Packet.Publish) Wire.decode(Wire.encode(new Packet.Publish(withProperties, 5, false), version), version);

        MqttPublish expected = version == MqttVersion.V5 ? withProperties : MqttPublish.of("t", bytes("p"), 1);
        assertThat(decoded.message()).isEqualTo(expected);
    }

    static Stream<MqttVersion> versions() {
        return Stream.of(MqttVersion.values());
    }

    @Test
    void knownBytesOfAMqtt311Connect() {
        Packet connect = new Packet.Connect(MqttVersion.V3_1_1, "c", 60, true, null, null, null, Properties.NONE);

        // 0x10, length 13, "MQTT", level 4, flags clean session, keep-alive 60, client id "c"
        assertThat(Wire.encode(connect, MqttVersion.V3_1_1)).isEqualTo(Wire.hex("10 0d 0004 4d515454 04 02 003c 0001 63"));
    }

    @Test
    void mqtt5AckWithSuccessAndNoPropertiesTakesTheShortForm() {
        assertThat(Wire.encode(new Packet.Ack(PacketType.PUBACK, 0x0102, 0, Properties.NONE), MqttVersion.V5))
                .isEqualTo(Wire.hex("40 02 0102"));
        assertThat(Wire.encode(new Packet.Disconnect(0, Properties.NONE), MqttVersion.V5)).isEqualTo(Wire.hex("e0 00"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
