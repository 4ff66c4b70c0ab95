/**
 * How the {@code tls:} section becomes an {@link javax.net.ssl.SSLContext}: PEM and DER decoding, key decryption,
 * a key manager that always offers the configured certificate, a trust manager that says why it refused a
 * server, and the reload and expiry bookkeeping. Not for use outside {@code dev.ferry.tls}.
 */
package dev.ferry.tls.internal;
