package dev.ferry.it.mqtt;

import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libcoap's example server ({@code coap-server-openssl}, package libcoap3-bin) as the far end of an agent's CoAP
 * sink, killed and restarted on demand on the same port. It keeps only the last payload of a resource, but its debug
 * log shows every request with its payload (JSON, as the sink is told to send), from which the IDs that arrived
 * are read: one log per run of the server.
 */
final class LibcoapReceiver implements AutoCloseable {

    private static final Pattern REQUEST = Pattern.compile("^v:1 t:(?:CON|NON) c:(?:POST|PUT) .*");

    private final Path dir;
    private final int port;
    private final Pattern id;
    private final List<Path> logs = new ArrayList<>();
    private final List<Long> readUpTo = new ArrayList<>();
    private final Set<Long> seqs = new HashSet<>();
    private Process process;

    private LibcoapReceiver(Path dir, int port, String agent) {
        this.dir = dir;
        this.port = port;
        this.id = Pattern.compile("\"id\":\"" + Pattern.quote(agent) + ":[a-z0-9]+:(\\d+)\"");
    }

    static LibcoapReceiver start(Path dir, String agent) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LibcoapReceiver receiver = new LibcoapReceiver(dir, FreePorts.udp(), agent);
        receiver.launch();
        return receiver;
    }

    int port() {
        return port;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void restart() throws IOException, InterruptedException {
        launch();
    }

    /** Whether the server's current run has received a request with readings. */
    synchronized boolean receivedSinceStart() throws IOException {
        Path current = logs.getLast();
        for (String line : Files.readAllLines(current, StandardCharsets.ISO_8859_1)) {
            if (REQUEST.matcher(line).matches() && id.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /** The seqs of every reading that arrived so far, in any run. */
    synchronized Set<Long> seqs() throws IOException {
        for (int i = 0; i < logs.size(); i++) {
            readUpTo.set(i, read(logs.get(i), readUpTo.get(i)));
        }
        return Set.copyOf(seqs);
    }

    /** Reads the requests logged in {@code log} from byte {@code from}; returns where the last whole line ends. */
    private long read(Path log, long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            long complete = from;
            String line;
            while ((line = file.readLine()) != null) {
                if (file.getFilePointer() == file.length() && !endsWithNewline(file)) {
                    break;   // a line still being written: read it next time
                }
                complete = file.getFilePointer();
                if (REQUEST.matcher(line).matches()) {
                    Matcher m = id.matcher(line);
                    while (m.find()) {
                        seqs.add(Long.parseLong(m.group(1)));
                    }
                }
            }
            return complete;
        }
    }

    private static boolean endsWithNewline(RandomAccessFile file) throws IOException {
        long at = file.getFilePointer();
        file.seek(at - 1);
        boolean newline = file.read() == '\n';
        file.seek(at);
        return newline;
    }

    private synchronized void launch() throws IOException, InterruptedException {
        Path log = dir.resolve("coap-server-" + (logs.size() + 1) + ".log");
        logs.add(log);
        readUpTo.add(0L);
        process = new ProcessBuilder("coap-server-openssl", "-A", "127.0.0.1", "-p", Integer.toString(port), "-d", "10",
                "-v", "7").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 100 && !Files.readString(log, StandardCharsets.ISO_8859_1).contains("created UDP"); i++) {
            if (!process.isAlive()) {
                throw new IOException("coap-server-openssl did not start on port " + port + ": " + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
