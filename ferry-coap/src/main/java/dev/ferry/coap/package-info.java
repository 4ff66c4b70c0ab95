/**
 * What Ferry's CoAP sink and CoAP ingress share: Californium configured in memory (it never writes its
 * properties file), DTLS 1.2 identities built from a {@code tls:} section, and pre-shared keys. Everything here is
 * non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.coap;
