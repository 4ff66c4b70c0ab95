package dev.ferry.runtime.config.internal;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.api.net.ServedPort;
import dev.ferry.runtime.config.AuthRules;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.net.ListenAddress;
import dev.ferry.tls.ClientTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The rules of the {@code management:} section that its keys alone do not state: TLS and tokens where it serves
 * the network, the tokens and scopes themselves, and, for {@code ferry check}, the certificate and key files.
 */
final class ManagementChecks {

    private ManagementChecks() {}

    /** @param files resolves a configured path when the files named are to be read; null when not */
    static void check(ManagementSettings settings, ConfigMap root, Problems problems, @Nullable Function<String, Path> files,
            boolean checkPort) {
        if (!settings.enabled()) {
            return;
        }
        List<ConfigProblem> found = new ArrayList<>();
        exposure(settings, found);
        // the default address taken (a second agent on the machine) only costs the endpoint: the agent runs on
        if (checkPort && found.isEmpty() && !settings.listen().equals(ManagementSettings.defaults().listen())) {
            ListenAddress address = ListenAddress.parse(settings.listen());
            String problem = new ServedPort("management.listen", address.host(), address.port(), false).problem();
            if (problem != null) {
                found.add(new ConfigProblem("management.listen", problem + "; set management.listen to another port,"
                        + " or management.enabled: false"));
            }
        }
        if (files != null && settings.tls() != null) {
            found.addAll(ClientTls.checkFiles(settings.tls(), "management.tls", files));
        }
        if (settings.auth() != null) {
            AuthRules rules = ServiceLoader.load(AuthRules.class, ManagementChecks.class.getClassLoader()).findFirst().orElse(null);
            if (rules != null) {
                for (ConfigProblem problem : rules.check(settings.auth(), files)) {
                    found.add(new ConfigProblem("management.auth." + problem.key(), problem.message()));
                }
            }
        }
        for (ConfigProblem problem : found) {
            problems.add(NodeLookup.originOf(root, problem.key(), root.origin()), problem.key(), problem.message());
        }
    }

    /** Anywhere but loopback, the endpoint needs TLS and tokens. */
    private static void exposure(ManagementSettings settings, List<ConfigProblem> found) {
        ListenAddress address;
        try {
            address = ListenAddress.parse(settings.listen());
        } catch (IllegalArgumentException e) {
            found.add(new ConfigProblem("management.listen", e.getMessage()));
            return;
        }
        if (address.loopback()) {
            return;
        }
        boolean tls = settings.tls() != null && settings.tls().cert() != null;
        boolean tokens = settings.auth() != null && (!settings.auth().tokens().isEmpty() || settings.auth().jwt() != null);
        if (!tls || !tokens) {
            found.add(new ConfigProblem("management.listen", "listening on " + address + " serves the network, which needs "
                    + (!tls && !tokens ? "management.tls (a certificate and key) and management.auth (tokens)"
                    : !tls ? "management.tls (a certificate and key)" : "management.auth (tokens)")
                    + "; or listen on 127.0.0.1 and reach it through an SSH tunnel"));
        }
    }
}
