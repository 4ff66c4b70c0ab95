package dev.ferry.log.internal;

import dev.ferry.api.Reading;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The names one reader decodes again and again (source, metric, unit, tag keys and values), kept so each is decoded
 * once: a hit costs a copy and a compare instead of a new String, and readings that share tags share one map. The
 * consumers downstream (encoders remembering escaped forms by identity) gain from the shared instances too.
 * Direct-mapped and bounded, so a stream of ever-new names costs a miss each, never memory. Not thread-safe: one per
 * reader.
 */
public final class StringTable {

    private static final int SLOTS = 256;
    /** Longer strings are rarely names; they are decoded without the table. */
    private static final int MAX_LENGTH = 64;
    private static final int TAG_SLOTS = 16;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private final byte[] scratch = new byte[MAX_LENGTH];
    private final String[][] tagPairs = new String[TAG_SLOTS][];
    @SuppressWarnings("unchecked")
    private final Map<String, String>[] tagMaps = new Map[TAG_SLOTS];

    /** The UTF-8 string in {@code in[at, at + length)}. */
    String string(ByteBuffer in, int at, int length) {
        if (length > MAX_LENGTH) {
            byte[] bytes = new byte[length];
            in.get(at, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        in.get(at, scratch, 0, length);
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + scratch[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, scratch, 0, length)) {
            return strings[slot];
        }
        String decoded = new String(scratch, 0, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOf(scratch, length);
        strings[slot] = decoded;
        return decoded;
    }

    /** The tag map of {@code pairs} (key, value, key, value, …), shared with earlier readings that had the same. */
    Map<String, String> tags(String[] pairs) {
        int hash = pairs.length;
        for (int i = 0; i < pairs.length; i++) {
            hash = 31 * hash + pairs[i].hashCode();
        }
        int slot = (hash ^ hash >>> 16) & (TAG_SLOTS - 1);
        String[] known = tagPairs[slot];
        if (known != null && sameInstances(known, pairs)) {
            return tagMaps[slot];
        }
        Map<String, String> map = mapOf(pairs);
        tagPairs[slot] = pairs;
        tagMaps[slot] = map;
        return map;
    }

    /** The map of {@code pairs} (key, value, key, value, …). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, String> mapOf(String[] pairs) {
        return Reading.tags(pairs);
    }

    private static boolean sameInstances(String[] known, String[] pairs) {
        if (known.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i++) {
            if (known[i] != pairs[i]) {
                return false;
            }
        }
        return true;
    }
}
