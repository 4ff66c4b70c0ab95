package dev.ferry.source.coap.internal;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's parser of CoAP datagrams, except that a payload larger than the size its Block1 or Block2 option
 * announces is a format error, as any other malformed datagram is: Californium's own parser throws an
 * IllegalStateException there, which its endpoint logs as an error with a stack trace, once per datagram, and leaves
 * the request unanswered. As a format error, a confirmable request gets 4.00 with the reason as its diagnostic, and
 * anything else is dropped.
 */
final class IngressDataParser extends UdpDataParser {

    /** @param strictEmptyMessageFormat as Californium's setting of the same name, which the endpoint's parser follows */
    IngressDataParser(boolean strictEmptyMessageFormat) {
        super(strictEmptyMessageFormat, StandardOptionRegistry.getDefaultOptionRegistry());
    }

    @Override
    public void parseOptionsAndPayload(DatagramReader reader, Message message) {
        try {
            super.parseOptionsAndPayload(reader, message);
        } catch (IllegalStateException e) {
            throw new CoAPMessageFormatException(e.getMessage(), message.getToken(), message.getMID(),
                    message.getRawCode(), message.isConfirmable(), ResponseCode.BAD_REQUEST);
        }
    }
}
