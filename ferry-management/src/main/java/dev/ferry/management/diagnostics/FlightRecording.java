package dev.ferry.management.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A Java Flight Recorder recording of this JVM, made with the JDK's {@code default} settings minus what may leak. */
final class FlightRecording {

    /**
     * Events the recording leaves out, because they copy text the agent does not control: the environment (where
     * {@code ${VAR}} secrets live), system properties, and the command lines of every process on the machine (where
     * someone may have typed a token). Also the slow file and socket reads, writes and fsyncs, which name the file or
     * the peer: paths and hosts often come from {@code ${VAR}} ({@code data_dir: ${FERRY_DATA_DIR}}), every such
     * value is guarded like a secret, and one slow fsync would then withhold the whole recording. The log's commit
     * times and the sinks' figures are in the bundle's metrics instead.
     */
    static final List<String> WITHHELD_EVENTS = List.of("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty",
            "jdk.SystemProcess", "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce", "jdk.SocketRead", "jdk.SocketWrite");

    private FlightRecording() {}

    /** Records for {@code length} and writes the recording to {@code file}, which must not exist yet. */
    static void record(Duration length, Path file) throws IOException, InterruptedException {
        Configuration settings;
        try {
            settings = Configuration.getConfiguration("default");
        } catch (ParseException e) {
            throw new IOException("the JDK's default flight recorder settings cannot be read: " + e.getMessage(), e);
        }
        try (Recording recording = new Recording(settings)) {
            WITHHELD_EVENTS.forEach(recording::disable);
            recording.setName("ferry diagnostics");
            recording.start();
            Thread.sleep(length);
            recording.stop();
            recording.dump(file);
        }
    }
}
