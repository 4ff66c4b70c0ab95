/**
 * Reading pushed payloads into readings: SenML JSON and CBOR (RFC 8428) and plain JSON, with Jackson's streaming
 * parsers (no data binding, so nothing is built that the payload did not ask for). Non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.source.coap.internal.payload;
