package dev.ferry.tls.internal;

import java.nio.file.Path;

/**
 * A file the {@code tls:} section names.
 *
 * @param key the key that names it, e.g. {@code tls.cert}, which every message about the file starts with
 */
record WatchedFile(String key, Path path) {}
