package dev.ferry.source.opcua;

import dev.ferry.api.ConfigProblem;
import dev.ferry.source.opcua.internal.NodeIdText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks of an opcua source's config that binding alone cannot make. */
final class OpcUaConfigCheck {

    private OpcUaConfigCheck() {}

    static List<ConfigProblem> problems(OpcUaConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        checkEndpoint(config.endpoint(), problems);
        checkSecurity(config, problems);
        checkIdentity(config, problems);
        if (config.items().isEmpty()) {
            problems.add(new ConfigProblem("items", "list at least one node to read"));
        }
        Map<String, Integer> metrics = new HashMap<>();
        for (int i = 0; i < config.items().size(); i++) {
            checkItem(config.items().get(i), "items." + i, metrics, i, problems);
        }
        return problems;
    }

    private static void checkEndpoint(String endpoint, List<ConfigProblem> problems) {
        String rest = endpoint.startsWith("opc.tcp://") ? endpoint.substring("opc.tcp://".length()) : null;
        if (rest == null || rest.isEmpty() || rest.startsWith("/") || rest.startsWith(":")) {
            problems.add(new ConfigProblem("endpoint", "must be an opc.tcp://host:port/path URL, was \"" + endpoint + "\""));
        }
    }

    private static void checkSecurity(OpcUaConfig config, List<ConfigProblem> problems) {
        SecurityMode mode = config.securityMode();
        if (config.securityPolicy() == SecurityPolicy.NONE && mode != null && mode != SecurityMode.NONE) {
            problems.add(new ConfigProblem("security_mode", "mode " + kebab(mode) + " needs a security policy; "
                    + "set security_policy: basic256sha256, or security_mode: none"));
        }
        if (config.securityPolicy() != SecurityPolicy.NONE && mode == SecurityMode.NONE) {
            problems.add(new ConfigProblem("security_mode", "mode none cannot go with security_policy "
                    + kebab(config.securityPolicy()) + "; use sign or sign-and-encrypt, or security_policy: none"));
        }
        for (int i = 0; i < config.trustedCerts().size(); i++) {
            if (config.trustedCerts().get(i).isBlank()) {
                problems.add(new ConfigProblem("trusted_certs." + i, "must name a PEM or DER certificate file"));
            }
        }
        if (config.applicationUri() != null && config.applicationUri().isBlank()) {
            problems.add(new ConfigProblem("application_uri", "must not be empty; leave it out for the default"));
        }
    }

    private static void checkIdentity(OpcUaConfig config, List<ConfigProblem> problems) {
        if (config.username() != null && config.username().isBlank()) {
            problems.add(new ConfigProblem("username", "must not be empty; leave it out to sign in anonymously"));
        }
        if (config.username() != null && config.password() == null) {
            problems.add(new ConfigProblem("password", "is required with username; write password: ${VAR} to take "
                    + "it from the environment"));
        }
        if (config.username() == null && config.password() != null) {
            problems.add(new ConfigProblem("username", "is required with password"));
        }
    }

    private static void checkItem(ItemConfig item, String at, Map<String, Integer> metrics, int index,
            List<ConfigProblem> problems) {
        String metric = item.metric();
        try {
            NodeIdText node = NodeIdText.parse(item.node());
            if (metric == null) {
                metric = node.toString(); // the browse name is not known before connecting; ids are unique
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(at + ".node", e.getMessage()));
        }
        if (item.metric() != null && item.metric().isBlank()) {
            problems.add(new ConfigProblem(at + ".metric", "must not be empty; leave it out for the browse name"));
        } else if (metric != null && metrics.putIfAbsent(metric, index) != null) {
            problems.add(new ConfigProblem(at + ".metric", "\"" + metric + "\" is already the metric of items."
                    + metrics.get(metric) + "; give each item its own metric name"));
        }
        if (item.samplingInterval() != null && item.samplingInterval().isNegative()) {
            problems.add(new ConfigProblem(at + ".sampling_interval", "must be >= 0, was " + item.samplingInterval()));
        }
        if (item.mode() == ItemMode.POLL && (item.deadband() != null || item.samplingInterval() != null)) {
            problems.add(new ConfigProblem(at + ".mode", "deadband and sampling_interval apply to subscribed items "
                    + "only; remove them or use mode: subscribe"));
        }
        if (item.deadband() != null) {
            checkDeadband(item.deadband(), at + ".deadband", problems);
        }
    }

    private static void checkDeadband(DeadbandConfig deadband, String at, List<ConfigProblem> problems) {
        if ((deadband.absolute() == null) == (deadband.percent() == null)) {
            problems.add(new ConfigProblem(at, "give exactly one of absolute or percent"));
            return;
        }
        if (deadband.absolute() != null && !(deadband.absolute() >= 0)) {
            problems.add(new ConfigProblem(at + ".absolute", "must be >= 0, was " + deadband.absolute()));
        }
        if (deadband.percent() != null && !(deadband.percent() >= 0 && deadband.percent() <= 100)) {
            problems.add(new ConfigProblem(at + ".percent", "must be between 0 and 100, was " + deadband.percent()));
        }
    }

    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
