package dev.ferry.tls.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** How certificates are named in messages: by common name when they have one, dates in UTC. */
public final class CertificateNames {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CertificateNames() {}

    /** {@code CN=gw-01} when the name has a common name, else the whole distinguished name. */
    public static String of(X500Principal name) {
        String full = name.getName(X500Principal.RFC2253);
        // RFC 2253 separates attributes with commas and escapes the commas inside values with a backslash.
        int start = 0;
        for (int i = 0; i <= full.length(); i++) {
            if (i == full.length() || full.charAt(i) == ',' && (i == 0 || full.charAt(i - 1) != '\\')) {
                String attribute = full.substring(start, i);
                if (attribute.regionMatches(true, 0, "CN=", 0, 3)) {
                    return "CN=" + attribute.substring(3).replace("\\", "");
                }
                start = i + 1;
            }
        }
        return full.isEmpty() ? "(empty subject)" : full;
    }

    public static String subject(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    public static String issuer(X509Certificate certificate) {
        return of(certificate.getIssuerX500Principal());
    }

    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** The DNS names and IP addresses a certificate is for; its common name when it lists none. */
    static List<String> hostNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    int type = (Integer) alternative.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate with unreadable names is described by its subject below
        }
        if (names.isEmpty()) {
            names.add(subject(certificate) + ", no subject alternative names");
        }
        return names;
    }
}
