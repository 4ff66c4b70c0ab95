package dev.ferry.update;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.api.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bundle says of itself, and what its signatures cover: the version, the architecture it runs on
 * ({@code any} for the portable archive), the oldest version it may replace, when it stops being valid, release notes,
 * the distribution archive's size and SHA-256, and the size and SHA-256 of every file in it.
 *
 * @param minVersion the oldest running version this may replace; null for any
 */
public record BundleManifest(String version, String architecture, @Nullable String minVersion, Instant expires,
        String notes, Archive archive, List<FileEntry> files) {

    public static final int FORMAT = 1;
    public static final String ANY_ARCHITECTURE = "any";
    private static final JsonFactory JSON = new JsonFactory();

    public BundleManifest {
        files = List.copyOf(files);
    }

    /** The distribution archive inside the bundle. */
    public record Archive(String name, long size, String sha256) {}

    /**
     * One entry of the distribution.
     *
     * @param link the target of a symbolic link, relative to the link; null for a regular file
     */
    public record FileEntry(String path, long size, String sha256, boolean executable, @Nullable String link) {

        public static FileEntry file(String path, long size, String sha256, boolean executable) {
            return new FileEntry(path, size, sha256, executable, null);
        }

        public static FileEntry symlink(String path, String target) {
            return new FileEntry(path, 0, "", false, target);
        }
    }

    /** The manifest as the bytes that are signed: UTF-8 JSON, fields in a fixed order. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("product", "ferry");
            json.writeStringField("version", version);
            json.writeStringField("architecture", architecture);
            if (minVersion != null) {
                json.writeStringField("min_version", minVersion);
            }
            json.writeStringField("expires", expires.toString());
            json.writeStringField("notes", notes);
            json.writeObjectFieldStart("archive");
            json.writeStringField("name", archive.name());
            json.writeNumberField("size", archive.size());
            json.writeStringField("sha256", archive.sha256());
            json.writeEndObject();
            json.writeArrayFieldStart("files");
            for (FileEntry file : files) {
                json.writeStartObject();
                json.writeStringField("path", file.path());
                if (file.link() != null) {
                    json.writeStringField("link", file.link());
                } else {
                    json.writeNumberField("size", file.size());
                    json.writeStringField("sha256", file.sha256());
                    if (file.executable()) {
                        json.writeBooleanField("executable", true);
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** @throws BundleRefused when the bytes are not a manifest of a format this version knows */
    public static BundleManifest parse(byte[] bytes) throws BundleRefused {
        try (JsonParser json = JSON.createParser(bytes)) {
            return new Reader(json).manifest();
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new BundleRefused(BundleRefused.Reason.MALFORMED, "the manifest is not valid: " + e.getMessage());
        }
    }

    /** Reads the fields it knows and skips the others, so that a later format can add some. */
    private record Reader(JsonParser json) {

        BundleManifest manifest() throws IOException, BundleRefused {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            int format = 0;
            String version = null;
            String architecture = null;
            String minVersion = null;
            Instant expires = null;
            String notes = "";
            Archive archive = null;
            List<FileEntry> files = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "format" -> format = json.getIntValue();
                    case "version" -> version = json.getText();
                    case "architecture" -> architecture = json.getText();
                    case "min_version" -> minVersion = json.getText();
                    case "expires" -> expires = Instant.parse(json.getText());
                    case "notes" -> notes = json.getText();
                    case "archive" -> archive = archive(value);
                    case "files" -> files = files(value);
                    default -> json.skipChildren();
                }
            }
            if (format != FORMAT) {
                throw new BundleRefused(BundleRefused.Reason.MALFORMED, "the manifest's format is " + format
                        + "; this version of Ferry reads format " + FORMAT);
            }
            if (version == null || architecture == null || expires == null || archive == null || files == null) {
                throw new BundleRefused(BundleRefused.Reason.MALFORMED,
                        "the manifest lacks one of version, architecture, expires, archive, files");
            }
            Version.parse(version);
            if (minVersion != null) {
                Version.parse(minVersion);
            }
            return new BundleManifest(version, architecture, minVersion, expires, notes, archive, files);
        }

        private Archive archive(JsonToken start) throws IOException {
            expect(start, JsonToken.START_OBJECT);
            String name = null;
            long size = -1;
            String sha256 = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "name" -> name = json.getText();
                    case "size" -> size = json.getLongValue();
                    case "sha256" -> sha256 = json.getText();
                    default -> json.skipChildren();
                }
            }
            if (name == null || size < 0 || sha256 == null) {
                throw new IOException("the archive needs a name, a size and a sha256");
            }
            return new Archive(name, size, sha256);
        }

        private List<FileEntry> files(JsonToken start) throws IOException {
            expect(start, JsonToken.START_ARRAY);
            List<FileEntry> files = new ArrayList<>();
            while (json.nextToken() == JsonToken.START_OBJECT) {
                String path = null;
                String link = null;
                long size = -1;
                String sha256 = null;
                boolean executable = false;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    switch (field) {
                        case "path" -> path = json.getText();
                        case "link" -> link = json.getText();
                        case "size" -> size = json.getLongValue();
                        case "sha256" -> sha256 = json.getText();
                        case "executable" -> executable = json.getBooleanValue();
                        default -> json.skipChildren();
                    }
                }
                if (path == null || link == null && (size < 0 || sha256 == null)) {
                    throw new IOException("each file needs a path, and a size and a sha256 or a link");
                }
                files.add(link != null ? FileEntry.symlink(path, link) : FileEntry.file(path, size, sha256, executable));
            }
            return files;
        }

        private static void expect(@Nullable JsonToken token, JsonToken expected) throws IOException {
            if (token != expected) {
                throw new IOException("expected " + expected + ", found " + token);
            }
        }
    }
}
