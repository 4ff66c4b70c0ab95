/**
 * How the coap sink works inside: Californium's endpoint and settings, payloads cut to size, DTLS refusals made
 * readable. Not for use outside {@code dev.ferry.sink.coap}.
 */
package dev.ferry.sink.coap.internal;
