package dev.ferry.tls;

import dev.ferry.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where a {@code tls:} section sits and what loading it may use.
 *
 * @param owner the plugin's name, put before each logged line; empty for none
 * @param section the key of the section in the plugin's config, e.g. {@code tls}, put before each error's key
 * @param resolve turns a configured path into a file, relative paths against the config file's directory
 * @param clock for the reload interval and expiry warnings
 * @param listener told of every {@link TlsEvent}, besides the log
 */
public record TlsSetup(String owner, String section, Function<String, Path> resolve, Clock clock, Consumer<TlsEvent> listener) {

    /** A section named {@code tls} of the plugin the context belongs to. */
    public static TlsSetup of(PluginContext context) {
        return new TlsSetup(context.name(), "tls", context::resolve, context.clock(), event -> {});
    }

    /** A section named {@code tls}, with no owner and no listener. */
    public static TlsSetup of(Function<String, Path> resolve, Clock clock) {
        return new TlsSetup("", "tls", resolve, clock, event -> {});
    }

    public TlsSetup inSection(String key) {
        return new TlsSetup(owner, key, resolve, clock, listener);
    }

    public TlsSetup withListener(Consumer<TlsEvent> eventListener) {
        return new TlsSetup(owner, section, resolve, clock, eventListener);
    }
}
