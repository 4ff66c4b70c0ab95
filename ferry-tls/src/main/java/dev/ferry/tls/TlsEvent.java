package dev.ferry.tls;

import dev.ferry.api.Nullable;
import java.time.Instant;

/**
 * Something that happened to a {@link ClientTls}: each is logged, as {@link #message()}, and handed to the listener
 * of its {@link TlsSetup}, e.g. for health or metrics. Listeners run on the thread that called
 * {@link ClientTls#current()} and must return quickly.
 */
public sealed interface TlsEvent {

    /** The line logged for this event, without the owner's name. */
    String message();

    /** Whether it is logged as a warning rather than as information. */
    boolean warning();

    /** The files were loaded at start. */
    record Loaded(@Nullable String subject, @Nullable Instant notAfter, int trustedCertificates, boolean defaultTrust)
            implements TlsEvent {
        @Override
        public String message() {
            String trust = defaultTrust ? "the JDK's default CAs" : trustedCertificates + " CA certificate(s)";
            return subject == null
                    ? "TLS ready, trusting " + trust + ", no certificate of our own"
                    : "TLS ready with our certificate " + subject + " (valid until " + date(notAfter) + "), trusting " + trust;
        }

        @Override
        public boolean warning() {
            return false;
        }
    }

    /** Changed files were loaded; the next connection uses them. */
    record Reloaded(@Nullable String subject, @Nullable Instant notAfter) implements TlsEvent {
        @Override
        public String message() {
            return subject == null
                    ? "TLS files changed and were reloaded; the next connection uses them"
                    : "TLS files changed and were reloaded: our certificate " + subject + ", valid until "
                            + date(notAfter) + "; the next connection uses it";
        }

        @Override
        public boolean warning() {
            return false;
        }
    }

    /** Changed files could not be loaded (e.g. caught half-written); the previous identity stays in use. */
    record ReloadFailed(String reason) implements TlsEvent {
        @Override
        public String message() {
            return "TLS files changed but cannot be loaded, keeping the previous certificate: " + reason
                    + " (tried again when the files change)";
        }

        @Override
        public boolean warning() {
            return true;
        }
    }

    /** The client certificate expires within {@code expiry_warning}, or has expired. At most once a day. */
    record Expiring(String subject, Instant notAfter, long daysLeft, String file) implements TlsEvent {
        @Override
        public String message() {
            return daysLeft < 0
                    ? "our certificate " + subject + " expired on " + date(notAfter) + "; peers will refuse it."
                            + " Replace " + file + "; it is re-read without a restart"
                    : "our certificate " + subject + " expires on " + date(notAfter) + " (" + daysLeft + " day"
                            + (daysLeft == 1 ? "" : "s") + " left); replace " + file + " in time; it is re-read without a restart";
        }

        @Override
        public boolean warning() {
            return true;
        }
    }

    /** The client certificate's validity starts in the future: the device's clock is likely wrong. */
    record NotYetValid(String subject, Instant notBefore) implements TlsEvent {
        @Override
        public String message() {
            return "our certificate " + subject + " is not valid before " + date(notBefore)
                    + "; servers will refuse it until then. Is this device's clock right?";
        }

        @Override
        public boolean warning() {
            return true;
        }
    }

    private static String date(@Nullable Instant instant) {
        return instant == null ? "?" : dev.ferry.tls.internal.CertificateNames.date(instant);
    }
}
