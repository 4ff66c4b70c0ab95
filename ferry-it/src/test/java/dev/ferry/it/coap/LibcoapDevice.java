package dev.ferry.it.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sub-device pushing one confirmable reading after another with libcoap's {@code coap-client-openssl} (Debian
 * package libcoap3-bin), one run per attempt, each reading with an ID of its own ({@code d2-17}). A reading is sent
 * again, under the same ID, until a 2.04 acknowledges it. libcoap's client socket is connected, so an ICMP port
 * unreachable reaches it: it logs {@code ICMP: Connection refused} and goes on retransmitting; its debug log also
 * shows each retransmission. Both are counted, per reading.
 */
final class LibcoapDevice implements Runnable {

    private static final Pattern RECEIVED_CODE = Pattern.compile("t:(?:ACK|CON|NON) c:([1-5]\\.\\d\\d) ");
    private static final String ICMP_REFUSED = "ICMP: Connection refused";
    private static final String RETRANSMISSION = "retransmission #";
    /** How long one run of the client waits for its answer: longer than CoAP's four retransmissions take. */
    private static final int WAIT_SECONDS = 60;
    private static final long RUN_LIMIT_SECONDS = WAIT_SECONDS + 30;

    private final String name;
    private final String uri;
    private final Path scratch;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile boolean done;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> retransmissions = new ConcurrentHashMap<>();
    private final List<String> refusals = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    LibcoapDevice(String name, String uri, Path scratch) {
        this.name = name;
        this.uri = uri;
        this.scratch = scratch;
    }

    @Override
    public void run() {
        try {
            for (int seq = 1; !stopping; seq++) {
                String id = name + "-" + seq;
                String payload = "[{\"metric\":\"count\",\"value\":" + seq + ",\"id\":\"" + id + "\"}]";
                int retransmitted = 0;
                while (true) {   // once a reading is sent, it is sent until acknowledged, even when stopping
                    String log = send(payload);
                    retransmitted += occurrences(log, RETRANSMISSION);
                    int icmp = occurrences(log, ICMP_REFUSED);
                    String code = lastCode(log);
                    synchronized (refusals) {
                        for (int i = 0; i < icmp; i++) {
                            refusals.add(id + ": ICMP port unreachable");
                        }
                        if (code != null && !code.equals("2.04")) {
                            refusals.add(id + ": " + code);
                        }
                        if (code == null) {
                            unanswered.add(id);
                        }
                    }
                    if ("2.04".equals(code)) {
                        break;
                    }
                    if (code != null) {
                        TimeUnit.SECONDS.sleep(1);   // the Max-Age of the gateway's 5.03 and 4.29
                    }
                }
                retransmissions.put(id, retransmitted);
                acknowledged.add(id);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            done = true;
        }
    }

    private String send(String payload) throws IOException, InterruptedException {
        runs.incrementAndGet();
        Path out = Files.createTempFile(scratch, name, ".log");
        try {
            Process process = new ProcessBuilder("coap-client-openssl", "-v", "7", "-m", "post", "-t", "50",
                    "-B", Integer.toString(WAIT_SECONDS), "-e", payload, uri)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + ": coap-client-openssl did not end within " + RUN_LIMIT_SECONDS + " s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String lastCode(String log) {
        String code = null;
        Matcher m = RECEIVED_CODE.matcher(log);
        while (m.find()) {
            code = m.group(1);
        }
        return code;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Sends no new reading from now on; the one under way is still sent until acknowledged. */
    void stop() {
        stopping = true;
    }

    /** True once the device sends no more. */
    boolean isDone() {
        return done;
    }

    String name() {
        return name;
    }

    /** What went wrong in the device itself (not in the gateway); null if nothing. */
    Throwable failure() {
        return failure;
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Each acknowledged reading's retransmissions, summed over the client runs it took. */
    Map<String, Integer> retransmissions() {
        return Map.copyOf(retransmissions);
    }

    /** Every ICMP port unreachable the client saw, and every answer other than 2.04. */
    List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Readings a run of the client gave up on: no answer within {@link #WAIT_SECONDS}. */
    List<String> unanswered() {
        synchronized (refusals) {
            return List.copyOf(unanswered);
        }
    }

    int runs() {
        return runs.get();
    }
}
