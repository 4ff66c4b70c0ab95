package dev.ferry.agent;

import dev.ferry.management.AgentFacts;
import dev.ferry.runtime.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** What the management endpoint tells about this agent: its version and the config it runs, by content hash. */
final class AgentFactsOf {

    private AgentFactsOf() {}

    static AgentFacts config(LoadedConfig loaded, Instant started) {
        return facts(loaded, started, sha256(loaded));
    }

    /** With the hash of {@code text}, the config's content as it was read and applied. */
    static AgentFacts config(LoadedConfig loaded, Instant started, String text) {
        try {
            return facts(loaded, started, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            return facts(loaded, started, "");
        }
    }

    private static AgentFacts facts(LoadedConfig loaded, Instant started, String sha256) {
        String version = Main.class.getPackage().getImplementationVersion();
        return new AgentFacts(loaded.agentId(), version != null ? version : "development build", started, loaded.file(),
                sha256);
    }

    /** The SHA-256 of the config file as read now; empty for the built-in config or a file gone since. */
    private static String sha256(LoadedConfig loaded) {
        if (!Files.isRegularFile(loaded.file())) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(loaded.file())));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
