package dev.ferry.source.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing against small copies of /proc files, whose every figure is known. */
class SystemSourceFixtureTest {

    private static final Path FIXTURES = Path.of("src/test/resources/proc");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path proc;

    @BeforeEach
    void copyFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path from : files.toList()) {
                Path to = proc.resolve(FIXTURES.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    @Test
    void everyFigureIsParsedExactly() throws Exception {
        SystemSource source = new SystemSource("host", proc, proc, List.of(), clock);
        Files.writeString(proc.resolve("stat"), "cpu  1600 0 700 8600 600 0 0 0 0 0\n");

        List<Reading> readings = source.poll(deadline());

        assertThat(number(readings, "cpu.utilization")).isCloseTo(100.0 * 800 / 1500, within(1e-9));
        assertThat(value(readings, "load.1m")).isEqualTo(Value.of(0.52));
        assertThat(value(readings, "load.5m")).isEqualTo(Value.of(0.58));
        assertThat(value(readings, "load.15m")).isEqualTo(Value.of(0.59));
        assertThat(value(readings, "memory.total")).isEqualTo(Value.of(2_048_000L * 1024));
        assertThat(value(readings, "memory.available")).isEqualTo(Value.of(1_024_000L * 1024));
        assertThat(value(readings, "memory.used")).isEqualTo(Value.of(1_024_000L * 1024));
        assertThat(value(readings, "process.rss")).isEqualTo(Value.of(51_200L * 1024));
        assertThat(value(readings, "process.threads")).isEqualTo(Value.of(23L));
        assertThat(value(readings, "process.open_fds")).isEqualTo(Value.of(4L));
        assertThat(number(readings, "process.cpu_time")).isCloseTo(18.01, within(1e-9));
        assertThat(number(readings, "process.uptime")).isCloseTo(500.5, within(1e-9));
        assertThat(readings).filteredOn(r -> r.metric().startsWith("network."))
                .extracting(r -> r.metric() + " " + r.tags().get("interface") + " " + r.value())
                .containsExactly("network.rx eth0 Int[value=45970372]", "network.tx eth0 Int[value=104670]",
                        "network.rx wlan0 Int[value=1000]", "network.tx wlan0 Int[value=2000]");
        assertThat(readings).extracting(Reading::time).containsOnly(NOW);
        assertThat(readings).extracting(Reading::source).containsOnly("host");
    }

    @Test
    void unitsFollowTheFigures() throws Exception {
        List<Reading> readings = new SystemSource("host", proc, proc, List.of(), clock).poll(deadline());
        assertThat(unit(readings, "memory.total")).isEqualTo("By");
        assertThat(unit(readings, "disk.free")).isEqualTo("By");
        assertThat(unit(readings, "network.rx")).isEqualTo("By");
        assertThat(unit(readings, "process.cpu_time")).isEqualTo("s");
        assertThat(unit(readings, "process.uptime")).isEqualTo("s");
        assertThat(unit(readings, "load.1m")).isEmpty();
    }

    @Test
    void noTimePassedMeansNoUtilisationRatherThanADivisionByZero() throws Exception {
        List<Reading> readings = new SystemSource("host", proc, proc, List.of(), clock).poll(deadline());
        assertThat(find(readings, "cpu.utilization")).isEmpty();
    }

    @Test
    void diskSpaceIsReportedForTheConfiguredPath() throws Exception {
        List<Reading> readings = new SystemSource("host", proc, proc, List.of(), clock).poll(deadline());
        long total = whole(readings, "disk.total");
        assertThat(total).isPositive();
        assertThat(whole(readings, "disk.free")).isBetween(0L, total);
        assertThat(whole(readings, "disk.used")).isBetween(0L, total);
        assertThat(find(readings, "disk.total").orElseThrow().tags()).isEqualTo(Map.of("path", proc.toString()));
    }

    @Test
    void onlyTheConfiguredInterfacesAreReportedAndAMissingOneIsSkipped() throws Exception {
        List<Reading> readings = new SystemSource("host", proc, proc, List.of("wlan0", "lo", "usb0"), clock).poll(deadline());
        assertThat(readings).filteredOn(r -> r.metric().equals("network.rx"))
                .extracting(r -> r.tags().get("interface")).containsExactly("wlan0", "lo");
    }

    @Test
    void meminfoWithoutMemAvailableFallsBackToFreeBuffersAndCache() throws Exception {
        MemInfo old = MemInfo.parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 300 kB\n", Path.of("meminfo"));
        assertThat(old).isEqualTo(new MemInfo(1000 * 1024, 420 * 1024));
    }

    @Test
    void malformedFilesAreReportedWithTheFileAndWhatIsWrong() throws Exception {
        Files.writeString(proc.resolve("meminfo"), "MemFree: 12 kB\n");
        SystemSource source = new SystemSource("host", proc, proc, List.of(), clock);
        assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(MalformedDataException.class)
                .hasMessage(proc.resolve("meminfo") + ": no MemTotal line");

        assertThatThrownBy(() -> LoadAverage.parse("0.5 x 1.0 1/2 3", Path.of("/proc/loadavg")))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("/proc/loadavg: the 5m load is not a number: \"x\"");
        assertThatThrownBy(() -> CpuTimes.parse("intr 1 2 3\n", Path.of("/proc/stat")))
                .hasMessage("/proc/stat: no cpu line");
        assertThatThrownBy(() -> NetDev.parse("h1\nh2\n eth0 12 13\n", Path.of("/proc/net/dev")))
                .hasMessage("/proc/net/dev: line 3 has no interface name: \"eth0 12 13\"");
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt() throws Exception {
        Files.delete(proc.resolve("loadavg"));
        SystemSource source = new SystemSource("host", proc, proc, List.of(), clock);
        assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(proc.resolve("loadavg").toString())
                .hasMessageContaining("is proc_root a proc file system?");
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() throws Exception {
        ProcessFigures figures = ProcessFigures.parse("VmRSS: 4 kB\nThreads: 2\n", Path.of("status"),
                "7 (a) b (c) R 1 7 7 0 -1 0 0 0 0 0 300 100 0 0 20 0 2 0 200 0 0\n", Path.of("stat"),
                "12.00 1.00\n", Path.of("uptime"));
        assertThat(figures).isEqualTo(new ProcessFigures(4096, 2, 4.0, 10.0));
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5), clock);
    }

    static Optional<Reading> find(List<Reading> readings, String metric) {
        return readings.stream().filter(r -> r.metric().equals(metric)).findFirst();
    }

    static Value value(List<Reading> readings, String metric) {
        return find(readings, metric).orElseThrow(() -> new AssertionError("no " + metric + " in " + readings)).value();
    }

    static String unit(List<Reading> readings, String metric) {
        return find(readings, metric).orElseThrow().unit();
    }

    static double number(List<Reading> readings, String metric) {
        return ((Value.Num) value(readings, metric)).value();
    }

    static long whole(List<Reading> readings, String metric) {
        return ((Value.Int) value(readings, metric)).value();
    }
}
