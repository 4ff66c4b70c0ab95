package dev.ferry.source.opcua;

/** The OPC UA message security mode; written in kebab-case in the config ({@code sign-and-encrypt}). */
public enum SecurityMode {
    /** Only with security policy none. */
    NONE,
    /** Messages are signed, not encrypted. */
    SIGN,
    /** Messages are signed and encrypted. */
    SIGN_AND_ENCRYPT
}
