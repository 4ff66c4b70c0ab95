package dev.ferry.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What came of a desired document, as the agent publishes it (retained) on the reported topic.
 *
 * @param version the document's version; null when it could not be read far enough to tell
 * @param configSha256 SHA-256 of the config text the document carried, hex; null when unread
 * @param running the version running after it: 0 when the config file is in charge
 * @param errors why it was refused or rolled back, one message each
 */
record RemoteConfigReport(Result result, @Nullable Long version, @Nullable String configSha256, long running,
        List<String> errors, Instant at) {

    private static final JsonFactory JSON = new JsonFactory();

    enum Result {
        APPLIED, STALE, REFUSED, ROLLED_BACK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    RemoteConfigReport {
        errors = List.copyOf(errors);
    }

    byte[] toJson(String agentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("agent", agentId);
            json.writeStringField("result", result.label());
            if (version == null) {
                json.writeNullField("version");
            } else {
                json.writeNumberField("version", version);
            }
            json.writeStringField("config_sha256", configSha256);
            json.writeNumberField("running_version", running);
            json.writeArrayFieldStart("errors");
            for (String error : errors) {
                json.writeString(error);
            }
            json.writeEndArray();
            json.writeStringField("at", at.toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // into memory: cannot happen
        }
        return out.toByteArray();
    }

    /** One line for the log. */
    String describe() {
        String what = "remote config" + (version == null ? "" : " version " + version) + ": " + result.label();
        return errors.isEmpty() ? what : what + ": " + String.join("; ", errors);
    }
}
