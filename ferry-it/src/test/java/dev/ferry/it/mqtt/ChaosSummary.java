package dev.ferry.it.mqtt;

import dev.ferry.it.mqtt.ChaosRunner.Fault;
import dev.ferry.it.mqtt.ChaosRunner.Outage;
import dev.ferry.it.mqtt.ChaosRunner.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run comes to: readings produced, delivered, missing, duplicated and evicted, counted by ID; the
 * recovery after each kind of outage; the end-to-end latency of the readings made away from any fault.
 *
 * @param latencies seconds from a reading's time to its arrival at the broker's subscriber, sorted
 */
record ChaosSummary(Plan plan, Duration length, long produced, long delivered, long missing, long duplicates,
        long evicted, long fromDevices, long devicesMissing, long atCoapServer, long coapMissing, long deadLettered,
        Map<Fault, List<Duration>> recoveries,
        List<Double> latencies) {

    static final Duration RECOVERY_TARGET = Duration.ofSeconds(30);
    static final double P99_TARGET_SECONDS = 1.0;

    static ChaosSummary of(Plan plan, Duration length, LoggedReadings log, ReceivedReadings received, long cursor,
            List<Outage> outages, Duration settle, long fromDevices, long devicesMissing, long atCoapServer,
            long coapMissing, long deadLettered) {
        long missing = 0;
        for (long seq = 0; seq < cursor; seq++) {
            if (received.get(seq) == null) {
                missing++;
            }
        }
        Map<Fault, List<Duration>> recoveries = new EnumMap<>(Fault.class);
        for (Outage outage : outages) {
            recoveries.computeIfAbsent(outage.fault(), f -> new ArrayList<>()).add(outage.recovery());
        }
        List<Double> latencies = new ArrayList<>();
        for (long seq : received.seqs()) {
            ReceivedReadings.Received reading = received.get(seq);
            if (awayFromFaults(reading.time(), outages, settle) && awayFromFaults(reading.arrived(), outages, settle)) {
                latencies.add(Duration.between(reading.time(), reading.arrived()).toNanos() / 1e9);
            }
        }
        latencies.sort(Double::compare);
        return new ChaosSummary(plan, length, log.nextSeq(), received.distinct(), missing, received.duplicates(),
                log.nextSeq() - log.readings().size(), fromDevices, devicesMissing, atCoapServer, coapMissing, deadLettered, recoveries,
                latencies);
    }

    private static boolean awayFromFaults(Instant time, List<Outage> outages, Duration settle) {
        for (Outage outage : outages) {
            if (!time.isBefore(outage.start().minus(settle)) && !time.isAfter(outage.end().plus(outage.recovery()).plus(settle))) {
                return false;
            }
        }
        return true;
    }

    Duration worstRecovery() {
        return recoveries.values().stream().flatMap(List::stream).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    double latency(double quantile) {
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        return latencies.get((int) Math.min(latencies.size() - 1, Math.floor(quantile * latencies.size())));
    }

    /** The summary as a Markdown table, with the targets. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "chaos %s, seed %d: %d agent kills, %d broker kills and restarts, %d"
                + " partitions, %d black holes, %d starvations, %d reloads, %d full disks, %d torn segments, %d link cuts, %d clock steps, %d CoAP server restarts in %d s%n%n",
                plan.name(), plan.seed(), plan.agentKills(), plan.brokerRestarts(), plan.partitions(), plan.blackHoles(),
                plan.starvations(), plan.reloads(), plan.disksFull(), plan.tornSegments(), plan.linkCuts(),
                plan.clockSteps(), plan.serverRestarts(), length.toSeconds()));
        out.append("| figure | value | target |\n|---|---:|---|\n");
        row(out, "readings produced (stored in the log)", String.format(Locale.ROOT, "%,d", produced), "");
        row(out, "delivered to the broker, distinct IDs", String.format(Locale.ROOT, "%,d", delivered), "");
        row(out, "missing (acknowledged by the log's cursor, never arrived)", Long.toString(missing), "0: "
                + (missing == 0 ? "met" : "NOT met"));
        row(out, "delivered to the CoAP server (libcoap), distinct IDs", String.format(Locale.ROOT, "%,d", atCoapServer), "");
        row(out, "missing at the CoAP server (acknowledged, never arrived)", Long.toString(coapMissing), "0: "
                + (coapMissing == 0 ? "met" : "NOT met"));
        row(out, "duplicated at the broker (the same ID again)", String.format(Locale.ROOT, "%,d", duplicates), "");
        row(out, "CoAP device readings answered 2.04", String.format(Locale.ROOT, "%,d", fromDevices), "");
        row(out, "of those, missing from the sinks", Long.toString(devicesMissing), "0: "
                + (devicesMissing == 0 ? "met" : "NOT met"));
        row(out, "dead-lettered (refused by a sink's far end)", Long.toString(deadLettered), "none expected: "
                + (deadLettered == 0 ? "none" : "see the log"));
        row(out, "evicted with a gap record", Long.toString(evicted), "only under the overflow policy: "
                + (evicted == 0 ? "none" : "see the log"));
        for (Map.Entry<Fault, List<Duration>> entry : recoveries.entrySet()) {
            List<Duration> sorted = entry.getValue().stream().sorted().toList();
            row(out, "recovery after " + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (median / max, " + sorted.size() + ")", seconds(sorted.get(sorted.size() / 2)) + " / "
                    + seconds(sorted.getLast()), "≤ 30 s: " + (sorted.getLast().compareTo(RECOVERY_TARGET) <= 0 ? "met"
                    : "NOT met"));
        }
        row(out, "end-to-end latency away from faults, p50 / p99 / max (" + latencies.size() + " readings)",
                String.format(Locale.ROOT, "%.3f / %.3f / %.3f s", latency(0.5), latency(0.99),
                        latencies.isEmpty() ? Double.NaN : latencies.getLast()),
                "p99 ≤ 1 s: " + (latency(0.99) <= P99_TARGET_SECONDS ? "met" : "NOT met"));
        return out.toString();
    }

    private static void row(StringBuilder out, String figure, String value, String target) {
        out.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
