package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A sink's persisted position, in two 32-byte slots written alternately. A write that is torn by a crash damages
 * only the slot being written; the other still holds the previous position, so no rename or directory sync is
 * needed per update.
 *
 * <pre>
 * slot: magic "FCUR" | generation i64 | committed seq i64 | reserved 8 bytes | crc32c u32
 * </pre>
 */
public final class CursorFile implements AutoCloseable {

    private static final int SLOT = 32;
    private static final int MAGIC = 0x46435552; // "FCUR"
    private static final String SUFFIX = ".cursor";

    private final FileChannel channel;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT);
    private final CRC32C crc = new CRC32C();
    private long generation;

    private CursorFile(FileChannel channel, long generation) {
        this.channel = channel;
        this.generation = generation;
    }

    /** Opens the cursor file, creating it at {@code initialSeq} if absent; returns it and its persisted seq. */
    public static Opened open(Storage storage, Path file, long initialSeq) throws IOException {
        boolean existed = storage.exists(file);
        FileChannel ch = storage.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Optional<long[]> current = existed ? newest(ch) : Optional.empty();
            CursorFile cursor = new CursorFile(ch, current.map(c -> c[0]).orElse(0L));
            long seq = current.map(c -> c[1]).orElse(initialSeq);
            if (current.isEmpty()) {
                cursor.write(seq);
                storage.syncDirectory(file.getParent());
            }
            return new Opened(cursor, seq);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public record Opened(CursorFile file, long committedSeq) {}

    /** The persisted seq of the cursor file, or empty if it has no intact slot. */
    public static OptionalLong read(Storage storage, Path file) throws IOException {
        try (FileChannel ch = storage.open(file, StandardOpenOption.READ)) {
            return newest(ch).map(c -> OptionalLong.of(c[1])).orElse(OptionalLong.empty());
        }
    }

    /** Durably records {@code committedSeq}. Callers serialise writes to one file. */
    public void write(long committedSeq) throws IOException {
        generation++;
        slot.clear();
        slot.putInt(MAGIC).putLong(generation).putLong(committedSeq).putLong(0);
        crc.reset();
        crc.update(slot.array(), 0, SLOT - 4);
        slot.putInt((int) crc.getValue()).flip();
        long at = (generation & 1) * SLOT;
        while (slot.hasRemaining()) {
            channel.write(slot, at + slot.position());
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static String fileName(String sinkName) {
        StringBuilder name = new StringBuilder();
        for (byte b : sinkName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && !name.isEmpty());
            if (plain) {
                name.append(c);
            } else {
                name.append('%').append(HexFormat.of().toHexDigits(b));
            }
        }
        return name.append(SUFFIX).toString();
    }

    /** The sink name a cursor file stands for, or empty for any other file. */
    public static Optional<String> sinkName(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            return Optional.empty();
        }
        String encoded = name.substring(0, name.length() - SUFFIX.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /** {generation, committed seq} of the newest intact slot. */
    private static Optional<long[]> newest(FileChannel ch) throws IOException {
        ByteBuffer both = ByteBuffer.allocate(2 * SLOT);
        while (both.hasRemaining() && ch.read(both, both.position()) > 0) {
            // keep reading until both slots or end of file
        }
        long[] best = null;
        CRC32C crc = new CRC32C();
        for (int s = 0; s < 2; s++) {
            int at = s * SLOT;
            if (both.position() < at + SLOT || both.getInt(at) != MAGIC) {
                continue;
            }
            crc.reset();
            crc.update(both.array(), at, SLOT - 4);
            if ((int) crc.getValue() != both.getInt(at + SLOT - 4)) {
                continue;
            }
            long generation = both.getLong(at + 4);
            if (best == null || generation > best[0]) {
                best = new long[] {generation, both.getLong(at + 12)};
            }
        }
        return Optional.ofNullable(best);
    }
}
