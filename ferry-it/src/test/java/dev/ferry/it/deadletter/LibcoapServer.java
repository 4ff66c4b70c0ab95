package dev.ferry.it.deadletter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libcoap's example server ({@code coap-server-openssl}) on loopback: without dynamic resources it answers a PUT to
 * an unknown resource with 4.04 Not Found; with them ({@code -d}) it creates the resource and answers 2.01, then 2.04.
 */
final class LibcoapServer implements AutoCloseable {

    private final Process process;

    private LibcoapServer(Process process) {
        this.process = process;
    }

    static LibcoapServer start(int port, boolean dynamicResources, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("coap-server-openssl", "-A", "127.0.0.1", "-p", Integer.toString(port)));
        if (dynamicResources) {
            command.addAll(List.of("-d", "100"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new LibcoapServer(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
