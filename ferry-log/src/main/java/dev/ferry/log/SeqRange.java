package dev.ferry.log;

/**
 * The sequence numbers one {@link DurableLog#append} gave its readings, both ends inclusive.
 * An empty append gets {@code last == first - 1}.
 */
public record SeqRange(long first, long last) {

    public long count() {
        return last - first + 1;
    }
}
