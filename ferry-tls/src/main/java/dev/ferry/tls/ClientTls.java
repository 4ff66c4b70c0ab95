package dev.ferry.tls;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.tls.internal.ReloadingClientTls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The TLS side of a client connection, kept in step with the files of a {@code tls:} section: call
 * {@link #current()} for each new connection, and a rotated certificate, key or CA file is used from the next
 * connection on, without a restart. Safe to call from any thread.
 *
 * <p>Files are checked for change at most every {@code reload_check}, during {@link #current()}; a change that
 * cannot be loaded (a file caught half-written, a key that does not match) keeps the previous identity and is
 * logged once as a warning. A client certificate that expires within {@code expiry_warning} is warned about at
 * most once a day, from the same calls.
 *
 * <p>At load, an expired client certificate is refused: every server would refuse it too, less clearly. One that
 * is not valid yet is only warned about, because the usual cause is a device whose clock is not set yet.
 */
public interface ClientTls {

    /** Loads the section named {@code tls} of the plugin the context belongs to. */
    static ClientTls load(TlsConfig config, PluginContext context) throws TlsConfigException {
        return load(config, TlsSetup.of(context));
    }

    /**
     * Reads the files and builds the first identity.
     *
     * @throws TlsConfigException the first problem found, its message starting with the key, e.g.
     *     {@code tls.key: cannot decrypt /etc/ferry/gw.key: wrong password?}
     */
    static ClientTls load(TlsConfig config, TlsSetup setup) throws TlsConfigException {
        return ReloadingClientTls.load(config, setup);
    }

    /**
     * The problems found without reading any file: protocol, cipher suite and group names this JDK does not
     * support, for a provider's {@code validate}. Keys are given as {@code section.key}.
     */
    static List<ConfigProblem> check(TlsConfig config, String section) {
        return ReloadingClientTls.checkNames(config, section);
    }

    /**
     * Reads the section's files and reports the first problem with them, for a provider's {@code checkFiles}; empty
     * when they load. Nothing is kept; the events of loading are logged as at start-up, so a check also warns of a
     * certificate about to expire.
     */
    static List<ConfigProblem> checkFiles(TlsConfig config, String section, Function<String, Path> resolve) {
        try {
            load(config, new TlsSetup("", section, resolve, Clock.systemUTC(), event -> {}));
            return List.of();
        } catch (TlsConfigException e) {
            return List.of(e.toProblem());
        }
    }

    /** The identity to use for a new connection; checks the files for change when {@code reload_check} has passed. */
    TlsIdentity current();

    /** {@link TlsIdentity#explain} with the identity in use. */
    String explain(Throwable failure);
}
