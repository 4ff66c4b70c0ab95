package dev.ferry.source.coap.internal;

import java.util.Locale;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.slf4j.event.Level;

/**
 * Counts and logs DTLS handshakes the gateway ends with an alert: an untrusted or missing certificate, one without
 * a tenant. A handshake that times out is logged but not counted as refused: a device that went away looks the same
 * as one with a wrong pre-shared key, whose records Scandium drops without an alert. Log lines name the peer and the
 * reason, never a stack trace.
 */
final class HandshakeRefusals extends SessionAdapter {

    private final String source;
    private final Counters counters;
    private final QuietLog log;

    HandshakeRefusals(String source, Counters counters, QuietLog log) {
        this.source = source;
        this.counters = counters;
        this.log = log;
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        if (error instanceof HandshakeException refused) {
            counters.countRefusedHandshake(refused.getAlert().getDescription().name().toLowerCase(Locale.ROOT));
            log.log(Level.WARN, "handshake " + refused.getAlert().getDescription(), "source " + source
                    + ": DTLS handshake with " + handshaker.getPeerAddress()
                    + " refused (" + refused.getAlert().getDescription() + "): " + refused.getMessage());
        } else if (error instanceof DtlsHandshakeTimeoutException) {
            log.log(Level.INFO, "handshake-timeout", "source " + source + ": DTLS handshake with "
                    + handshaker.getPeerAddress() + " did not complete: the device stopped answering (a wrong pre-shared"
                    + " key looks like this too)");
        }
    }
}
