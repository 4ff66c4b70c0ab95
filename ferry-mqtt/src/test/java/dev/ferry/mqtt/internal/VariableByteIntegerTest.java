package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variable byte integers (§1.5.5): one to four bytes, 0 to 268,435,455, shortest form only. */
class VariableByteIntegerTest {

    @ParameterizedTest(name = "{0} takes {1} bytes")
    @CsvSource({"0,1", "127,1", "128,2", "16383,2", "16384,3", "2097151,3", "2097152,4", "268435455,4"})
    void boundariesEncodeToTheSpecifiedLengthAndDecodeBack(int value, int length) throws Exception {
        WireWriter w = new WireWriter(4);
        w.varInt(value);
        byte[] bytes = w.toByteArray();

        assertThat(bytes).hasSize(length);
        assertThat(WireWriter.varIntSize(value)).isEqualTo(length);
        assertThat(new WireReader(bytes, 0, bytes.length).varInt()).isEqualTo(value);
    }

    @Test
    void aValueAboveTheLargestCannotBeEncoded() {
        WireWriter w = new WireWriter(4);

        assertThatThrownBy(() -> w.varInt(268_435_456)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("268435455");
        assertThatThrownBy(() -> w.varInt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFifthByteIsMalformed() {
        byte[] fiveBytes = Wire.hex("ff ff ff ff 01");

        assertThatThrownBy(() -> new WireReader(fiveBytes, 0, 5).varInt())
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reasonCode()).isEqualTo(0x81))
                .hasMessageContaining("longer than 4 bytes");
    }

    @Test
    void aLongerThanNecessaryEncodingIsMalformed() {
        assertThatThrownBy(() -> new WireReader(Wire.hex("80 00"), 0, 2).varInt())
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("shortest form");
    }

    @Test
    void aRemainingLengthOfFiveBytesIsMalformed() {
        byte[] header = Wire.hex("30 ff ff ff ff 01");

        assertThatThrownBy(() -> new PacketReader(new ByteArrayInputStream(header), Integer.MAX_VALUE).read(MqttVersion.V5))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCodes.MALFORMED_PACKET));
    }
}
