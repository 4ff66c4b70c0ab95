package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Memory from {@code /proc/meminfo}, in bytes. */
record MemInfo(long total, long available) {

    static MemInfo parse(String meminfo, Path file) throws MalformedDataException {
        Map<String, Long> kib = new HashMap<>();
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] value = line.substring(colon + 1).trim().split("\\s+");
            kib.put(line.substring(0, colon), ProcFiles.parseLong(value[0], file, line.substring(0, colon)));
        }
        Long total = kib.get("MemTotal");
        if (total == null) {
            throw new MalformedDataException(file + ": no MemTotal line");
        }
        Long available = kib.get("MemAvailable");
        if (available == null) {
            // kernels before 3.14 lack MemAvailable; free + buffers + page cache is the classic estimate
            available = kib.getOrDefault("MemFree", 0L) + kib.getOrDefault("Buffers", 0L) + kib.getOrDefault("Cached", 0L);
        }
        return new MemInfo(total * 1024, available * 1024);
    }

    long used() {
        return total - available;
    }
}
