package dev.ferry.bench.coap;

import dev.ferry.bench.count.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * What live DTLS sessions cost the ingress: {@code DeviceFleet --hold N --pki DIR --uri URI --devices D
 * --agent-pid PID [--results FILE]} opens N sessions, each from a loopback address of its own and one of D device
 * certificates in turn, posts one reading in each and leaves it open, as sleeping devices do. The agent's memory is
 * read from {@code /proc/PID/status} before the first session and at every tenth of N, after the sessions so far
 * were answered. Sessions are opened a few at a time, then their clients stopped without close_notify.
 */
final class SessionHolder {

    private static final int AT_ONCE = 4;
    private static final int CHECKPOINTS = 10;

    private SessionHolder() {}

    static void run(Options options, int devices) throws Exception {
        int sessions = (int) options.number("hold", 10_000);
        Path pki = options.path("pki");
        String uri = options.required("uri");
        long agent = options.number("agent-pid", 0);
        StringBuilder results = new StringBuilder(String.format(Locale.ROOT, "sessions=%d%n", sessions));
        results.append(memory(agent, 0));
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int step = Math.max(1, sessions / CHECKPOINTS);
        try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
            for (int from = 0; from < sessions; from += step) {
                List<Future<?>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(sessions, from + step); i++) {
                    int session = i;
                    batch.add(pool.submit(() -> {
                        boolean ok = open(pki, DeviceFleet.deviceName(session % devices), uri, session);
                        (ok ? answered : refused).incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> f : batch) {
                    f.get();
                }
                System.out.printf(Locale.ROOT, "SessionHolder: %,d sessions answered 2.04, %,d not%n", answered.get(),
                        refused.get());
                results.append(memory(agent, answered.get()));
            }
        }
        results.append(String.format(Locale.ROOT, "answered=%d%nnotAnswered=%d%n", answered.get(), refused.get()));
        if (!options.text("results", "").isEmpty()) {
            Files.writeString(options.path("results"), results);
        }
    }

    /** One session from {@code 127.x.y.z}, one reading in it, left open. */
    private static boolean open(Path pki, String name, String uri, int session) throws Exception {
        String address = String.format(Locale.ROOT, "127.%d.%d.%d", 1 + session / 62_500, session / 250 % 250,
                1 + session % 250);
        FleetDevice device = FleetDevice.at(pki, name, uri, address);
        try {
            CoapResponse response = device.client().post(("[{\"n\":\"held\",\"v\":" + session + "}]")
                    .getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_SENML_JSON);
            return response != null && response.getCode() == ResponseCode.CHANGED;
        } catch (Exception e) {
            return false;
        } finally {
            device.abandon();
        }
    }

    /** {@code held.K.VmRSS=...} and {@code RssAnon}, in KiB, from the agent's status. */
    private static String memory(long pid, int held) throws IOException {
        if (pid <= 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            for (String field : List.of("VmRSS", "RssAnon")) {
                if (line.startsWith(field + ":")) {
                    out.append("held.").append(held).append('.').append(field).append('=')
                            .append(line.replaceAll("[^0-9]", "")).append('\n');
                }
            }
        }
        return out.toString();
    }
}
