package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bytes received and sent per network interface since boot, from {@code /proc/net/dev}. */
record NetDev(String name, long rxBytes, long txBytes) {

    static List<NetDev> parse(String dev, Path file) throws MalformedDataException {
        List<NetDev> interfaces = new ArrayList<>();
        String[] lines = dev.split("\n");
        for (int i = 2; i < lines.length; i++) { // two header lines
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                continue;
            }
            if (colon <= 0) {
                throw new MalformedDataException(file + ": line " + (i + 1) + " has no interface name: \"" + line.trim() + "\"");
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 9) {
                throw new MalformedDataException(file + ": line " + (i + 1) + " (" + name + ") has " + f.length
                        + " fields, expected 16");
            }
            interfaces.add(new NetDev(name, ProcFiles.parseLong(f[0], file, name + " rx bytes"),
                    ProcFiles.parseLong(f[8], file, name + " tx bytes")));
        }
        return interfaces;
    }
}
