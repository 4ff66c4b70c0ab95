package dev.ferry.update;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.log.internal.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The update's state in {@code <data_dir>/update/state.json}, replaced atomically and synced at every step, so that
 * after a crash or a power cut the file holds the step before or the step after, never a mix.
 */
public final class UpdateStore {

    static final String FILE_NAME = "state.json";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    /** @param dir the update's folder, {@code <data_dir>/update} */
    public UpdateStore(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /**
     * The state last saved; idle when none was.
     *
     * @throws IOException when the file is there but cannot be read as a state (the message says so)
     */
    public UpdateState load(Instant now) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return UpdateState.idle(now);
        }
        try (JsonParser json = JSON.createParser(bytes)) {
            return read(json);
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    public void save(UpdateState state) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("phase", state.phase().label());
            json.writeStringField("target", state.target());
            json.writeStringField("previous", state.previous());
            json.writeStringField("previous_home", state.previousHome());
            json.writeStringField("since", state.since().toString());
            json.writeStringField("reason", state.reason());
            json.writeArrayFieldStart("rolled_back");
            for (String version : state.rolledBack()) {
                json.writeString(version);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        AtomicFiles.replace(file, ByteBuffer.wrap(out.toByteArray()));
    }

    private static UpdateState read(JsonParser json) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a JSON object");
        }
        UpdatePhase phase = null;
        String target = null;
        String previous = null;
        String previousHome = null;
        Instant since = null;
        String reason = null;
        Set<String> rolledBack = new TreeSet<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            String text = value == JsonToken.VALUE_NULL ? null : json.getText();
            switch (field) {
                case "phase" -> phase = UpdatePhase.valueOf(text.toUpperCase(java.util.Locale.ROOT));
                case "target" -> target = text;
                case "previous" -> previous = text;
                case "previous_home" -> previousHome = text;
                case "since" -> since = Instant.parse(text);
                case "reason" -> reason = text;
                case "rolled_back" -> {
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        rolledBack.add(json.getText());
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (phase == null || since == null) {
            throw new IOException("no phase or no since");
        }
        return new UpdateState(phase, target, previous, previousHome, since, reason, rolledBack);
    }
}
