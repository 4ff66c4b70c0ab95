package dev.ferry.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A reading's tags, immutable, in the order they were given. {@code Map.copyOf} would be smaller than a linked map
 * but iterates in an order salted anew in every JVM, so the same reading sent again after a restart came out with
 * its tags reordered: the same ID with other bytes. An array of keys and values is smaller than either, and a
 * reading has a handful of tags, so a lookup's scan costs nothing.
 */
final class OrderedTags extends AbstractMap<String, String> {

    private static final OrderedTags EMPTY = new OrderedTags(new String[0]);

    /** Keys at even indexes, each followed by its value. */
    private final String[] pairs;

    private OrderedTags(String[] pairs) {
        this.pairs = pairs;
    }

    static Map<String, String> copyOf(Map<String, String> tags) {
        if (tags instanceof OrderedTags ordered) {
            return ordered;
        }
        if (tags.isEmpty()) {
            return EMPTY;
        }
        String[] pairs = new String[2 * tags.size()];
        int i = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            pairs[i++] = Objects.requireNonNull(tag.getKey(), "tag name");
            pairs[i++] = Objects.requireNonNull(tag.getValue(), () -> "value of tag " + tag.getKey());
        }
        return new OrderedTags(pairs);
    }

    static Map<String, String> ofPairs(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in pairs of name and value; got " + namesAndValues.length
                    + " strings");
        }
        String[] pairs = namesAndValues.clone();
        for (int i = 0; i < pairs.length; i += 2) {
            Objects.requireNonNull(pairs[i], "tag name");
            Objects.requireNonNull(pairs[i + 1], "value of tag " + pairs[i]);
            for (int j = 0; j < i; j += 2) {
                if (pairs[j].equals(pairs[i])) {
                    throw new IllegalArgumentException("tag " + pairs[i] + " given twice");
                }
            }
        }
        return pairs.length == 0 ? EMPTY : new OrderedTags(pairs);
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : pairs[at + 1];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return pairs.length / 2;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = Map.entry(pairs[next], pairs[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }
}
