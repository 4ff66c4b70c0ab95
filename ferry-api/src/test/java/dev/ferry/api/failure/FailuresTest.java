package dev.ferry.api.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Failures said in words, from the exceptions the JDK really throws. */
class FailuresTest {

    @Test
    void aRefusedConnectionNamesThePeer() throws IOException {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        ConnectException refused = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
        } catch (ConnectException e) {
            refused = e;
        }

        assertThat(refused).isNotNull();
        assertThat(Failures.describe(new CompletionException(new ExecutionException(refused))))
                .isEqualTo("connection refused");
        assertThat(Failures.describe(new ConnectException("Connection refused: /127.0.0.1:" + closedPort)))
                .isEqualTo("connection refused by 127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownHostIsNamed() {
        UnknownHostException unknown = null;
        try {
            InetAddress.getByName("no-such-host.invalid");
        } catch (UnknownHostException e) {
            unknown = e;
        }

        assertThat(unknown).isNotNull();
        assertThat(Failures.describe(unknown)).isEqualTo("unknown host no-such-host.invalid");
    }

    @Test
    void aTimeoutSaysWhatTimedOut() throws IOException {
        SocketTimeoutException timeout = null;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setSoTimeout(1);
            socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            timeout = e;
        }

        assertThat(timeout).isNotNull();
        assertThat(Failures.describe(timeout)).isEqualTo("read timed out");
    }

    @Test
    void aTlsFailureLosesTheClassNamesInItsMessage() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
                + "to requested target");

        assertThat(Failures.describe(handshake)).isEqualTo(
                "TLS failed: PKIX path building failed: unable to find valid certification path to requested target");
    }

    @Test
    void aWrapperThatOnlyCarriesItsCauseIsSeenThrough() {
        IOException wrapped = new IOException(new IllegalStateException("the device sent 3 bytes, expected 5"));

        assertThat(Failures.describe(wrapped)).isEqualTo("the device sent 3 bytes, expected 5");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("illegal state");
    }

    @Test
    void aTakenPortIsNamedAsSuch() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            BindException bind = null;
            try (DatagramSocket second = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                second.getLocalPort();
            } catch (BindException e) {
                bind = e;
            }

            assertThat(bind).isNotNull();
            assertThat(BindFailures.describe(port, new IOException("endpoint failed", bind)))
                    .isEqualTo("port " + port + " is already in use by another program");
        }
        assertThat(BindFailures.describe(5684, new IOException("bind(..) failed: errno 11")))
                .isEqualTo("port 5684 is already in use by another program");
        assertThat(BindFailures.describe(5684, new BindException("bind failed: errno: 16")))
                .isEqualTo("port 5684 is already in use by another program");
        assertThat(BindFailures.describe(80, new BindException("Permission denied")))
                .isEqualTo("cannot listen on port 80: permission denied");
    }
}
