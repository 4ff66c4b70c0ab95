package dev.ferry.agent;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config when its file changes. It watches the file's directory, not the file, so that an editor that
 * writes a new file and renames it over the old one is seen as well as one that writes in place; and it waits until
 * the file has been quiet for {@link #QUIET} so that a save in several writes is one reload, of the whole file.
 * A save that changes nothing (a touch, an editor's backup) reloads nothing.
 */
final class ConfigWatcher implements AutoCloseable {

    static final Duration QUIET = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ConfigReloader reloader;
    private final WatchService watcher;
    private final Thread thread;

    private ConfigWatcher(Path file, ConfigReloader reloader, WatchService watcher) {
        this.file = file;
        this.reloader = reloader;
        this.watcher = watcher;
        this.thread = Thread.ofVirtual().name("config-watcher").unstarted(this::watch);
    }

    /** Watches {@code file}; null, with the reason logged, when its directory cannot be watched. */
    static ConfigWatcher start(Path file, ConfigReloader reloader) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            WatchService watcher = FileSystems.getDefault().newWatchService();
            absolute.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            ConfigWatcher started = new ConfigWatcher(absolute, reloader, watcher);
            started.thread.start();
            log.info("watching {} for changes (agent.watch_config); a change is reloaded once the file is quiet for {}ms",
                    absolute, QUIET.toMillis());
            return started;
        } catch (IOException e) {
            log.warn("cannot watch {} for changes: {}; reload with SIGHUP or `ferry reload` instead", absolute, e.getMessage());
            return null;
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = concernsFile(key);
                key.reset();
                if (!ours) {
                    continue;
                }
                // quiet period: every further event on the file restarts it
                WatchKey more;
                while ((more = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    concernsFile(more);
                    more.reset();
                }
                if (!reloader.fileUnchanged()) {
                    reloader.reload("file changed", null);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopping) {
            // close() ends the watching
        }
    }

    private boolean concernsFile(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path changed && changed.equals(file.getFileName())) {
                ours = true;
            }
        }
        return ours;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the config watcher: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
