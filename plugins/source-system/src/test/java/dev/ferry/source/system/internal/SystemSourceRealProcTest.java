package dev.ferry.source.system.internal;

import static dev.ferry.source.system.internal.SystemSourceFixtureTest.find;
import static dev.ferry.source.system.internal.SystemSourceFixtureTest.number;
import static dev.ferry.source.system.internal.SystemSourceFixtureTest.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.api.Deadline;
import dev.ferry.api.Reading;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source on this machine's own /proc: every figure present and plausible. */
class SystemSourceRealProcTest {

    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path dataDir;

    @Test
    void producesSaneFiguresFromTheRealProc() throws Exception {
        SystemSource source = new SystemSource("host", Path.of("/proc"), dataDir, List.of(), clock);
        burnCpu();
        double cpuBefore = cpuSeconds();
        List<Reading> readings = source.poll(Deadline.after(Duration.ofSeconds(5), clock));
        double cpuAfter = cpuSeconds();

        assertThat(number(readings, "cpu.utilization")).isBetween(0.0, 100.0);
        assertThat(number(readings, "load.1m")).isNotNegative();
        assertThat(number(readings, "load.15m")).isNotNegative();

        long total = whole(readings, "memory.total");
        assertThat(total).isGreaterThan(64L << 20);
        assertThat(whole(readings, "memory.available")).isBetween(0L, total);
        assertThat(whole(readings, "memory.used")).isBetween(0L, total);

        assertThat(whole(readings, "disk.total")).isPositive();
        assertThat(whole(readings, "disk.free")).isBetween(0L, whole(readings, "disk.total"));

        assertThat(readings).filteredOn(r -> r.metric().startsWith("network."))
                .allSatisfy(r -> assertThat(r.tags().get("interface")).isNotEqualTo("lo"));
        List<String> interfaces = Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
                .map(l -> l.substring(0, l.indexOf(':')).trim()).filter(n -> !n.equals("lo")).toList();
        assertThat(readings).filteredOn(r -> r.metric().equals("network.rx")).extracting(r -> r.tags().get("interface"))
                .containsExactlyElementsOf(interfaces);

        long rss = whole(readings, "process.rss");
        assertThat(rss).isBetween(8L << 20, Runtime.getRuntime().maxMemory() + (2L << 30));
        assertThat(whole(readings, "process.threads")).isBetween(2L, 10_000L);
        assertThat(whole(readings, "process.open_fds")).isGreaterThanOrEqualTo(3L);
        assertThat(number(readings, "process.cpu_time")).isBetween(cpuBefore - 0.02, cpuAfter + 0.02);
        double jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        assertThat(number(readings, "process.uptime")).isCloseTo(jvmUptime, within(5.0));
        assertThat(find(readings, "process.uptime")).isPresent();
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    /** Some work, so the CPU counters move between the two samples. */
    private static void burnCpu() {
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += Long.rotateLeft(x ^ i, 7);
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
