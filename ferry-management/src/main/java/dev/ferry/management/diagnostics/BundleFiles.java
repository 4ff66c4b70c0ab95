package dev.ferry.management.diagnostics;

/** The files of a support bundle and what each is, for the bundle's own README and for tests. */
final class BundleFiles {

    static final String README = "README.txt";
    static final String RECORDING = "recording.jfr";
    static final String THREADS = "threads.txt";
    static final String CLASS_HISTOGRAM = "class-histogram.txt";
    static final String HEAP = "heap.txt";
    static final String STATUS = "status.json";
    static final String METRICS = "metrics.txt";
    static final String CONFIG = "config.redacted.yaml";
    static final String RECENT_LOG = "recent-log.txt";
    static final String LOG_STATS = "log-stats.txt";

    private BundleFiles() {}

    static String readme(String agentId, String made, String recordingLength) {
        return """
                Ferry support bundle of agent %s, made %s.

                %s  Java Flight Recorder recording of %s: `jfr summary`, `jfr print --events jdk.ExecutionSample`,
                                   or open it in JDK Mission Control. Environment variables, system properties and
                                   the machine's process list are not recorded.
                %s       every thread's stack, virtual threads too (as `jcmd <pid> Thread.dump_to_file`)
                %s  instances and bytes by class after a full GC (as `jcmd <pid> GC.class_histogram`)
                %s          the heap's generations and use (as `jcmd <pid> GC.heap_info`)
                %s       GET /status at the end of the recording
                %s       GET /metrics (Prometheus text) at the end of the recording
                %s  the config the agent started with; secrets and values from ${VAR} redacted
                %s    the agent's last log lines
                %s     what `ferry log stats` prints
                A part that could not be made is replaced by <name>.error.txt saying why.
                """.formatted(agentId, made, RECORDING, recordingLength, THREADS, CLASS_HISTOGRAM, HEAP, STATUS, METRICS,
                CONFIG, RECENT_LOG, LOG_STATS);
    }
}
