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
        if (address.loopback()) {
            return;
        }
        boolean tls = settings.tls() != null && settings.tls().cert() != null;
        boolean tokens = settings.auth() != null && (!settings.auth().tokens().isEmpty() || settings.auth().jwt() != null);
        if (!tls || !tokens) {
            problems.add(NodeLookup.originOf(root, "management.listen", root.origin()), "management.listen",
                    "listening on " + address + " serves the network, which needs "
                            + (!tls && !tokens ? "management.tls (a certificate and key) and management.auth (tokens)"
                            : !tls ? "management.tls (a certificate and key)" : "management.auth (tokens)")
                            + "; or listen on 127.0.0.1 and reach it through an SSH tunnel");
        }
    }
}
