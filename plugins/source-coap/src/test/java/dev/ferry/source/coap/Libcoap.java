package dev.ferry.source.coap;

import dev.ferry.api.Nullable;
import dev.ferry.testkit.pki.Issued;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libcoap's {@code coap-client-openssl} (Debian package libcoap3-bin) as a sub-device: one request per run. It
 * prints an error response as {@code 4.03 Forbidden} and the diagnostic after it on standard error; with
 * {@code -v 6} it also logs every message it receives, which is how a success code is read.
 */
final class Libcoap {

    private static final Pattern RECEIVED_CODE = Pattern.compile("t:(?:ACK|CON|NON) c:([1-5]\\.\\d\\d) ");
    private static final long LIMIT_SECONDS = 60;

    private final List<String> command = new ArrayList<>(List.of("coap-client-openssl", "-v", "6"));
    private int waitSeconds = 20;

    private Libcoap(String method) {
        command.addAll(List.of("-m", method));
    }

    static Libcoap post() {
        return new Libcoap("post");
    }

    static Libcoap put() {
        return new Libcoap("put");
    }

    /** The Content-Format number, e.g. 110 for SenML JSON. */
    Libcoap format(int contentFormat) {
        command.addAll(List.of("-t", Integer.toString(contentFormat)));
        return this;
    }

    Libcoap payload(String text) {
        command.addAll(List.of("-e", text));
        return this;
    }

    /** The payload from a file, for bytes that are not text (CBOR). */
    Libcoap payloadFile(Path file) {
        command.addAll(List.of("-f", file.toString()));
        return this;
    }

    /** Block-wise (Block1) upload in blocks of {@code size} bytes. */
    Libcoap blockSize(int size) {
        command.addAll(List.of("-b", Integer.toString(size)));
        return this;
    }

    /** A client certificate and key, and the CA that the gateway's certificate must chain to. */
    Libcoap certificate(Issued device, Path ca) {
        command.addAll(List.of("-c", device.certFile().toString(), "-j", device.keyFile().toString(), "-C", ca.toString()));
        return this;
    }

    /** No client certificate; the gateway's certificate is still checked against {@code ca}. */
    Libcoap trusting(Path ca) {
        command.addAll(List.of("-R", ca.toString()));
        return this;
    }

    Libcoap psk(String identity, String key) {
        command.addAll(List.of("-u", identity, "-k", key));
        return this;
    }

    /** How long the client waits for a response (-B); 20 s unless a test expects none. */
    Libcoap waitAtMost(int seconds) {
        waitSeconds = seconds;
        return this;
    }

    Result send(String uri) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-B", Integer.toString(waitSeconds)));
        full.add(uri);
        Path out = Files.createTempFile("coap-client", ".out");
        Path err = Files.createTempFile("coap-client", ".err");
        try {
            Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("coap-client-openssl did not end within " + LIMIT_SECONDS + " s: " + full);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What the client printed. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The code of the last response the client received, e.g. {@code 2.04}; null when none came. */
        @Nullable String code() {
            String code = null;
            Matcher m = RECEIVED_CODE.matcher(stderr + stdout);
            while (m.find()) {
                code = m.group(1);
            }
            return code;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
