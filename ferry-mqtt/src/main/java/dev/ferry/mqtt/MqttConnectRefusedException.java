package dev.ferry.mqtt;

import dev.ferry.api.Nullable;
import java.io.IOException;

/**
 * The broker answered CONNECT with a refusal: bad credentials, not authorized, identifier rejected, server busy...
 * Retrying with the same settings usually fails the same way, except for "server unavailable" or "server busy".
 */
public final class MqttConnectRefusedException extends IOException {

    private final MqttVersion version;
    private final int code;
    private final @Nullable String reasonString;

    public MqttConnectRefusedException(String broker, MqttVersion version, int code, @Nullable String reasonString) {
        super("MQTT broker " + broker + " refused the connection: " + describe(version, code)
                + (reasonString == null ? "" : " (" + reasonString + ")") + "; check the client id, credentials and the broker's ACL");
        this.version = version;
        this.code = code;
        this.reasonString = reasonString;
    }

    private static String describe(MqttVersion version, int code) {
        return version == MqttVersion.V5 ? MqttReasonCodes.describe(code)
                : "return code " + code + " " + MqttReasonCodes.connectReturnCodeName(code);
    }

    /** The MQTT 3.1.1 return code (1..5) or the MQTT 5 reason code (0x80 and above). */
    public int code() {
        return code;
    }

    /** The specification's name of {@link #code()}, such as "bad user name or password" or "not authorized". */
    public String codeName() {
        return version == MqttVersion.V5 ? MqttReasonCodes.name(code) : MqttReasonCodes.connectReturnCodeName(code);
    }

    /** The broker's MQTT 5 reason string, or null. */
    public @Nullable String reasonString() {
        return reasonString;
    }

    public MqttVersion version() {
        return version;
    }
}
