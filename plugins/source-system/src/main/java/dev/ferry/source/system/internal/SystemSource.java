package dev.ferry.source.system.internal;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads host and process figures from /proc at each poll. CPU utilisation is the busy share since the previous
 * poll (the first poll compares with the moment the source was created). Called by one thread at a time.
 */
public final class SystemSource implements PolledSource {

    private static final Logger log = LoggerFactory.getLogger(SystemSource.class);

    private final String name;
    private final Path proc;
    private final Path disk;
    private final List<String> interfaces;
    private final Clock clock;
    private final Set<String> reportedMissing = new HashSet<>();
    private CpuTimes previousCpu;

    /** @param interfaces the interfaces to report; all but {@code lo} when empty */
    public SystemSource(String name, Path proc, Path disk, List<String> interfaces, Clock clock) {
        this.name = name;
        this.proc = proc;
        this.disk = disk;
        this.interfaces = List.copyOf(interfaces);
        this.clock = clock;
        try {
            previousCpu = cpu();
        } catch (IOException | MalformedDataException e) {
            previousCpu = null; // the first poll then reports no utilisation, and says why if it persists
        }
    }

    @Override
    public List<Reading> poll(Deadline deadline) throws IOException, MalformedDataException {
        Instant now = clock.instant();
        List<Reading> out = new ArrayList<>();
        CpuTimes cpu = cpu();
        if (previousCpu != null) {
            double utilization = cpu.utilizationSince(previousCpu);
            if (!Double.isNaN(utilization)) {
                out.add(reading("cpu.utilization", Value.of(utilization), "%", now, Map.of()));
            }
        }
        previousCpu = cpu;

        LoadAverage load = LoadAverage.parse(ProcFiles.read(proc.resolve("loadavg")), proc.resolve("loadavg"));
        out.add(reading("load.1m", Value.of(load.one()), "", now, Map.of()));
        out.add(reading("load.5m", Value.of(load.five()), "", now, Map.of()));
        out.add(reading("load.15m", Value.of(load.fifteen()), "", now, Map.of()));

        MemInfo memory = MemInfo.parse(ProcFiles.read(proc.resolve("meminfo")), proc.resolve("meminfo"));
        out.add(reading("memory.total", Value.of(memory.total()), "By", now, Map.of()));
        out.add(reading("memory.available", Value.of(memory.available()), "By", now, Map.of()));
        out.add(reading("memory.used", Value.of(memory.used()), "By", now, Map.of()));

        DiskUsage space = DiskUsage.of(disk);
        Map<String, String> path = Map.of("path", disk.toString());
        out.add(reading("disk.total", Value.of(space.total()), "By", now, path));
        out.add(reading("disk.free", Value.of(space.free()), "By", now, path));
        out.add(reading("disk.used", Value.of(space.used()), "By", now, path));

        for (NetDev dev : network()) {
            Map<String, String> tag = Map.of("interface", dev.name());
            out.add(reading("network.rx", Value.of(dev.rxBytes()), "By", now, tag));
            out.add(reading("network.tx", Value.of(dev.txBytes()), "By", now, tag));
        }

        Path self = proc.resolve("self");
        ProcessFigures process = ProcessFigures.parse(
                ProcFiles.read(self.resolve("status")), self.resolve("status"),
                ProcFiles.read(self.resolve("stat")), self.resolve("stat"),
                ProcFiles.read(proc.resolve("uptime")), proc.resolve("uptime"));
        out.add(reading("process.rss", Value.of(process.rssBytes()), "By", now, Map.of()));
        out.add(reading("process.threads", Value.of(process.threads()), "", now, Map.of()));
        out.add(reading("process.open_fds", Value.of(ProcFiles.countEntries(self.resolve("fd"))), "", now, Map.of()));
        out.add(reading("process.cpu_time", Value.of(process.cpuSeconds()), "s", now, Map.of()));
        out.add(reading("process.uptime", Value.of(process.uptimeSeconds()), "s", now, Map.of()));
        return out;
    }

    private CpuTimes cpu() throws IOException, MalformedDataException {
        return CpuTimes.parse(ProcFiles.read(proc.resolve("stat")), proc.resolve("stat"));
    }

    /** The configured interfaces (a missing one is logged once, until it comes back), or all but loopback. */
    private List<NetDev> network() throws IOException, MalformedDataException {
        List<NetDev> all = NetDev.parse(ProcFiles.read(proc.resolve("net/dev")), proc.resolve("net/dev"));
        if (interfaces.isEmpty()) {
            return all.stream().filter(d -> !d.name().equals("lo")).toList();
        }
        List<NetDev> chosen = new ArrayList<>();
        for (String wanted : interfaces) {
            var found = all.stream().filter(d -> d.name().equals(wanted)).findFirst();
            if (found.isPresent()) {
                chosen.add(found.get());
                reportedMissing.remove(wanted);
            } else if (reportedMissing.add(wanted)) {
                log.warn("source {}: network interface {} is not in {} (present: {}); reporting it once it appears",
                        name, wanted, proc.resolve("net/dev"), all.stream().map(NetDev::name).toList());
            }
        }
        return chosen;
    }

    private Reading reading(String metric, Value value, String unit, Instant time, Map<String, String> tags) {
        return new Reading(name, metric, value, unit, time, tags);
    }
}
