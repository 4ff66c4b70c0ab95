/**
 * The CoAP ingress's implementation: Californium endpoints and their settings, the request path (identity, rate
 * limit, resource, decoding, durable commit, response) and the DTLS checks. Non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.source.coap.internal;
