package dev.ferry.source.coap.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the ingress's UDP ports to the agent that takes the data directory over ({@code ferry run --take-over},
 * SIGUSR2, a self-update), so that no device meets a closed port in between. A closed port answers every datagram
 * with an ICMP port unreachable, which a device's connected socket reports as "connection refused" and many count as
 * a failure; a datagram that finds a socket that never reads it is merely lost, and a confirmable request comes
 * again after CoAP's retransmission timeout.
 *
 * <p>The new agent binds its sockets only when its sources start, after this one has stopped its sources and let go
 * of the log. So this one, when it stops for a hand-over, binds a <em>keeper</em> on each port beside its endpoint
 * before closing it (both with SO_REUSEPORT), and closes the keeper once the new agent has bound the port too. The
 * keeper never reads: what reaches it is dropped unacknowledged, as it must be, since nothing here can store it any
 * more. While both are bound the kernel spreads devices between them, so a device may lose one more datagram there;
 * the keeper goes within a poll of the new agent's bind.
 *
 * <p>The keeper leaves a file, {@code port-<port>.held} holding this process's id, in the source's directory under
 * the data directory: it lets the new agent share the port (an ingress shares its port with no one else, so that two
 * agents given the same port by mistake do not silently split the devices between them), and the new agent deletes
 * it once bound, which tells the keeper to go. The keeper also goes when the waiting agent ends, and after
 * {@link #HOLD_LIMIT} in any case; the process's exit waits for it, as a stopped agent exits at once.
 */
final class PortHandOver {

    /** Written by an agent waiting to take the data directory over ({@code ferry run --take-over}), with its process id. */
    static final String WAITING_FILE = "take-over.pid";
    /** Many times what the new agent takes from this one's stop to its sources' start; bounds this process's exit. */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 1;
    private static final Logger log = LoggerFactory.getLogger(PortHandOver.class);

    private final String source;
    private final Path dataDir;
    private final Path heldDir;

    PortHandOver(String source, Path dataDir) {
        this.source = source;
        this.dataDir = dataDir;
        this.heldDir = dataDir.resolve("plugins").resolve(source);
    }

    /** The agent waiting to take the data directory over; empty when none is. */
    Optional<ProcessHandle> successor() {
        return liveProcess(dataDir.resolve(WAITING_FILE));
    }

    /**
     * Binds an endpoint's socket. A configured port is bound with SO_REUSEPORT, so that a keeper can be bound beside
     * it at the next hand-over, but only when it is free or a keeper holds it for this source: the socket option
     * would let another agent of the same user share it unnoticed.
     */
    void bind(DatagramSocket socket, InetSocketAddress address) throws IOException {
        if (address.getPort() == 0 || !socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            socket.bind(address);   // port 0 with SO_REUSEPORT could be given a port that is shared already
            return;
        }
        Path held = heldFile(address.getPort());
        boolean kept = liveProcess(held).isPresent();
        if (!kept) {
            try (DatagramSocket probe = new DatagramSocket(null)) {
                probe.bind(address);   // fails as before when the port is taken
            }
        }
        socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        socket.bind(address);
        Files.deleteIfExists(held);   // lets the keeper go, or clears one left by a process that died holding it
    }

    /**
     * Binds a keeper beside each of {@code addresses} (still bound by this source's endpoints) for {@code successor},
     * and closes each once the successor has bound its port, has ended, or {@link #HOLD_LIMIT} passed. A port that
     * cannot be kept is closed with its endpoint, as without a hand-over.
     */
    void keep(List<InetSocketAddress> addresses, ProcessHandle successor) {
        List<Keeper> keepers = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            Path held = heldFile(address.getPort());
            DatagramSocket keeper = null;
            try {
                keeper = new DatagramSocket(null);
                keeper.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                keeper.bind(address);
                Files.createDirectories(heldDir);
                Files.writeString(held, Long.toString(ProcessHandle.current().pid()));
                keepers.add(new Keeper(address, keeper, held));
            } catch (IOException | RuntimeException e) {
                if (keeper != null) {
                    keeper.close();
                }
                log.warn("source {}: cannot keep UDP port {} bound for the agent taking over ({}); devices may be"
                        + " refused until it listens", source, address.getPort(), e.toString());
            }
        }
        if (keepers.isEmpty()) {
            return;
        }
        log.info("source {}: keeping UDP port(s) {} bound until the agent taking over (pid {}) listens; requests"
                + " meanwhile go unanswered, and devices send them again", source,
                keepers.stream().map(k -> k.address().getPort()).toList(), successor.pid());
        CountDownLatch released = new CountDownLatch(1);
        Thread exit = Thread.ofPlatform().name("coap-" + source + "-port-hand-over-exit").unstarted(() -> {
            try {
                released.await(HOLD_LIMIT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(exit);
        Thread.ofVirtual().name("coap-" + source + "-port-hand-over").start(() -> {
            try {
                releaseWhenTaken(keepers, successor);
            } finally {
                released.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(exit);
                } catch (IllegalStateException exiting) {
                    // the hook runs, and returns now
                }
            }
        });
    }

    private void releaseWhenTaken(List<Keeper> keepers, ProcessHandle successor) {
        long deadline = System.nanoTime() + HOLD_LIMIT.toNanos();
        List<Keeper> waiting = new ArrayList<>(keepers);
        try {
            while (!waiting.isEmpty() && successor.isAlive() && System.nanoTime() < deadline) {
                for (Keeper keeper : List.copyOf(waiting)) {
                    if (!Files.exists(keeper.held())) {
                        keeper.socket().close();
                        waiting.remove(keeper);
                        log.info("source {}: UDP port {} handed over to pid {}", source, keeper.address().getPort(),
                                successor.pid());
                    }
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Keeper keeper : waiting) {
                keeper.socket().close();
                try {
                    Files.deleteIfExists(keeper.held());
                } catch (IOException e) {
                    // a file naming a process that is gone or holds nothing is ignored by the next bind
                }
                log.warn("source {}: the agent taking over (pid {}) did not listen on UDP port {} {}; closed it",
                        source, successor.pid(), keeper.address().getPort(),
                        successor.isAlive() ? "within " + HOLD_LIMIT.toSeconds() + " s" : "before it ended");
            }
        }
    }

    private Path heldFile(int port) {
        return heldDir.resolve("port-" + port + ".held");
    }

    /** The live process whose id {@code file} holds; empty when there is no such file or process. */
    private static Optional<ProcessHandle> liveProcess(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record Keeper(InetSocketAddress address, DatagramSocket socket, Path held) {}
}
