package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.nio.file.Path;

/** Runnable and uninterruptible tasks averaged over 1, 5 and 15 minutes, from {@code /proc/loadavg}. */
record LoadAverage(double one, double five, double fifteen) {

    static LoadAverage parse(String loadavg, Path file) throws MalformedDataException {
        String[] f = loadavg.trim().split("\\s+");
        if (f.length < 3) {
            throw new MalformedDataException(file + ": expected three load averages, got \"" + loadavg.trim() + "\"");
        }
        return new LoadAverage(ProcFiles.parseDouble(f[0], file, "the 1m load"),
                ProcFiles.parseDouble(f[1], file, "the 5m load"), ProcFiles.parseDouble(f[2], file, "the 15m load"));
    }
}
