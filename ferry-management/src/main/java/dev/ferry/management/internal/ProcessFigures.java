package dev.ferry.management.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent process's own figures, read from {@code /proc/self} where Linux has them (cheap, and without loading the
 * JDK's management beans), from the runtime for the heap, and from the garbage collectors' beans.
 *
 * @param residentBytes RSS; -1 where {@code /proc} is not there
 * @param cpuSeconds user and system CPU time; -1 where not known
 * @param threads threads of the process; -1 where not known
 * @param openFiles open file descriptors; -1 where not known
 */
public record ProcessFigures(long residentBytes, double cpuSeconds, long threads, long openFiles, long heapUsedBytes,
        long heapCommittedBytes, long heapMaxBytes, List<Collector> collectors) {

    /** One garbage collector: how often it ran and how long it took in all. */
    public record Collector(String name, long collections, double seconds) {}

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path FDS = Path.of("/proc/self/fd");

    public static ProcessFigures now() {
        long rss = -1;
        long threads = -1;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring("Threads:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave them unknown
        }
        Runtime runtime = Runtime.getRuntime();
        List<Collector> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(new Collector(gc.getName(), Math.max(0, gc.getCollectionCount()), Math.max(0, gc.getCollectionTime()) / 1000.0));
        }
        return new ProcessFigures(rss, readCpuSeconds(), threads, countOpenFiles(), runtime.totalMemory() - runtime.freeMemory(),
                runtime.totalMemory(), runtime.maxMemory(), collectors);
    }

    private static long kib(String line) {
        String[] parts = line.split("\\s+");
        return Long.parseLong(parts[1]);
    }

    /** utime and stime, fields 14 and 15 of {@code /proc/self/stat}, counted after the command name's parenthesis. */
    private static double readCpuSeconds() {
        try {
            String stat = Files.readString(STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0;   // USER_HZ is 100 on every Linux the agent runs on
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long countOpenFiles() {
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
