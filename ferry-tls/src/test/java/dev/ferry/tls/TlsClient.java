package dev.ferry.tls;

import java.io.IOException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Connects the way a Ferry plugin does: socket factory and parameters from the identity, then one byte read. */
final class TlsClient {

    private TlsClient() {}

    /**
     * The session of a handshake that the server accepted too. Reading the server's first byte matters with TLS 1.3,
     * where the server refuses a client certificate only after the client considers the handshake done.
     */
    static SSLSession connect(TlsIdentity identity, String host, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) identity.socketFactory().createSocket(host, port)) {
            socket.setSoTimeout(5_000);
            socket.setSSLParameters(identity.parameters(host));
            socket.startHandshake();
            int greeting = socket.getInputStream().read();
            if (greeting != TlsTestServer.GREETING) {
                throw new IOException("the server hung up after the handshake");
            }
            return socket.getSession();
        }
    }
}
