package dev.ferry.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.Nullable;
import dev.ferry.log.internal.AtomicFiles;
import dev.ferry.runtime.config.ConfigFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RemoteConfigState} in {@code data_dir/remote-config.json}, replaced atomically: a new file is written and
 * synced beside it, then renamed over it, so a power cut leaves either the old state or the new one.
 */
final class RemoteConfigStore {

    static final String FILE_NAME = "remote-config.json";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    RemoteConfigStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The state kept; {@link RemoteConfigState#NONE} when none was ever written. */
    RemoteConfigState load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return RemoteConfigState.NONE;
        }
        try {
            Map<String, Object> root = map(JsonTree.parse(bytes));
            List<String> handled = new ArrayList<>();
            if (root.get("handled") instanceof List<?> list) {
                list.forEach(item -> handled.add(String.valueOf(item)));
            }
            return new RemoteConfigState(number(root.get("highest_version")), text(root.get("current")),
                    text(root.get("fallback")), handled);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a state this agent wrote (" + e.getMessage() + ")", e);
        }
    }

    void save(RemoteConfigState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeNumberField("highest_version", state.highestVersion());
            writeText(json, "current", state.current());
            writeText(json, "fallback", state.fallback());
            json.writeArrayFieldStart("handled");
            for (String sha : state.handled()) {
                json.writeString(sha);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.replace(file, ByteBuffer.wrap(out.toByteArray()));
    }

    private static void writeText(JsonGenerator json, String field, RemoteConfigState.@Nullable ConfigText text)
            throws IOException {
        if (text == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeNumberField("version", text.remoteVersion());
        json.writeStringField("format", text.format().name().toLowerCase(Locale.ROOT));
        json.writeStringField("applied_at", text.at().toString());
        json.writeStringField("config", text.text());
        json.writeEndObject();
    }

    private static RemoteConfigState.@Nullable ConfigText text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> map = map(value);
        return new RemoteConfigState.ConfigText(number(map.get("version")),
                ConfigFormat.valueOf(String.valueOf(map.get("format")).toUpperCase(Locale.ROOT)),
                String.valueOf(map.get("config")), Instant.parse(String.valueOf(map.get("applied_at"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("an object was expected");
        }
        return (Map<String, Object>) map;
    }

    private static long number(@Nullable Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("a number was expected, found " + value);
        }
        return number.longValue();
    }
}
