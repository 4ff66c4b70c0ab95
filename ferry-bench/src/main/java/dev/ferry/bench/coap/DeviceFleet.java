package dev.ferry.bench.coap;

import dev.ferry.bench.count.Options;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * Many sub-devices pushing readings to the gateway's CoAP ingress at once, each over its own DTLS session with its own
 * certificate. Every device sends a confirmable POST of SenML JSON, waits for the answer, and sends the next: the
 * ingress answers 2.04 only once the readings are durably in the log, so the acknowledged readings per second are
 * the ingress's rate to durable commit.
 *
 * <p>Two steps: {@code DeviceFleet --make-pki DIR --devices N} writes a CA ({@code ca.crt}), the gateway's
 * certificate ({@code gateway.crt}, {@code .key}) and one certificate per device, tenants {@code acme} and
 * {@code globex} in turn; then {@code DeviceFleet --pki DIR --uri coaps://127.0.0.1:P/readings --devices N
 * [--readings-per-request 10] [--warmup 5] [--duration 30] [--results FILE] [--session-per-request true]}, times
 * in seconds; with {@code --session-per-request true} each device closes its session with close_notify after every
 * answer, so each request makes a new handshake. {@code --hold N} instead opens N sessions and keeps them: see
 * {@link SessionHolder}.
 */
public final class DeviceFleet {

    private static final Set<String> OPTIONS = Set.of("make-pki", "pki", "uri", "devices", "readings-per-request",
            "warmup", "duration", "results", "session-per-request", "hold", "agent-pid");

    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private DeviceFleet() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit("DeviceFleet", args, OPTIONS);
        int devices = (int) options.number("devices", 50);
        if (!options.text("make-pki", "").isEmpty()) {
            makePki(options.path("make-pki"), devices);
            return;
        }
        if (!options.text("hold", "").isEmpty()) {
            SessionHolder.run(options, devices);
            return;
        }
        new DeviceFleet().run(options, devices);
    }

    private static void makePki(Path dir, int devices) throws IOException {
        Files.createDirectories(dir);
        TestPki pki = TestPki.create(dir);
        Files.copy(pki.caFile(), dir.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        Issued gateway = pki.server("localhost");
        Files.copy(gateway.certFile(), dir.resolve("gateway.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(gateway.keyFile(), dir.resolve("gateway.key"), StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < devices; i++) {
            pki.client(deviceName(i)).tenant(i % 2 == 0 ? "acme" : "globex").issue();
        }
        System.out.printf("DeviceFleet: a CA, the gateway's and %d device certificates in %s%n", devices, dir);
    }

    private void run(Options options, int devices) throws Exception {
        Path pki = options.path("pki");
        String uri = options.required("uri");
        int perRequest = (int) options.number("readings-per-request", 10);
        Duration warmup = options.seconds("warmup", Duration.ofSeconds(5));
        Duration duration = options.seconds("duration", Duration.ofSeconds(30));

        boolean sessionPerRequest = Boolean.parseBoolean(options.text("session-per-request", "false"));
        List<FleetDevice> fleet = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            fleet.add(FleetDevice.of(pki, deviceName(i), uri));
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            FleetDevice device = fleet.get(i);
            String name = deviceName(i);
            threads.add(Thread.ofVirtual().name(name).start(() -> push(device, name, perRequest, sessionPerRequest)));
        }
        Thread.sleep(warmup);
        counting.set(true);
        long started = System.nanoTime();
        Thread.sleep(duration);
        counting.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        report(options, devices, perRequest, seconds);
    }

    static String deviceName(int i) {
        return String.format(Locale.ROOT, "device-%03d", i);
    }

    /** Pushes until the run ends, then stops the device's client. */
    private void push(FleetDevice first, String name, int perRequest, boolean sessionPerRequest) {
        FleetDevice device = first;
        long sent = 0;
        while (running.get()) {
            CoapClient client = device.client();
            byte[] payload = senMl(name, sent, perRequest);
            String answer;
            boolean acked;
            try {
                CoapResponse response = client.post(payload, MediaTypeRegistry.APPLICATION_SENML_JSON);
                ResponseCode code = response == null ? null : response.getCode();
                answer = code == null ? "timeout" : code.toString();
                acked = code == ResponseCode.CHANGED || code == ResponseCode.CREATED;
            } catch (Exception e) {
                answer = e.getClass().getSimpleName();
                acked = false;
            }
            if (acked) {
                sent += perRequest;
            }
            if (sessionPerRequest) {
                try {
                    device = device.renewed();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    answer = "renew failed: " + e.getClass().getSimpleName();
                }
            }
            if (counting.get()) {
                requests.increment();
                answers.computeIfAbsent(answer, key -> new LongAdder()).increment();
                if (acked) {
                    acknowledged.add(perRequest);
                }
            }
        }
        device.abandon();
    }

    /** {@code perRequest} readings of a counter, named after the device, numbered on from {@code first}. */
    private static byte[] senMl(String device, long first, int perRequest) {
        StringBuilder json = new StringBuilder(40 + 40 * perRequest).append('[');
        double now = System.currentTimeMillis() / 1000.0;
        for (int i = 0; i < perRequest; i++) {
            json.append(i == 0 ? String.format(Locale.ROOT, "{\"bn\":\"%s/\",\"bt\":%.3f,", device, now) : ",{")
                    .append("\"n\":\"counter\",\"v\":").append(first + i).append('}');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void report(Options options, int devices, int perRequest, double seconds) throws Exception {
        double rate = acknowledged.sum() / seconds;
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        System.out.printf(Locale.ROOT, "DeviceFleet: %d devices, %d readings per request: %,d readings acknowledged"
                        + " in %.1f s = %,.0f readings/s (%,d requests; answers %s)%n", devices, perRequest,
                acknowledged.sum(), seconds, rate, requests.sum(), counts);
        if (!options.text("results", "").isEmpty()) {
            StringBuilder properties = new StringBuilder(String.format(Locale.ROOT,
                    "devices=%d%nreadingsPerRequest=%d%nseconds=%.3f%nreadingsAcknowledged=%d%nrequests=%d%n"
                            + "readingsPerSecond=%.0f%n", devices, perRequest, seconds, acknowledged.sum(),
                    requests.sum(), rate));
            counts.forEach((answer, count) -> properties.append("answers.").append(answer.replace(' ', '_'))
                    .append('=').append(count).append('\n'));
            Files.writeString(options.path("results"), properties);
        }
    }
}
