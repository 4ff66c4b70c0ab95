/**
 * A test PKI: root and intermediate CAs, server and client certificates (EC or RSA, with DNS, IP and tenant URI
 * names, expired or not yet valid), written as PEM, encrypted PKCS#8 and PKCS#12 files that the JDK and OpenSSL
 * both read. For tests only: it uses BouncyCastle, which the agent itself does without.
 */
package dev.ferry.testkit.pki;
