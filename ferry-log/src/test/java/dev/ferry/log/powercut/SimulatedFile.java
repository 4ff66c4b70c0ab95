package dev.ferry.log.powercut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A file's content as a program sees it, and as the disk holds it: writes and truncations since the last
 * {@code force} are kept apart, so that a power cut can decide what became of each of them.
 */
final class SimulatedFile {

    private sealed interface Change permits Write, Truncate {}

    private record Write(long at, byte[] bytes) implements Change {}

    private record Truncate(long size) implements Change {}

    private byte[] content;
    private int length;
    private byte[] synced;
    private final List<Change> unsynced = new ArrayList<>();

    SimulatedFile() {
        this(new byte[0]);
    }

    private SimulatedFile(byte[] survived) {
        content = survived.clone();
        length = survived.length;
        synced = survived;
    }

    int length() {
        return length;
    }

    /** Reads into {@code into} from {@code at}; -1 at or past the end. */
    int read(long at, byte[] into, int offset, int count) {
        if (at >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - at);
        System.arraycopy(content, (int) at, into, offset, n);
        return n;
    }

    void write(long at, byte[] bytes) {
        apply(at, bytes, bytes.length);
        unsynced.add(new Write(at, bytes));
    }

    void truncate(long size) {
        if (size < length) {
            length = (int) size;
            unsynced.add(new Truncate(size));
        }
    }

    /** fsync: what the program sees is what the disk holds. */
    void force() {
        synced = Arrays.copyOf(content, length);
        unsynced.clear();
    }

    boolean hasUnsyncedChanges() {
        return !unsynced.isEmpty();
    }

    /**
     * What the disk holds after the power came back: the synced content, and of each change made since, as {@code
     * fate} decides, all of it, none, or (a write) a part cut at any byte, the rest of its length zeros or nothing.
     */
    SimulatedFile survivor(Fate fate, Random random) {
        SimulatedFile after = new SimulatedFile(synced.clone());
        int lastKept = fate == Fate.PREFIX ? random.nextInt(unsynced.size() + 1) - 1 : unsynced.size() - 1;
        for (int i = 0; i < unsynced.size(); i++) {
            Change change = unsynced.get(i);
            Outcome outcome = switch (fate) {
                case LOSE_ALL -> Outcome.LOST;
                case KEEP_ALL -> Outcome.KEPT;
                case PREFIX -> i < lastKept ? Outcome.KEPT : i == lastKept ? Outcome.TORN : Outcome.LOST;
                case EACH_ITS_OWN -> Outcome.values()[random.nextInt(Outcome.values().length)];
            };
            after.survive(change, outcome, random);
        }
        after.synced = Arrays.copyOf(after.content, after.length);
        return after;
    }

    private void survive(Change change, Outcome outcome, Random random) {
        if (outcome == Outcome.LOST) {
            return;
        }
        switch (change) {
            case Truncate truncate -> length = (int) Math.min(length, truncate.size());
            case Write write -> {
                if (outcome == Outcome.KEPT || write.bytes().length == 0) {
                    apply(write.at(), write.bytes(), write.bytes().length);
                } else {
                    int kept = random.nextInt(write.bytes().length);
                    boolean sizeGrewFirst = random.nextBoolean();   // the file's size reached the disk, its data not
                    byte[] torn = Arrays.copyOf(write.bytes(), sizeGrewFirst ? write.bytes().length : kept);
                    Arrays.fill(torn, kept, torn.length, (byte) 0);
                    apply(write.at(), torn, torn.length);
                }
            }
        }
    }

    private void apply(long at, byte[] bytes, int count) {
        int end = Math.toIntExact(at + count);
        if (end > content.length) {
            content = Arrays.copyOf(content, Math.max(end, content.length * 2));
        }
        if (at > length) {
            Arrays.fill(content, length, (int) at, (byte) 0);
        }
        System.arraycopy(bytes, 0, content, (int) at, count);
        length = Math.max(length, end);
    }

    /** How the changes a file had not synced fare in one power cut. */
    enum Fate {
        LOSE_ALL,
        KEEP_ALL,
        /** In order up to one, torn, and none after it: a file system that writes in order. */
        PREFIX,
        /** Each whole, lost or torn, whatever the others did: pages written back in any order. */
        EACH_ITS_OWN
    }

    private enum Outcome { KEPT, LOST, TORN }
}
