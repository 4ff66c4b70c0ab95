package dev.ferry.agent.update;

import dev.ferry.agent.UpdateHost;
import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfigException;
import dev.ferry.tls.TlsSetup;
import dev.ferry.update.BundleDownload;
import dev.ferry.update.BundleRefused;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;

/** Where a bundle comes from: a file on the gateway, or a download over HTTPS that resumes where a cut one stopped. */
final class BundleSource {

    private BundleSource() {}

    static boolean isUrl(String bundle) {
        return bundle.startsWith("https://") || bundle.startsWith("http://");
    }

    /** The bundle as logs and the status name it: a URL without its query, which may hold a secret. */
    static String describe(String bundle) {
        if (!isUrl(bundle)) {
            return bundle;
        }
        int query = bundle.indexOf('?');
        return query < 0 ? bundle : bundle.substring(0, query);
    }

    /** The bundle's file: the one given, or the one downloaded (in {@code data_dir/update/download}). */
    static Path fetch(String bundle, UpdateHost host, UpdateFiles files)
            throws IOException, BundleRefused, InterruptedException {
        if (!isUrl(bundle)) {
            Path file = host.config().resolve(bundle);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no bundle file at " + file);
            }
            return file;
        }
        URI uri;
        try {
            uri = new URI(bundle);
        } catch (URISyntaxException e) {
            throw new IOException("not a URL: " + describe(bundle));
        }
        UpdateSettings settings = host.settings();
        Files.createDirectories(files.downloads());
        // named after the URL, so that asking again for the same bundle resumes the download a cut left
        Path partial = files.downloads().resolve(nameOf(bundle) + ".bundle.part");
        BundleDownload.Source source = new BundleDownload.Source(uri, tls(host, settings), token(host, settings));
        return BundleDownload.fetch(source, partial, settings.maxSize().bytes(), settings.downloadTimeout(),
                files::progress);
    }

    private static String nameOf(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static @Nullable SSLContext tls(UpdateHost host, UpdateSettings settings) throws IOException {
        if (settings.tls() == null) {
            return null;
        }
        try {
            return ClientTls.load(settings.tls(), new TlsSetup("update download", "update.tls", host.config()::resolve,
                    Clock.systemUTC(), event -> { })).current().context();
        } catch (TlsConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static @Nullable String token(UpdateHost host, UpdateSettings settings) throws IOException {
        if (settings.tokenFile() == null) {
            return null;
        }
        Path file = host.config().resolve(settings.tokenFile());
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IOException("cannot read update.token_file " + file + ": " + e.getMessage(), e);
        }
    }
}
