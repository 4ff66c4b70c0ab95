package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.coap.CoapDeviceFleet;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Drives a real agent through a schedule of faults while it collects from simulated sources and from CoAP devices
 * pushing to its ingress: SIGKILLs of the agent, kills and restarts of the broker, partitions, black holes and
 * bandwidth starvation between agent and broker (the test kit's fault proxy), config reloads, a full disk (the data
 * directory is a small tmpfs of its own) and a torn segment (garbage written after the last record while the agent
 * is down, as a write cut by a power loss leaves), and cuts of the link to the broker, which runs in a network
 * namespace of its own, by nftables rules there, and steps of the agent's wall clock, forwards and backwards by
 * minutes to an hour, for a few seconds at a time (libfaketime). A CoAP sink sends to libcoap's server, which the
 * schedule kills and restarts too. After each outage it measures the recovery (outage over → first
 * reading arriving at the broker); at the end it counts by reading ID at the MQTT and the file sink, checks that
 * every reading a device was answered 2.04 for is in the sinks, and measures the end-to-end latency of the
 * readings made away from any fault. The schedule is shuffled by a seed, printed, so a run can be repeated.
 */
final class ChaosRunner {

    /** How many of each fault, and the seed of their order and timing. */
    record Plan(String name, int agentKills, int brokerRestarts, int partitions, int blackHoles, int starvations,
            int reloads, int disksFull, int tornSegments, int linkCuts, int clockSteps, int serverRestarts, long seed) {

        static Plan shortRun(long seed) {
            return new Plan("short", 4, 2, 2, 1, 1, 4, 1, 1, 1, 2, 1, seed);
        }

        static Plan longRun(long seed) {
            return new Plan("long", 100, 20, 20, 10, 10, 50, 10, 10, 10, 20, 10, seed);
        }
    }

    /**
     * A partition holds the bytes in both directions (as a cut link does to TCP, which then sends them again); a black
     * hole drops them while the connections stay open, as a middlebox losing part of a stream would.
     */
    enum Fault { AGENT_KILL, BROKER_RESTART, PARTITION, BLACK_HOLE, STARVATION, RELOAD, DISK_FULL, TORN_SEGMENT, LINK_CUT, CLOCK_STEP, SERVER_RESTART }

    /** One fault as it happened: when it started and ended, and how long until readings arrived again. */
    record Outage(Fault fault, Instant start, Instant end, Duration recovery) {}

    private static final String AGENT = "chaos-gw";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);
    /** Readings made this long around a fault are left out of the latency figures: they waited in the log. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** After the last fault, collecting undisturbed: the readings whose latency is measured come from here mostly. */
    private static final Duration QUIET = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int DEVICES = 2;
    private static final int DATA_DISK_MIB = 128;

    private final Path work;
    private final Plan plan;
    private final Random random;
    private final List<Outage> outages = new ArrayList<>();
    private final ReceivedReadings received = new ReceivedReadings(AGENT);
    /** The polls that found new readings: when readings arrived, to the poll's resolution. */
    private final List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());
    private int coapServerPort;

    ChaosRunner(Path work, Plan plan) {
        this.work = work;
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    ChaosSummary run() throws Exception {
        List<Fault> schedule = schedule();
        System.out.printf("chaos %s: %d faults, seed %d%n", plan.name(), schedule.size(), plan.seed());
        int coapPort = FreePorts.udp();
        try (BrokerNamespace namespace = BrokerNamespace.create();
                ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker"))
                        .inNamespace(namespace.name(), namespace.address()));
                SmallDataDisk disk = SmallDataDisk.mount(work.resolve("data"), DATA_DISK_MIB);
                LibcoapReceiver coapServer = LibcoapReceiver.start(work.resolve("coap-server"), AGENT)) {
            this.coapServerPort = coapServer.port();
            Path config = writeConfig(broker, "5ms", coapPort);
            SteppedClock clock = SteppedClock.in(work);
            Map<String, String> env = clock.environment();
            AgentProcess agent = AgentProcess.start(work, "agent-0", env, "run", "-c", config.toString());
            CoapDeviceFleet devices = null;
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = Thread.ofPlatform().daemon().name("chaos-arrivals").start(() -> poll(broker, polling));
            int started = 1;
            try {
                Waits.logged(agent, "management endpoint on", 1);
                Waits.logged(agent, "CoAP ingress listening on", 1);
                devices = CoapDeviceFleet.start(coapPort, DEVICES, work.resolve("devices"));
                await().atMost(Waits.LIMIT).until(() -> received.distinct() >= 1_000);
                Instant runStart = Instant.now();
                for (Fault fault : schedule) {
                    TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(2_500));
                    switch (fault) {
                        case AGENT_KILL -> {
                            Instant start = Instant.now();
                            agent.kill9();
                            TimeUnit.MILLISECONDS.sleep(random.nextInt(1_000));
                            agent = AgentProcess.start(work, "agent-" + started++, env, "run", "-c", config.toString());
                            recover(fault, start, Instant.now(), agent);
                        }
                        case BROKER_RESTART -> outage(fault, agent, broker::killOnceDelivered, 1_000, 3_000, broker::restart);
                        case PARTITION -> outage(fault, agent, broker.proxy()::stall, 2_000, 8_000, broker.proxy()::resume);
                        case BLACK_HOLE -> outage(fault, agent, broker.proxy()::blackHole, 2_000, 4_000,
                                broker.proxy()::endBlackHole);
                        case STARVATION -> outage(fault, agent, () -> broker.proxy().toTarget().bandwidth(2_000), 2_000,
                                3_000, broker.proxy()::clearFaults);
                        case RELOAD -> {
                            writeConfig(broker, random.nextBoolean() ? "5ms" : "6ms", coapPort);
                            agent.hangUp();
                        }
                        case DISK_FULL -> {
                            Instant start = Instant.now();
                            disk.fill();
                            TimeUnit.MILLISECONDS.sleep(2_000 + random.nextInt(3_000));
                            disk.free();
                            recoverWithNewReadings(fault, start, Instant.now(), agent);
                        }
                        case CLOCK_STEP -> {
                            Instant start = Instant.now();
                            long step = (random.nextBoolean() ? 1 : -1) * (600L + random.nextInt(3_000));
                            clock.set(step);
                            TimeUnit.MILLISECONDS.sleep(3_000 + random.nextInt(5_000));
                            clock.set(0);
                            TimeUnit.MILLISECONDS.sleep(1_000);   // the preloaded library reads the offset each second
                            recover(fault, start, Instant.now(), agent);
                        }
                        case SERVER_RESTART -> {
                            Instant start = Instant.now();
                            coapServer.kill();
                            TimeUnit.MILLISECONDS.sleep(1_000 + random.nextInt(3_000));
                            coapServer.restart();
                            Instant end = Instant.now();
                            await().atMost(RECOVERY_LIMIT).pollInterval(POLL).until(coapServer::receivedSinceStart);
                            outages.add(new Outage(fault, start, end, Duration.between(end, Instant.now())));
                        }
                        case LINK_CUT -> outage(fault, agent, () -> namespace.cut(broker.broker().port()), 2_000, 8_000,
                                namespace::heal);
                        case TORN_SEGMENT -> {
                            Instant start = Instant.now();
                            agent.kill9();
                            tearLastSegment(work.resolve("data/log/segments"));
                            agent = AgentProcess.start(work, "agent-" + started++, env, "run", "-c", config.toString());
                            recover(fault, start, Instant.now(), agent);
                        }
                    }
                }
                devices.stop();
                TimeUnit.MILLISECONDS.sleep(QUIET.toMillis());
                Instant mark = Instant.now();
                try {
                    await().atMost(RECOVERY_LIMIT).until(() -> received.caughtUpWith(mark));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    if (received.distinct() == 0 || !received.update(broker.recorder()).hasReadingsMadeAfter(mark)) {
                        throw new AssertionError(notCaughtUp(agent), e);
                    }
                    // a hole below what arrived since: counted as missing in the summary, which fails the run
                    System.out.println("chaos: readings arrive, but not all: " + received);
                }
                try {
                    devices.awaitInFile(work.resolve("out/readings.jsonl"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    // counted below as readings the devices had acknowledged and the sinks lack
                }
                long caughtUp = received.contiguousEnd();
                try {
                    await().atMost(RECOVERY_LIMIT).until(() -> coapServer.seqs().containsAll(
                            LongStream.range(0, caughtUp).boxed().toList()));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    // counted below against the CoAP sink's acknowledged position
                }
                Duration length = Duration.between(runStart, Instant.now());
                assertThat(agent.terminate(Waits.LIMIT)).as(agent.stderrText()).isZero();
                polling.set(false);
                poller.join();
                received.update(broker.recorder());
                LoggedReadings log = LoggedReadings.read(work.resolve("data"));
                long delivered = Completeness.assertDelivered(received, log, "cloud");
                FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
                Set<Long> atCoapServer = coapServer.seqs();
                long coapMissing = LongStream.range(0, log.cursor("coap-out")).filter(seq -> !atCoapServer.contains(seq))
                        .count();
                long deadLettered = deadLetters(work.resolve("data"));
                Set<String> fromDevices = devices.acknowledged();
                Set<String> devicesMissing = devices.missingFrom(work.resolve("out/readings.jsonl"));
                return ChaosSummary.of(plan, length, log, received, delivered, outages, SETTLE, fromDevices.size(),
                        devicesMissing.size(), atCoapServer.size(), coapMissing, deadLettered);
            } finally {
                if (devices != null) {
                    devices.abandon();
                }
                polling.set(false);
                if (agent.isAlive()) {
                    agent.kill9();
                }
            }
        }
    }

    /** Why the broker lags behind: what the log holds where the readings stop, and the agent's last words. */
    private String notCaughtUp(AgentProcess agent) {
        String text = agent.stderrText();
        StringBuilder why = new StringBuilder("the broker did not catch up within " + RECOVERY_LIMIT
                + " of the last fault (" + received + ")");
        try {
            agent.kill9();
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            long hole = received.contiguousEnd();
            why.append("; the log: next seq ").append(log.nextSeq()).append(", cursors ").append(log.cursors())
                    .append(", seq ").append(hole).append(hole < log.nextSeq() && log.readings().containsKey(hole)
                            ? " is in it" : " is NOT in it")
                    .append(", problems ").append(log.problems().stream().limit(10).toList());
        } catch (IOException | InterruptedException | RuntimeException e) {
            why.append("; the log could not be read: ").append(e);
        }
        return why + "; the agent's log ends:\n" + text.substring(Math.max(0, text.length() - 8_000));
    }

    /** Readings a sink's far end refused, kept as dead letters: none is expected, as no peer here refuses. */
    private static long deadLetters(Path dataDir) throws IOException {
        AtomicLong count = new AtomicLong();
        for (String sink : DeadLetterFiles.sinksWithStores(dataDir)) {
            DeadLetterFiles.read(DeadLetterFiles.directory(dataDir, sink), letter -> count.incrementAndGet());
        }
        return count.get();
    }

    /** Each fault as often as the plan says, in an order of the seed's. */
    private List<Fault> schedule() {
        List<Fault> faults = new ArrayList<>();
        faults.addAll(Collections.nCopies(plan.agentKills(), Fault.AGENT_KILL));
        faults.addAll(Collections.nCopies(plan.brokerRestarts(), Fault.BROKER_RESTART));
        faults.addAll(Collections.nCopies(plan.partitions(), Fault.PARTITION));
        faults.addAll(Collections.nCopies(plan.blackHoles(), Fault.BLACK_HOLE));
        faults.addAll(Collections.nCopies(plan.starvations(), Fault.STARVATION));
        faults.addAll(Collections.nCopies(plan.reloads(), Fault.RELOAD));
        faults.addAll(Collections.nCopies(plan.disksFull(), Fault.DISK_FULL));
        faults.addAll(Collections.nCopies(plan.tornSegments(), Fault.TORN_SEGMENT));
        faults.addAll(Collections.nCopies(plan.linkCuts(), Fault.LINK_CUT));
        faults.addAll(Collections.nCopies(plan.clockSteps(), Fault.CLOCK_STEP));
        faults.addAll(Collections.nCopies(plan.serverRestarts(), Fault.SERVER_RESTART));
        Collections.shuffle(faults, random);
        return faults;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** {@code begin}, then a random wait of at least {@code least} ms, then {@code end}; then the recovery. */
    private void outage(Fault fault, AgentProcess agent, Step begin, int least, int more, Step end) throws Exception {
        Instant start = Instant.now();
        begin.run();
        TimeUnit.MILLISECONDS.sleep(least + random.nextInt(more));
        end.run();
        recover(fault, start, Instant.now(), agent);
    }

    /** Waits for the first reading to arrive after {@code end}, and records the outage with that recovery. */
    private void recover(Fault fault, Instant start, Instant end, AgentProcess agent) {
        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(POLL).until(() -> arrivedAfter(end) != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String log = agent.stderrText();
            throw new AssertionError("no reading arrived within " + RECOVERY_LIMIT + " of the end of " + fault + " at "
                    + end + "; the agent's log ends:\n" + log.substring(Math.max(0, log.length() - 6_000)), e);
        }
        Instant first = arrivedAfter(end);
        outages.add(new Outage(fault, start, end, Duration.between(end, first)));
    }

    /**
     * For a full disk, which keeps the sinks sending what the log held: waits for the first reading made after
     * {@code end} to arrive, and records the outage with that recovery.
     */
    private void recoverWithNewReadings(Fault fault, Instant start, Instant end, AgentProcess agent) {
        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(POLL).until(() -> received.firstArrivalOfMadeAfter(end) != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String log = agent.stderrText();
            throw new AssertionError("no reading made after the end of " + fault + " at " + end + " arrived within "
                    + RECOVERY_LIMIT + "; the agent's log ends:\n" + log.substring(Math.max(0, log.length() - 6_000)), e);
        }
        outages.add(new Outage(fault, start, end, Duration.between(end, received.firstArrivalOfMadeAfter(end))));
    }

    private Instant arrivedAfter(Instant end) {
        synchronized (arrivals) {
            for (int i = arrivals.size() - 1; i >= 0 && arrivals.get(i).isAfter(end); i--) {
                if (i == 0 || !arrivals.get(i - 1).isAfter(end)) {
                    return arrivals.get(i);
                }
            }
        }
        return null;
    }

    /** Reads the recorder's messages every 50 ms, which stamps their arrival. */
    private void poll(ProxiedBroker broker, AtomicBoolean polling) {
        int seen = 0;
        while (polling.get()) {
            int now = received.update(broker.recorder()).distinct();
            if (now > seen) {
                arrivals.add(Instant.now());
                seen = now;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Garbage after the last record of the newest segment, as a write that a power loss cut short leaves: recovery
     * must cut it off, and lose nothing committed.
     */
    private void tearLastSegment(Path segments) throws IOException {
        Path last;
        try (Stream<Path> files = Files.list(segments)) {
            last = files.filter(f -> f.toString().endsWith(".seg")).max(Comparator.naturalOrder()).orElseThrow();
        }
        byte[] garbage = new byte[1 + random.nextInt(300)];
        random.nextBytes(garbage);
        Files.write(last, garbage, StandardOpenOption.APPEND);
    }

    /**
     * Two sources, 400 readings a second, and CoAP devices pushing to the ingress, into the MQTT sink with its
     * default retry settings, a CoAP sink to libcoap's server (JSON, so that its log shows each reading's ID) and a
     * file sink.
     */
    private Path writeConfig(ProxiedBroker broker, String interval, int coapPort) throws IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data}
                management: {listen: "127.0.0.1:0"}
                sources:
                  a: {type: simulated, interval: %s, signals: [{name: count, shape: counter}]}
                  b: {type: simulated, interval: %s, signals: [{name: count, shape: counter}]}
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    insecure: {port: %d, tenant: lab}
                    rate_limit: {rate: 100000, burst: 100000}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                  cloud: {type: mqtt, url: "%s"}
                  coap-out: {type: coap, url: "coap://127.0.0.1:%d/readings", encoding: json, nstart: 8}
                """.formatted(AGENT, interval, interval, coapPort, broker.url(), coapServerPort));
    }
}
