package dev.ferry.management.control;

import dev.ferry.runtime.config.ConfigFormat;

/**
 * A config the platform wants the agent to run, as read from a desired document whose signature, audience and
 * expiry were checked.
 *
 * @param version the platform's version of it; only a higher one than the applied replaces it
 * @param text the complete config
 * @param format how {@code text} is written (JSON is read as the YAML it is a subset of)
 * @param signed false only for a plain document accepted under {@code require_signed: false}
 */
public record DesiredConfig(long version, String text, ConfigFormat format, boolean signed) {}
