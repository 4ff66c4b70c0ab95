package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.net.ListenAddress;

/** The rules of the {@code management:} section that its keys alone do not state. */
final class ManagementChecks {

    private ManagementChecks() {}

    static void check(ManagementSettings settings, ConfigMap root, Problems problems) {
        if (!settings.enabled()) {
            return;
        }
        ListenAddress address;
        try {
            address = ListenAddress.parse(settings.listen());
        } catch (IllegalArgumentException e) {
            problems.add(NodeLookup.originOf(root, "management.listen", root.origin()), "management.listen", e.getMessage());
            return;
        }
        if (!address.loopback()) {
            problems.add(NodeLookup.originOf(root, "management.listen", root.origin()), "management.listen",
                    "listening on " + address + " would serve health, status and metrics to the network without TLS"
                            + " and tokens, which this version cannot yet set up; listen on 127.0.0.1 (and reach it"
                            + " through an SSH tunnel or a reverse proxy with TLS)");
        }
    }
}
