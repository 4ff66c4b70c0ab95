package dev.ferry.management.control;

/**
 * An update the platform asks for on the control connection, as read from a command whose signature, audience and
 * expiry were checked.
 *
 * @param version the platform's number for the command; one at or below the highest handled is stale
 * @param bundle the {@code https://} URL of the bundle
 * @param retryRolledBack try the version even if it was rolled back before
 * @param stage only install it; SIGUSR2 switches to it later
 * @param signed false only for a plain document accepted under {@code require_signed: false}
 */
public record DesiredUpdate(long version, String bundle, boolean retryRolledBack, boolean stage, boolean signed) {}
