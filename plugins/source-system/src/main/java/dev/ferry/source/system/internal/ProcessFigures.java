package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.nio.file.Path;

/**
 * The agent process's own figures, from {@code /proc/self/status}, {@code /proc/self/stat} and {@code /proc/uptime}.
 *
 * @param rssBytes resident set size (VmRSS)
 * @param threads threads of the process (virtual threads are not counted: they share carrier threads)
 * @param cpuSeconds user and system CPU time used since the process started
 * @param uptimeSeconds time since the process started
 */
record ProcessFigures(long rssBytes, long threads, double cpuSeconds, double uptimeSeconds) {

    /**
     * Clock ticks per second in /proc (USER_HZ). The kernel exports 100 to user space on every architecture Ferry
     * runs on, whatever its internal tick rate.
     */
    static final int TICKS_PER_SECOND = 100;

    static ProcessFigures parse(String status, Path statusFile, String stat, Path statFile, String uptime, Path uptimeFile)
            throws MalformedDataException {
        long rssKib = statusField(status, "VmRSS", statusFile);
        long threads = statusField(status, "Threads", statusFile);
        // The command name in parentheses may hold spaces and parentheses itself: fields start after the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new MalformedDataException(statFile + ": no command name in parentheses");
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 20) {
            throw new MalformedDataException(statFile + ": " + (f.length + 2) + " fields, expected at least 22");
        }
        // f[0] is field 3 (state): field n is f[n - 3]
        long utime = ProcFiles.parseLong(f[11], statFile, "utime");
        long stime = ProcFiles.parseLong(f[12], statFile, "stime");
        long startTicks = ProcFiles.parseLong(f[19], statFile, "starttime");
        String[] u = uptime.trim().split("\\s+");
        double systemUptime = ProcFiles.parseDouble(u[0], uptimeFile, "the uptime");
        double started = (double) startTicks / TICKS_PER_SECOND;
        return new ProcessFigures(rssKib * 1024, threads, (double) (utime + stime) / TICKS_PER_SECOND,
                Math.max(0, systemUptime - started));
    }

    private static long statusField(String status, String name, Path file) throws MalformedDataException {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] value = line.substring(name.length() + 1).trim().split("\\s+");
                return ProcFiles.parseLong(value[0], file, name);
            }
        }
        throw new MalformedDataException(file + ": no " + name + " line");
    }
}
