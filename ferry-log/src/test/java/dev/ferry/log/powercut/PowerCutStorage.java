package dev.ferry.log.powercut;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A file system in memory that can lose power. It holds what a program sees and, apart from it, what the disk
 * holds: a file's data reaches the disk when its channel is forced, a created, renamed or deleted entry when its
 * directory is synced (and with it every entry operation before it, as journaling file systems do). When the power
 * comes back, each file's changes since its last force are lost whole, kept whole or torn at any byte, and each
 * entry operation since the last sync is kept or lost, independently of the others: a harsher disk than most.
 * Directories made by {@link #createDirectories} are durable at once, as the storage contract says.
 *
 * <p>The power goes off after a set number of operations ({@link #cutAfter}) or at once ({@link #cutNow}); from
 * then on every operation fails, and channels opened before stay dead after the power returns ({@link #powerOn}).
 */
public final class PowerCutStorage implements Storage {

    /** A change to directory entries, replayed onto what the disk holds when it becomes durable or survives. */
    private sealed interface EntryChange permits Link, Unlink, Rename {
        boolean touches(Path dir);
    }

    private record Link(Path dir, String name, SimulatedFile file) implements EntryChange {
        @Override
        public boolean touches(Path d) {
            return dir.equals(d);
        }
    }

    private record Unlink(Path dir, String name) implements EntryChange {
        @Override
        public boolean touches(Path d) {
            return dir.equals(d);
        }
    }

    private record Rename(Path fromDir, String from, Path toDir, String to, SimulatedFile file) implements EntryChange {
        @Override
        public boolean touches(Path d) {
            return fromDir.equals(d) || toDir.equals(d);
        }
    }

    private Map<Path, Map<String, SimulatedFile>> seen = new HashMap<>();
    private Map<Path, Map<String, SimulatedFile>> onDisk = new HashMap<>();
    private final List<EntryChange> unsyncedEntries = new ArrayList<>();
    private boolean powered = true;
    private int powerEpoch;
    private long operations;
    private long cutAt = Long.MAX_VALUE;

    /** Cuts the power at the {@code n}th changing operation from now (1: the next one fails). */
    public synchronized void cutAfter(long n) {
        cutAt = operations + n;
    }

    public synchronized void cutNow() {
        powered = false;
    }

    public synchronized boolean powered() {
        return powered;
    }

    /**
     * Turns the power on again: what survived, as the fates drawn from {@code random} decide, is what every program
     * sees from now on.
     */
    public synchronized void powerOn(Random random) {
        Map<Path, Map<String, SimulatedFile>> entries = copy(onDisk);
        for (EntryChange change : unsyncedEntries) {
            if (random.nextBoolean()) {
                replay(change, entries);
            }
        }
        SimulatedFile.Fate fate = SimulatedFile.Fate.values()[random.nextInt(SimulatedFile.Fate.values().length)];
        Map<SimulatedFile, SimulatedFile> survivors = new IdentityHashMap<>();
        for (Map<String, SimulatedFile> dir : entries.values()) {
            dir.replaceAll((name, file) -> survivors.computeIfAbsent(file, f -> f.survivor(fate, random)));
        }
        seen = entries;
        onDisk = copy(entries);
        unsyncedEntries.clear();
        powered = true;
        powerEpoch++;
        cutAt = Long.MAX_VALUE;
    }

    /** Whether anything written is not yet on the disk: what a power cut now could lose. */
    public synchronized boolean hasUnsyncedChanges() {
        if (!unsyncedEntries.isEmpty()) {
            return true;
        }
        return seen.values().stream().flatMap(dir -> dir.values().stream()).anyMatch(SimulatedFile::hasUnsyncedChanges);
    }

    /** The files as a program sees them, by path, with their sizes: for a failure's description. */
    public synchronized String describe() {
        Map<String, Integer> files = new TreeMap<>();
        seen.forEach((dir, entries) -> entries.forEach((name, file) -> files.put(dir.resolve(name).toString(), file.length())));
        return files.toString();
    }

    @Override
    public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        boolean write = set.contains(StandardOpenOption.WRITE) || set.contains(StandardOpenOption.APPEND);
        if (set.contains(StandardOpenOption.APPEND) || set.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            throw new UnsupportedOperationException("the log does not use " + set + "; model it here if it starts to");
        }
        Path path = normal(file);
        if (seen.containsKey(path)) {
            changing(powerEpoch);
            throw new IOException(path + ": Is a directory");
        }
        Map<String, SimulatedFile> dir = directoryOf(path);
        String name = path.getFileName().toString();
        SimulatedFile found = dir.get(name);
        boolean create = write && (set.contains(StandardOpenOption.CREATE) || set.contains(StandardOpenOption.CREATE_NEW));
        if (create) {
            changing(powerEpoch);
        } else {
            reading(powerEpoch);
        }
        if (found != null && write && set.contains(StandardOpenOption.CREATE_NEW)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        if (found == null) {
            if (!create) {
                throw new NoSuchFileException(path.toString());
            }
            found = new SimulatedFile();
            dir.put(name, found);
            unsyncedEntries.add(new Link(path.getParent(), name, found));
        } else if (write && set.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            found.truncate(0);
        }
        boolean read = set.contains(StandardOpenOption.READ) || !write;
        return new SimulatedChannel(this, found, powerEpoch, read, write);
    }

    @Override
    public synchronized boolean exists(Path path) {
        Path normal = normal(path);
        if (!powered) {
            return false;
        }
        if (seen.containsKey(normal)) {
            return true;
        }
        Map<String, SimulatedFile> dir = normal.getParent() == null ? null : seen.get(normal.getParent());
        return dir != null && dir.containsKey(normal.getFileName().toString());
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        return powered && seen.containsKey(normal(path));
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        reading(powerEpoch);
        return fileAt(normal(file)).length();
    }

    @Override
    public synchronized List<Path> list(Path dir) throws IOException {
        reading(powerEpoch);
        Path path = normal(dir);
        Map<String, SimulatedFile> entries = seen.get(path);
        if (entries == null) {
            throw new NoSuchFileException(path.toString());
        }
        List<Path> found = new ArrayList<>();
        entries.keySet().forEach(name -> found.add(path.resolve(name)));
        seen.keySet().stream().filter(d -> path.equals(d.getParent())).forEach(found::add);
        return found;
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        Path path = normal(dir);
        if (seen.containsKey(path)) {
            return;
        }
        changing(powerEpoch);
        if (path.getParent() != null) {
            createDirectories(path.getParent());
        }
        seen.put(path, new HashMap<>());
        onDisk.put(path, new HashMap<>());
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        changing(powerEpoch);
        Path source = normal(from);
        Path target = normal(to);
        SimulatedFile file = fileAt(source);
        Map<String, SimulatedFile> targetDir = directoryOf(target);
        directoryOf(source).remove(source.getFileName().toString());
        targetDir.put(target.getFileName().toString(), file);
        unsyncedEntries.add(new Rename(source.getParent(), source.getFileName().toString(), target.getParent(),
                target.getFileName().toString(), file));
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        changing(powerEpoch);
        Path path = normal(file);
        if (seen.containsKey(path)) {
            throw new IOException(path + ": deleting a directory is not modelled");
        }
        fileAt(path);
        directoryOf(path).remove(path.getFileName().toString());
        unsyncedEntries.add(new Unlink(path.getParent(), path.getFileName().toString()));
    }

    @Override
    public synchronized boolean deleteIfExists(Path file) throws IOException {
        if (!exists(file)) {
            reading(powerEpoch);
            return false;
        }
        delete(file);
        return true;
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        changing(powerEpoch);
        Path path = normal(dir);
        if (!seen.containsKey(path)) {
            throw new NoSuchFileException(path.toString());
        }
        int last = -1;
        for (int i = 0; i < unsyncedEntries.size(); i++) {
            if (unsyncedEntries.get(i).touches(path)) {
                last = i;
            }
        }
        List<EntryChange> durable = unsyncedEntries.subList(0, last + 1);
        durable.forEach(change -> replay(change, onDisk));
        durable.clear();
    }

    /** Every operation that changes something counts towards the cut, and fails once the power is off. */
    void changing(int channelEpoch) throws IOException {
        if (powered && ++operations >= cutAt) {
            powered = false;
        }
        reading(channelEpoch);
    }

    void reading(int channelEpoch) throws IOException {
        if (!powered) {
            throw new IOException("power cut: the machine is off");
        }
        if (channelEpoch != powerEpoch) {
            throw new IOException("power cut: this file was opened before the machine restarted");
        }
    }

    private static void replay(EntryChange change, Map<Path, Map<String, SimulatedFile>> entries) {
        switch (change) {
            case Link link -> entries.get(link.dir()).put(link.name(), link.file());
            case Unlink unlink -> entries.get(unlink.dir()).remove(unlink.name());
            case Rename rename -> {
                Map<String, SimulatedFile> from = entries.get(rename.fromDir());
                if (from.get(rename.from()) == rename.file()) {
                    from.remove(rename.from());
                }
                entries.get(rename.toDir()).put(rename.to(), rename.file());
            }
        }
    }

    private SimulatedFile fileAt(Path path) throws NoSuchFileException {
        Map<String, SimulatedFile> dir = path.getParent() == null ? null : seen.get(path.getParent());
        SimulatedFile file = dir == null ? null : dir.get(path.getFileName().toString());
        if (file == null) {
            throw new NoSuchFileException(path.toString());
        }
        return file;
    }

    private Map<String, SimulatedFile> directoryOf(Path path) throws NoSuchFileException {
        Map<String, SimulatedFile> dir = path.getParent() == null ? null : seen.get(path.getParent());
        if (dir == null) {
            throw new NoSuchFileException(path.toString(), null, "no such directory");
        }
        return dir;
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static Map<Path, Map<String, SimulatedFile>> copy(Map<Path, Map<String, SimulatedFile>> entries) {
        Map<Path, Map<String, SimulatedFile>> copy = new HashMap<>();
        entries.forEach((dir, files) -> copy.put(dir, new HashMap<>(files)));
        return copy;
    }
}
