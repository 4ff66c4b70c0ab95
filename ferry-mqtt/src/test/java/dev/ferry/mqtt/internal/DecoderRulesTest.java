package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mqtt.MqttVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Packets that break the specification are refused with the reason code the specification names: 0x81 malformed,
 * 0x82 protocol error, 0x90 topic name invalid, 0x94 topic alias invalid. Each case is one packet in hex.
 */
class DecoderRulesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        reserved packet type 0                        | 00 00                               | V5     | 0x81
        AUTH does not exist in 3.1.1                  | f0 00                               | V3_1_1 | 0x81
        AUTH without an authentication method         | f0 00                               | V5     | 0x82
        PUBACK with reserved flags                    | 41 02 0001                          | V5     | 0x81
        SUBSCRIBE without its required flags          | 80 06 0001 0001 61 01               | V3_1_1 | 0x81
        PUBLISH with QoS 3                            | 36 04 0001 61 00                    | V3_1_1 | 0x81
        PUBLISH with QoS 2                            | 34 05 0001 61 0001                  | V3_1_1 | 0x82
        PUBLISH QoS 0 with DUP                        | 38 03 0001 61                       | V3_1_1 | 0x82
        PUBLISH QoS 1 with packet id 0                | 32 05 0001 61 0000                  | V3_1_1 | 0x82
        PUBLISH with an empty topic                   | 30 03 0000 00                       | V5     | 0x82
        PUBLISH with a topic alias                    | 30 07 0001 61 03 230001             | V5     | 0x94
        PUBLISH topic longer than the packet          | 30 03 0009 61                       | V3_1_1 | 0x81
        unknown property identifier                   | 30 06 0001 61 02 7f00               | V5     | 0x81
        property not allowed in PUBLISH               | 30 09 0001 61 05 1100000001         | V5     | 0x81
        property not allowed in PUBACK                | 40 06 0001 00 02 2401               | V5     | 0x81
        will delay outside a will                     | 30 09 0001 61 05 1800000001         | V5     | 0x81
        a property twice                              | 30 0c 0001 61 08 03000161 03000162  | V5     | 0x82
        property length beyond the packet             | 30 05 0001 61 09 01                 | V5     | 0x81
        payload format indicator of 2                 | 30 06 0001 61 02 0102               | V5     | 0x82
        CONNACK receive maximum 0                     | 20 06 00 00 03 210000               | V5     | 0x82
        CONNACK maximum packet size 0                 | 20 08 00 00 05 2700000000           | V5     | 0x82
        CONNACK acknowledge flags reserved bits       | 20 02 02 00                         | V3_1_1 | 0x81
        CONNACK too short                             | 20 01 00                            | V3_1_1 | 0x81
        PINGRESP with a body                          | d0 01 00                            | V5     | 0x81
        3.1.1 PUBACK with a reason code               | 40 03 0001 00                       | V3_1_1 | 0x81
        3.1.1 DISCONNECT with a body                  | e0 01 00                            | V3_1_1 | 0x81
        SUBACK without reason codes                   | 90 02 0001                          | V3_1_1 | 0x82
        3.1.1 UNSUBACK with a reason code             | b0 03 0001 00                       | V3_1_1 | 0x81
        5 UNSUBACK without reason codes               | b0 03 0001 00                       | V5     | 0x82
        SUBSCRIBE options with reserved bits          | 82 06 0001 0001 61 41               | V3_1_1 | 0x81
        SUBSCRIBE without filters                     | 82 02 0001                          | V3_1_1 | 0x82
        user property value cut short                 | 40 0b 0001 00 07 26 0001 6b 0009 76 | V5     | 0x81
        reason string that is not UTF-8               | e0 06 80 04 1f 0001 ff              | V5     | 0x81
        CONNECT for another protocol                  | 10 0c 0004 4d515458 04 02 003c 0000 | V3_1_1 | 0x82
        CONNECT with the reserved flag                | 10 0c 0004 4d515454 04 03 003c 0000 | V3_1_1 | 0x81
        CONNECT will QoS without will flag            | 10 0c 0004 4d515454 04 0a 003c 0000 | V3_1_1 | 0x81
        """)
    void isRefused(String rule, String hex, MqttVersion version, String reasonCode) {
        byte[] packet = Wire.hex(hex);

        assertThatThrownBy(() -> Wire.decode(packet, version))
                .as(rule)
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reasonCode()).as(rule + ": " + e.getMessage()).isEqualTo(Integer.decode(reasonCode)));
    }
}
