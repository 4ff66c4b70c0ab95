package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The log directory's identity: its epoch (random, fixed when the directory is created) and the agent id that last
 * opened it, which offline tools need to print reading IDs.
 *
 * <pre>
 * magic "FERRYLOG" | version u16 | epoch len u8 + ASCII | agent len u16 + UTF-8 | created at (epoch ms) i64 | crc32c u32
 * </pre>
 */
public record MetaFile(String epoch, String agentId, long createdAtMillis) {

    private static final byte[] MAGIC = "FERRYLOG".getBytes(StandardCharsets.US_ASCII);
    private static final short VERSION = 1;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** 12 base32 characters: 60 random bits, so two logs never share an epoch in practice. */
    public static String newEpoch(SecureRandom random) {
        char[] epoch = new char[12];
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] = BASE32[random.nextInt(32)];
        }
        return new String(epoch);
    }

    public void write(Storage storage, Path file) throws IOException {
        byte[] epochBytes = epoch.getBytes(StandardCharsets.US_ASCII);
        byte[] agentBytes = agentId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + 1 + epochBytes.length + 2 + agentBytes.length + 8 + 4);
        b.put(MAGIC).putShort(VERSION).put((byte) epochBytes.length).put(epochBytes)
                .putShort((short) agentBytes.length).put(agentBytes).putLong(createdAtMillis);
        b.putInt(crc(b.array(), b.position()));
        AtomicFiles.replace(storage, file, b.flip());
    }

    /** The meta file's content, or empty if it is missing or damaged. */
    public static Optional<MetaFile> read(Storage storage, Path file) throws IOException {
        if (!storage.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = storage.readAllBytes(file);
        try {
            if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.position(MAGIC.length);
            if (b.getShort() != VERSION) {
                return Optional.empty();
            }
            byte[] epochBytes = new byte[b.get() & 0xFF];
            b.get(epochBytes);
            byte[] agentBytes = new byte[b.getShort() & 0xFFFF];
            b.get(agentBytes);
            long createdAt = b.getLong();
            if (b.getInt() != crc(bytes, b.position() - 4)) {
                return Optional.empty();
            }
            return Optional.of(new MetaFile(new String(epochBytes, StandardCharsets.US_ASCII),
                    new String(agentBytes, StandardCharsets.UTF_8), createdAt));
        } catch (RuntimeException truncated) {
            return Optional.empty();
        }
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
