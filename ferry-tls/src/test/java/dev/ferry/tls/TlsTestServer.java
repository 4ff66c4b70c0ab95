package dev.ferry.tls;

import dev.ferry.testkit.pki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server built with the JDK alone, independent of the code under test: it requires a client certificate
 * issued by the given CAs, answers each handshake with one byte, and remembers why handshakes failed on its side.
 */
final class TlsTestServer implements AutoCloseable {

    static final int GREETING = 'k';

    private final ServerSocket socket;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final Thread acceptor;
    final List<String> failures = new CopyOnWriteArrayList<>();

    private TlsTestServer(ServerSocket socket, SSLContext context, Consumer<SSLParameters> tuning) {
        this.socket = socket;
        this.context = context;
        this.parameters = context.getDefaultSSLParameters();
        parameters.setNeedClientAuth(true);
        tuning.accept(parameters);
        this.acceptor = Thread.ofVirtual().name("tls-test-server").start(this::acceptAll);
    }

    static TlsTestServer start(Issued identity, List<X509Certificate> trusted) throws Exception {
        return start(identity, trusted, parameters -> {});
    }

    /** @param tuning changes the server's parameters, e.g. its protocols or groups */
    static TlsTestServer start(Issued identity, List<X509Certificate> trusted, Consumer<SSLParameters> tuning) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(identity), trustManagers(trusted).getTrustManagers(), null);
        return new TlsTestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), context, tuning);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * TLS is layered over the accepted socket without owning it, so that after a failed handshake the server can
     * read what the client still sends before closing. Closing with unread data makes TCP reset the connection,
     * and the reset would destroy the alert on its way to the client, as it does with many real servers.
     */
    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(5_000);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(connection, null, connection.getPort(), false);
            tls.setUseClientMode(false);
            tls.setSSLParameters(parameters);
            try {
                tls.startHandshake();
                tls.getOutputStream().write(GREETING);
                tls.getOutputStream().flush();
                drain(tls.getInputStream());
            } catch (SocketException e) {
                // the client went away
            } catch (IOException e) {
                failures.add(String.valueOf(e.getMessage()));
                drain(connection.getInputStream());
            }
        } catch (IOException e) {
            failures.add(String.valueOf(e.getMessage()));
        }
    }

    /** Reads until the client hangs up. */
    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // discard
            }
        } catch (IOException e) {
            // hung up
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Issued identity) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.privateKey(), new char[0], identity.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, new char[0]);
        return factory.getKeyManagers();
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            store.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
