package dev.ferry.source.coap.internal;

import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;

/**
 * Scandium's DTLS connector on the ingress's {@link SessionSlots}: the constructor that takes a connection store is
 * protected, and a close_notify reaches the store only through the connector's alert handler.
 */
final class IngressDtlsConnector extends DTLSConnector {

    IngressDtlsConnector(DtlsConnectorConfig config, SessionSlots slots) {
        super(config, slots);
        setAlertHandler((peer, alert) -> {
            if (peer != null && alert.getDescription() == AlertDescription.CLOSE_NOTIFY) {
                slots.closedByDevice(peer);
            }
        });
    }
}
