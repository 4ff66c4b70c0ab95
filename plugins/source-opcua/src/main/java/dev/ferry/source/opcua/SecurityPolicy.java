package dev.ferry.source.opcua;

/** The OPC UA security policy of the connection; written in lower case in the config. */
public enum SecurityPolicy {
    /** No signing, no encryption, no certificates exchanged. */
    NONE,
    /** RSA 2048+ keys, SHA-256 signatures, AES-256 encryption: the policy most servers offer today. */
    BASIC256SHA256
}
