package dev.ferry.tls.internal;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import dev.ferry.tls.TlsEvent;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsSetup;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClientTls} that re-reads its files when they change; see the interface for the rules. */
public final class ReloadingClientTls implements ClientTls {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);

    private final TlsConfig config;
    private final TlsSetup setup;
    private final SectionFiles files;
    private final ExpiryWatch expiry;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile LoadedIdentity identity;
    private FileSnapshot loadedFrom;
    /** Files that failed to load once: warned about if they are still the same at the next check. */
    private @Nullable FileSnapshot unsettled;
    /** Files warned about: not loaded again until they change. */
    private @Nullable FileSnapshot warnedAbout;
    private Instant nextCheck;

    private ReloadingClientTls(TlsConfig config, TlsSetup setup, SectionFiles files, LoadedIdentity identity,
            FileSnapshot loadedFrom, Instant now) {
        this.config = config;
        this.setup = setup;
        this.files = files;
        this.identity = identity;
        this.loadedFrom = loadedFrom;
        this.nextCheck = now.plus(config.reloadCheck());
        this.expiry = new ExpiryWatch(config.expiryWarning(), files.cert() == null ? "" : files.cert().path().toString());
    }

    public static ClientTls load(TlsConfig config, TlsSetup setup) throws TlsConfigException {
        SectionFiles files = SectionFiles.of(config, setup);
        FileSnapshot snapshot = FileSnapshot.read(files.all());
        Instant now = setup.clock().instant();
        LoadedIdentity identity = loadUnexpired(config, files, snapshot, setup, now);
        ReloadingClientTls tls = new ReloadingClientTls(config, setup, files, identity, snapshot, now);
        X509Certificate certificate = identity.certificate();
        tls.emit(new TlsEvent.Loaded(certificate == null ? null : CertificateNames.subject(certificate),
                certificate == null ? null : certificate.getNotAfter().toInstant(), identity.trustedCertificates().size(),
                files.ca() == null));
        tls.emit(tls.expiry.check(certificate, now));
        return tls;
    }

    public static List<ConfigProblem> checkNames(TlsConfig config, String section) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return Algorithms.problems(config, section, context.getSupportedSSLParameters()).stream()
                    .map(TlsConfigException::toProblem).toList();
        } catch (GeneralSecurityException e) {
            return List.of(new ConfigProblem(section, "this JDK cannot set up TLS: " + e.getMessage()));
        }
    }

    private static LoadedIdentity loadUnexpired(TlsConfig config, SectionFiles files, FileSnapshot snapshot, TlsSetup setup,
            Instant now) throws TlsConfigException {
        LoadedIdentity identity = IdentityLoader.load(config, files, snapshot, setup.clock());
        X509Certificate certificate = identity.certificate();
        if (certificate != null && certificate.getNotAfter().toInstant().isBefore(now)) {
            throw new TlsConfigException(files.cert().key(), "the certificate " + CertificateNames.subject(certificate)
                    + " in " + files.cert().path() + " expired on " + CertificateNames.date(certificate.getNotAfter().toInstant())
                    + "; servers refuse it, so renew it");
        }
        return identity;
    }

    @Override
    public TlsIdentity current() {
        lock.lock();
        try {
            Instant now = setup.clock().instant();
            if (now.isBefore(nextCheck)) {
                return identity;
            }
            nextCheck = now.plus(config.reloadCheck());
            reloadIfChanged(now);
            emit(expiry.check(identity.certificate(), now));
            return identity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loads changed files. A failure is warned about only when the files are still the same at the next check:
     * replacing a certificate and its key is two steps, and the moment between them is no reason for alarm.
     */
    private void reloadIfChanged(Instant now) {
        FileSnapshot snapshot = FileSnapshot.read(files.all());
        if (snapshot.sameAs(loadedFrom) || (warnedAbout != null && snapshot.sameAs(warnedAbout))) {
            unsettled = null;
            return;
        }
        try {
            LoadedIdentity reloaded = loadUnexpired(config, files, snapshot, setup, now);
            identity = reloaded;
            loadedFrom = snapshot;
            unsettled = null;
            warnedAbout = null;
            X509Certificate certificate = reloaded.certificate();
            emit(new TlsEvent.Reloaded(certificate == null ? null : CertificateNames.subject(certificate),
                    certificate == null ? null : certificate.getNotAfter().toInstant()));
        } catch (TlsConfigException e) {
            if (unsettled != null && snapshot.sameAs(unsettled)) {
                warnedAbout = snapshot;
                unsettled = null;
                emit(new TlsEvent.ReloadFailed(e.getMessage()));
            } else {
                unsettled = snapshot;
            }
        }
    }

    @Override
    public String explain(Throwable failure) {
        return identity.explain(failure);
    }

    private void emit(@Nullable TlsEvent event) {
        if (event == null) {
            return;
        }
        String line = setup.owner().isEmpty() ? event.message() : setup.owner() + ": " + event.message();
        if (event.warning()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        setup.listener().accept(event);
    }
}
