package dev.ferry.mqtt;

/** Names for MQTT reason codes, for messages and logs. */
public final class MqttReasonCodes {

    /** MQTT 5: the receiver could not parse a packet. */
    public static final int MALFORMED_PACKET = 0x81;
    /** MQTT 5: a packet broke the protocol's rules. */
    public static final int PROTOCOL_ERROR = 0x82;
    /** MQTT 5 PUBACK: the client may not publish to that topic. */
    public static final int NOT_AUTHORIZED = 0x87;
    /** MQTT 5 DISCONNECT: another connection with the same client id took the session over. */
    public static final int SESSION_TAKEN_OVER = 0x8E;
    /** MQTT 5 PUBACK: the topic name is not malformed but not accepted. */
    public static final int TOPIC_NAME_INVALID = 0x90;
    /** MQTT 5: a packet was larger than the maximum packet size. */
    public static final int PACKET_TOO_LARGE = 0x95;
    /** MQTT 5 DISCONNECT: end normally; the broker discards the will. */
    public static final int NORMAL_DISCONNECTION = 0x00;
    /** MQTT 5 DISCONNECT: end, and have the broker publish the will. */
    public static final int DISCONNECT_WITH_WILL = 0x04;

    private MqttReasonCodes() {}

    /** {@code 0x87 not authorized}; codes below 0x80 mean success. */
    public static String describe(int code) {
        return "0x%02X %s".formatted(code, name(code));
    }

    /** The specification's name of an MQTT 5 reason code, in lower case. */
    public static String name(int code) {
        return switch (code) {
            case 0x00 -> "success";
            case 0x01 -> "granted QoS 1";
            case 0x02 -> "granted QoS 2";
            case 0x04 -> "disconnect with will message";
            case 0x10 -> "no matching subscribers";
            case 0x11 -> "no subscription existed";
            case 0x18 -> "continue authentication";
            case 0x19 -> "re-authenticate";
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x82 -> "protocol error";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client identifier not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8B -> "server shutting down";
            case 0x8C -> "bad authentication method";
            case 0x8D -> "keep alive timeout";
            case 0x8E -> "session taken over";
            case 0x8F -> "topic filter invalid";
            case 0x90 -> "topic name invalid";
            case 0x91 -> "packet identifier in use";
            case 0x92 -> "packet identifier not found";
            case 0x93 -> "receive maximum exceeded";
            case 0x94 -> "topic alias invalid";
            case 0x95 -> "packet too large";
            case 0x96 -> "message rate too high";
            case 0x97 -> "quota exceeded";
            case 0x98 -> "administrative action";
            case 0x99 -> "payload format invalid";
            case 0x9A -> "retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "use another server";
            case 0x9D -> "server moved";
            case 0x9E -> "shared subscriptions not supported";
            case 0x9F -> "connection rate exceeded";
            case 0xA0 -> "maximum connect time";
            case 0xA1 -> "subscription identifiers not supported";
            case 0xA2 -> "wildcard subscriptions not supported";
            default -> "unknown reason code";
        };
    }

    /** The name of an MQTT 3.1.1 CONNACK return code. */
    public static String connectReturnCodeName(int code) {
        return switch (code) {
            case 0 -> "connection accepted";
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "unknown return code";
        };
    }
}
