package dev.ferry.management.diagnostics;

import dev.ferry.management.AgentFacts;
import dev.ferry.api.config.Durations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes a support bundle: one zip, because it travels as a single HTTP response and a single e-mail attachment,
 * opens on any support engineer's machine without extra tools, lists its parts without unpacking, and
 * {@code java.util.zip} writes it without a library.
 *
 * <p>The bundle is made in memory and sent, never left on the gateway's disk: it would otherwise pile up, and it
 * describes the agent in a detail that belongs to whoever asked for it.
 */
public final class SupportBundle {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One view of the live agent for the bundle, taken when the recording ends.
     */
    public interface View {
        byte[] bytes() throws Exception;
    }

    /**
     * @param fileName e.g. {@code ferry-diagnostics-gw-01-20250101T120000Z.zip}
     * @param zip the bundle
     */
    public record Bundle(String fileName, byte[] zip) {}

    private SupportBundle() {}

    /**
     * Records for {@code length}, then gathers every part. A part that cannot be made is replaced by a note saying
     * why, so that one failing diagnostic does not cost the others.
     */
    public static Bundle make(Duration length, AgentFacts facts, DiagnosticsSources sources, View status, View metrics,
            Instant now) throws IOException, InterruptedException {
        String folder = "ferry-diagnostics-" + facts.agentId() + "-" + STAMP.format(now);
        Map<String, byte[]> text = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        RedactedConfig config = null;
        try {
            config = RedactedConfig.of(sources);
            text.put(BundleFiles.CONFIG, utf8(config.yaml()));
        } catch (Exception e) {
            failures.put(BundleFiles.CONFIG, e.getMessage());
        }
        SecretGuard guard = new SecretGuard(config == null ? Set.of() : config.secrets());
        byte[] recording = record(length, failures);
        if (recording != null && guard.foundIn(recording)) {
            failures.put(BundleFiles.RECORDING, "left out: it held a secret of the config");
            recording = null;
        }
        add(text, failures, BundleFiles.THREADS, () -> utf8(JvmReports.threadDump(scratch(".txt"))));
        add(text, failures, BundleFiles.CLASS_HISTOGRAM, () -> utf8(JvmReports.classHistogram()));
        add(text, failures, BundleFiles.HEAP, () -> utf8(JvmReports.heapInfo()));
        add(text, failures, BundleFiles.STATUS, status);
        add(text, failures, BundleFiles.METRICS, metrics);
        add(text, failures, BundleFiles.RECENT_LOG, () -> utf8(String.join("\n", sources.recentLogLines().get()) + "\n"));
        add(text, failures, BundleFiles.LOG_STATS, () -> utf8(sources.logStats().call()));

        ByteArrayOutputStream zipped = new ByteArrayOutputStream(1 << 20);
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            put(zip, folder, BundleFiles.README,
                    utf8(BundleFiles.readme(facts.agentId(), now.toString(), Durations.format(length))));
            if (recording != null) {
                put(zip, folder, BundleFiles.RECORDING, recording);
            }
            for (Map.Entry<String, byte[]> part : text.entrySet()) {
                put(zip, folder, part.getKey(), utf8(guard.scrub(new String(part.getValue(), StandardCharsets.UTF_8))));
            }
            for (Map.Entry<String, String> failure : failures.entrySet()) {
                put(zip, folder, failure.getKey() + ".error.txt", utf8(guard.scrub(failure.getValue()) + "\n"));
            }
        }
        return new Bundle(folder + ".zip", zipped.toByteArray());
    }

    private static byte[] record(Duration length, Map<String, String> failures) throws InterruptedException {
        Path file = null;
        try {
            file = scratch(".jfr");
            FlightRecording.record(length, file);
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            failures.put(BundleFiles.RECORDING, "no recording: " + e.getMessage());
            return null;
        } finally {
            deleteQuietly(file);
        }
    }

    private static void add(Map<String, byte[]> parts, Map<String, String> failures, String name, View view) {
        try {
            parts.put(name, view.bytes());
        } catch (Exception e) {
            failures.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void put(ZipOutputStream zip, String folder, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(folder + "/" + name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A path in the temporary directory that does not exist yet, for JDK calls that insist on writing a file. */
    private static Path scratch(String suffix) throws IOException {
        Path file = Files.createTempFile("ferry-diagnostics-", suffix);   // owner-only on POSIX
        Files.delete(file);
        return file;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaner takes it
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
