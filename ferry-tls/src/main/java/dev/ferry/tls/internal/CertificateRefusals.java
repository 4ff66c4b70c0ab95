package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one line why the JDK refused a peer's certificate chain: wrong host name, expired or not yet valid, or
 * issued by a CA we do not trust. The JDK's own words ("PKIX path building failed ...") name none of these.
 */
final class CertificateRefusals {

    // sun.security.util.HostnameChecker: "No subject alternative DNS name matching x found.", "No name matching x found",
    // "No subject alternative names matching IP address x found"
    private static final Pattern HOST_MISMATCH = Pattern.compile("No (?:subject alternative )?(?:DNS )?names? matching (?:IP address )?(\\S+?)\\.? found");
    private static final Pattern NO_NAMES = Pattern.compile("No subject alternative names present");

    private CertificateRefusals() {}

    /**
     * @param peer {@code server} or {@code client}, whose chain it is
     * @param trustSource where trusted CAs come from, e.g. {@code tls.ca} or {@code the JDK's default trust store}
     */
    static String explain(CertificateException refusal, X509Certificate[] chain, String peer, String trustSource, Instant now) {
        X509Certificate leaf = chain[0];
        String message = String.valueOf(refusal.getMessage());
        Matcher host = HOST_MISMATCH.matcher(message);
        if (host.find()) {
            return "hostname " + host.group(1) + " does not match the " + peer + " certificate (names: "
                    + String.join(", ", CertificateNames.hostNames(leaf)) + ")";
        }
        if (NO_NAMES.matcher(message).find()) {
            return "the " + peer + " certificate " + CertificateNames.subject(leaf) + " names no host (it has no subject"
                    + " alternative names), so the host name check fails";
        }
        String validity = validityProblem(refusal, chain, peer, now);
        if (validity != null) {
            return validity;
        }
        X509Certificate top = chain[chain.length - 1];
        if (chain.length == 1 && top.getIssuerX500Principal().equals(top.getSubjectX500Principal())) {
            return peer + " certificate not trusted (" + CertificateNames.subject(top) + " is self-signed and not in "
                    + trustSource + ")";
        }
        if (isPathProblem(refusal)) {
            return peer + " certificate not trusted (issuer " + CertificateNames.issuer(top) + " is not in " + trustSource + ")";
        }
        return peer + " certificate " + CertificateNames.subject(leaf) + " refused: " + innermost(refusal);
    }

    private static @Nullable String validityProblem(CertificateException refusal, X509Certificate[] chain, String peer,
            Instant now) {
        for (int i = 0; i < chain.length; i++) {
            String which = i == 0 ? peer + " certificate" : peer + "'s CA certificate " + CertificateNames.subject(chain[i]);
            if (chain[i].getNotAfter().toInstant().isBefore(now)) {
                return which + " expired on " + CertificateNames.date(chain[i].getNotAfter().toInstant())
                        + (i == 0 ? " (" + CertificateNames.subject(chain[i]) + ")" : "");
            }
            if (chain[i].getNotBefore().toInstant().isAfter(now)) {
                return which + " is not valid before " + CertificateNames.date(chain[i].getNotBefore().toInstant())
                        + "; is this device's clock right?";
            }
        }
        if (has(refusal, CertificateExpiredException.class) || reason(refusal) == CertPathValidatorException.BasicReason.EXPIRED) {
            return peer + " certificate chain has expired (" + innermost(refusal) + ")";
        }
        if (has(refusal, CertificateNotYetValidException.class)
                || reason(refusal) == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return peer + " certificate chain is not valid yet (" + innermost(refusal) + "); is this device's clock right?";
        }
        return null;
    }

    private static boolean isPathProblem(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    private static CertPathValidatorException.@Nullable Reason reason(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException validation) {
                return validation.getReason();
            }
        }
        return null;
    }

    private static boolean has(Throwable refusal, Class<? extends Throwable> type) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
