package dev.ferry.coap;

import dev.ferry.api.config.Doc;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A {@code psk:} section: a DTLS pre-shared key and the identity it belongs to, for devices too small for
 * certificates.
 */
public record PskConfig(
        @Doc("The PSK identity sent in the handshake, e.g. the device's serial number.") String identity,
        @Doc("The shared secret: `hex:` followed by hex digits, `base64:` followed by Base64, or else the text itself"
                + " taken as UTF-8 (the way libcoap's `-k` takes it). Write it as ${ENV_NAME} to keep it out of the file.")
        String key) {

    /** Longest key RFC 4279 allows. */
    private static final int MAX_KEY_BYTES = 64;

    public PskConfig {
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("`identity` must not be empty");
        }
        if (secret(key).length == 0) {
            throw new IllegalArgumentException("`key` must not be empty");
        }
        if (secret(key).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("`key` is " + secret(key).length + " bytes; a pre-shared key is at most "
                    + MAX_KEY_BYTES);
        }
    }

    /** The key's bytes, decoded from {@link #key()}. */
    public byte[] secret() {
        return secret(key);
    }

    private static byte[] secret(String key) {
        try {
            if (key.startsWith("hex:")) {
                return HexFormat.of().parseHex(key.substring(4).replace(" ", ""));
            }
            if (key.startsWith("base64:")) {
                return Base64.getDecoder().decode(key.substring(7).strip());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`key` is not valid " + key.substring(0, key.indexOf(':')) + ": "
                    + e.getMessage());
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The key is a secret: never shown. */
    @Override
    public String toString() {
        return "PskConfig[identity=" + identity + ", key=***]";
    }
}
