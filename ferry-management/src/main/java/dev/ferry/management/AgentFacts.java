package dev.ferry.management;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the endpoint says about the agent beside its live figures.
 *
 * @param agentId {@code agent.id}
 * @param version Ferry's version, or {@code development build}
 * @param started when the agent started
 * @param configFile the config file it runs, or the name of the built-in one
 * @param configSha256 the SHA-256 of the config's content, hex; empty for the built-in config
 * @param configOrigin where the running config came from: {@code file}, {@code built-in}, or
 *     {@code remote version 7} for one the platform sent
 */
public record AgentFacts(String agentId, String version, Instant started, Path configFile, String configSha256,
        String configOrigin) {}
