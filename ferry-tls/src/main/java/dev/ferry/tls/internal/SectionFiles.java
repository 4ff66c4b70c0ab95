package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsSetup;
import java.util.ArrayList;
import java.util.List;

/** The files a {@code tls:} section names, resolved, each with the key that names it. */
record SectionFiles(String section, @Nullable WatchedFile ca, @Nullable WatchedFile cert, @Nullable WatchedFile key) {

    static SectionFiles of(TlsConfig config, TlsSetup setup) {
        String section = setup.section();
        return new SectionFiles(section,
                config.ca() == null ? null : new WatchedFile(section + ".ca", setup.resolve().apply(config.ca())),
                config.cert() == null ? null : new WatchedFile(section + ".cert", setup.resolve().apply(config.cert())),
                config.key() == null ? null : new WatchedFile(section + ".key", setup.resolve().apply(config.key())));
    }

    List<WatchedFile> all() {
        List<WatchedFile> all = new ArrayList<>(3);
        for (WatchedFile file : new WatchedFile[] {ca, cert, key}) {
            if (file != null) {
                all.add(file);
            }
        }
        return all;
    }

    String keyOf(String name) {
        return section + "." + name;
    }
}
