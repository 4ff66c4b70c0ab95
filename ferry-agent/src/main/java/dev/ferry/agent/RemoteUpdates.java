package dev.ferry.agent;

import dev.ferry.api.ControlChannel;
import dev.ferry.api.Nullable;
import dev.ferry.log.internal.AtomicFiles;
import dev.ferry.management.UpdateRequests;
import dev.ferry.management.UpdateStatus;
import dev.ferry.management.control.DesiredDocuments;
import dev.ferry.management.control.DesiredUpdate;
import dev.ferry.management.control.DocumentRefused;
import dev.ferry.management.internal.JsonWriter;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.pipeline.Agent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates the platform asks for on the control connection, and what the platform is told of them. A command is
 * verified as a desired config is ({@link DesiredDocuments#readUpdate}), must carry a higher version than any handled
 * before (kept in {@code data_dir/update/commands}, so a retained command is not run again after the switch it
 * caused), and starts an update as {@code POST /update} does. The update's state is published, retained, on the
 * update reported topic whenever it changes, with the last command's outcome.
 */
final class RemoteUpdates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteUpdates.class);
    private static final long TICK_MILLIS = 250;

    private final ControlSettings settings;
    private final DesiredDocuments documents;
    private final Path handledFile;
    private final String agentId;
    private final BlockingQueue<byte[]> commands = new LinkedBlockingQueue<>();
    private volatile @Nullable Thread worker;
    private @Nullable String commandOutcome;
    private long commandVersion;
    private byte[] published = new byte[0];

    private RemoteUpdates(ControlSettings settings, DesiredDocuments documents, Path dataDir, String agentId) {
        this.settings = settings;
        this.documents = documents;
        this.handledFile = AgentUpdates.stateDir(dataDir).resolve("commands");
        this.agentId = agentId;
    }

    /** Commands and reports for an agent with both a {@code control:} and an {@code update:} section. */
    static RemoteUpdates of(ControlSettings control, Path dataDir, String agentId, java.util.function.Function<String, Path> resolve)
            throws UserError {
        try {
            return new RemoteUpdates(control, DesiredDocuments.of(control.trustedKeys().stream().map(resolve).toList(),
                    control.requireSigned(), agentId, Clock.systemUTC()), dataDir, agentId);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Listens for commands on the control sink; the agent calls it for each instance of that sink. */
    void attach(ControlChannel channel) {
        channel.listen(ControlSettings.topicFor(settings.updateDesiredTopic(), agentId), commands::add);
    }

    /** Handles commands and reports on the running agent. */
    void start(AgentUpdates updates, Agent agent) {
        worker = Thread.ofVirtual().name("remote-updates").start(() -> work(updates, agent));
    }

    @Override
    public void close() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
        }
    }

    private void work(AgentUpdates updates, Agent agent) {
        while (worker != null) {
            try {
                byte[] command = commands.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (command != null) {
                    handle(command, updates);
                }
                report(updates.status(), agent);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("update commands: {}", e.toString(), e);   // a bug: keep handling the next ones
            }
        }
    }

    private void handle(byte[] command, UpdateRequests updates) {
        String sha = AgentFactsOf.sha256(command);
        Handled handled = handled();
        if (sha.equals(handled.sha())) {
            return;   // the command handled last, kept by the broker and sent again on connecting
        }
        DesiredUpdate update;
        try {
            update = documents.readUpdate(command);
        } catch (DocumentRefused e) {
            outcome(0, "refused: " + e.getMessage());
            return;
        }
        if (update.version() <= handled.version()) {
            outcome(update.version(), "stale: command " + update.version() + " is not newer than command "
                    + handled.version() + ", handled already");
            return;
        }
        save(new Handled(update.version(), sha));
        UpdateRequests.Answer answer = updates.update(update.bundle(), update.retryRolledBack(), update.stage());
        outcome(update.version(), (answer.status() == 202 ? "accepted: " : "refused: ") + answer.message());
    }

    private void outcome(long version, String outcome) {
        if (outcome.startsWith("accepted")) {
            log.info("update command {}: {}", version, outcome);
        } else {
            log.warn("update command {}: {}", version, outcome);
        }
        commandVersion = version;
        commandOutcome = outcome;
    }

    /** Publishes the update's state when it changed and the control connection is up. */
    private void report(@Nullable UpdateStatus status, Agent agent) {
        ControlChannel channel = agent.controlChannel().orElse(null);
        if (status == null || channel == null || !channel.connected()) {
            return;
        }
        byte[] payload = json(status);
        if (Arrays.equals(payload, published)) {
            return;
        }
        published = payload;
        String topic = ControlSettings.topicFor(settings.updateReportedTopic(), agentId);
        channel.report(topic, payload).whenComplete((done, failure) -> {
            if (failure != null) {
                published = new byte[0];   // sent again at the next tick
                log.debug("update state: report to {} not sent yet: {}", topic, failure.toString());
            }
        });
    }

    private byte[] json(UpdateStatus status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonWriter json = new JsonWriter(out)) {
            json.writeStartObject();
            json.writeStringField("agent", agentId);
            json.writeStringField("running_version", Main.version());
            json.writeStringField("phase", status.phase());
            json.writeStringField("target", status.target());
            json.writeStringField("previous", status.previous());
            json.writeStringField("since", status.since().toString());
            json.writeStringField("reason", status.reason());
            json.writeNumberField("command_version", commandVersion);
            json.writeStringField("command_outcome", commandOutcome);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a JSON writer on a byte array fails only by a bug", e);
        }
        return out.toByteArray();
    }

    private record Handled(long version, String sha) {}

    private Handled handled() {
        try {
            String[] parts = Files.readString(handledFile).strip().split(" ");
            return new Handled(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "");
        } catch (NoSuchFileException e) {
            return new Handled(0, "");
        } catch (IOException | RuntimeException e) {
            log.warn("update commands: {} cannot be read ({}); taking every command as new", handledFile, e.toString());
            return new Handled(0, "");
        }
    }

    private void save(Handled handled) {
        try {
            Files.createDirectories(handledFile.getParent());
            AtomicFiles.replace(handledFile, ByteBuffer.wrap((handled.version() + " " + handled.sha() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            log.error("update commands: cannot keep {}: {}; a retained command could run again after a restart",
                    handledFile, e.getMessage());
        }
    }
}
