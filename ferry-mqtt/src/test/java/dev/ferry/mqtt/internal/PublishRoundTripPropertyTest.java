package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid message survives encode and decode, in both versions (3.1.1 keeps no MQTT 5 properties). */
class PublishRoundTripPropertyTest {

    @Property(tries = 300)
    void publishRoundTrips(@ForAll("messages") MqttPublish message, @ForAll("packetIds") int packetId,
            @ForAll MqttVersion version) throws Exception {
        int id = message.qos() == 0 ? 0 : packetId;

        Packet.Publish decoded = (Packet.Publish) Wire.decode(Wire.encode(new Packet.Publish(message, id, false), version), version);

        MqttPublish expected = version == MqttVersion.V5 ? message
                : new MqttPublish(message.topic(), message.payload(), message.qos(), message.retain(), null, null, false, Map.of());
        assertThat(decoded.message()).isEqualTo(expected);
        assertThat(decoded.packetId()).isEqualTo(id);
    }

    @Property(tries = 200)
    void variableByteIntegersRoundTrip(@ForAll("varInts") int value) throws Exception {
        WireWriter w = new WireWriter(1);
        w.varInt(value);
        byte[] bytes = w.toByteArray();

        assertThat(new WireReader(bytes, 0, bytes.length).varInt()).isEqualTo(value);
        assertThat(bytes).hasSize(WireWriter.varIntSize(value));
    }

    @Provide
    Arbitrary<Integer> varInts() {
        return Arbitraries.integers().between(0, WireWriter.MAX_VARINT).edgeCases(c -> c.add(127, 128, 16383, 16384, 2097151, 2097152));
    }

    @Provide
    Arbitrary<Integer> packetIds() {
        return Arbitraries.integers().between(1, 65535);
    }

    @Provide
    Arbitrary<MqttPublish> messages() {
        Arbitrary<String> level = Arbitraries.strings().withCharRange('a', 'z').withChars('\u00e9', '\u6e29', '$', ' ', '-')
                .ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> topic = level.list().ofMinSize(1).ofMaxSize(5).map(levels -> String.join("/", levels))
                .filter(t -> !t.isEmpty());
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Duration> expiry = Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Duration::ofSeconds).injectNull(0.5);
        Arbitrary<String> contentType = Arbitraries.of("application/json", "text/plain; charset=utf-8", "application/cbor").injectNull(0.5);
        Arbitrary<Map<String, String>> user = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6),
                Arbitraries.strings().ofMaxLength(10).filter(s -> s.indexOf(0) < 0 && isWellFormed(s))).ofMaxSize(3);
        return Combinators.combine(topic, payload, Arbitraries.integers().between(0, 1), Arbitraries.of(true, false),
                expiry, contentType, Arbitraries.of(true, false), user).as(MqttPublish::new);
    }

    private static boolean isWellFormed(String s) {
        try {
            Utf8.check(s, "value");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
