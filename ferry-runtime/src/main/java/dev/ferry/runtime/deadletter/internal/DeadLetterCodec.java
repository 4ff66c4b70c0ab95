package dev.ferry.runtime.deadletter.internal;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.api.ReadingId;
import dev.ferry.api.Refusal;
import dev.ferry.api.StoredReading;
import dev.ferry.log.ReadingCodec;
import dev.ferry.runtime.deadletter.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * One dead letter as a record in a segment file:
 * <pre>
 * length u32 | crc32c u32 (of the payload) | payload
 * payload = kind u8 (1 reading, 2 gap) | time millis i64 | sink str | code str | reason str | agent str | epoch str
 *           | first seq i64 | reading: codec length u32, {@link ReadingCodec} bytes | gap: last seq i64, reason u8
 * str = modified UTF-8 with a u16 length, as {@link DataOutputStream#writeUTF}
 * </pre>
 * A reading keeps its exact value type, so a replayed reading is the same reading the log held.
 */
public final class DeadLetterCodec {

    /** Bytes before the payload. */
    public static final int HEADER = 8;
    /** Longer reasons are cut, so a record's strings always fit their u16 lengths. */
    private static final int MAX_TEXT = 4_000;
    private static final byte READING = 1;
    private static final byte GAP = 2;

    private DeadLetterCodec() {}

    public static byte[] encode(DeadLetter letter) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        bytes.write(new byte[HEADER]);
        DataOutputStream out = new DataOutputStream(bytes);
        LogEntry entry = letter.entry();
        out.writeByte(entry instanceof Gap ? GAP : READING);
        out.writeLong(letter.time().toEpochMilli());
        out.writeUTF(cut(letter.sink()));
        out.writeUTF(cut(letter.refusal().code()));
        out.writeUTF(cut(letter.refusal().reason()));
        switch (entry) {
            case StoredReading stored -> {
                out.writeUTF(stored.id().agent());
                out.writeUTF(stored.id().epoch());
                out.writeLong(stored.id().seq());
                byte[] reading = ReadingCodec.encode(stored.reading());
                out.writeInt(reading.length);
                out.write(reading);
            }
            case Gap gap -> {
                out.writeUTF(gap.agent());
                out.writeUTF(gap.epoch());
                out.writeLong(gap.firstSeq());
                out.writeLong(gap.lastSeq());
                out.writeByte(gap.reason().ordinal());
            }
        }
        byte[] record = bytes.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(record, 0, HEADER);
        header.putInt(record.length - HEADER);
        header.putInt(crc(record, HEADER, record.length - HEADER));
        return record;
    }

    /** Decodes a payload whose checksum is {@code expectedCrc}; null when it does not match or does not parse. */
    public static @Nullable DeadLetter decode(byte[] payload, int expectedCrc) {
        if (crc(payload, 0, payload.length) != expectedCrc) {
            return null;
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            byte kind = in.readByte();
            Instant time = Instant.ofEpochMilli(in.readLong());
            String sink = in.readUTF();
            Refusal refusal = new Refusal(in.readUTF(), in.readUTF());
            String agent = in.readUTF();
            String epoch = in.readUTF();
            long first = in.readLong();
            LogEntry entry;
            if (kind == READING) {
                byte[] reading = new byte[in.readInt()];
                in.readFully(reading);
                entry = new StoredReading(new ReadingId(agent, epoch, first), ReadingCodec.decode(reading));
            } else if (kind == GAP) {
                long last = in.readLong();
                entry = new Gap(agent, epoch, first, last, GapReason.values()[in.readUnsignedByte()]);
            } else {
                return null;
            }
            return new DeadLetter(entry, sink, refusal, time);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
