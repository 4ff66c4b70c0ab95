package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsEvent;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Decides when to warn that the client certificate is about to expire, or is not valid yet: at most once a day. */
final class ExpiryWatch {

    private static final Duration QUIET = Duration.ofDays(1);
    private static final long SECONDS_PER_DAY = 86_400;

    private final Duration window;
    private final String file;
    private @Nullable Instant lastWarning;
    private @Nullable X509Certificate warnedAbout;

    ExpiryWatch(Duration window, String file) {
        this.window = window;
        this.file = file;
    }

    /** The warning due at {@code now}, if any; a new certificate starts a new watch. */
    @Nullable TlsEvent check(@Nullable X509Certificate certificate, Instant now) {
        if (certificate == null) {
            return null;
        }
        boolean sameCertificate = certificate.equals(warnedAbout);
        if (sameCertificate && lastWarning != null && now.isBefore(lastWarning.plus(QUIET))) {
            return null;
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        TlsEvent warning = null;
        if (now.isBefore(notBefore)) {
            warning = new TlsEvent.NotYetValid(CertificateNames.subject(certificate), notBefore);
        } else if (!now.plus(window).isBefore(notAfter)) {
            long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), SECONDS_PER_DAY);
            warning = new TlsEvent.Expiring(CertificateNames.subject(certificate), notAfter, daysLeft, file);
        }
        if (warning != null) {
            lastWarning = now;
            warnedAbout = certificate;
        }
        return warning;
    }
}
