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
 * @param configSha256 the SHA-256 of the config file's content, hex; empty for the built-in config
 */
public record AgentFacts(String agentId, String version, Instant started, Path configFile, String configSha256) {}
