package dev.ferry.runtime.health;

import dev.ferry.api.Health;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.runtime.time.Ticker;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every component of the agent, by name ({@code source boiler}, {@code sink upstream}).
 *
 * <p>A change takes effect at once, for {@link #health} and the listeners. Its log line, as {@code source boiler:
 * DEGRADED (read timed out after 5s)}, at INFO for STARTING, UP and STOPPED and at WARN for DEGRADED, QUARANTINED
 * and DOWN, is written at once too unless the component logged within the last minute; then the changes are
 * counted into one line a minute ({@link HealthChangeLog}), so a flapping component does not flood the journal.
 * Reporting the same state and reason again changes nothing, not even {@link Health#since()}, so components report
 * on every read. Thread-safe.
 */
public final class HealthRegistry {

    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    private final Ticker ticker;
    private final Clock clock;
    private final Map<String, Component> components = new ConcurrentHashMap<>();
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();

    /** @param ticker the clock for {@link Health#since()}, and the wait before held-back changes are logged */
    public HealthRegistry(Ticker ticker) {
        this.ticker = ticker;
        this.clock = ticker.clock();
    }

    /**
     * The reporter of {@code component}, registering it as STARTING the first time; later calls return a reporter
     * of the same entry.
     */
    public HealthReporter reporter(String component) {
        Component existing = components.get(component);
        if (existing != null) {
            return existing;
        }
        Component created = new Component(component, new Health(HealthState.STARTING, "", clock.instant()));
        Component raced = components.putIfAbsent(component, created);
        if (raced != null) {
            return raced;
        }
        notifyListeners(component, null, created.current());
        return created;
    }

    /** The current health of {@code component}, empty when it was never registered or was removed. */
    public Optional<Health> health(String component) {
        Component c = components.get(component);
        return c == null ? Optional.empty() : Optional.of(c.current());
    }

    /** Every component's health, sorted by name. */
    public Map<String, Health> snapshot() {
        Map<String, Health> sorted = new LinkedHashMap<>();
        components.keySet().stream().sorted().forEach(name -> health(name).ifPresent(h -> sorted.put(name, h)));
        return Collections.unmodifiableMap(sorted);
    }

    /** Forgets a component that no longer exists (a source removed by a reload); its reporter then does nothing. */
    public void remove(String component) {
        Component removed = components.remove(component);
        if (removed != null) {
            removed.detach();
        }
    }

    public void addListener(HealthListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HealthListener listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(String component, @Nullable Health previous, Health current) {
        for (HealthListener listener : listeners) {
            try {
                listener.changed(component, previous, current);
            } catch (RuntimeException e) {
                log.error("health listener {} failed on a change of {}; the change stands", listener, component, e);
            }
        }
    }

    private final class Component implements HealthReporter {
        private final String name;
        private final HealthChangeLog changeLog;
        private Health current;
        private boolean attached = true;

        Component(String name, Health initial) {
            this.name = name;
            this.changeLog = new HealthChangeLog(name, ticker);
            this.current = initial;
        }

        synchronized Health current() {
            return current;
        }

        synchronized void detach() {
            attached = false;
        }

        /** Synchronized so one component's changes are logged and heard in the order they happened. */
        @Override
        public synchronized void report(HealthState state, String reason) {
            if (!attached) {
                return;
            }
            Health next = new Health(state, reason, clock.instant());
            if (!next.changedFrom(current)) {
                return;
            }
            Health previous = current;
            current = next;
            changeLog.changed(next);
            notifyListeners(name, previous, next);
        }
    }
}
