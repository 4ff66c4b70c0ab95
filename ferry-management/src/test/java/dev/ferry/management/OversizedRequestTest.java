package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No endpoint reads a request body, so one of any size costs the agent little: the request is answered as if it had
 * none, and the connection is closed once a small part of the body was drained, whatever the client goes on sending.
 */
class OversizedRequestTest {

    private static final String WRITER = "writer-token-0123456789abcdef0123456789";
    private static final long ANNOUNCED = 1L << 30;
    /** Well above what the kernel's socket buffers take in without the server reading. */
    private static final long DRAINED_AT_MOST = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void aGigabyteBodyIsAnsweredAndCutOffWithoutBeingRead() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, RunningAgent.SIMULATED_TO_FILE,
                ", auth: {tokens: [{token: \"" + WRITER + "\", scopes: [\"config:write\"]}]}");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), running.server.address().getPort())) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + WRITER
                    + "\r\nContent-Length: " + ANNOUNCED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            long sent = 0;
            byte[] chunk = new byte[64 * 1024];
            try {
                while (sent < ANNOUNCED) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException e) {
                // the agent hung up: what this test waits for
            }

            assertThat(sent).as("bytes the agent took before it hung up").isLessThan(DRAINED_AT_MOST);
            assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").contains("\"result\":\"unchanged\"");
            assertThat(running.get("/health").statusCode()).isEqualTo(200);
        }
    }

    private static String readAll(Socket socket) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer came
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
