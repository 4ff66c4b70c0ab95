package dev.ferry.agent;

import dev.ferry.management.AgentFacts;
import dev.ferry.runtime.config.LoadedConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** What the management endpoint tells about this agent: its version and the config it runs, by content hash. */
final class AgentFactsOf {

    private AgentFactsOf() {}

    /**
     * @param text the config's content as it was read and applied
     * @param origin {@code file}, {@code built-in} or {@code remote version N}
     */
    static AgentFacts config(LoadedConfig loaded, Instant started, String text, String origin) {
        return new AgentFacts(loaded.agentId(), Main.version(), started, loaded.file(),
                sha256(text), origin);
    }

    /** The SHA-256 of {@code text} as UTF-8, hex. */
    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
