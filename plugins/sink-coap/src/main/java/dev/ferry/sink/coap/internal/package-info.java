/**
 * How the coap sink works inside: Californium's endpoint and settings, payloads cut to size, DTLS refusals made
 * readable, the quarantine of refused readings. Not for use outside {@code dev.ferry.sink.coap}.
 */
package dev.ferry.sink.coap.internal;
