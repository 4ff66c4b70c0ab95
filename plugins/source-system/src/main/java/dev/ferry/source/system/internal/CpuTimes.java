package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.nio.file.Path;

/**
 * The host's CPU time since boot, from the {@code cpu} line of {@code /proc/stat}, in clock ticks.
 *
 * @param total user, nice, system, idle, iowait, irq, softirq and steal (guest time is already in user and nice)
 * @param idle idle and iowait
 */
record CpuTimes(long total, long idle) {

    static CpuTimes parse(String stat, Path file) throws MalformedDataException {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) {
                    throw new MalformedDataException(file + ": the cpu line has " + (f.length - 1) + " fields, expected at least 4");
                }
                long total = 0;
                long[] v = new long[9];
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    v[i] = ProcFiles.parseLong(f[i], file, "cpu field " + i);
                    total += v[i];
                }
                return new CpuTimes(total, v[4] + v[5]);
            }
        }
        throw new MalformedDataException(file + ": no cpu line");
    }

    /** Busy share of the time between {@code earlier} and this, in percent; NaN when no time passed. */
    double utilizationSince(CpuTimes earlier) {
        long dTotal = total - earlier.total;
        long dIdle = idle - earlier.idle;
        if (dTotal <= 0) {
            return Double.NaN;
        }
        return Math.clamp(100.0 * (dTotal - dIdle) / dTotal, 0.0, 100.0);
    }
}
