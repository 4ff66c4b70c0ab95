package dev.ferry.source.coap;

/** Which SubjectAlternativeName entries of a device certificate are searched for its tenant. */
public enum SanType {
    URI,
    DNS
}
