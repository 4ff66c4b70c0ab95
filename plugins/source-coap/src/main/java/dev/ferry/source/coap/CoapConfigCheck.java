package dev.ferry.source.coap;

import dev.ferry.api.ConfigProblem;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The checks of a {@code coap} source section that need no file and no network. */
final class CoapConfigCheck {

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]+(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*");

    private CoapConfigCheck() {}

    static List<ConfigProblem> problems(CoapSourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean dtls = config.tls() != null || !config.pskDevices().isEmpty();
        if (!dtls && config.insecure() == null) {
            problems.add(new ConfigProblem("tls", "nothing to listen for: set `tls` (devices with certificates),"
                    + " `psk_devices` (devices with pre-shared keys) or `insecure` (plain CoAP)"));
        }
        if (config.tls() != null) {
            tls(config.tls(), problems);
        }
        resources(config.resources(), problems);
        tenantPattern(config.tenantFrom(), problems);
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < config.pskDevices().size(); i++) {
            String identity = config.pskDevices().get(i).identity();
            if (!identities.add(identity)) {
                problems.add(new ConfigProblem("psk_devices." + i + ".identity", "\"" + identity + "\" is listed twice"));
            }
        }
        InsecureConfig insecure = config.insecure();
        if (dtls && insecure != null && insecure.port() == config.port() && config.port() != 0) {
            problems.add(new ConfigProblem("insecure.port", "must differ from `port` (" + config.port()
                    + "), where the DTLS endpoint listens"));
        }
        return problems;
    }

    private static void tls(TlsConfig tls, List<ConfigProblem> problems) {
        if (tls.cert() == null) {
            problems.add(new ConfigProblem("tls.cert", "the gateway's own certificate is required for DTLS with"
                    + " certificates; for pre-shared keys alone leave `tls` out"));
        }
        if (tls.ca() == null) {
            problems.add(new ConfigProblem("tls.ca", "name the CA that device certificates must chain to; without it"
                    + " a certificate from any public CA would be let in"));
        }
        if (!tls.cipherSuites().isEmpty()) {
            problems.add(new ConfigProblem("tls.cipher_suites", "cannot be chosen for the DTLS server yet; leave it out"));
        }
        if (!tls.namedGroups().isEmpty()) {
            problems.add(new ConfigProblem("tls.named_groups", "cannot be chosen for the DTLS server yet; leave it out"));
        }
        if (tls.serverName() != null) {
            problems.add(new ConfigProblem("tls.server_name", "applies to a client, not to the gateway's DTLS server;"
                    + " leave it out"));
        }
        for (ConfigProblem problem : ClientTls.check(tls, "tls")) {
            if (!problem.key().startsWith("tls.cipher_suites") && !problem.key().startsWith("tls.named_groups")) {
                problems.add(problem); // the JDK's names do not matter for keys refused above
            }
        }
    }

    private static void resources(List<String> resources, List<ConfigProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            String path = resources.get(i);
            if (!PATH.matcher(path).matches()) {
                problems.add(new ConfigProblem("resources." + i, "\"" + path + "\" is not a resource path; write path"
                        + " segments separated by /, e.g. readings or plant/climate"));
            } else if (!seen.add(path)) {
                problems.add(new ConfigProblem("resources." + i, "\"" + path + "\" is listed twice"));
            }
        }
    }

    private static void tenantPattern(TenantFromConfig tenantFrom, List<ConfigProblem> problems) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(tenantFrom.pattern());
        } catch (PatternSyntaxException e) {
            problems.add(new ConfigProblem("tenant_from.pattern", "not a valid regular expression: " + e.getDescription()
                    + " near position " + e.getIndex()));
            return;
        }
        if (!pattern.namedGroups().containsKey("tenant")) {
            problems.add(new ConfigProblem("tenant_from.pattern", "needs a named group `tenant`, e.g."
                    + " ^urn:tenant:(?<tenant>[a-z0-9-]+)$"));
        } else if (tenantFrom.san() == SanType.DNS && tenantFrom.pattern().equals(TenantFromConfig.DEFAULT_PATTERN)) {
            problems.add(new ConfigProblem("tenant_from.pattern", "the default pattern reads URI names; for DNS names"
                    + " write one, e.g. ^(?<tenant>[a-z0-9-]+)\\.devices\\.example\\.com$"));
        }
    }
}
