package dev.ferry.source.coap.internal;

/**
 * Who sent a request, as its credentials prove: the {@code device} (certificate CN, PSK identity, or for plain CoAP
 * the sender's address) and the {@code tenant} it belongs to.
 */
public record DeviceIdentity(String device, String tenant) {

    /** The key of the device's rate-limit bucket: the same device name in two tenants is two devices. */
    String key() {
        return tenant + "/" + device;
    }

    @Override
    public String toString() {
        return "device " + device + " of tenant " + tenant;
    }
}
