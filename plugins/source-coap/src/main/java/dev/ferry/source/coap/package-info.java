/**
 * The {@code coap} source: a CoAP(S) server on the gateway that sub-devices push SenML or JSON readings to, each
 * reading tagged with the device and tenant its DTLS credentials prove. Non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.source.coap;
