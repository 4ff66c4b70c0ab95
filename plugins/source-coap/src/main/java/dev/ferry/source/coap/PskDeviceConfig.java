package dev.ferry.source.coap;

import dev.ferry.api.config.Doc;
import dev.ferry.coap.PskConfig;

/** One entry of {@code psk_devices:}: a device that authenticates with a pre-shared key, and its tenant. */
public record PskDeviceConfig(
        @Doc("The PSK identity the device sends; it becomes the `device` tag of its readings.") String identity,
        @Doc("The shared secret: `hex:` followed by hex digits, `base64:` followed by Base64, or else the text itself"
                + " as UTF-8 (the way libcoap's `-k` takes it). Write it as ${ENV_NAME} to keep it out of the file.")
        String key,
        @Doc("The tenant the device belongs to: letters, digits, `.`, `_` and `-`.") String tenant) {

    public PskDeviceConfig {
        new PskConfig(identity, key); // the same checks as everywhere a PSK is configured
        if (!TenantNames.isValid(tenant)) {
            throw new IllegalArgumentException("`tenant` " + TenantNames.rule(tenant));
        }
    }

    /** The key's bytes. */
    public byte[] secret() {
        return new PskConfig(identity, key).secret();
    }

    /** The key is a secret: never shown. */
    @Override
    public String toString() {
        return "PskDeviceConfig[identity=" + identity + ", key=***, tenant=" + tenant + "]";
    }
}
