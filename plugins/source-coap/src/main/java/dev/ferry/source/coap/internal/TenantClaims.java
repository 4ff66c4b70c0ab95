package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;

/**
 * The rule that keeps tenants apart: a device speaks only for itself. A payload may repeat the device's own tenant
 * and device, as tags or as a SenML name {@code urn:tenant:NAME:...}; naming any other refuses the whole request
 * (4.03), rather than quietly relabelling it, so a misconfigured or hostile device is seen at once.
 */
public final class TenantClaims {

    public static final String TENANT_TAG = "tenant";
    public static final String DEVICE_TAG = "device";
    private static final String TENANT_URN = "urn:tenant:";

    private TenantClaims() {}

    /** Why the readings may not be stored for {@code who}, or null when they claim nothing else. */
    static @Nullable String violation(Iterable<Reading> readings, DeviceIdentity who) {
        for (Reading r : readings) {
            String tenant = r.tags().get(TENANT_TAG);
            if (tenant != null && !tenant.equals(who.tenant())) {
                return "the payload claims tenant \"" + tenant + "\", but this device belongs to tenant \""
                        + who.tenant() + "\"";
            }
            String device = r.tags().get(DEVICE_TAG);
            if (device != null && !device.equals(who.device())) {
                return "the payload claims device \"" + device + "\", but this is device \"" + who.device() + "\"";
            }
            String named = tenantInName(r.metric());
            if (named != null && !named.equals(who.tenant())) {
                return "the name \"" + r.metric() + "\" claims tenant \"" + named + "\", but this device belongs to"
                        + " tenant \"" + who.tenant() + "\"";
            }
        }
        return null;
    }

    private static @Nullable String tenantInName(String name) {
        if (!name.regionMatches(true, 0, TENANT_URN, 0, TENANT_URN.length())) {
            return null;
        }
        int end = TENANT_URN.length();
        while (end < name.length() && name.charAt(end) != ':' && name.charAt(end) != '/') {
            end++;
        }
        return name.substring(TENANT_URN.length(), end);
    }
}
