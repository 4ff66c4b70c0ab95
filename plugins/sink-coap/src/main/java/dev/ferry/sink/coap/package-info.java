/**
 * The {@code coap} sink: readings sent to a CoAP server (RFC 7252) as confirmable POST or PUT requests carrying
 * SenML CBOR, SenML JSON or JSON, block-wise when large (RFC 7959), over DTLS 1.2 with X.509 certificates or a
 * pre-shared key, with Connection IDs (RFC 9146). Everything here is non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.sink.coap;
