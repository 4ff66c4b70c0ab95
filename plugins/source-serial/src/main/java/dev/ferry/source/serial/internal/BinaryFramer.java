package dev.ferry.source.serial.internal;

import dev.ferry.source.serial.Checksum;

/**
 * Cuts binary frames {@code [start][length byte?][payload][checksum]} from a byte stream. Hunts for the start
 * bytes; a frame whose checksum fails is reported and the hunt resumes one byte after its start, so a start byte
 * that happened to appear inside noise never costs the real frame that follows. Bytes skipped while hunting are
 * reported once per run, and not at all right after a bad checksum, which already counted them.
 */
final class BinaryFramer implements Framer {

    private final byte[] start;
    private final int fixedLength;
    private final boolean lengthByte;
    private final Checksum checksum;
    private final FrameConsumer consumer;
    private final byte[] buffer;
    private int count;
    private boolean skipping;

    /** @param fixedLength the payload length, or -1 when a length byte gives it */
    BinaryFramer(byte[] start, int fixedLength, Checksum checksum, int readSize, FrameConsumer consumer) {
        this.start = start.clone();
        this.fixedLength = fixedLength;
        this.lengthByte = fixedLength < 0;
        this.checksum = checksum;
        this.consumer = consumer;
        int longest = start.length + (lengthByte ? 1 + 255 : fixedLength) + checksum.width();
        this.buffer = new byte[longest + readSize];
    }

    @Override
    public void accept(byte[] data, int length) throws InterruptedException {
        int offset = 0;
        while (offset < length) {
            int n = Math.min(length - offset, buffer.length - count);
            System.arraycopy(data, offset, buffer, count, n);
            count += n;
            offset += n;
            cut();
        }
    }

    /** Takes every whole frame from the buffer and keeps the unfinished rest at its front. */
    private void cut() throws InterruptedException {
        int pos = 0;
        while (true) {
            int at = find(pos);
            if (at > pos) {
                skipped(pos, at - pos);
            }
            pos = at;
            int header = start.length + (lengthByte ? 1 : 0);
            if (count - at < header) {
                break;
            }
            int payload = lengthByte ? buffer[at + start.length] & 0xFF : fixedLength;
            int total = header + payload + checksum.width();
            if (count - at < total) {
                break;
            }
            if (checksumHolds(at, header + payload)) {
                skipping = false;
                consumer.frame(buffer, at + header, payload);
                pos = at + total;
            } else {
                skipping = true;
                consumer.malformed("bad checksum in frame " + Printable.bytes(buffer, at, total) + ": "
                        + describe(at, header + payload));
                pos = at + 1;
            }
        }
        System.arraycopy(buffer, pos, buffer, 0, count - pos);
        count -= pos;
    }

    /**
     * The index of the next start bytes at or after {@code from}; when there are none, the index from which the
     * buffer's tail could still be the beginning of start bytes (or {@code count}).
     */
    private int find(int from) {
        outer:
        for (int i = from; i < count; i++) {
            for (int j = 0; j < start.length && i + j < count; j++) {
                if (buffer[i + j] != start[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return count;
    }

    private void skipped(int from, int length) throws InterruptedException {
        if (!skipping) {
            skipping = true;
            consumer.malformed(length + " byte(s) outside any frame skipped: " + Printable.bytes(buffer, from, length));
        }
    }

    private boolean checksumHolds(int at, int covered) {
        int end = at + covered;
        return switch (checksum) {
            case NONE -> true;
            case XOR -> Checksums.xor(buffer, at, covered) == (buffer[end] & 0xFF);
            case CRC16_MODBUS -> Checksums.crc16Modbus(buffer, at, covered) == sentCrc(end);
        };
    }

    private int sentCrc(int at) {
        return (buffer[at] & 0xFF) | (buffer[at + 1] & 0xFF) << 8;
    }

    private String describe(int at, int covered) {
        int end = at + covered;
        return switch (checksum) {
            case NONE -> "";
            case XOR -> String.format("sent XOR %02X, computed %02X", buffer[end] & 0xFF, Checksums.xor(buffer, at, covered));
            case CRC16_MODBUS -> String.format("sent CRC %04X, computed %04X", sentCrc(end), Checksums.crc16Modbus(buffer, at, covered));
        };
    }
}
