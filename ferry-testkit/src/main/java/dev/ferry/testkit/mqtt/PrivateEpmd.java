package dev.ferry.testkit.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An Erlang port mapper ({@code epmd}) of one node's own, on a port of its own, as a child process. Left to itself,
 * an Erlang node starts a daemonized epmd on the shared port 4369 that outlives it and that every node on the machine
 * registers in; started first and named by {@code ERL_EPMD_PORT}, this one is found by the node instead, and it is
 * ours to stop.
 */
final class PrivateEpmd {

    private PrivateEpmd() {}

    /** Starts epmd and waits until it listens on {@code host:port}. */
    static Process start(String host, int port, Path outputFile, Duration limit) throws IOException, InterruptedException {
        Process epmd = new ProcessBuilder("epmd", "-port", Integer.toString(port), "-address", host)
                .directory(outputFile.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!listening(host, port)) {
            if (!epmd.isAlive() || System.nanoTime() > deadline) {
                ProcessTree.kill(epmd);
                throw new IllegalStateException("epmd did not listen on " + host + ":" + port
                        + (epmd.isAlive() ? " within " + limit : " and exited with " + epmd.exitValue())
                        + "; its output: " + Files.readString(outputFile, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
        return epmd;
    }

    private static boolean listening(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
