package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.SanType;
import dev.ferry.source.coap.TenantFromConfig;
import dev.ferry.source.coap.TenantNames;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a device certificate's tenant from its SubjectAlternativeNames ({@code tenant_from}). Exactly one tenant
 * must come out: a certificate with none, or with two different ones, belongs to no tenant and is refused. Used at
 * the handshake and again for each request, so both always agree.
 */
public final class TenantRule {

    /** The GeneralName tags of X.509 (RFC 5280): dNSName 2, uniformResourceIdentifier 6. */
    private static final int DNS_NAME = 2;
    private static final int URI_NAME = 6;

    private final SanType san;
    private final Pattern pattern;

    public TenantRule(TenantFromConfig config) {
        this.san = config.san();
        this.pattern = Pattern.compile(config.pattern());
    }

    /** The tenant of {@code certificate}; throws with the reason when it names none, or more than one. */
    public String tenantOf(X509Certificate certificate) throws NoTenantException {
        List<String> names = names(certificate);
        Set<String> tenants = new TreeSet<>();
        for (String name : names) {
            Matcher m = pattern.matcher(name);
            if (m.matches() && m.group("tenant") != null) {
                String tenant = m.group("tenant");
                if (!TenantNames.isValid(tenant)) {
                    throw new NoTenantException(subject(certificate) + ": its tenant " + TenantNames.rule(tenant));
                }
                tenants.add(tenant);
            }
        }
        if (tenants.size() == 1) {
            return tenants.iterator().next();
        }
        String kind = san == SanType.URI ? "URI" : "DNS";
        if (tenants.isEmpty()) {
            throw new NoTenantException(subject(certificate) + " names no tenant: none of its " + kind + " names "
                    + names + " matches " + pattern.pattern());
        }
        throw new NoTenantException(subject(certificate) + " names more than one tenant: " + tenants);
    }

    private List<String> names(X509Certificate certificate) throws NoTenantException {
        Collection<List<?>> all;
        try {
            all = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new NoTenantException(subject(certificate) + ": its SubjectAlternativeName cannot be read");
        }
        List<String> names = new ArrayList<>();
        int wanted = san == SanType.URI ? URI_NAME : DNS_NAME;
        if (all != null) {
            for (List<?> entry : all) {
                if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == wanted && entry.get(1) instanceof String name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static String subject(X509Certificate certificate) {
        return "certificate \"" + certificate.getSubjectX500Principal().getName() + "\"";
    }

    /** A certificate that does not name exactly one valid tenant. */
    public static final class NoTenantException extends Exception {
        NoTenantException(String message) {
            super(message, null, false, false);
        }
    }
}
