package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every cursor the log knows: open ones, and those only on disk (a sink not started yet, or removed). Only cursors
 * in the active set hold back segment deletion; until the runtime names that set, every known cursor does.
 */
public final class CursorRegistry {

    private final Storage storage;
    private final Path dir;
    private final Map<String, CursorState> open = new ConcurrentHashMap<>();
    private final Map<String, Long> persisted = new ConcurrentHashMap<>();
    private volatile @Nullable Set<String> active;

    private CursorRegistry(Storage storage, Path dir) {
        this.storage = storage;
        this.dir = dir;
    }

    /** Reads every cursor file in {@code dir}; damaged ones are reported to {@code damaged} and ignored. */
    public static CursorRegistry load(Storage storage, Path dir, Consumer<Path> damaged) throws IOException {
        CursorRegistry registry = new CursorRegistry(storage, dir);
        registry.persisted.putAll(readAll(storage, dir, damaged));
        return registry;
    }

    public static Map<String, Long> readAll(Storage storage, Path dir, Consumer<Path> damaged) throws IOException {
        Map<String, Long> positions = new HashMap<>();
        if (!storage.isDirectory(dir)) {
            return positions;
        }
        for (Path f : storage.list(dir)) {
            var name = CursorFile.sinkName(f);
            if (name.isPresent()) {
                OptionalLong seq = CursorFile.read(storage, f);
                if (seq.isPresent()) {
                    positions.put(name.get(), seq.getAsLong());
                } else {
                    damaged.accept(f);
                }
            }
        }
        return positions;
    }

    /** Opens a cursor, creating its file at {@code startSeq} when new. */
    public CursorState open(String name, long startSeq) throws IOException {
        if (open.containsKey(name)) {
            throw new IllegalStateException("cursor \"" + name + "\" is already open; close it before opening it again");
        }
        storage.createDirectories(dir);
        CursorFile.Opened opened = CursorFile.open(storage, dir.resolve(CursorFile.fileName(name)), startSeq);
        CursorState state = new CursorState(name, opened.file(), opened.committedSeq(), this);
        if (open.putIfAbsent(name, state) != null) {
            opened.file().close();
            throw new IllegalStateException("cursor \"" + name + "\" is already open; close it before opening it again");
        }
        persisted.put(name, opened.committedSeq());
        return state;
    }

    /** Whether a cursor of this name is open or on disk. */
    public boolean knows(String name) {
        return open.containsKey(name) || persisted.containsKey(name);
    }

    /** Forgets a closed cursor and deletes its file. */
    public void drop(String name) throws IOException {
        if (open.containsKey(name)) {
            throw new IllegalStateException("cursor \"" + name + "\" is open; close it before dropping it");
        }
        storage.deleteIfExists(dir.resolve(CursorFile.fileName(name)));
        persisted.remove(name);
    }

    public void setActive(Set<String> names) {
        active = Set.copyOf(names);
    }

    public boolean isActive(String name) {
        Set<String> names = active;
        return names == null || names.contains(name);
    }

    /** The lowest persisted position among active cursors that have one; empty when none does. */
    public OptionalLong minActivePersisted() {
        return min(persisted);
    }

    /** The lowest acknowledged (maybe not yet persisted) position among active cursors. */
    public OptionalLong minActiveCommitted() {
        Map<String, Long> positions = new HashMap<>(persisted);
        open.forEach((name, state) -> positions.put(name, state.committedSeq()));
        return min(positions);
    }

    /** The lowest position of any cursor, active or not: gaps below it can no longer be asked about. */
    public OptionalLong minKnown() {
        return persisted.values().stream().mapToLong(Long::longValue).min();
    }

    public Map<String, Long> persistedPositions() {
        return Map.copyOf(persisted);
    }

    public Map<String, CursorState> openCursors() {
        return Map.copyOf(open);
    }

    /** Persists every open cursor that moved; the first failure is thrown after trying all. */
    public void persistAll() throws IOException {
        IOException first = null;
        for (CursorState state : open.values()) {
            try {
                state.persist();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    void persisted(String name, long seq) {
        persisted.put(name, seq);
    }

    void closed(CursorState state) {
        open.remove(state.name(), state);
    }

    private OptionalLong min(Map<String, Long> positions) {
        return positions.entrySet().stream().filter(e -> isActive(e.getKey()))
                .mapToLong(Map.Entry::getValue).min();
    }
}
