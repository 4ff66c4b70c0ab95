package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads whole packets from a stream. The size a packet announces is checked against the maximum packet size before
 * anything is allocated for it, and the body buffer then grows only as bytes actually arrive, so a peer that announces
 * a huge packet and sends nothing costs nothing. One reader per stream; not thread-safe.
 */
public final class PacketReader {

    private static final int CHUNK = 64 * 1024;
    private static final int KEEP = 8 * 1024;

    private final InputStream in;
    private final int maximumPacketSize;
    private byte[] body = new byte[KEEP];

    /** @param maximumPacketSize the largest whole packet accepted, fixed header included */
    public PacketReader(InputStream in, int maximumPacketSize) {
        this.in = in;
        this.maximumPacketSize = maximumPacketSize;
    }

    /**
     * The next packet, or null when the stream ended cleanly between packets.
     *
     * @throws MalformedPacketException the packet breaks the specification or exceeds the maximum packet size
     * @throws EOFException the stream ended in the middle of a packet
     */
    public @Nullable Packet read(MqttVersion version) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = 0;
        int lengthBytes = 0;
        int b;
        do {
            if (lengthBytes == 4) {
                throw MalformedPacketException.malformed("remaining length longer than 4 bytes");
            }
            b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside a fixed header");
            }
            length |= (b & 0x7F) << (7 * lengthBytes++);
        } while ((b & 0x80) != 0);
        if (b == 0 && lengthBytes > 1) {
            throw MalformedPacketException.malformed("remaining length is not in its shortest form");
        }
        long total = 1L + lengthBytes + length;
        if (total > maximumPacketSize) {
            throw new MalformedPacketException(MqttReasonCodes.PACKET_TOO_LARGE,
                    "a packet of " + total + " bytes exceeds the maximum packet size of " + maximumPacketSize + " bytes");
        }
        readBody(length);
        Packet packet = PacketDecoder.decode(first, body, 0, length, version);
        if (body.length > CHUNK) {
            body = new byte[KEEP]; // give back what one large packet needed
        }
        return packet;
    }

    private void readBody(int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, Math.max((long) body.length * 2, body.length + (long) CHUNK)));
            }
            int n = in.read(body, filled, Math.min(body.length, length) - filled);
            if (n < 0) {
                throw new EOFException("stream ended after " + filled + " of " + length + " bytes of a packet");
            }
            filled += n;
        }
    }
}
