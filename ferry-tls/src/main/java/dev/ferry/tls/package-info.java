/**
 * TLS for Ferry's network plugins: the {@code tls:} config section ({@link dev.ferry.tls.TlsConfig}), loaded with
 * the JDK alone into a {@link dev.ferry.tls.ClientTls} that re-reads rotated certificate files without a restart,
 * warns ahead of expiry, and explains a failed handshake in a sentence. Everything here is non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.tls;
