package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.api.config.DataSize;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import dev.ferry.log.LogOptions;
import dev.ferry.log.powercut.PowerCutStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress's promise, that a device hears 2.04 only once its readings are committed, held through power cuts:
 * devices push to a real ingress whose readings go to a log on a simulated disk that loses, keeps or tears whatever
 * was not synced when the power goes off (at a random operation). After every cut, each reading a device was
 * answered 2.04 for is in the log; those answered otherwise may or may not be.
 */
class IngressPowerCutTest {

    private static final long SEED = 20_261_207L;
    private static final int CUTS = 100;
    private static final int DEVICES = 3;

    @TempDir
    Path dir;

    @Test
    void everyReadingAnswered204IsInTheLogAfterEveryPowerCut() throws Exception {
        PowerCutStorage storage = new PowerCutStorage();
        Random random = new Random(SEED);
        Path logDir = Path.of("/power-cut/ingress/log");
        LogOptions options = LogOptions.defaults().withSegmentSize(DataSize.ofBytes(1024)).withCommitInterval(Duration.ZERO);
        AtomicReference<DurableLog> log = new AtomicReference<>();
        Set<Long> answered = ConcurrentHashMap.newKeySet();
        AtomicLong next = new AtomicLong();
        int refused = 0;
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                insecure: {port: 0, tenant: lab}
                rate_limit: {rate: 100000, burst: 100000}
                """, dir)) {
            ingress.emitter().commitWith(batch -> {
                try {
                    return log.get().append(batch).thenApply(seqs -> null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
            });
            List<CfDevice> devices = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                devices.add(CfDevice.plain());
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(DEVICES)) {
                for (int cut = 0; cut < CUTS; cut++) {
                    log.set(DurableLog.open(storage, logDir, options, "gw", Clock.systemUTC()));
                    storage.cutAfter(2 + random.nextInt(120));
                    List<Future<Integer>> pushing = new ArrayList<>();
                    for (CfDevice device : devices) {
                        pushing.add(pool.submit(() -> push(device, ingress.coap("readings"), storage, next, answered)));
                    }
                    for (Future<Integer> device : pushing) {
                        refused += device.get();
                    }
                    closeAfterTheCut(log.get());
                    storage.powerOn(random);
                    assertThat(inTheLog(storage, logDir, options)).as("after power cut %d", cut + 1).containsAll(answered);
                }
            } finally {
                devices.forEach(CfDevice::close);
            }
        }
        System.out.printf("ingress power cuts: %d; readings answered 2.04: %d, refused as the power went: %d%n", CUTS,
                answered.size(), refused);
        assertThat(answered).as("readings the ingress accepted").hasSizeGreaterThan(CUTS);
        assertThat(refused).as("requests the cuts made fail").isPositive();
    }

    /** One device pushing one reading per request until the power is off; returns how many were not answered 2.04. */
    private static int push(CfDevice device, String uri, PowerCutStorage storage, AtomicLong next, Set<Long> answered)
            throws InterruptedException {
        int refused = 0;
        while (storage.powered()) {
            long number = next.getAndIncrement();
            CfDevice.Outcome outcome = device.post(uri, 110, "[{\"n\":\"pushed\",\"v\":" + number + "}]");
            if ("2.04".equals(outcome.code())) {
                answered.add(number);
            } else {
                refused++;
            }
        }
        return refused;
    }

    private static void closeAfterTheCut(DurableLog log) {
        try {
            log.close();
        } catch (IOException expected) {
            // the power is off: nothing can be written any more, which is the point
        }
    }

    private static Set<Long> inTheLog(PowerCutStorage storage, Path logDir, LogOptions options) throws Exception {
        Set<Long> numbers = new TreeSet<>();
        try (DurableLog log = DurableLog.open(storage, logDir, options, "gw", Clock.systemUTC());
                LogCursor reader = log.cursor("checker")) {
            reader.rewind();
            while (reader.readSeq() < log.nextSeq()) {
                List<LogEntry> entries = reader.poll(1000, Duration.ZERO);
                assertThat(entries).as("reading stalls at seq %d", reader.readSeq()).isNotEmpty();
                for (LogEntry entry : entries) {
                    if (entry instanceof StoredReading stored) {
                        numbers.add(((Value.Int) stored.reading().value()).value());
                    }
                }
            }
        }
        return numbers;
    }
}
